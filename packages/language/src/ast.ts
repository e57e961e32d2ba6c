import type { Range } from "./range.js";
import type { KeywordName, Spelling } from "./keywords.js";

/** An exact decimal as written in the source: the digits are kept as text so nothing is lost. */
export interface NumberValue {
  kind: "number";
  /** Decimal digits as written, without `%` (e.g. "96.92"). */
  text: string;
  percent: boolean;
  unit?: string;
  range: Range;
}

export interface Name {
  text: string;
  range: Range;
}

export interface StringValue {
  value: string;
  range: Range;
}

export type Expression =
  | NumberValue
  | { kind: "ref"; name: Name; range: Range }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expression; right: Expression; range: Range }
  | { kind: "negate"; operand: Expression; range: Range }
  | { kind: "paren"; inner: Expression; range: Range };

/** Which spelling each keyword occurrence used, so the formatter can keep the file's choice. */
export interface KeywordUse {
  name: KeywordName;
  spelling: Spelling;
  range: Range;
}

export interface Comment {
  text: string;
  block: boolean;
  range: Range;
}

export interface GradeBand {
  name: Name;
  lower?: NumberValue;
  upper?: NumberValue;
  range: Range;
}

export interface EvaluationHeader {
  kind: "evaluation";
  title?: StringValue;
  period?: StringValue | NumberValue;
  client?: StringValue;
  evaluator?: StringValue;
  subject?: StringValue;
  total?: NumberValue;
  precision?: NumberValue;
  grades?: { bands: GradeBand[]; range: Range };
  declared?: NumberValue;
  /** The default deviation threshold of targets (`deviation 20%`). */
  deviation?: NumberValue;
  range: Range;
  keywordRange: Range;
}

export interface FactDecl {
  kind: "fact";
  name: Name;
  value?: NumberValue;
  negative?: boolean;
  description?: StringValue;
  range: Range;
}

export interface SurveyDecl {
  kind: "survey";
  name: Name;
  title?: StringValue;
  satisfaction?: NumberValue;
  respondents?: NumberValue;
  note?: StringValue;
  range: Range;
}

export interface Deduction {
  amount?: NumberValue;
  reason?: StringValue;
  range: Range;
}

export type Comparator = ">=" | ">" | "<=" | "<";

export interface Band {
  comparator?: Comparator;
  /** undefined for the `else` band */
  threshold?: Expression;
  score?: NumberValue;
  range: Range;
}

export type ScoringMethod =
  | { kind: "fixed"; value?: NumberValue; range: Range }
  | { kind: "judgement"; deductions: Deduction[]; range: Range }
  | { kind: "ratio"; expression?: Expression; range: Range }
  | { kind: "perFinding"; each?: NumberValue; max?: NumberValue; range: Range }
  | { kind: "bands"; value?: Expression; bands: Band[]; range: Range }
  | { kind: "satisfaction"; aggregation: "mean" | "weighted"; surveys: Name[]; range: Range }
  | { kind: "targets"; targets: Name[]; tiers: { tier: TierName; share?: NumberValue; range: Range }[]; range: Range };

export interface IndicatorDecl {
  kind: "indicator";
  name: Name;
  title?: StringValue;
  weight?: NumberValue;
  explain?: StringValue;
  criteria?: StringValue;
  note?: StringValue;
  evidence: StringValue[];
  declared?: NumberValue;
  /** Every scoring clause in source order; more than one method is an error the engine reports. */
  methods: ScoringMethod[];
  children: IndicatorDecl[];
  range: Range;
  /** The range of `indicator NAME "title" weight N`, for lenses and hints. */
  headRange: Range;
}

export interface FindingDecl {
  kind: "finding";
  name: Name;
  title?: StringValue;
  on: Name[];
  unit?: StringValue;
  project?: StringValue;
  class?: StringValue;
  type?: StringValue;
  issue?: StringValue;
  description?: StringValue;
  evidence: StringValue[];
  count?: NumberValue;
  range: Range;
}

export interface VetoDecl {
  kind: "veto";
  name: Name;
  title?: StringValue;
  triggered?: { value: boolean; range: Range };
  grade?: Name;
  range: Range;
}

/** A date literal as written; `day` is the month's last day for `2020年11月底`, 1 for `2020年11月`. Validity is the engine's check. */
export interface DateValue {
  kind: "date";
  text: string;
  year: number;
  month: number;
  day: number;
  /** `2020年11月` (no day): the whole month; a deadline is then its last day. */
  monthOnly: boolean;
  endOfMonth: boolean;
  range: Range;
}

export type TargetOperator = ">=" | "<=" | "=" | ">" | "<";

/** How a target's comparison was written, so the formatter keeps it: `>=`, `不低于 X`, `X 以上`. */
export type TargetExpect =
  | { kind: "compare"; op: TargetOperator; value?: NumberValue | DateValue; word?: { text: string; after: boolean }; /** written without an operator: `expect 100%` means `=` */ bare?: boolean; range: Range }
  | { kind: "between"; low?: NumberValue; high?: NumberValue; range: Range }
  | { kind: "qualitative"; text: StringValue; range: Range };

export type TargetActual =
  | { kind: "expression"; expression: Expression; range: Range }
  | { kind: "date"; date: DateValue; range: Range }
  | { kind: "text"; text: StringValue; range: Range };

export type TierName = "met" | "partial" | "unmet";

export interface TargetDecl {
  kind: "target";
  name: Name;
  title?: StringValue;
  class?: StringValue;
  expect?: TargetExpect;
  actual?: TargetActual;
  tier?: { value: TierName; range: Range };
  reason?: StringValue;
  deviation?: NumberValue;
  acknowledged?: StringValue;
  range: Range;
}

export type Declaration = EvaluationHeader | FactDecl | SurveyDecl | IndicatorDecl | FindingDecl | VetoDecl | TargetDecl;

export interface PerfFile {
  uri: string;
  declarations: Declaration[];
  comments: Comment[];
  keywords: KeywordUse[];
  range: Range;
}
