import { Decimal, decimalText } from "@perf/engine";
import { keywordSpellings, type Diagnostic as PerfDiagnostic, type IndicatorDecl, type KeywordName } from "@perf/language";
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from "vscode-languageserver";
import { fileSpelling, indicatorsOf, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { msg } from "../messages.js";

type Data = Record<string, string | number>;

/** Quick fixes keyed by diagnostic code, using the values the engine put in `data`. */
export function codeActions(ctx: FeatureContext, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== "perf" || typeof d.code !== "string") continue;
    const data = (d.data as Data | undefined) ?? currentData(ctx, d);
    if (!data) continue;
    out.push(...fixesFor(ctx, d, data));
  }
  return out;
}

/** A client that drops `data` still gets fixes: take it from the current analysis. */
function currentData(ctx: FeatureContext, d: Diagnostic): Data | undefined {
  const offset = ctx.parsed.lines.offsetAt(d.range.start.line, d.range.start.character);
  const match = ctx.group.analysis.result.diagnostics.find((x: PerfDiagnostic) => x.uri === ctx.uri && x.code === d.code && x.range.start.offset === offset);
  return match?.data;
}

function fixesFor(ctx: FeatureContext, d: Diagnostic, data: Data): CodeAction[] {
  const L = ctx.locale;
  const lines = ctx.parsed.lines;
  const offset = lines.offsetAt(d.range.start.line, d.range.start.character);
  const fix = (title: string, edits: TextEdit[], preferred = false): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [ctx.uri]: edits } },
  });
  const precision = ctx.group.analysis.result.precision;
  switch (d.code) {
    case "PERF010": {
      const parent = [...indicatorsOf(ctx.parsed.ast)].find((i) => i.weight?.range.start.offset === offset);
      if (!parent?.weight || data.sum === undefined) return [];
      const name = parent.title?.value ?? parent.name.text;
      const out = [fix(msg(L, "fixWeightToSum", { name, sum: data.sum }), [{ range: toRange(parent.weight.range), newText: String(data.sum) }])];
      const scaled = scaleWeights(parent.children, new Decimal(parent.weight.text), precision);
      if (scaled) out.push(fix(msg(L, "fixScaleChildren", { weight: parent.weight.text }), scaled));
      return out;
    }
    case "PERF011": {
      const header = ctx.parsed.ast.declarations.find((x) => x.kind === "evaluation");
      const roots = ctx.parsed.ast.declarations.filter((x): x is IndicatorDecl => x.kind === "indicator");
      const total = ctx.group.analysis.result.total.weight;
      const out: CodeAction[] = [];
      if (header?.total && data.sum !== undefined) out.push(fix(msg(L, "fixTotalToSum", { sum: data.sum }), [{ range: toRange(header.total.range), newText: String(data.sum) }]));
      const scaled = scaleWeights(roots, new Decimal(total), precision);
      if (scaled) out.push(fix(msg(L, "fixScaleRoots", { total }), scaled));
      return out;
    }
    case "PERF040":
      if (data.computed === undefined) return [];
      return [fix(msg(L, "fixDeclared", { computed: data.computed }), [{ range: d.range, newText: String(data.computed) }], true)];
    case "PERF020": {
      const name = lines.text.slice(offset, lines.offsetAt(d.range.end.line, d.range.end.character));
      const out: CodeAction[] = [];
      if (typeof data.suggestion === "string") out.push(fix(msg(L, "fixReplace", { suggestion: data.suggestion }), [{ range: d.range, newText: data.suggestion }], true));
      const created = createDeclaration(ctx, String(data.kind), name);
      if (created) out.push(fix(msg(L, "fixCreate", { kind: msg(L, String(data.kind) as "fact"), name }), [created]));
      return out;
    }
  }
  return [];
}

/**
 * New weights for `items`, proportional to the current ones and summing exactly to `target`.
 * Each is rounded down to the evaluation's precision (or the finest decimals written), and the
 * units left over go to the largest remainders (Hamilton's method), so nothing is lost.
 */
export function scaleWeights(items: IndicatorDecl[], target: Decimal, precision: number): TextEdit[] | undefined {
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
  const edits: TextEdit[] = [];
  items.forEach((item, i) => {
    const text = decimalText(floored[i]!);
    if (text !== decimalText(weights[i]!)) edits.push({ range: toRange(item.weight!.range), newText: text });
  });
  return edits.length ? edits : undefined;
}

/** A stub declaration for an unknown name, in the file's keyword spelling, placed with its kind. */
function createDeclaration(ctx: FeatureContext, kind: string, name: string): TextEdit | undefined {
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) return undefined;
  const sp = fileSpelling(ctx.parsed.ast) === "en" ? 0 : 1;
  const k = (n: KeywordName) => keywordSpellings[n][sp];
  const decls = ctx.parsed.ast.declarations;
  const lines = ctx.parsed.lines;
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
    return { range: toRange({ start: lineEnd, end: lineEnd }), newText: `\n${text}` };
  }
  const eof = lines.positionAt(lines.text.length);
  const sep = lines.text.length && !lines.text.endsWith("\n") ? "\n" : "";
  return { range: toRange({ start: eof, end: eof }), newText: `${sep}${text}\n` };
}
