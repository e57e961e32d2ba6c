import type { Position, Range } from "./range.js";
import type { KeywordUses } from "./keyword-uses.js";

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
  /** A name; `path` holds the segments after dots (`支出明细.预算`, `支出明细.云平台.预算`). */
  | { kind: "ref"; name: Name; path?: Name[]; range: Range }
  /** An aggregate over its arguments, as written (`sum`, `求和`, `max`…): decision 0092. */
  | { kind: "call"; fn: Name; args: Expression[]; /** `count(T.状态 = "已完成")`: only the cells equal to this text (decision 0181). */ where?: StringValue; range: Range }
  | { kind: "binary"; op: "+" | "-" | "*" | "/"; left: Expression; right: Expression; range: Range }
  | { kind: "negate"; operand: Expression; range: Range }
  | { kind: "paren"; inner: Expression; range: Range }
  /** A date literal as an operand (`fact 完工 = 2020年11月20日`, `完工 - 2020-11-30`): decision 0180. */
  | DateValue;

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
  /** `grade NAME`: the published grade (`grade {` opens the bands). */
  grade?: Name;
  /** `use "relative/path.perf"`: the framework this evaluation is scored against. */
  use?: UseClause;
  /** `kind "部门评价·项目支出"`: the evaluation's type and scope, which drive the policy checks. */
  evaluationKind?: StringValue;
  /** `quorum 30`: the smallest survey sample that is not warned about (default 30). */
  quorum?: NumberValue;
  /** The default deviation threshold of targets (`deviation 20%`). */
  deviation?: NumberValue;
  range: Range;
  keywordRange: Range;
}

export interface UseClause {
  path: StringValue;
  range: Range;
}

/** `framework ID "name" { total … precision … grades {…} }`: the header of a shared indicator tree. */
export interface FrameworkHeader {
  kind: "framework";
  name?: Name;
  title?: StringValue;
  total?: NumberValue;
  precision?: NumberValue;
  grades?: { bands: GradeBand[]; range: Range };
  range: Range;
  keywordRange: Range;
}

/** `assess INDICATOR { deduct …; score …; note …; declared …; evidence … }`: one subject's inputs for one indicator. */
export interface AssessDecl {
  kind: "assess";
  indicator: Name;
  deductions: Deduction[];
  score?: NumberValue;
  note?: StringValue;
  declared?: NumberValue;
  evidence: StringValue[];
  range: Range;
}

/** What a subject block holds besides its assessments. */
export type SubjectMember = FactDecl | SurveyDecl | FindingDecl | VetoDecl | AssessDecl | TargetDecl;

/** `subject ID "name" { fact… survey… finding… veto… assess… declared N grade NAME }`: one unit scored against the framework. */
export interface SubjectDecl {
  kind: "subject";
  name: Name;
  title?: StringValue;
  declared?: NumberValue;
  grade?: Name;
  /** Facts, surveys, findings, vetoes and assessments in source order. */
  members: SubjectMember[];
  range: Range;
  keywordRange: Range;
}

/** `override INDICATOR weight N "reason"` or `override INDICATOR rule <method> "reason"`. */
export interface OverrideDecl {
  kind: "override";
  indicator: Name;
  weight?: NumberValue;
  rule?: ScoringMethod;
  reason?: StringValue;
  range: Range;
}

export interface FactDecl {
  kind: "fact";
  name: Name;
  /** A literal fact (`fact x = 5 个`, `fact x = -3`); a computed one has `expression` instead. */
  value?: NumberValue;
  negative?: boolean;
  /** `fact 合计 = a + b + c`: anything but a plain (negated) number. */
  expression?: Expression;
  /** `… in 万元`: the unit the value is converted to. */
  convert?: Name;
  description?: StringValue;
  range: Range;
}

export interface SurveyDecl {
  kind: "survey";
  name: Name;
  title?: StringValue;
  satisfaction?: NumberValue;
  respondents?: NumberValue;
  /** `tally { 非常满意 120 × 100%; … }`: answers per level and the level's weight. */
  tally?: { levels: TallyLevel[]; range: Range };
  note?: StringValue;
  range: Range;
}

/** One answer level of a tally: `非常满意 120 × 100%`. */
export interface TallyLevel {
  name: Name;
  count?: NumberValue;
  weight?: NumberValue;
  range: Range;
}

/** One criterion of element scoring (要素法): `"立项依据符合政策" 1 met` / `… 1 unmet "原因"`. */
export interface Element {
  label?: StringValue;
  share?: NumberValue;
  met?: { value: boolean; range: Range };
  reason?: StringValue;
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
  /** `deduct` lines, or `judgement` in a framework (`open`): the deductions come from each subject's `assess`. */
  | { kind: "judgement"; deductions: Deduction[]; open?: boolean; range: Range }
  | { kind: "ratio"; expression?: Expression; range: Range }
  | { kind: "perFinding"; each?: NumberValue; max?: NumberValue; range: Range }
  | { kind: "bands"; value?: Expression; bands: Band[]; range: Range }
  | { kind: "satisfaction"; aggregation: "mean" | "weighted"; surveys: Name[]; range: Range }
  | { kind: "elements"; elements: Element[]; range: Range }
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
  /** `row TABLE.ROW` clauses. */
  rows?: RowRef[];
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
  /** `subject ID` on a top-level finding: the one subject it counts for. */
  subject?: Name;
  /** `row TABLE.ROW` clauses: the table rows the finding is about. */
  rows?: RowRef[];
  range: Range;
}

/** `row TABLE.ROW`, on a finding or an indicator. */
export interface RowRef {
  table: Name;
  row: Name;
  range: Range;
}

/** One unit of a `units { … }` block: `台套`, or `亿次 = 100000000 次`. */
export interface UnitDef {
  name: Name;
  /** The conversion: one of this unit is this many of another unit. */
  equals?: NumberValue;
  range: Range;
}

export interface UnitsDecl {
  kind: "units";
  units: UnitDef[];
  range: Range;
}

export interface TableColumn {
  name: Name;
  title?: StringValue;
  /** `text`, `percent`, `number` (any spelling of `columnTypeSpellings`) or a unit. */
  type: Name;
  range: Range;
}

export type TableCell =
  | { kind: "number"; value: NumberValue; negative?: boolean; range: Range }
  | { kind: "string"; value: StringValue; range: Range }
  | { kind: "empty"; range: Range };

export interface TableRow {
  name: Name;
  cells: TableCell[];
  range: Range;
}

/** `printed total { COL N … }` or `printed subtotal NAME rows [R, …] { COL N … }`, optionally acknowledged. */
export interface PrintedTotal {
  kind: "total" | "subtotal";
  name?: Name;
  /** Subtotals: the rows it adds up (all rows when absent). */
  rows?: Name[];
  values: { column: Name; value: NumberValue; negative?: boolean; range: Range }[];
  acknowledged?: StringValue;
  range: Range;
}

export interface TableDecl {
  kind: "table";
  name: Name;
  title?: StringValue;
  columns: TableColumn[];
  rows: TableRow[];
  printed: PrintedTotal[];
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

/** One statement of an assertion: what the report says, checked against what the file computes. */
export type AssertStatement =
  /** `indicators level N = K`: the report's count of indicators at level N. */
  | { kind: "level"; level?: NumberValue; expected?: NumberValue; range: Range }
  /** `leaves = K`: the count of scored (leaf) indicators. */
  | { kind: "leaves"; expected?: NumberValue; range: Range }
  /** `total = 82.46`: the stated total score. */
  | { kind: "total"; expected?: NumberValue; range: Range }
  /** `grade = 良`: the stated grade. */
  | { kind: "grade"; expected?: Name; range: Range }
  /**
   * `EXPR = VALUE` (exact) or `EXPR = VALUE within TOL`; `EXPR <= EXPR` and the other comparisons
   * (decision 0180): `op` is absent for `=`, `right` holds a right side that is not a plain number.
   */
  | { kind: "equals"; expression?: Expression; op?: AssertOperator; expected?: NumberValue; right?: Expression; tolerance?: NumberValue; range: Range };

export type AssertOperator = "<=" | ">=" | "<" | ">";

/** `assert ID "claim" { statements } acknowledged "reason"` (decision 0092). */
export interface AssertDecl {
  kind: "assert";
  name: Name;
  claim?: StringValue;
  statements: AssertStatement[];
  acknowledged?: StringValue;
  /** Where the `{ … }` block ends (after `}`), before any `acknowledged`. */
  blockEnd: Position;
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
  /** `actual -`: the report states no actual value (not a gap of the file). */
  | { kind: "none"; range: Range }
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

export type Declaration =
  | EvaluationHeader
  | FrameworkHeader
  | FactDecl
  | SurveyDecl
  | IndicatorDecl
  | FindingDecl
  | VetoDecl
  | SubjectDecl
  | OverrideDecl
  | UnitsDecl
  | TableDecl
  | AssertDecl
  | TargetDecl;

export interface PerfFile {
  uri: string;
  declarations: Declaration[];
  comments: Comment[];
  /** Which spelling each keyword occurrence used, so the formatter can keep the file's choice, and where. */
  keywords: KeywordUses;
  range: Range;
}
