import { keywordSpellings, LineIndex, majoritySpelling, translator, byStart, comparePositions, samePosition, type Diagnostic, type IndicatorDecl, type KeywordName, type Locale, type ParseResult, type Range } from "@perf/language";
import type { Analysis } from "./analyze.js";
import { Decimal, decimalText } from "./decimal.js";

/** One replacement in a file: the text of `range` becomes `newText`. */
export interface FixEdit {
  range: Range;
  newText: string;
}

/** A quick fix, free of editor types: the server turns it into a code action, `perf check --fix` applies it. */
export interface Fix {
  /** What the fix does, in the locale asked for. */
  title: string;
  /** The message key and its arguments, for a caller that words it itself. */
  key: FixKey;
  args: Record<string, string | number>;
  /** Edits in the diagnostic's file, none overlapping. */
  edits: FixEdit[];
  /** The fix an editor offers first; with no other fix for the same diagnostic, `perf check --fix` applies it. */
  preferred?: boolean;
}

/** The part of a diagnostic a fix needs; `data` is looked up in the analysis when missing. */
export type FixTarget = Pick<Diagnostic, "code" | "uri" | "range"> & { data?: Diagnostic["data"] };

const table = {
  weightToSum: { zh: "把「{name}」的分值改为 {sum}", en: "Set the weight of '{name}' to {sum}" },
  scaleChildren: { zh: "按比例调整下级指标分值，使其合计为 {weight}", en: "Scale the children to sum to {weight}" },
  scaleElements: { zh: "按比例调整各要素分值，使其合计为 {weight}", en: "Scale the element shares to sum to {weight}" },
  totalToSum: { zh: "把总分改为 {sum}", en: "Set the total to {sum}" },
  scaleRoots: { zh: "按比例调整一级指标分值，使其合计为 {total}", en: "Scale the top-level indicators to sum to {total}" },
  declared: { zh: "把报告得分改为 {computed}", en: "Declare {computed}" },
  replace: { zh: "改为「{suggestion}」", en: "Change to '{suggestion}'" },
  create: { zh: "新建{kind}「{name}」", en: "Create {kind} '{name}'" },
  declareUnit: { zh: "在计量单位中声明「{unit}」", en: "Declare the unit '{unit}'" },
  removeClause: { zh: "删除此处的{clause}（以框架为准）", en: "Remove this {clause} (the framework's applies)" },
  total: { zh: "总分", en: "total" },
  precision: { zh: "精度", en: "precision" },
  grades: { zh: "等级划分", en: "grades" },
  fact: { zh: "数据", en: "fact" },
  survey: { zh: "调查", en: "survey" },
  indicator: { zh: "指标", en: "indicator" },
} as const;

export type FixKey = Exclude<keyof typeof table, "fact" | "survey" | "indicator" | "total" | "precision" | "grades">;

const t = translator(table);

/** The codes that have fixes. */
export const fixableCodes: ReadonlySet<string> = new Set(["PERF010", "PERF011", "PERF020", "PERF040", "PERF171", "PERF200", "PERF260"]);

/**
 * The quick fixes for one diagnostic of `analysis` (or one an editor sent back, whose `data` it
 * may have dropped), in the order an editor lists them. Pure: nothing is applied.
 */
export function fixesFor(target: FixTarget, analysis: Analysis, options: { locale?: Locale } = {}): Fix[] {
  if (!fixableCodes.has(target.code)) return [];
  const parsed = analysis.parsed.get(target.uri);
  const data = target.data ?? current(target, analysis)?.data;
  if (!parsed || !data) return [];
  const locale = options.locale ?? "zh";
  const fix = (key: FixKey, args: Record<string, string | number>, edits: FixEdit[], preferred = false): Fix => ({
    title: t(locale, key, args),
    key,
    args,
    edits,
    ...(preferred ? { preferred: true } : {}),
  });
  const at = target.range.start;
  const precision = analysis.result.precision;
  switch (target.code) {
    case "PERF010": {
      const parent = [...indicatorsOf(parsed)].find((i) => i.weight !== undefined && samePosition(i.weight.range.start, at));
      if (!parent?.weight || data.sum === undefined) return [];
      const name = parent.title?.value ?? parent.name.text;
      const out = [fix("weightToSum", { name, sum: data.sum }, [{ range: parent.weight.range, newText: String(data.sum) }])];
      const scaled = scaleWeights(parent.children, new Decimal(parent.weight.text), precision);
      if (scaled) out.push(fix("scaleChildren", { weight: parent.weight.text }, scaled));
      return out;
    }
    case "PERF011": {
      const header = parsed.ast.declarations.find((x) => x.kind === "evaluation");
      const roots = parsed.ast.declarations.filter((x): x is IndicatorDecl => x.kind === "indicator");
      const total = analysis.result.total.weight;
      const out: Fix[] = [];
      if (header?.total && data.sum !== undefined) out.push(fix("totalToSum", { sum: data.sum }, [{ range: header.total.range, newText: String(data.sum) }]));
      const scaled = scaleWeights(roots, new Decimal(total), precision);
      if (scaled) out.push(fix("scaleRoots", { total }, scaled));
      return out;
    }
    case "PERF260": {
      // element shares that do not sum to the weight: the weight becomes their sum, or the shares scale to the weight
      const ind = [...indicatorsOf(parsed)].find((i) => i.methods.some((m) => m.kind === "elements" && samePosition(m.range.start, at)));
      const m = ind?.methods.find((x) => x.kind === "elements");
      if (!ind?.weight || m?.kind !== "elements" || data.sum === undefined) return [];
      const out = [fix("weightToSum", { name: ind.title?.value ?? ind.name.text, sum: data.sum }, [{ range: ind.weight.range, newText: String(data.sum) }])];
      const scaled = scaleWeights(m.elements.map((e) => ({ weight: e.share })), new Decimal(ind.weight.text), precision);
      if (scaled) out.push(fix("scaleElements", { weight: ind.weight.text }, scaled));
      return out;
    }
    case "PERF040":
      if (data.computed === undefined) return [];
      return [fix("declared", { computed: data.computed }, [{ range: target.range, newText: String(data.computed) }], true)];
    case "PERF171": {
      // the clause is ignored (the framework's applies): removing it changes no score (decision 0102)
      if (!data.whole) return [];
      const clause = String(current(target, analysis)?.args.clause ?? "");
      if (clause !== "total" && clause !== "precision" && clause !== "grades") return [];
      return [fix("removeClause", { clause: t(locale, clause) }, [removal(parsed, target.range)], true)];
    }
    case "PERF200": {
      const unit = String(data.unit ?? textOf(parsed, target.range));
      return [fix("declareUnit", { unit }, [declareUnit(parsed, unit)])];
    }
    case "PERF020": {
      const name = textOf(parsed, target.range);
      const out: Fix[] = [];
      if (typeof data.suggestion === "string") out.push(fix("replace", { suggestion: data.suggestion }, [{ range: target.range, newText: data.suggestion }], true));
      const kind = String(data.kind);
      const created = createDeclaration(parsed, kind, name);
      if (created) out.push(fix("create", { kind: t(locale, kind as "fact"), name }, [created]));
      return out;
    }
  }
  return [];
}

/** The analysis's own diagnostic at the same place, for its `data` and `args`. */
function current(target: FixTarget, analysis: Analysis): Diagnostic | undefined {
  return analysis.result.diagnostics.find((x) => x.uri === target.uri && x.code === target.code && samePosition(x.range.start, target.range.start));
}

function textOf(parsed: ParseResult, range: Range): string {
  return parsed.lines.text.slice(parsed.lines.offsetOf(range.start), parsed.lines.offsetOf(range.end));
}

/** Deletes `range`: its whole line when nothing else stands on it, else it and the spaces after it. */
function removal(parsed: ParseResult, range: Range): FixEdit {
  const text = parsed.lines.text;
  const from = parsed.lines.offsetOf(range.start);
  let start = from;
  let end = parsed.lines.offsetOf(range.end);
  while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  let after = end;
  while (after < text.length && (text[after] === " " || text[after] === "\t" || text[after] === ";")) after++;
  const lineStart = start === 0 || text[start - 1] === "\n" || text[start - 1] === "\r";
  const lineEnd = after === text.length || text[after] === "\n" || text[after] === "\r";
  if (lineStart && lineEnd) {
    end = text.startsWith("\r\n", after) ? after + 2 : after < text.length ? after + 1 : after;
  } else {
    start = from;
    end = after;
  }
  return { range: parsed.lines.range(start, end), newText: "" };
}

/** Every indicator declaration of a file, parents before children. */
function* indicatorsOf(parsed: ParseResult): Generator<IndicatorDecl> {
  const walk = function* (items: IndicatorDecl[]): Generator<IndicatorDecl> {
    for (const d of items) {
      yield d;
      yield* walk(d.children);
    }
  };
  yield* walk(parsed.ast.declarations.filter((x): x is IndicatorDecl => x.kind === "indicator"));
}

/**
 * New weights for `items`, proportional to the current ones and summing exactly to `target`.
 * Each is rounded down to the evaluation's precision (or the finest decimals written), and the
 * units left over go to the largest remainders (Hamilton's method), so nothing is lost.
 */
export function scaleWeights(items: Pick<IndicatorDecl, "weight">[], target: Decimal, precision: number): FixEdit[] | undefined {
  if (!items.length || items.some((i) => !i.weight || i.weight.percent)) return undefined;
  const weights = items.map((i) => new Decimal(i.weight!.text));
  const total = weights.reduce((a, b) => a.plus(b), new Decimal(0));
  if (total.isZero()) return undefined;
  const places = Math.max(precision, target.decimalPlaces(), ...weights.map((w) => w.decimalPlaces()));
  const exact = weights.map((w) => w.times(target).dividedBy(total));
  const floored = exact.map((e) => e.toDecimalPlaces(places, Decimal.ROUND_DOWN));
  const unit = new Decimal(1).dividedBy(new Decimal(10).pow(places));
  let left = target.minus(floored.reduce((a, b) => a.plus(b), new Decimal(0)));
  const order = exact.map((e, i) => ({ i, rest: e.minus(floored[i]!) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.i - b.i);
  for (const { i } of order) {
    if (left.lessThan(unit)) break;
    floored[i] = floored[i]!.plus(unit);
    left = left.minus(unit);
  }
  const edits: FixEdit[] = [];
  items.forEach((item, i) => {
    const text = decimalText(floored[i]!);
    if (text !== decimalText(weights[i]!)) edits.push({ range: item.weight!.range, newText: text });
  });
  return edits.length ? edits : undefined;
}

/** A stub declaration for an unknown name, in the file's keyword spelling, placed with its kind. */
function createDeclaration(parsed: ParseResult, kind: string, name: string): FixEdit | undefined {
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return undefined;
  const sp = majoritySpelling(parsed.ast) === "en" ? 0 : 1;
  const k = (n: KeywordName) => keywordSpellings[n][sp];
  const decls = parsed.ast.declarations;
  const lines = parsed.lines;
  const lastOf = (kinds: string[]) => [...decls].reverse().find((x) => kinds.includes(x.kind));
  let text: string;
  let after;
  switch (kind) {
    case "fact":
      text = `${k("Fact")} ${name} = 0`;
      after = lastOf(["fact"]) ?? lastOf(["evaluation"]);
      break;
    case "survey":
      text = `${k("Survey")} ${name} { ${k("Satisfaction")} 0% }`;
      after = lastOf(["survey"]) ?? lastOf(["fact"]) ?? lastOf(["evaluation"]);
      break;
    case "indicator":
      // Only findings refer to indicators, so the new one counts them.
      text = `${k("Indicator")} ${name} ${k("Weight")} 0 {\n  ${k("Per")} ${k("Finding")} ${k("Deduct")} 0\n}`;
      after = lastOf(["indicator"]);
      break;
    default:
      return undefined;
  }
  if (after) {
    const end = after.range.end;
    const lineEnd = lines.positionAt(lines.offsetAt(end.line, lines.lineText(end.line).length));
    return { range: { start: lineEnd, end: lineEnd }, newText: `\n${text}` };
  }
  const eof = lines.positionAt(lines.text.length);
  const sep = lines.text.length && !lines.text.endsWith("\n") ? "\n" : "";
  return { range: { start: eof, end: eof }, newText: `${sep}${text}\n` };
}

/**
 * `text` with the edits of `fixes` applied (offsets into `text`), each fix whole or not at all:
 * a fix whose edits touch one already taken is deferred, so a caller can ask again on the new text.
 */
export function applyFixes(text: string, fixes: Fix[]): { text: string; applied: Fix[]; deferred: Fix[] } {
  const taken: FixEdit[] = [];
  const applied: Fix[] = [];
  const deferred: Fix[] = [];
  const clash = (a: FixEdit, b: FixEdit) =>
    samePosition(a.range.start, b.range.start) || (comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0);
  for (const f of fixes) {
    if (f.edits.some((e) => taken.some((x) => clash(e, x)))) deferred.push(f);
    else {
      applied.push(f);
      taken.push(...f.edits);
    }
  }
  taken.sort(byStart);
  const lines = new LineIndex(text);
  let out = "";
  let at = 0;
  for (const e of taken) {
    out += text.slice(at, lines.offsetOf(e.range.start)) + e.newText;
    at = lines.offsetOf(e.range.end);
  }
  return { text: out + text.slice(at), applied, deferred };
}

/**
 * Declares a unit: appended to the file's first `units { … }` block, or a new block after the
 * evaluation header (at the top when there is none).
 */
function declareUnit(parsed: ParseResult, unit: string): FixEdit {
  const decls = parsed.ast.declarations;
  const units = keywordSpellings.Units[majoritySpelling(parsed.ast) === "en" ? 0 : 1];
  const block = decls.find((d) => d.kind === "units");
  if (block) {
    const close = parsed.lines.offsetOf(block.range.end) - 1;
    const at = parsed.lines.range(close, close);
    return { range: at, newText: block.units.length ? `; ${unit} ` : ` ${unit} ` };
  }
  const header = decls.find((d) => d.kind === "evaluation");
  if (header) {
    const end = parsed.lines.offsetOf(header.range.end);
    const at = parsed.lines.range(end, end);
    return { range: at, newText: `\n\n${units} { ${unit} }` };
  }
  const at = parsed.lines.range(0, 0);
  return { range: at, newText: `${units} { ${unit} }\n\n` };
}
