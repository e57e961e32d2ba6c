import type * as A from "@perf/language";
import { Decimal, decimalText, divide, percentText, sum } from "../decimal.js";
import type { Framework } from "../framework.js";
import type { ScoredNode } from "../phases/score.js";
import type { DiagnosticSink } from "../sink.js";
import { weightOf } from "./weights.js";

/** The evaluation's type (财政评价, 部门评价, 单位自评) and scope (项目支出, 部门整体), from `kind "…"`. */
export interface EvaluationKind {
  type: "fiscal" | "department" | "self";
  scope: "project" | "department";
}

/** Reads `kind "部门评价·项目支出"` (or English: "department project"); undefined when the type is not named. */
export function evaluationKind(text: string): EvaluationKind | undefined {
  const type = /财政评价|财政重点评价|fiscal/i.test(text) ? "fiscal" : /单位自评|自评|self/i.test(text) ? "self" : /部门评价|department(al)? evaluation|^\s*department(al)?\b/i.test(text) ? "department" : undefined;
  if (!type) return undefined;
  const scope = /部门整体|整体支出|department-wide|whole/i.test(text) ? "department" : "project";
  return { type, scope };
}

const typeNames = { fiscal: ["财政评价", "fiscal evaluation"], department: ["部门评价", "departmental evaluation"], self: ["单位自评", "self-evaluation"] } as const;

/** 单位自评's split of 财预〔2020〕10号: roots by what their name says, and their share of the total. */
const selfSplit: [RegExp, string][] = [
  [/产出|output/i, "50"],
  [/效益|outcome|benefit/i, "30"],
  [/满意度|satisfaction/i, "10"],
  [/预算执行|budget execution/i, "10"],
];

const nameOf = (d: A.IndicatorDecl) => d.title?.value ?? d.name.text;

/**
 * Policy and sanity checks after scoring (decision 0157):
 * - PERF269 a `kind` that names no type;
 * - PERF267 财政评价/部门评价: 产出 + 效益 (部门整体: 效果) roots under 60% of the total;
 * - PERF268 单位自评 of project spending: a root of 产出/效益/满意度/预算执行 off the 50/30/10/10 split;
 * - PERF266 a 预算执行率 leaf whose measured ratio is below 80% (above 100% is PERF037, for every ratio).
 */
export function checkPolicy(framework: Framework, nodes: ScoredNode[], sink: DiagnosticSink): void {
  const header = framework.header;
  const kindText = header?.decl.evaluationKind;
  const kind = kindText ? evaluationKind(kindText.value) : undefined;
  if (kindText && !kind) sink.report("PERF269", header!.uri, kindText.range, { kind: kindText.value });
  const total = framework.total;
  if (kind && header && kindText && !total.isZero()) {
    const roots = framework.roots;
    if ((kind.type === "fiscal" || kind.type === "department") && roots.length) {
      // 效益 of project spending, 效果 of a department as a whole
      const weight = sum(roots.filter((r) => /产出|效益|效果|output|outcome/i.test(nameOf(r))).map(weightOf));
      const share = divide(weight, total);
      if (share.lessThan(new Decimal("0.6")))
        sink.report("PERF267", header.uri, kindText.range, { kind: typeNames[kind.type][0], kindEn: typeNames[kind.type][1], sum: decimalText(weight), share: percentText(decimalText(share), true) });
    }
    if (kind.type === "self" && kind.scope === "project")
      for (const r of roots) {
        const expected = selfSplit.find(([re]) => re.test(nameOf(r)))?.[1];
        if (!expected || !r.weight) continue;
        const share = divide(weightOf(r).times(100), total);
        if (!share.equals(new Decimal(expected)))
          sink.report("PERF268", r.uri, r.weight.range, { name: nameOf(r), share: `${decimalText(share.toDecimalPlaces(2))}%`, expected: `${expected}%` });
      }
  }
  for (const n of nodes) budgetExecution(n, sink);
}

/** PERF266 in a node's subtree: module-level, not a closure made per analysis (decision 0219). */
function budgetExecution(n: ScoredNode, sink: DiagnosticSink): void {
  for (const c of n.children) budgetExecution(c, sink);
  const m = n.result.method;
  if (n.children.length || m.kind !== "ratio" || m.ratio === null || !/预算执行率|budget execution/i.test(`${n.decl.name.text} ${nameOf(n.decl)}`)) return;
  const r = new Decimal(m.ratio);
  if (r.lessThan(new Decimal("0.8"))) sink.within(n.decl.name.text, () => sink.report("PERF266", n.uri, n.decl.name.range, { name: nameOf(n.decl), value: percentText(m.ratio!) }));
}
