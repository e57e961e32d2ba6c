import { AstUtils, type ValidationAcceptor, type ValidationChecks } from "langium";
import {
  isBinary,
  isFactRef,
  isIndicator,
  isLiteral,
  isPerFinding,
  type Document,
  type Expression,
  type Finding,
  type Indicator,
  type PerfPeerAstType,
  type Ratio,
  type Satisfaction,
} from "./generated/ast.js";
import { decimalText, scaled } from "./decimal.js";

/** The peer's share of perf's checks: weight sums, one method per leaf, the ratio and per-finding rules, names. */
export const perfPeerChecks: ValidationChecks<PerfPeerAstType> = {
  Document: [checkRootSum, checkUniqueNames],
  Indicator: [checkWeightSum, checkMethods],
  Ratio: [checkRatio],
  Finding: [checkFindingTargets],
  Satisfaction: [checkSatisfaction],
};

function checkRootSum(doc: Document, accept: ValidationAcceptor): void {
  const total = doc.header?.total !== undefined ? scaled(doc.header.total) : scaled("100");
  const sum = doc.indicators.reduce((s, i) => s + scaled(i.weight), 0n);
  if (sum !== total && doc.indicators.length > 0) {
    accept("error", `roots sum to ${decimalText(sum)}, the total is ${decimalText(total)}`, { node: doc.header ?? doc.indicators[0] });
  }
}

function checkUniqueNames(doc: Document, accept: ValidationAcceptor): void {
  const seen = new Map<string, string>();
  for (const node of AstUtils.streamAllContents(doc)) {
    const name = (node as { name?: unknown }).name;
    if (typeof name !== "string" || node.$type === "Grade") continue;
    const kind = seen.get(name);
    if (kind !== undefined) accept("error", `'${name}' is already declared (${kind})`, { node, property: "name" as never });
    else seen.set(name, node.$type);
  }
}

function checkWeightSum(indicator: Indicator, accept: ValidationAcceptor): void {
  if (indicator.children.length === 0) return;
  const sum = indicator.children.reduce((s, c) => s + scaled(c.weight), 0n);
  if (sum !== scaled(indicator.weight)) {
    accept("error", `children of '${indicator.name}' sum to ${decimalText(sum)}, its weight is ${indicator.weight}`, { node: indicator, property: "weight" });
  }
}

function checkMethods(indicator: Indicator, accept: ValidationAcceptor): void {
  if (indicator.children.length > 0 && indicator.methods.length > 0) {
    accept("error", `'${indicator.name}' has children and a scoring method`, { node: indicator.methods[0] });
  } else if (indicator.children.length === 0) {
    const judgement = indicator.methods.every((m) => m.$type === "Deduct");
    if (indicator.methods.length === 0) accept("warning", `'${indicator.name}' has no scoring method`, { node: indicator, property: "name" });
    else if (!judgement && indicator.methods.length > 1) accept("error", `'${indicator.name}' has more than one scoring method`, { node: indicator.methods[1] });
  }
}

/** A ratio of like units: the unit of an expression, or an error for unlike units and a zero divisor. */
function checkRatio(ratio: Ratio, accept: ValidationAcceptor): void {
  const problem = unitOf(ratio.expression);
  if (typeof problem === "object") accept("error", problem.message, { node: problem.node });
}

function unitOf(e: Expression): string | { message: string; node: Expression } {
  if (isLiteral(e)) return e.unit ?? "";
  if (isFactRef(e)) {
    const fact = e.fact.ref;
    if (fact === undefined) return ""; // the linker reports it
    return fact.unit ?? "";
  }
  if (isBinary(e)) {
    const left = unitOf(e.left);
    if (typeof left === "object") return left;
    const right = unitOf(e.right);
    if (typeof right === "object") return right;
    if (e.op === "/" && isFactRef(e.right) && e.right.fact.ref && scaled(e.right.fact.ref.value) === 0n) {
      return { message: "division by zero", node: e.right };
    }
    if (e.op === "*") return left || right;
    if (left !== right && left !== "" && right !== "") return { message: `unlike units ${left} ${e.op} ${right}`, node: e };
    return e.op === "/" ? "" : left || right;
  }
  return "";
}

function checkFindingTargets(finding: Finding, accept: ValidationAcceptor): void {
  finding.on.forEach((ref, index) => {
    const target = ref.ref;
    if (target === undefined) return;
    if (!isIndicator(target) || !target.methods.some(isPerFinding)) {
      accept("error", `'${ref.$refText}' has no per-finding rule`, { node: finding, property: "on", index });
    }
  });
}

function checkSatisfaction(s: Satisfaction, accept: ValidationAcceptor): void {
  if (s.aggregation !== "weighted") return;
  s.surveys.forEach((ref, index) => {
    if (ref.ref && ref.ref.respondents === undefined) accept("error", `'${ref.$refText}' has no respondents`, { node: s, property: "surveys", index });
  });
}
