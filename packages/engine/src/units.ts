import { knownUnits, type NumberValue, type UnitsDecl } from "@perf/language";
import { Decimal, divide } from "./decimal.js";
import type { Quantity } from "./expression.js";
import type { At } from "./model.js";

/**
 * Built-in conversions (decision 0092): money, minutes/hours/days, months/years. Every other
 * known unit is a dimension of its own until a `units { … }` block relates it to another.
 */
const builtIn: Record<string, readonly [string, number]> = {
  元: ["元", 1],
  千元: ["元", 1000],
  万元: ["元", 10000],
  亿元: ["元", 100000000],
  分钟: ["分钟", 1],
  小时: ["分钟", 60],
  天: ["分钟", 1440],
  月: ["月", 1],
  // `8 个月` is the same calendar months as `8 月` (decision 0180)
  个月: ["月", 1],
  年: ["月", 12],
};

const builtInUnits: ReadonlySet<string> = new Set(knownUnits);

/** A unit as a multiple of its dimension's base unit. */
export interface UnitMeasure {
  base: string;
  factor: Decimal;
}

export type UnitProblem =
  | { reason: "builtin" | "duplicate" | "zero"; unit: string; decl: At<UnitsDecl>; range: import("@perf/language").Range }
  | { reason: "cycle"; unit: string; cycle: string; decl: At<UnitsDecl>; range: import("@perf/language").Range };

/** The units of one evaluation: the built-in ones and those its `units` blocks declare. */
export class UnitTable {
  private readonly declared = new Map<string, { equals?: NumberValue }>();
  private readonly measures = new Map<string, UnitMeasure | null>();
  readonly problems: UnitProblem[] = [];

  constructor(blocks: readonly At<UnitsDecl>[]) {
    // the built-in units' set, not a copy of it per analysis
    const known = builtInUnits;
    for (const decl of blocks) {
      for (const u of decl.units) {
        const name = u.name.text;
        if (known.has(name) && u.equals) this.problems.push({ reason: "builtin", unit: name, decl, range: u.name.range });
        else if (this.declared.has(name)) this.problems.push({ reason: "duplicate", unit: name, decl, range: u.name.range });
        else if (u.equals && new Decimal(u.equals.text).lessThanOrEqualTo(0)) this.problems.push({ reason: "zero", unit: name, decl, range: u.equals.range });
        else if (!known.has(name)) this.declared.set(name, u.equals?.unit ? { equals: u.equals } : {});
      }
    }
    // a conversion chain that comes back to where it started has no measure
    for (const decl of blocks) {
      for (const u of decl.units) {
        const cycle = this.cycleFrom(u.name.text);
        if (cycle && this.declared.get(u.name.text)?.equals === u.equals) this.problems.push({ reason: "cycle", unit: u.name.text, cycle, decl, range: u.name.range });
      }
    }
  }

  /** Whether a word is a unit: built in, or declared. */
  knows(unit: string): boolean {
    return builtInUnits.has(unit) || this.declared.has(unit);
  }

  private cycleFrom(unit: string): string | undefined {
    const seen: string[] = [];
    let u: string | undefined = unit;
    while (u !== undefined) {
      if (seen.includes(u)) return u === unit ? [...seen, u].join(" → ") : undefined;
      seen.push(u);
      u = this.declared.get(u)?.equals?.unit;
    }
    return undefined;
  }

  /** The unit as a multiple of its base: a loop along the declared chain, never recursion. */
  measure(unit: string): UnitMeasure | null {
    const cached = this.measures.get(unit);
    if (cached !== undefined) return cached;
    let factor = new Decimal(1);
    let u = unit;
    const seen = new Set<string>();
    let result: UnitMeasure | null = null;
    for (;;) {
      if (seen.has(u)) break;
      seen.add(u);
      const b = builtIn[u];
      if (b) {
        result = { base: b[0], factor: factor.times(b[1]) };
        break;
      }
      const d = this.declared.get(u);
      if (d?.equals?.unit) {
        factor = factor.times(d.equals.text);
        u = d.equals.unit;
        continue;
      }
      result = this.knows(u) ? { base: u, factor } : null;
      break;
    }
    this.measures.set(unit, result);
    return result;
  }

  /** `q` in `unit`; undefined when either is unknown or they measure different things. */
  convert(q: Quantity, unit: string): Quantity | undefined {
    if (q.unit === unit) return q;
    if (q.unit === null) return undefined;
    const from = this.measure(q.unit);
    const to = this.measure(unit);
    if (!from || !to || from.base !== to.base) return undefined;
    return { value: divide(q.value.times(from.factor), to.factor), unit };
  }
}

/** A unit table that lives as long as the module, so a full collection keeps the class's hidden classes (see `leafShape`, phases/score.ts). */
export const unitTableShape = new UnitTable([]);
