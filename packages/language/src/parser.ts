import { CstParser, EOF as EOFToken, LLkLookaheadStrategy, tokenMatcher, type CstNode, type ILookaheadStrategy, type IOrAlt, type IParserErrorMessageProvider, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { showCharacters } from "./characters.js";
import * as T from "./lexer.js";

const K = T.keywordTokens;

/** Token labels are "中文/english" for word-like tokens, or quoted spellings for keywords and punctuation. */
function label(t: TokenType, locale: "zh" | "en" = "zh"): string {
  if (t === EOFToken) return locale === "zh" ? "文件结尾" : "the end of the file";
  const l = t.LABEL ?? t.name;
  if (l.startsWith("'")) return l;
  const [zh, en] = l.split("/");
  return (locale === "zh" ? zh : en) ?? l;
}

/** Messages come back as JSON holding both languages; parse.ts picks one. */
const bilingualMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === EOFToken) return bilingualMessages.buildNotAllInputParsedMessage({ firstRedundant: actual, ruleName });
    return JSON.stringify({
      zh: `此处应为 ${label(expected, "zh")}，却遇到 ${describe(actual, "zh")}`,
      en: `expected ${label(expected, "en")} but found ${describe(actual, "en")}`,
    });
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return JSON.stringify({
      zh: `多余的 ${describe(firstRedundant, "zh")}：此处应开始一个新的声明（evaluation、framework、subject、fact、survey、indicator、finding、veto 或 override）`,
      en: `unexpected ${describe(firstRedundant, "en")}: a declaration (evaluation, framework, subject, fact, survey, indicator, finding, veto or override) should start here`,
    });
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual }) {
    const options = (locale: "zh" | "en") => expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path.map((t) => label(t, locale)).join(" "))).slice(0, 8);
    return JSON.stringify({
      zh: `此处应为 ${options("zh").join("、")} 之一，却遇到 ${describe(actual[0]!, "zh")}`,
      en: `expected one of ${options("en").join(", ")} but found ${describe(actual[0]!, "en")}`,
    });
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual }) {
    const options = (locale: "zh" | "en") => expectedIterationPaths.map((path) => path.map((t) => label(t, locale)).join(" ")).slice(0, 8);
    return JSON.stringify({
      zh: `此处至少需要一个 ${options("zh").join("、")}，却遇到 ${describe(actual[0]!, "zh")}`,
      en: `expected at least one ${options("en").join(", ")} but found ${describe(actual[0]!, "en")}`,
    });
  },
};

function describe(token: IToken, locale: "zh" | "en"): string {
  if (token.tokenType === EOFToken) return locale === "zh" ? "文件结尾" : "the end of the file";
  return `'${showCharacters(token.image, 20)}'`;
}

/**
 * Chevrotain re-enters a repetition recursively after each in-repetition re-sync, so a file
 * with thousands of errors inside one block overflowed the stack. Past this many nested
 * re-syncs the repetition ends instead; the rule-level re-sync that follows is a loop.
 * Only the first 50 syntax errors are reported anyway.
 */
const MAX_NESTED_RESYNCS = 50;

type RecoveryHook = (this: PerfParser, ...args: unknown[]) => void;

/**
 * Past this many errors in one run the parser jumps to the end of its input: Chevrotain's
 * recovery costs about 0.1 ms per error (300 000 took half a minute), and parse() shows only 50.
 */
const MAX_ERRORS_PER_RUN = 200;

/** The `{ LABEL }` options of CONSUME and SUBRULE, made once instead of at every call. */
const labelled = Object.freeze({
  acknowledged: { LABEL: "acknowledged" },
  actual: { LABEL: "actual" },
  actualNone: { LABEL: "actualNone" },
  actualText: { LABEL: "actualText" },
  after: { LABEL: "after" },
  args: { LABEL: "args" },
  claim: { LABEL: "claim" },
  class: { LABEL: "class" },
  convert: { LABEL: "convert" },
  count: { LABEL: "count" },
  deviation: { LABEL: "deviation" },
  each: { LABEL: "each" },
  expected: { LABEL: "expected" },
  fn: { LABEL: "fn" },
  grade: { LABEL: "grade" },
  high: { LABEL: "high" },
  label: { LABEL: "label" },
  level: { LABEL: "level" },
  low: { LABEL: "low" },
  lower: { LABEL: "lower" },
  max: { LABEL: "max" },
  name: { LABEL: "name" },
  op: { LABEL: "op" },
  operands: { LABEL: "operands" },
  operators: { LABEL: "operators" },
  path: { LABEL: "path" },
  qualitative: { LABEL: "qualitative" },
  reason: { LABEL: "reason" },
  row: { LABEL: "row" },
  rows: { LABEL: "rows" },
  subject: { LABEL: "subject" },
  table: { LABEL: "table" },
  target: { LABEL: "target" },
  title: { LABEL: "title" },
  tolerance: { LABEL: "tolerance" },
  type: { LABEL: "type" },
  unit: { LABEL: "unit" },
  upper: { LABEL: "upper" },
  use: { LABEL: "use" },
  weight: { LABEL: "weight" },
});

/** Chevrotain internals (not in its typings) that every recognition error passes through. */
interface ErrorInternals {
  SAVE_ERROR(this: PerfParser, error: IRecognitionException): IRecognitionException;
  moveToTerminatedState(this: PerfParser): void;
}
const internals = CstParser.prototype as unknown as ErrorInternals;
if (typeof internals.SAVE_ERROR !== "function" || typeof internals.moveToTerminatedState !== "function") {
  throw new Error("chevrotain: SAVE_ERROR or moveToTerminatedState not found; check the error cap");
}

/**
 * Chevrotain's LL(k) lookahead, each decision's function built the first time the parser reaches
 * that decision rather than all of them at start-up (decision 0185). The functions are the same;
 * parsing a small file reaches a fraction of the grammar's 113 decisions (the bench's 30 leaves
 * 38, the 永州 example 47).
 */
class LazyLookahead extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0]): ReturnType<ILookaheadStrategy["buildLookaheadForAlternation"]> {
    let built: ReturnType<ILookaheadStrategy["buildLookaheadForAlternation"]> | undefined;
    const build = () => super.buildLookaheadForAlternation(options);
    return function (this: unknown, alternatives) {
      return (built ??= build()).call(this, alternatives);
    };
  }

  override buildLookaheadForOptional(options: Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0]): ReturnType<ILookaheadStrategy["buildLookaheadForOptional"]> {
    let built: ReturnType<ILookaheadStrategy["buildLookaheadForOptional"]> | undefined;
    const build = () => super.buildLookaheadForOptional(options);
    return function (this: unknown) {
      return (built ??= build()).call(this);
    };
  }
}

/** Chevrotain's recovery internals (not in its typings) that the re-sync scan reads. */
interface ResyncInternals {
  currIdx: number;
  tokVector: IToken[];
  flattenFollowSet(): TokenType[];
  LA(howMuch: number): IToken;
}

/** Where the last re-sync scan ended: the first token from `from` on that is in the follow set `key`. */
interface ResyncMemo {
  vector: IToken[];
  key: string;
  from: number;
  at: number;
  type: TokenType;
}

/** Chevrotain's CST factory internals (not in its typings). */
interface CstInternals {
  CST_STACK: CstNode[];
  cstInvocationStateUpdate(this: CstInternals, name: string): void;
  setInitialNodeLocation: unknown;
  setInitialNodeLocationOnlyOffsetRecovery: unknown;
}
/** The prototype of every CST node's `children`: empty, and without Object.prototype above it. */
const noPrototype: object = Object.freeze(Object.create(null) as object);

export class PerfParser extends CstParser {
  /**
   * `validate` runs Chevrotain's grammar checks (ambiguities, left recursion, …): a test does
   * (test/grammar-validation.test.ts); every process start skips them (decision 0170).
   */
  constructor(options: { validate?: boolean } = {}) {
    // Chevrotain tracks each node's offsets as it builds it, so the AST builder never walks a subtree for a range.
    super(T.allTokens, { recoveryEnabled: true, errorMessageProvider: bilingualMessages, maxLookahead: 3, lookaheadStrategy: new LazyLookahead({ maxLookahead: 3 }), nodeLocationTracking: "onlyOffset", skipValidations: !options.validate });
    this.performSelfAnalysis();
    // Chevrotain makes each CST node's `children` with Object.create(null), which V8 keeps as a
    // hash table (dictionary mode): slow to fill and to read, and large. A child of an empty
    // object that itself has no prototype is an ordinary fast object with the same behaviour (no
    // inherited keys, for…in in insertion order). The node and its location are made in one
    // literal, as Chevrotain's `setInitialNodeLocationOnlyOffsetRecovery` would set them.
    const cst = this as unknown as CstInternals;
    if (typeof cst.cstInvocationStateUpdate !== "function" || cst.setInitialNodeLocation !== cst.setInitialNodeLocationOnlyOffsetRecovery || !Array.isArray(cst.CST_STACK)) {
      throw new Error("chevrotain: the CST node factory is not the one expected; check cstInvocationStateUpdate");
    }
    cst.cstInvocationStateUpdate = function (this: CstInternals, name: string) {
      this.CST_STACK.push({ name, children: Object.create(noPrototype) as CstNode["children"], location: { startOffset: NaN, endOffset: NaN } });
    };
    // `attemptInRepetitionRecovery` is Chevrotain's own (not in its typings): an instance field
    // set when recovery is enabled. The depth counter is reset by each parse (`reset`).
    const self = this as unknown as { attemptInRepetitionRecovery: RecoveryHook };
    const attempt = self.attemptInRepetitionRecovery;
    if (typeof attempt !== "function") throw new Error("chevrotain: attemptInRepetitionRecovery not found; check the bound on recovery");
    self.attemptInRepetitionRecovery = function (this: PerfParser, ...args: unknown[]) {
      if (this.resyncDepth >= MAX_NESTED_RESYNCS) return;
      this.resyncDepth++;
      try {
        attempt.apply(this, args);
      } finally {
        this.resyncDepth--;
      }
    };
  }

  /**
   * The alternatives of each `OR`, made on its first call and kept (Chevrotain's own advice for
   * speed): written inline, every call of a rule built an array and an object and a closure per
   * alternative (fourteen of each for a text clause). The alternatives read nothing but `this`,
   * so one set serves every call. Each call site has its own index.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly alts: IOrAlt<any>[][] = [];
  /** The same for the closure or options of each OPTION, MANY, MANY_SEP and AT_LEAST_ONE_SEP. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly defs: any[] = [];

  private resyncDepth = 0;
  private errorCount = 0;

  private resyncMemo: ResyncMemo | undefined;

  override reset(): void {
    super.reset();
    this.resyncDepth = 0;
    this.errorCount = 0;
    this.resyncMemo = undefined;
  }

  /**
   * Chevrotain's own, with the same result: the type of the first follow-set token at or after
   * the next token (the first of the set that it matches). Chevrotain scans the tokens afresh at
   * each in-repetition recovery; at the top level the follow set is only EOF, so each stray '}'
   * before a declaration scanned to the end of the file: quadratic (4000 of them took 2 s,
   * issue 12). A follow set of EOF alone needs no scan; otherwise the scan's end is kept: a later
   * scan with the same follow set starting at or before that end finds the same token, since it
   * starts at or after where the kept one did.
   */
  protected findReSyncTokenType(): TokenType {
    const self = this as unknown as ResyncInternals;
    const follows = self.flattenFollowSet();
    const from = self.currIdx + 1;
    let key = "";
    let onlyEof = true;
    for (const t of follows) {
      key += `${t.tokenTypeIdx},`;
      if (t !== EOFToken) onlyEof = false;
    }
    // only the end (past every real token) matches EOF: nothing to scan for
    if (onlyEof) return EOFToken;
    const memo = this.resyncMemo;
    if (memo && memo.vector === self.tokVector && memo.key === key && memo.from <= from && from <= memo.at) return memo.type;
    // always ends: EOF is in every follow set and LA reads EOF past the end
    for (let k = 1; ; k++) {
      const token = self.LA(k);
      for (const type of follows) {
        if (tokenMatcher(token, type)) {
          this.resyncMemo = { vector: self.tokVector, key, from, at: from + k - 1, type };
          return type;
        }
      }
    }
  }

  protected SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const saved = internals.SAVE_ERROR.call(this, error);
    if (++this.errorCount === MAX_ERRORS_PER_RUN) internals.moveToTerminatedState.call(this);
    return saved;
  }

  /**
   * The `file` rule over `tokens` from index `start` on. The tokens are not copied: parse()
   * resumes after each stray token up to 51 times, and a copy of the rest at each resumption
   * (with Chevrotain's end sentinels pushed onto it, another copy) cost 51 copies of a large
   * file (issue 12). The parser reads no token before its position but `LA(0)`, whose only
   * readers (the empty-node check and the errors' `previousToken`) treat a token before the
   * rule as they treat the EOF before the input.
   *
   * Each recognition error is an Error whose stack V8 captures, and none is ever read (parse()
   * reads the message and the token): 40% of the parse of 2 000 stray '}'. The run captures no
   * stacks; should it throw (a bug: the parser recovers from every recognition error), it runs
   * again with stacks, so what it throws has its stack.
   */
  fileFrom(tokens: IToken[], start: number): CstNode {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return this.runFile(tokens, start);
    } catch {
      Error.stackTraceLimit = limit;
      return this.runFile(tokens, start);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  private runFile(tokens: IToken[], start: number): CstNode {
    this.input = tokens;
    (this as unknown as ResyncInternals).currIdx = start - 1;
    return this.file();
  }

  file = this.RULE("file", () => {
    this.MANY(this.defs[0] ??= () => {
      this.OR(this.alts[0] ??= [
        { ALT: () => this.SUBRULE(this.evaluation) },
        { ALT: () => this.SUBRULE(this.fact) },
        { ALT: () => this.SUBRULE(this.survey) },
        { ALT: () => this.SUBRULE(this.indicator) },
        { ALT: () => this.SUBRULE(this.finding) },
        { ALT: () => this.SUBRULE(this.veto) },
        { ALT: () => this.SUBRULE(this.framework) },
        { ALT: () => this.SUBRULE(this.subject) },
        { ALT: () => this.SUBRULE(this.override) },
        { ALT: () => this.SUBRULE(this.units) },
        { ALT: () => this.SUBRULE(this.table) },
        { ALT: () => this.SUBRULE(this.assertion) },
        { ALT: () => this.SUBRULE(this.target) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
  });

  /** `framework ID "name" { … }`: the header items a shared tree may set (total, precision, grades); the builder reports others. */
  framework = this.RULE("framework", () => {
    this.CONSUME(K.Framework);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[1] ??= () => this.CONSUME(T.StringLiteral, labelled.title));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[2] ??= () => this.SUBRULE(this.headerItem));
    this.CONSUME(T.RBrace);
  });

  /** `subject ID "name" { … }` at the top level (in a header, `subject "…"` stays the text clause). */
  subject = this.RULE("subject", () => {
    this.CONSUME(K.Subject);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[3] ??= () => this.CONSUME(T.StringLiteral, labelled.title));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[4] ??= () => {
      this.OR(this.alts[1] ??= [
        { ALT: () => this.SUBRULE(this.fact) },
        { ALT: () => this.SUBRULE(this.survey) },
        { ALT: () => this.SUBRULE(this.finding) },
        { ALT: () => this.SUBRULE(this.veto) },
        { ALT: () => this.SUBRULE(this.assess) },
        // per-subject targets (decision 0182): the subject's own values of a target
        { ALT: () => this.SUBRULE(this.target) },
        {
          ALT: () => {
            this.CONSUME(K.Declared);
            this.SUBRULE(this.value);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Grades);
            this.CONSUME1(T.Identifier, labelled.grade);
          },
        },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  assess = this.RULE("assess", () => {
    this.CONSUME(K.Assess);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[5] ??= () => {
      this.OR(this.alts[2] ??= [
        { ALT: () => this.SUBRULE(this.deduction) },
        {
          ALT: () => {
            this.OR1(this.alts[3] ??= [{ ALT: () => this.CONSUME(K.Score) }, { ALT: () => this.CONSUME(K.Declared) }]);
            this.SUBRULE(this.value);
          },
        },
        { ALT: () => this.SUBRULE(this.textClause) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  /** `override INDICATOR weight N "reason"` or `override INDICATOR rule METHOD "reason"`. */
  override = this.RULE("override", () => {
    this.CONSUME(K.Override);
    this.CONSUME(T.Identifier);
    this.OR(this.alts[4] ??= [
      {
        ALT: () => {
          this.CONSUME(K.Weight);
          this.SUBRULE(this.value);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Rule);
          this.OR1(this.alts[5] ??= [
            { ALT: () => this.SUBRULE(this.ratio) },
            { ALT: () => this.SUBRULE(this.perFinding) },
            { ALT: () => this.SUBRULE(this.bands) },
            { ALT: () => this.SUBRULE(this.satisfaction) },
            { ALT: () => this.CONSUME(K.Judgement) },
          ]);
        },
      },
    ]);
    this.OPTION(this.defs[6] ??= () => this.CONSUME(T.StringLiteral, labelled.reason));
  });

  evaluation = this.RULE("evaluation", () => {
    this.CONSUME(K.Evaluation);
    this.OPTION(this.defs[7] ??= () => this.CONSUME(T.StringLiteral, labelled.title));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[8] ??= () => this.SUBRULE(this.headerItem));
    this.CONSUME(T.RBrace);
  });

  headerItem = this.RULE("headerItem", () => {
    this.OR(this.alts[6] ??= [
      {
        ALT: () => {
          this.CONSUME(K.Period);
          this.OR1(this.alts[7] ??= [{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.NumberLiteral) }]);
        },
      },
      { ALT: () => this.SUBRULE(this.textClause) },
      {
        ALT: () => {
          this.OR2(this.alts[8] ??= [
            { ALT: () => this.CONSUME(K.Total) },
            { ALT: () => this.CONSUME(K.Precision) },
            { ALT: () => this.CONSUME(K.Declared) },
            { ALT: () => this.CONSUME(K.Quorum) },
            { ALT: () => this.CONSUME(K.Deviation) },
          ]);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.grades) },
      {
        // `grade NAME`, the published grade; `grade {` opens the bands
        ALT: () => {
          this.CONSUME(K.Grades);
          this.CONSUME(T.Identifier, labelled.grade);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Use);
          this.CONSUME1(T.StringLiteral, labelled.use);
        },
      },
      { ALT: () => this.CONSUME1(T.Semicolon) },
    ]);
  });

  /** `KEYWORD "text"` clauses shared by the header, indicators and findings. */
  textClause = this.RULE("textClause", () => {
    this.OR(this.alts[9] ??= [
      { ALT: () => this.CONSUME(K.Client) },
      { ALT: () => this.CONSUME(K.Evaluator) },
      { ALT: () => this.CONSUME(K.Subject) },
      { ALT: () => this.CONSUME(K.Explain) },
      { ALT: () => this.CONSUME(K.Criteria) },
      { ALT: () => this.CONSUME(K.Note) },
      { ALT: () => this.CONSUME(K.Evidence) },
      { ALT: () => this.CONSUME(K.Unit) },
      { ALT: () => this.CONSUME(K.Project) },
      { ALT: () => this.CONSUME(K.Class) },
      { ALT: () => this.CONSUME(K.Type) },
      { ALT: () => this.CONSUME(K.Issue) },
      { ALT: () => this.CONSUME(K.Description) },
      { ALT: () => this.CONSUME(K.Kind) },
    ]);
    this.CONSUME(T.StringLiteral);
  });

  grades = this.RULE("grades", () => {
    this.CONSUME(K.Grades);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[9] ??= () => {
      this.OR(this.alts[10] ??= [{ ALT: () => this.SUBRULE(this.gradeBand) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  gradeBand = this.RULE("gradeBand", () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.GreaterEq);
    this.SUBRULE(this.value, labelled.lower);
    this.OPTION(this.defs[10] ??= () => {
      this.CONSUME(T.Less);
      this.SUBRULE1(this.value, labelled.upper);
    });
  });

  fact = this.RULE("fact", () => {
    this.CONSUME(K.Fact);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expression);
    this.OPTION(this.defs[11] ??= () => {
      this.CONSUME(K.In);
      this.SUBRULE(this.unitWord, labelled.convert);
    });
    this.OPTION1(this.defs[12] ??= () => this.CONSUME(T.StringLiteral));
  });

  /** A unit where one is required: a known unit or any word (declared in `units`, or PERF200). */
  unitWord = this.RULE("unitWord", () => {
    this.OR(this.alts[11] ??= [{ ALT: () => this.CONSUME(T.UnitLiteral) }, { ALT: () => this.CONSUME(T.Identifier) }]);
  });

  /** `units { 台套; 亿次 = 100000000 次 }` (decision 0092). */
  units = this.RULE("units", () => {
    this.CONSUME(K.Units);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[13] ??= () => {
      this.OR(this.alts[12] ??= [{ ALT: () => this.SUBRULE(this.unitDef) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  unitDef = this.RULE("unitDef", () => {
    this.SUBRULE(this.unitWord);
    this.OPTION(this.defs[14] ??= () => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.value);
    });
  });

  /** `table ID "title" { columns { … } row … printed … }` (decision 0092). */
  table = this.RULE("table", () => {
    this.CONSUME(K.Table);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[15] ??= () => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[16] ??= () => {
      this.OR(this.alts[13] ??= [
        { ALT: () => this.SUBRULE(this.columns) },
        { ALT: () => this.SUBRULE(this.tableRow) },
        { ALT: () => this.SUBRULE(this.printed) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  columns = this.RULE("columns", () => {
    this.CONSUME(K.Columns);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[17] ??= () => {
      this.OR(this.alts[14] ??= [{ ALT: () => this.SUBRULE(this.column) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  column = this.RULE("column", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[18] ??= () => this.CONSUME(T.StringLiteral));
    this.SUBRULE(this.unitWord, labelled.type);
  });

  tableRow = this.RULE("tableRow", () => {
    this.CONSUME(K.Row);
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LBrace);
    this.MANY_SEP(this.defs[19] ??= { SEP: T.Comma, DEF: () => this.SUBRULE(this.cell) });
    this.CONSUME(T.RBrace);
  });

  /** A string, a number (the column's unit unless it writes one), `-5`, or `-` alone for an empty cell. */
  cell = this.RULE("cell", () => {
    this.OR(this.alts[15] ??= [
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.value) },
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.OPTION(this.defs[20] ??= () => this.SUBRULE1(this.value));
        },
      },
    ]);
  });

  printed = this.RULE("printed", () => {
    this.CONSUME(K.Printed);
    this.OR(this.alts[16] ??= [
      { ALT: () => this.CONSUME(K.Total) },
      {
        ALT: () => {
          this.CONSUME(K.Subtotal);
          this.CONSUME(T.Identifier, labelled.name);
          this.OPTION(this.defs[21] ??= () => {
            this.CONSUME(K.Rows);
            this.CONSUME(T.LBracket);
            this.MANY_SEP(this.defs[22] ??= { SEP: T.Comma, DEF: () => this.CONSUME1(T.Identifier, labelled.rows) });
            this.CONSUME(T.RBracket);
          });
        },
      },
    ]);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[23] ??= () => {
      this.OR1(this.alts[17] ??= [{ ALT: () => this.SUBRULE(this.printedValue) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
    this.OPTION1(this.defs[24] ??= () => {
      this.CONSUME(K.Acknowledged);
      this.CONSUME(T.StringLiteral, labelled.acknowledged);
    });
  });

  printedValue = this.RULE("printedValue", () => {
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[25] ??= () => this.CONSUME(T.Minus));
    this.SUBRULE(this.value);
  });

  /** `row TABLE.ROW` on a finding or an indicator. */
  rowRef = this.RULE("rowRef", () => {
    this.CONSUME(K.Row);
    this.CONSUME(T.Identifier, labelled.table);
    this.CONSUME(T.Dot);
    this.CONSUME1(T.Identifier, labelled.row);
  });

  survey = this.RULE("survey", () => {
    this.CONSUME(K.Survey);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[26] ??= () => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[27] ??= () => {
      this.OR(this.alts[18] ??= [
        {
          ALT: () => {
            this.OR1(this.alts[19] ??= [{ ALT: () => this.CONSUME(K.Satisfaction) }, { ALT: () => this.CONSUME(K.Respondents) }]);
            this.SUBRULE(this.value);
          },
        },
        { ALT: () => this.SUBRULE(this.tally) },
        { ALT: () => this.SUBRULE(this.textClause) },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RBrace);
  });

  /** `tally { 非常满意 120 × 100%; 满意 60 × 80% }`: answers per level, each level's weight. */
  tally = this.RULE("tally", () => {
    this.CONSUME(K.Tally);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[28] ??= () => {
      this.OR(this.alts[20] ??= [{ ALT: () => this.SUBRULE(this.tallyLevel) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  tallyLevel = this.RULE("tallyLevel", () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.value, labelled.count);
    this.CONSUME(T.Star);
    this.SUBRULE1(this.value, labelled.weight);
  });

  /** `elements { "立项依据符合政策" 1 met; "与部门职责相符" 1 unmet "原因" }` (要素法). */
  elements = this.RULE("elements", () => {
    this.CONSUME(K.Elements);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[29] ??= () => {
      this.OR(this.alts[21] ??= [{ ALT: () => this.SUBRULE(this.element) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  element = this.RULE("element", () => {
    this.CONSUME(T.StringLiteral, labelled.label);
    this.SUBRULE(this.value);
    this.OR(this.alts[22] ??= [
      { ALT: () => this.CONSUME(K.Met) },
      {
        ALT: () => {
          this.CONSUME(K.Unmet);
          // a string followed by a number is the next element's label, not this one's reason
          this.OPTION(this.defs[30] ??= { GATE: () => this.LA(2).tokenType !== T.NumberLiteral, DEF: () => this.CONSUME1(T.StringLiteral, labelled.reason) });
        },
      },
    ]);
  });

  indicator = this.RULE("indicator", () => {
    this.CONSUME(K.Indicator);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[31] ??= () => this.CONSUME(T.StringLiteral));
    this.OPTION1(this.defs[32] ??= () => {
      this.CONSUME(K.Weight);
      this.SUBRULE(this.value);
    });
    this.OPTION2(this.defs[33] ??= () => {
      this.CONSUME(T.LBrace);
      this.MANY(this.defs[34] ??= () => this.SUBRULE(this.indicatorItem));
      this.CONSUME(T.RBrace);
    });
  });

  indicatorItem = this.RULE("indicatorItem", () => {
    this.OR(this.alts[23] ??= [
      { ALT: () => this.SUBRULE(this.indicator) },
      { ALT: () => this.SUBRULE(this.textClause) },
      {
        ALT: () => {
          this.OR1(this.alts[24] ??= [{ ALT: () => this.CONSUME(K.Score) }, { ALT: () => this.CONSUME(K.Declared) }]);
          this.SUBRULE(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.deduction) },
      { ALT: () => this.SUBRULE(this.ratio) },
      { ALT: () => this.SUBRULE(this.perFinding) },
      { ALT: () => this.SUBRULE(this.bands) },
      { ALT: () => this.SUBRULE(this.satisfaction) },
      { ALT: () => this.CONSUME(K.Judgement) },
      { ALT: () => this.SUBRULE(this.rowRef) },
      { ALT: () => this.SUBRULE(this.elements) },
      { ALT: () => this.SUBRULE(this.targetsMethod) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  deduction = this.RULE("deduction", () => {
    this.CONSUME(K.Deduct);
    this.SUBRULE(this.value);
    this.OPTION(this.defs[35] ??= () => this.CONSUME(T.StringLiteral));
  });

  ratio = this.RULE("ratio", () => {
    this.CONSUME(K.Ratio);
    this.SUBRULE(this.expression);
  });

  perFinding = this.RULE("perFinding", () => {
    this.CONSUME(K.Per);
    this.CONSUME(K.Finding);
    this.CONSUME(K.Deduct);
    this.SUBRULE(this.value, labelled.each);
    this.OPTION(this.defs[36] ??= () => {
      this.CONSUME(K.Max);
      this.SUBRULE1(this.value, labelled.max);
    });
  });

  bands = this.RULE("bands", () => {
    this.CONSUME(K.Bands);
    this.SUBRULE(this.expression);
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[37] ??= () => {
      this.OR(this.alts[25] ??= [{ ALT: () => this.SUBRULE(this.band) }, { ALT: () => this.CONSUME(T.Semicolon) }, { ALT: () => this.CONSUME(T.Comma) }]);
    });
    this.CONSUME(T.RBrace);
  });

  band = this.RULE("band", () => {
    this.OR(this.alts[26] ??= [
      {
        ALT: () => {
          this.OR1(this.alts[27] ??= [
            { ALT: () => this.CONSUME(T.GreaterEq) },
            { ALT: () => this.CONSUME(T.Greater) },
            { ALT: () => this.CONSUME(T.LessEq) },
            { ALT: () => this.CONSUME(T.Less) },
          ]);
          this.SUBRULE(this.expression);
        },
      },
      { ALT: () => this.CONSUME(K.Else) },
    ]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.value);
  });

  satisfaction = this.RULE("satisfaction", () => {
    this.CONSUME(K.Satisfaction);
    this.OR(this.alts[28] ??= [{ ALT: () => this.CONSUME(K.Mean) }, { ALT: () => this.CONSUME(K.Weighted) }]);
    this.CONSUME(T.LParen);
    this.MANY_SEP(this.defs[38] ??= { SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
    this.CONSUME(T.RParen);
  });

  finding = this.RULE("finding", () => {
    this.CONSUME(K.Finding);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[39] ??= () => this.CONSUME(T.StringLiteral));
    this.OPTION1(this.defs[40] ??= () => {
      this.CONSUME(K.On);
      this.AT_LEAST_ONE_SEP(this.defs[41] ??= { SEP: T.Comma, DEF: () => this.CONSUME1(T.Identifier, labelled.target) });
    });
    this.OPTION2(this.defs[42] ??= () => {
      this.CONSUME(T.LBrace);
      this.MANY(this.defs[43] ??= () => {
        this.OR(this.alts[29] ??= [
          { ALT: () => this.SUBRULE(this.textClause) },
          {
            ALT: () => {
              this.CONSUME(K.Count);
              this.SUBRULE(this.value);
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Subject);
              this.CONSUME2(T.Identifier, labelled.subject);
            },
          },
          { ALT: () => this.SUBRULE(this.rowRef) },
          { ALT: () => this.CONSUME(T.Semicolon) },
        ]);
      });
      this.CONSUME(T.RBrace);
    });
  });

  veto = this.RULE("veto", () => {
    this.CONSUME(K.Veto);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[44] ??= () => this.CONSUME(T.StringLiteral));
    this.OPTION1(this.defs[45] ??= () => {
      this.CONSUME(T.LBrace);
      this.MANY(this.defs[46] ??= () => {
        this.OR(this.alts[30] ??= [
          {
            ALT: () => {
              this.CONSUME(K.Triggered);
              this.OR1(this.alts[31] ??= [{ ALT: () => this.CONSUME(K.True) }, { ALT: () => this.CONSUME(K.False) }]);
            },
          },
          {
            ALT: () => {
              this.CONSUME(K.Grades);
              this.CONSUME1(T.Identifier, labelled.grade);
            },
          },
          { ALT: () => this.SUBRULE(this.textClause) },
          { ALT: () => this.CONSUME(T.Semicolon) },
        ]);
      });
      this.CONSUME(T.RBrace);
    });
  });

  /** `assert ID "claim" { statements } acknowledged "reason"` (decision 0092). */
  assertion = this.RULE("assertion", () => {
    this.CONSUME(K.Assert);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[47] ??= () => this.CONSUME(T.StringLiteral, labelled.claim));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[48] ??= () => this.OR(this.alts[32] ??= [{ ALT: () => this.SUBRULE(this.assertStatement) }, { ALT: () => this.CONSUME(T.Semicolon) }]));
    this.CONSUME(T.RBrace);
    this.OPTION1(this.defs[49] ??= () => {
      this.CONSUME(K.Acknowledged);
      this.CONSUME1(T.StringLiteral, labelled.reason);
    });
  });

  assertStatement = this.RULE("assertStatement", () => {
    this.OR(this.alts[33] ??= [
      {
        ALT: () => {
          this.CONSUME(K.Indicator);
          this.CONSUME(K.Level);
          this.SUBRULE(this.value, labelled.level);
          this.CONSUME(T.Equals);
          this.SUBRULE1(this.value, labelled.expected);
        },
      },
      {
        ALT: () => {
          this.OR1(this.alts[34] ??= [{ ALT: () => this.CONSUME(K.Leaves) }, { ALT: () => this.CONSUME(K.Total) }]);
          this.CONSUME1(T.Equals);
          this.SUBRULE2(this.value, labelled.expected);
        },
      },
      {
        ALT: () => {
          this.CONSUME(K.Grades);
          this.CONSUME2(T.Equals);
          this.CONSUME(T.Identifier, labelled.grade);
        },
      },
      {
        // `leaves`, `total` are soft keywords: `leaves = 27` is the statement above (alternatives are
        // tried in order), a fact named `leaves` in a longer expression is this one
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.SUBRULE(this.expression);
          this.OR2([
            { ALT: () => this.CONSUME3(T.Equals) },
            { ALT: () => this.CONSUME(T.LessEq, { LABEL: "op" }) },
            { ALT: () => this.CONSUME(T.GreaterEq, { LABEL: "op" }) },
            { ALT: () => this.CONSUME(T.Less, { LABEL: "op" }) },
            { ALT: () => this.CONSUME(T.Greater, { LABEL: "op" }) },
          ]);
          // a number is `expected` as before; any other right side (a name, a date) is an expression (decision 0180)
          this.SUBRULE1(this.expression, { LABEL: "rhs" });
          this.OPTION(this.defs[50] ??= () => {
            this.CONSUME(K.Within);
            this.SUBRULE4(this.value, labelled.tolerance);
          });
        },
      },
    ]);
  });

  /** `target ID "name" { … } acknowledged "…"` (decision 0092, 0140). */
  target = this.RULE("target", () => {
    this.CONSUME(K.Target);
    this.CONSUME(T.Identifier);
    this.OPTION(this.defs[51] ??= () => this.CONSUME(T.StringLiteral, labelled.title));
    this.CONSUME(T.LBrace);
    this.MANY(this.defs[52] ??= () => {
      this.OR(this.alts[35] ??= [
        {
          ALT: () => {
            this.CONSUME(K.Class);
            this.OR1(this.alts[36] ??= [{ ALT: () => this.CONSUME1(T.Identifier, labelled.class) }, { ALT: () => this.CONSUME1(T.StringLiteral, labelled.class) }, { ALT: () => this.CONSUME1(K.Satisfaction, labelled.class) }]);
          },
        },
        { ALT: () => this.SUBRULE(this.targetExpect) },
        {
          ALT: () => {
            this.CONSUME(K.Actual);
            this.OR2(this.alts[37] ??= [
              {
                // `actual -` alone (before `}`, `;` or the line's end): the report states no actual value
                GATE: () => {
                  const next = this.LA(2).tokenType;
                  const clause = next === K.Class || next === K.Expect || next === K.Actual || next === K.Tier || next === K.Reason || next === K.Deviation;
                  const operand = next === T.NumberLiteral || next === T.LParen || next === T.Identifier || (!clause && (next.CATEGORIES ?? []).includes(T.Identifier));
                  return this.LA(1).tokenType === T.Minus && !operand;
                },
                IGNORE_AMBIGUITIES: true,
                ALT: () => this.CONSUME(T.Minus, labelled.actualNone),
              },
              { ALT: () => this.CONSUME2(T.StringLiteral, labelled.actualText) },
              // a date alone is the date actual (`actual 2020年11月20日`); dates are expressions too (decision 0180)
              { ALT: () => this.SUBRULE(this.expression, labelled.actual) },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Tier);
            this.SUBRULE(this.tierName);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Reason);
            this.CONSUME3(T.StringLiteral, labelled.reason);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.Deviation);
            this.SUBRULE(this.value, labelled.deviation);
          },
        },
        { ALT: () => this.CONSUME(T.Semicolon) },
      ]);
    });
    this.CONSUME(T.RBrace);
    this.OPTION1(this.defs[53] ??= () => {
      this.CONSUME(K.Acknowledged);
      this.CONSUME4(T.StringLiteral, labelled.acknowledged);
    });
  });

  targetExpect = this.RULE("targetExpect", () => {
    this.CONSUME(K.Expect);
    this.OR(this.alts[38] ??= [
      { ALT: () => this.CONSUME(T.StringLiteral, labelled.qualitative) },
      {
        ALT: () => {
          this.CONSUME(K.Between);
          this.SUBRULE(this.value, labelled.low);
          this.CONSUME(K.And);
          this.SUBRULE1(this.value, labelled.high);
        },
      },
      {
        ALT: () => {
          this.OR1(this.alts[39] ??= [
            { ALT: () => this.CONSUME(T.GreaterEq, labelled.op) },
            { ALT: () => this.CONSUME(T.LessEq, labelled.op) },
            { ALT: () => this.CONSUME(T.Greater, labelled.op) },
            { ALT: () => this.CONSUME(T.Less, labelled.op) },
            { ALT: () => this.CONSUME(T.Equals, labelled.op) },
            { ALT: () => this.CONSUME(T.AtLeastWord, labelled.op) },
            { ALT: () => this.CONSUME(T.AtMostWord, labelled.op) },
          ]);
          this.SUBRULE(this.targetOperand);
        },
      },
      {
        ALT: () => {
          this.SUBRULE1(this.targetOperand);
          this.OPTION(this.defs[54] ??= () =>
            this.OR2(this.alts[40] ??= [{ ALT: () => this.CONSUME(T.AboveWord, labelled.after) }, { ALT: () => this.CONSUME(T.BelowWord, labelled.after) }]),
          );
        },
      },
    ]);
  });

  targetOperand = this.RULE("targetOperand", () => {
    this.OR(this.alts[41] ??= [{ ALT: () => this.CONSUME(T.DateLiteral) }, { ALT: () => this.SUBRULE(this.value) }]);
  });

  tierName = this.RULE("tierName", () => {
    this.OR(this.alts[42] ??= [{ ALT: () => this.CONSUME(K.Met) }, { ALT: () => this.CONSUME(K.Partial) }, { ALT: () => this.CONSUME(K.Unmet) }]);
  });

  /** `targets [A, B]` with optional `tiers { 达成 100%; 部分达成 60%; 未达成 0 }`. */
  targetsMethod = this.RULE("targetsMethod", () => {
    this.CONSUME(K.Targets);
    this.CONSUME(T.LBracket);
    this.MANY_SEP(this.defs[55] ??= { SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier) });
    this.CONSUME(T.RBracket);
    this.OPTION(this.defs[56] ??= () => {
      this.CONSUME(K.Tiers);
      this.CONSUME(T.LBrace);
      this.MANY(this.defs[57] ??= () => {
        this.OR(this.alts[43] ??= [
          {
            ALT: () => {
              this.SUBRULE(this.tierName);
              this.SUBRULE(this.value);
            },
          },
          { ALT: () => this.CONSUME(T.Semicolon) },
          { ALT: () => this.CONSUME1(T.Comma) },
        ]);
      });
      this.CONSUME(T.RBrace);
    });
  });

  /**
   * A number with an optional unit: a known unit, or any word on the same line (declared in
   * `units`, else PERF200) that does not start a grade band (`良 >= 80`) or a `printed` value.
   */
  value = this.RULE("value", () => {
    this.CONSUME(T.NumberLiteral);
    this.OPTION(this.defs[58] ??= () => this.CONSUME(T.UnitLiteral));
    this.OPTION1(this.defs[59] ??= { GATE: () => this.unitWordFollows(), DEF: () => this.CONSUME(T.Identifier, labelled.unit) });
  });

  private unitWordFollows(): boolean {
    const word = this.LA(1);
    if (word.tokenType !== T.Identifier || (word as { newlineBefore?: boolean }).newlineBefore) return false;
    if (this.LA(0).tokenType === T.UnitLiteral) return false;
    const next = this.LA(2).tokenType;
    return next !== T.GreaterEq && next !== T.NumberLiteral && next !== T.Minus && next !== T.LBrace && next !== T.Dot && next !== T.LParen;
  }

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.term, labelled.operands);
    this.MANY(this.defs[60] ??= () => {
      this.OR(this.alts[44] ??= [{ ALT: () => this.CONSUME(T.Plus, labelled.operators) }, { ALT: () => this.CONSUME(T.Minus, labelled.operators) }]);
      this.SUBRULE1(this.term, labelled.operands);
    });
  });

  term = this.RULE("term", () => {
    this.SUBRULE(this.unary, labelled.operands);
    this.MANY(this.defs[61] ??= () => {
      this.OR(this.alts[45] ??= [{ ALT: () => this.CONSUME(T.Star, labelled.operators) }, { ALT: () => this.CONSUME(T.Slash, labelled.operators) }]);
      this.SUBRULE1(this.unary, labelled.operands);
    });
  });

  unary = this.RULE("unary", () => {
    this.OPTION(this.defs[62] ??= () => this.CONSUME(T.Minus));
    this.SUBRULE(this.primary);
  });

  primary = this.RULE("primary", () => {
    this.OR(this.alts[46] ??= [
      { ALT: () => this.SUBRULE(this.value) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.CONSUME(T.DateLiteral) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.MANY(this.defs[63] ??= () => {
            this.CONSUME(T.Dot);
            this.CONSUME1(T.Identifier, labelled.path);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  /** `sum(…)`, `求和(…)`, `max(…)`…: an aggregate; `count`, `max` and `mean` are keywords too (decision 0120). */
  call = this.RULE("call", () => {
    this.OR(this.alts[47] ??= [
      { ALT: () => this.CONSUME(T.Identifier, labelled.fn) },
      { ALT: () => this.CONSUME(K.Count, labelled.fn) },
      { ALT: () => this.CONSUME(K.Max, labelled.fn) },
      { ALT: () => this.CONSUME(K.Mean, labelled.fn) },
    ]);
    this.CONSUME(T.LParen);
    this.MANY_SEP(this.defs[64] ??= { SEP: T.Comma, DEF: () => this.SUBRULE(this.expression, labelled.args) });
    // `count(T.状态 = "已完成")`: the cells equal to a text (decision 0181)
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.CONSUME(T.StringLiteral, { LABEL: "where" });
    });
    this.CONSUME(T.RParen);
  });
}

let shared: PerfParser | undefined;

/**
 * The recovering parser. One instance serves every document (Chevrotain parsers are reset by
 * assigning `input`); it is built — Chevrotain's grammar analysis, a sixth of a CLI's start-up —
 * the first time an input needs it, which error-free input never does (decision 0201).
 */
export function perfParser(): PerfParser {
  return (shared ??= new PerfParser());
}
