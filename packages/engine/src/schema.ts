import type { Diagnostic } from "@perf/language";
import { z } from "zod";

/** Decimals travel as strings so JSON keeps every digit ("82.46", "0.9591"). */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, "an exact decimal written as a string");

export const PositionSchema = z.object({ line: z.number().int().min(0), character: z.number().int().min(0), offset: z.number().int().min(0).optional() });
export const RangeSchema = z.object({ start: PositionSchema, end: PositionSchema });

const DiagnosticArgs = z.record(z.string(), z.union([z.string(), z.number()]));

export const DiagnosticRelatedSchema = z.object({ code: z.string(), args: DiagnosticArgs, uri: z.string(), range: RangeSchema });

/**
 * A diagnostic as data: code, severity, arguments and location. The words are chosen by the
 * printers (`diagnosticText` in @perf/language); `message` and `hint` are what results of
 * schema 1 before diagnostics-as-data carried, still accepted but no longer produced.
 */
export const DiagnosticSchema = z.object({
  code: z.string().regex(/^PERF\d{3}$/),
  severity: z.enum(["error", "warning", "info"]),
  args: DiagnosticArgs.optional(),
  message: z.string().optional(),
  hint: z.string().optional(),
  uri: z.string(),
  range: RangeSchema,
  /** Consequences folded into this diagnostic (one cause, one error). */
  related: z.array(DiagnosticRelatedSchema).optional(),
  data: DiagnosticArgs.optional(),
});

/** Why points were lost, as data; `deductionText` words it (zh/en) for every printer. */
export const DeductionCauseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("judgement"), values: z.object({ reason: z.string() }) }),
  z.object({ kind: z.literal("finding"), values: z.object({ label: z.string(), count: z.number().int().min(0) }) }),
  z.object({ kind: z.literal("ratio"), values: z.object({ expression: z.string(), percent: z.string() }) }),
  z.object({ kind: z.literal("bands"), values: z.object({ expression: z.string(), condition: z.string() }) }),
  z.object({ kind: z.literal("bandsUnmatched"), values: z.object({ expression: z.string() }) }),
  z.object({ kind: z.literal("satisfaction"), values: z.object({ percent: z.string() }) }),
  z.object({ kind: z.literal("fixed"), values: z.object({}) }),
  /** An unmet element of element scoring (要素法): its number ①…, label and the evaluator's reason. */
  z.object({ kind: z.literal("element"), values: z.object({ index: z.number().int().min(1), label: z.string(), reason: z.string() }) }),
  /** Targets scored short: each with its completion (percent, two places) or its tier. */
  z.object({ kind: z.literal("targets"), values: z.object({ missed: z.array(z.object({ name: z.string(), percent: z.string(), tier: z.enum(["met", "partial", "unmet"]).nullable() })) }) }),
]);

export const DeductionSchema = z.object({
  amount: DecimalString,
  /** Text written in the source: a judgement's reason, a finding's issue (or title, or id). */
  reason: z.string().optional(),
  /** Where it comes from: a judgement line, findings counted by a per-finding rule, or the shortfall of a computed rule. */
  source: z.enum(["judgement", "finding", "ratio", "bands", "satisfaction", "fixed", "elements", "targets"]),
  findings: z.array(z.string()).optional(),
  because: DeductionCauseSchema.optional(),
});

const SurveyUse = z.object({ id: z.string(), title: z.string(), satisfaction: DecimalString.nullable(), respondents: DecimalString.nullable() });

export const MethodSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sum") }),
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("fixed"), value: DecimalString.nullable() }),
  z.object({ kind: z.literal("judgement"), deducted: DecimalString }),
  z.object({ kind: z.literal("ratio"), expression: z.string(), ratio: DecimalString.nullable(), capped: z.boolean() }),
  z.object({
    kind: z.literal("perFinding"),
    each: DecimalString,
    max: DecimalString.nullable(),
    cases: z.number().int().min(0),
    deducted: DecimalString,
  }),
  z.object({
    kind: z.literal("bands"),
    expression: z.string(),
    value: DecimalString.nullable(),
    unit: z.string().nullable(),
    matched: z.number().int().nullable(),
    bands: z.array(z.object({ condition: z.string(), score: z.string() })),
  }),
  z.object({
    kind: z.literal("satisfaction"),
    aggregation: z.enum(["mean", "weighted"]),
    surveys: z.array(SurveyUse),
    value: DecimalString.nullable(),
  }),
  z.object({
    kind: z.literal("elements"),
    elements: z.array(z.object({ label: z.string(), share: DecimalString, met: z.boolean(), reason: z.string().nullable() })),
    /** The met shares' sum, before rounding. */
    met: DecimalString,
  }),
  /** `targets [A, B]`: each target's part of its equal share (1 when met). */
  z.object({ kind: z.literal("targets"), targets: z.array(z.object({ id: z.string(), part: DecimalString.nullable() })) }),
]);

export interface IndicatorResult {
  id: string;
  name: string;
  path: string[];
  level: number;
  weight: string;
  score: string | null;
  rate: string | null;
  declared: string | null;
  method: z.infer<typeof MethodSchema>;
  deductions: z.infer<typeof DeductionSchema>[];
  findings: string[];
  explain?: string;
  criteria?: string;
  note?: string;
  evidence: string[];
  uri: string;
  range: z.infer<typeof RangeSchema>;
  nameRange: z.infer<typeof RangeSchema>;
  children: IndicatorResult[];
}

export const IndicatorResultSchema: z.ZodType<IndicatorResult> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    path: z.array(z.string()),
    level: z.number().int().min(1),
    weight: DecimalString,
    score: DecimalString.nullable(),
    rate: DecimalString.nullable(),
    declared: DecimalString.nullable(),
    method: MethodSchema,
    deductions: z.array(DeductionSchema),
    findings: z.array(z.string()),
    explain: z.string().optional(),
    criteria: z.string().optional(),
    note: z.string().optional(),
    evidence: z.array(z.string()),
    uri: z.string(),
    range: RangeSchema,
    nameRange: RangeSchema,
    children: z.array(IndicatorResultSchema),
  }),
);

export const FindingResultSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  on: z.array(z.string()),
  unit: z.string().optional(),
  project: z.string().optional(),
  class: z.string().optional(),
  type: z.string().optional(),
  issue: z.string().optional(),
  description: z.string().optional(),
  evidence: z.array(z.string()),
  count: z.number().int().min(0),
  /** The subject it belongs to (written inside its block, or naming it with `subject ID`); absent = the whole evaluation. */
  subject: z.string().optional(),
  uri: z.string(),
  range: RangeSchema,
});

/** A table as the report prints it (decision 0092): cells as written, numbers also in the column's unit. */
export const TableResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  columns: z.array(z.object({ id: z.string(), title: z.string(), type: z.enum(["text", "percent", "number", "unit"]), unit: z.string().nullable() })),
  rows: z.array(
    z.object({
      id: z.string(),
      /** As printed ("320.50", "8.4 元", "99%"); null for an empty cell. */
      cells: z.array(z.string().nullable()),
      /** The numbers in the column's unit (a percent as a fraction); null for text and empty cells. */
      values: z.array(DecimalString.nullable()),
      range: RangeSchema,
    }),
  ),
  printed: z.array(
    z.object({
      kind: z.enum(["total", "subtotal"]),
      name: z.string().nullable(),
      rows: z.array(z.string()),
      values: z.array(z.object({ column: z.string(), printed: z.string(), computed: DecimalString.nullable(), matches: z.boolean() })),
      acknowledged: z.string().nullable(),
    }),
  ),
  uri: z.string(),
  range: RangeSchema,
});

export const FactResultSchema = z.object({
  id: z.string(),
  /** An exact decimal, or for a date an ISO day ("2020-11-20"). */
  value: z.union([DecimalString, z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).nullable(),
  unit: z.string().nullable(),
  /** A fact holding a date (decision 0180): `text` is the date as the report writes it ("2020年11月20日"). */
  date: z.boolean().optional(),
  text: z.string().optional(),
  description: z.string().optional(),
  /** A computed fact (`fact 合计 = a + b`): its expression as written, with `in UNIT`. Absent on literal facts. */
  expression: z.string().optional(),
  computed: z.boolean().optional(),
  usedBy: z.array(z.string()),
  uri: z.string(),
  range: RangeSchema,
});

export const SurveyResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  satisfaction: DecimalString.nullable(),
  respondents: DecimalString.nullable(),
  usedBy: z.array(z.string()),
  uri: z.string(),
  range: RangeSchema,
});

export const VetoResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  triggered: z.boolean(),
  grade: z.string().nullable(),
  uri: z.string(),
  range: RangeSchema,
});

export const AssertionStatementResultSchema = z.object({
  kind: z.enum(["level", "leaves", "total", "grade", "equals"]),
  /** As written: "3", "95.91%", "良". */
  expected: z.string(),
  /** The true value ("4", "95.9062%"), null when it could not be computed (reported). */
  actual: z.string().nullable(),
  holds: z.boolean().nullable(),
  /** `indicators level N`: N. */
  level: z.number().int().optional(),
  /** `EXPR = VALUE`: the expression as written, and the tolerance of `within`. */
  expression: z.string().optional(),
  /** `EXPR <= EXPR` and the other comparisons (decision 0180); absent for `=`. */
  op: z.enum(["<=", ">=", "<", ">"]).optional(),
  tolerance: z.string().optional(),
  range: RangeSchema,
});

/** An `assert`: what the report says about itself, statement by statement (checks/assertions.ts). */
export const AssertionResultSchema = z.object({
  id: z.string(),
  claim: z.string().nullable(),
  /** False when a statement is false, null when one could not be checked and none is false. */
  holds: z.boolean().nullable(),
  acknowledged: z.string().nullable(),
  statements: z.array(AssertionStatementResultSchema),
  uri: z.string(),
  range: RangeSchema,
});

/** `value`: an exact decimal (a percentage as its fraction), or an ISO date ("2020-11-30") for a deadline. */
const TargetValue = z.object({ text: z.string(), value: z.union([DecimalString, z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).nullable(), unit: z.string().nullable() });

/** One performance target (绩效目标) as judged: completion and deviation are fractions (1.3667 = 136.67%), or days for a deadline. */
export const TargetResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  class: z.string().nullable(),
  operator: z.enum([">=", "<=", "=", ">", "<", "between", "qualitative"]).nullable(),
  expected: TargetValue,
  actual: TargetValue.nullable(),
  met: z.boolean().nullable(),
  completion: DecimalString.nullable(),
  deviation: DecimalString.nullable(),
  deviationUnit: z.enum(["fraction", "days"]).nullable(),
  tier: z.enum(["met", "partial", "unmet"]).nullable(),
  /** Whether the deviation is beyond the threshold (PERF240). */
  deviationTooLarge: z.boolean(),
  reason: z.string().nullable(),
  acknowledged: z.string().nullable(),
  uri: z.string(),
  range: RangeSchema,
});

export const GradeBandSchema = z.object({ name: z.string(), lower: DecimalString, upper: DecimalString, upperInclusive: z.boolean() });

const TotalSchema = z.object({ weight: DecimalString, score: DecimalString.nullable(), rate: DecimalString.nullable(), declared: DecimalString.nullable() });
const GradeSchema = z.object({ name: z.string().nullable(), vetoedBy: z.string().nullable() });

/** One subject scored against the framework: its own tree, total and grade. */
export const SubjectResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  total: TotalSchema,
  grade: GradeSchema,
  indicators: z.array(IndicatorResultSchema),
  /** Ids of the findings that belong to this subject: its own, and top-level ones naming it (`subject ID`). */
  findings: z.array(z.string()),
  facts: z.array(FactResultSchema),
  surveys: z.array(SurveyResultSchema),
  vetoes: z.array(VetoResultSchema),
  summary: z.object({ leaves: z.number().int(), scoredLeaves: z.number().int() }),
  /** The performance targets as this subject states them (decision 0182); absent without targets. */
  targets: z.array(TargetResultSchema).optional(),
});

/** One indicator, in tree order, with every subject's score side by side. */
export const ComparisonRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  path: z.array(z.string()),
  level: z.number().int().min(1),
  weight: DecimalString,
  cells: z.array(z.object({ subject: z.string(), score: DecimalString.nullable(), rate: DecimalString.nullable(), declared: DecimalString.nullable() })),
});

/** An `override` of a framework's weight or rule by the evaluation, as `perf check` lists it. */
export const OverrideResultSchema = z.object({
  indicator: z.string(),
  what: z.enum(["weight", "rule"]),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
  uri: z.string(),
  range: RangeSchema,
});

export const EvaluationResultSchema = z.object({
  schemaVersion: z.literal(1),
  title: z.string(),
  period: z.string().nullable(),
  client: z.string().nullable(),
  evaluator: z.string().nullable(),
  subject: z.string().nullable(),
  precision: z.number().int().min(0),
  /** `score` is null when nothing is scored: a published total only, or the top level of an evaluation with subjects. */
  total: TotalSchema,
  grade: GradeSchema,
  grades: z.array(GradeBandSchema),
  indicators: z.array(IndicatorResultSchema),
  findings: z.array(FindingResultSchema),
  facts: z.array(FactResultSchema),
  /** Tables (decision 0092); absent when the evaluation has none. */
  tables: z.array(TableResultSchema).optional(),
  surveys: z.array(SurveyResultSchema),
  vetoes: z.array(VetoResultSchema),
  /** Performance targets, when the evaluation declares any. */
  targets: z.array(TargetResultSchema).optional(),
  diagnostics: z.array(DiagnosticSchema),
  assertions: z.array(AssertionResultSchema).optional(),
  summary: z.object({ errors: z.number().int(), warnings: z.number().int(), leaves: z.number().int(), scoredLeaves: z.number().int() }),
  /** The framework the evaluation `use`s. */
  framework: z.object({ uri: z.string(), id: z.string(), title: z.string().nullable() }).optional(),
  overrides: z.array(OverrideResultSchema).optional(),
  /** Present iff the evaluation has subject blocks; the top-level tree is then the framework's, unscored. */
  subjects: z.array(SubjectResultSchema).optional(),
  /** Present with subjects: every indicator in tree order, a cell per subject. */
  comparison: z.array(ComparisonRowSchema).optional(),
});

/** As the schema, with diagnostics typed as the engine produces them (arguments always present). */
export type EvaluationResult = Omit<z.infer<typeof EvaluationResultSchema>, "diagnostics"> & { diagnostics: Diagnostic[] };
export type FindingResult = z.infer<typeof FindingResultSchema>;
export type FactResult = z.infer<typeof FactResultSchema>;
export type TableResult = z.infer<typeof TableResultSchema>;
export type SurveyResult = z.infer<typeof SurveyResultSchema>;
export type VetoResult = z.infer<typeof VetoResultSchema>;
export type Deduction = z.infer<typeof DeductionSchema>;
export type DeductionCause = z.infer<typeof DeductionCauseSchema>;
export type Method = z.infer<typeof MethodSchema>;
export type GradeBand = z.infer<typeof GradeBandSchema>;
export type SubjectResult = z.infer<typeof SubjectResultSchema>;
export type ComparisonRow = z.infer<typeof ComparisonRowSchema>;
export type OverrideResult = z.infer<typeof OverrideResultSchema>;
export type AssertionResult = z.infer<typeof AssertionResultSchema>;
export type AssertionStatementResult = z.infer<typeof AssertionStatementResultSchema>;
export type TargetResult = z.infer<typeof TargetResultSchema>;
