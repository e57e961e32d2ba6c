import { checkPolicy } from "./checks/policy.js";
import { diagnosticKey, parse, withOffsets, type Diagnostic, type LineIndex, type Locale, type ParseResult } from "@perf/language";
import { implicitSubject, resolveFramework, scoreSubject, type Framework } from "./framework.js";
import { inputsFromSubjects, publishedTotalOnly, type Linked } from "./model.js";
import { numberValue } from "./expression.js";
import { withLiteralCache } from "./decimal.js";
import { computeNumbers } from "./numbers.js";
import { checkAssertions } from "./checks/assertions.js";
import { collect } from "./phases/collect.js";
import { link } from "./phases/link.js";
import { checkPublishedGrade } from "./phases/published.js";
import { buildResult } from "./phases/result.js";
import { scoreTree } from "./phases/score.js";
import { scoreSubjects } from "./phases/subjects.js";
import { validate } from "./phases/validate.js";
import type { EvaluationResult, IndicatorResult } from "./schema.js";
import { DiagnosticSink } from "./sink.js";
import { evaluateTargets } from "./targets.js";
import type { SymbolTable } from "./symbols.js";

export { sortDiagnostics } from "./phases/result.js";

export interface SourceDocument {
  uri: string;
  text: string;
}

export interface AnalyzeOptions {
  /** Ignored: results are the same in every locale; printers word them (`diagnosticText`, `deductionText`). */
  locale?: Locale;
  /** Each code's `--strict` severity (an unscored leaf, an empty evaluation… become errors). */
  strict?: boolean;
}

/** Everything one analysis knows: the result for printers, and what editors need to navigate. */
export interface Analysis {
  result: EvaluationResult;
  parsed: Map<string, ParseResult>;
  symbols: SymbolTable;
  /** Indicator results by id, for hovers and hints (the framework's tree, unscored, when there are subjects). */
  indicators: Map<string, IndicatorResult>;
  /** Subject id → indicator id → that subject's result (empty without subject blocks). */
  subjects: Map<string, Map<string, IndicatorResult>>;
}

/**
 * The result as the JSON output gives it: each position with its offset in its document, which
 * the analysis' positions no longer carry (decision 0225; docs/result-schema.md).
 */
export function resultWithOffsets(analysis: Analysis): EvaluationResult {
  // a position outside anything with a `uri` is in the only document, when there is one
  const only = analysis.parsed.size === 1 ? [...analysis.parsed.keys()][0] : undefined;
  return withOffsets(analysis.result, documentLines(analysis), only);
}

/** The line index of each document an analysis read, by URI: what `withOffsets` asks. */
export function documentLines(analysis: Analysis): (uri: string) => LineIndex | undefined {
  return (uri) => analysis.parsed.get(uri)?.lines;
}

/** parse → collect → link → validate → score → grade → result, over the documents of one evaluation. Pure. */
export function analyze(documents: SourceDocument[], options: AnalyzeOptions = {}): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of documents) parsed.set(d.uri, parse(d.text, d.uri, { strict: options.strict }));
  return analyzeParsed(parsed, options);
}

/**
 * `loaded`: diagnostics found while loading the documents (the project model's `use` errors).
 * A file with subject blocks is scored once per subject; a framework alone is checked, not scored.
 */
export function analyzeParsed(parsed: Map<string, ParseResult>, options: AnalyzeOptions = {}, loaded: Diagnostic[] = []): Analysis {
  return withLiteralCache(() => analyzeModel(parsed, options, loaded));
}

function analyzeModel(parsed: Map<string, ParseResult>, options: AnalyzeOptions, loaded: Diagnostic[]): Analysis {
  const sink = new DiagnosticSink(options.strict);
  sink.list.push(...loaded);
  const model = link(collect(parsed, sink), sink);
  model.numbers = computeNumbers(model, sink);
  const framework = resolveFramework(model, sink);
  validate(model, framework, sink);
  checkUsed(model, sink);
  foldIntoUsedEvaluation(sink);
  const subjects = new Map<string, Map<string, IndicatorResult>>();
  if (inputsFromSubjects(model)) {
    const unscored = unscoredTree(framework, sink.strict);
    const scored = scoreSubjects(model, framework, sink);
    for (const s of scored) {
      subjects.set(s.model.decl.name.text, s.score.byId);
      if (s.model.decl.grade) checkPublishedGrade(s.model.decl.grade, s.model.uri, framework.roots.length ? s.score.total : null, s.score.grade, framework.grades, sink, s.subject.declared && numberValue(s.subject.declared.value).value);
    }
    const tree = scoreTree(framework, emptySubject(), new DiagnosticSink(sink.strict));
    const result = buildResult(model, framework, { grade: { name: null, vetoedBy: null }, ...tree }, unique(sink.diagnostics()), { unscored: unscored.nodes.map((n) => n.result), subjects: scored });
    return { result, parsed, symbols: { symbols: model.symbols, references: model.references }, indicators: unscored.byId, subjects };
  }
  const subject = implicitSubject(model);
  if (model.targets.length) subject.targets = evaluateTargets(model, subject.lookup, sink);
  const scored = scoreSubject(framework, subject, sink);
  const h = model.header;
  if (h?.decl.grade) {
    const published = publishedTotalOnly(model);
    const total = published ? numberValue(h.decl.declared!).value : model.roots.length ? scored.total : null;
    checkPublishedGrade(h.decl.grade, h.uri, total, published ? null : scored.grade, framework.grades, sink, !published && h.decl.declared ? numberValue(h.decl.declared).value : undefined);
  }
  checkPolicy(framework, scored.nodes, sink);
  const assertions = checkAssertions(model, framework, scored, subject, sink);
  const result = buildResult(model, framework, scored, sink.diagnostics());
  if (assertions.length) result.assertions = assertions;
  if (subject.targets) result.targets = [...subject.targets.values()].map((t) => t.result);
  return { result, parsed, symbols: { symbols: model.symbols, references: model.references }, indicators: scored.byId, subjects };
}

/** PERF170: a `use`d file that holds no indicators (an evaluation's uses are loaded by the project model). */
function checkUsed(model: Linked, sink: DiagnosticSink): void {
  const use = model.header?.decl.use;
  if (!use || !model.header || model.roots.length) return;
  if ([...model.parsed.keys()].length > 1) sink.report("PERF170", model.header.uri, use.range, { path: use.path.value });
}

/** One cause, one error: a used evaluation (PERF172) brings a tree written for its own total, so the roots' sum (PERF011) follows from it. */
function foldIntoUsedEvaluation(sink: DiagnosticSink): void {
  const cause = sink.list.find((d) => d.code === "PERF172");
  if (!cause) return;
  for (const d of sink.list) if (d.code === "PERF011" && sink.reported(d)) sink.fold(d, cause);
}

function emptySubject() {
  return { id: null, facts: new Map(), surveys: new Map(), attachments: new Map(), vetoes: [], lookup: () => undefined, declared: undefined, targets: undefined };
}

/** The framework's tree with every score left open: the top level of an evaluation with subjects, or a framework checked alone. */
function unscoredTree(framework: Framework, strict: boolean) {
  const tree = scoreTree(framework, emptySubject(), new DiagnosticSink(strict));
  const clear = (r: IndicatorResult) => {
    r.score = null;
    r.rate = null;
    r.deductions = [];
    r.findings = [];
    r.children.forEach(clear);
  };
  for (const n of tree.nodes) clear(n.result);
  return tree;
}

/** Each subject scores the same rules: a diagnostic about the framework is kept once. */
function unique(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = diagnosticKey(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One-file convenience. */
export function analyzeText(text: string, uri = "untitled.perf", options: AnalyzeOptions = {}): Analysis {
  return analyze([{ uri, text }], options);
}
