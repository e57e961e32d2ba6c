import { percentText, subjectsOf, type TargetResult } from "@perf/engine";
import { samePosition } from "@perf/language";
import type { CodeLens, InlayHint, Range } from "vscode-languageserver";
import type { Declaration, IndicatorDecl, Locale } from "@perf/language";
import { resultOf, scoringOf, type FeatureContext } from "../context.js";
import { msg } from "../messages.js";
import { toRange } from "../convert.js";
import { rateOf, scoresLine, subjectScores, subjectTotal } from "../subjects.js";

/**
 * `1.92 / 2` after each indicator's weight: its computed score out of the weight. With several
 * subjects (here or in an evaluation that uses this framework), every subject's score:
 * `市数据局 5.5 · 市大数据中心 5`.
 */
export function inlayHints(ctx: FeatureContext, range?: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const scoring = scoringOf(ctx);
  const from = range?.start.line ?? 0;
  const to = range?.end.line ?? Infinity;
  for (const d of indicatorsIn(ctx.parsed.ast.declarations, from, to)) {
    if (!d.weight) continue;
    const at = d.weight.range.end;
    if (at.line < from || at.line > to) continue;
    const r = resultOf(ctx, d);
    if (!r) continue;
    const scores = subjectScores(scoring.analysis, r.id);
    if (scores.length) {
      const tooltip = scores.map((x) => `${x.subject.name} ${msg(ctx.locale, "rate")} ${rateOf(x.node?.rate) || "—"}`).join("\n");
      hints.push({ position: { line: at.line, character: at.character }, label: scoresLine(scores, msg(ctx.locale, "unscored")), paddingLeft: true, tooltip });
      continue;
    }
    const label = r.score === null ? `${msg(ctx.locale, "unscored")} / ${r.weight}` : `${r.score} / ${r.weight}`;
    const hint: InlayHint = { position: { line: at.line, character: at.character }, label, paddingLeft: true };
    if (r.rate !== null) hint.tooltip = `${msg(ctx.locale, "rate")} ${percentText(r.rate)}`;
    hints.push(hint);
  }
  hints.push(...numberHints(ctx, from, to));
  hints.push(...targetHints(ctx, from, to));
  return hints;
}

/**
 * Report numbers (decision 0092): `= 500.5 万元` after a computed fact, and after a printed
 * total or subtotal that differs from its rows, what the rows add up to.
 */
function numberHints(ctx: FeatureContext, from: number, to: number): InlayHint[] {
  const { result } = ctx.group.analysis;
  const hints: InlayHint[] = [];
  const within = (r: { start: { line: number }; end: { line: number } }) => r.end.line >= from && r.start.line <= to;
  for (const d of ctx.parsed.ast.declarations) {
    if (!within(d.range)) continue;
    if (d.kind === "fact" && d.expression && d.expression.kind !== "date") {
      const f = result.facts.find((x) => x.id === d.name.text && x.uri === ctx.uri && samePosition(x.range.start, d.range.start));
      const end = (d.convert ?? d.expression).range.end;
      if (f) hints.push({ position: { line: end.line, character: end.character }, label: `= ${f.text ?? `${f.value ?? "?"}${f.unit ? ` ${f.unit}` : ""}`}`, paddingLeft: true });
    }
    if (d.kind === "table") {
      const t = result.tables?.find((x) => x.id === d.name.text && x.uri === ctx.uri && samePosition(x.range.start, d.range.start));
      d.printed.forEach((p, i) =>
        p.values.forEach((v, j) => {
          const c = t?.printed[i]?.values[j];
          if (!c || c.matches || c.computed === null || !within(v.range)) return;
          const end = v.range.end;
          hints.push({ position: { line: end.line, character: end.character }, label: `${ctx.locale === "en" ? "rows:" : "各行"} ${c.computed}`, paddingLeft: true });
        }),
      );
    }
  }
  return hints;
}

/** After each target's name: its completion ("完成 136.67% ⚠" when the deviation is beyond the threshold), days late, or tier. */
function targetHints(ctx: FeatureContext, from: number, to: number): InlayHint[] {
  const results = ctx.group.analysis.result.targets;
  if (!results?.length) return [];
  const byId = new Map(results.filter((t) => t.uri === ctx.uri).map((t) => [t.id, t]));
  const out: InlayHint[] = [];
  for (const d of ctx.parsed.ast.declarations) {
    if (d.kind !== "target") continue;
    const at = (d.title ?? d.name).range.end;
    if (at.line < from || at.line > to) continue;
    const t = byId.get(d.name.text);
    if (!t) continue;
    const label = targetLabel(t, ctx.locale);
    if (!label) continue;
    const hint: InlayHint = { position: { line: at.line, character: at.character }, label, paddingLeft: true };
    hint.tooltip = targetTooltip(t, ctx.locale);
    out.push(hint);
  }
  return out;
}

export function targetLabel(t: TargetResult, L: Locale): string {
  const warn = t.deviationTooLarge ? " ⚠" : "";
  if (t.deviationUnit === "days" && t.deviation !== null) {
    const days = Number(t.deviation);
    return days > 0 ? msg(L, "target.late", { n: days }) : msg(L, "target.onTime");
  }
  if (t.operator === "qualitative") return t.tier ? msg(L, `target.tier.${t.tier}`) : "";
  return t.completion === null ? "" : `${msg(L, "target.completion")} ${percentText(t.completion)}${warn}`;
}

export function targetTooltip(t: TargetResult, L: Locale): string {
  const lines = [`${msg(L, "target.met")}: ${t.met === null ? "—" : msg(L, t.met ? "target.yes" : "target.no")}`];
  if (t.deviation !== null) lines.push(`${msg(L, "target.deviation")}: ${t.deviationUnit === "days" ? msg(L, "target.days", { n: t.deviation }) : percentText(t.deviation)}`);
  if (t.deviationTooLarge) lines.push(msg(L, "target.tooLarge"));
  if (t.acknowledged) lines.push(`${msg(L, "target.acknowledged")}: ${t.acknowledged}`);
  return lines.join("\n");
}

/** The indicators whose declarations overlap lines `from`..`to`, parents first: subtrees outside are skipped (a screenful of a 10 000-leaf file). */
function* indicatorsIn(declarations: readonly Declaration[], from: number, to: number): Generator<IndicatorDecl> {
  const overlaps = (d: Declaration): d is IndicatorDecl => d.kind === "indicator" && d.range.end.line >= from && d.range.start.line <= to;
  // Iterative, like indicatorsOf: a deeply nested file must not exhaust the stack.
  const stack: IndicatorDecl[] = declarations.filter(overlaps).reverse();
  while (stack.length) {
    const d = stack.pop()!;
    yield d;
    for (let i = d.children.length - 1; i >= 0; i--) if (overlaps(d.children[i]!)) stack.push(d.children[i]!);
  }
}

/** "0.9591" → "95.91%", in exact decimals. */

/** `82.46 · 良` on the evaluation header, or on the first root when there is none; one lens per subject with several. */
export function codeLenses(ctx: FeatureContext, command = ""): CodeLens[] {
  const { result } = ctx.group.analysis;
  const subjects = subjectsOf(scoringOf(ctx).analysis.result);
  const ast = ctx.parsed.ast;
  const header = ast.declarations.find((d) => d.kind === "evaluation");
  const firstRoot = ast.declarations.find((d) => d.kind === "indicator");
  // In a group, only the file holding the header (or, lacking one, the first root) gets the lens.
  const anchor = header ? header.keywordRange : firstRoot && !ctx.group.uris.some((u) => u !== ctx.uri && hasHeader(ctx, u)) ? firstRoot.headRange : undefined;
  if (!anchor) return [];
  const lens = (title: string): CodeLens => ({ range: toRange(anchor), command: command ? { title, command, arguments: [ctx.uri] } : { title, command: "" } });
  if (subjects.length) return subjects.map((s) => lens(subjectTotal(s, msg(ctx.locale, "unscored"))));
  let title = result.total.score ?? (result.total.declared !== null ? `${result.total.declared}` : msg(ctx.locale, "unscored"));
  if (result.grade.name) title += ` · ${result.grade.name}`;
  if (result.grade.vetoedBy) title += ctx.locale === "en" ? ` (vetoed by ${result.grade.vetoedBy})` : `（否决：${result.grade.vetoedBy}）`;
  // An empty command id makes a lens that shows its title and does nothing when clicked;
  // a client may name its own command (e.g. a report preview), called with the document URI.
  return [lens(title)];
}

function hasHeader(ctx: FeatureContext, uri: string): boolean {
  return !!ctx.group.analysis.parsed.get(uri)?.ast.declarations.some((d) => d.kind === "evaluation");
}
