import { analyze } from "@perf/engine";
import { Random } from "./random.js";
import * as T from "./texts.js";

/** A decimal kept as integer hundredths, printed exactly: 519110 → "5191.10" is never a float. */
type Cents = number;
const text = (c: Cents): string => {
  const sign = c < 0 ? "-" : "";
  const abs = Math.abs(c);
  const fraction = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${fraction === 0 ? "" : "." + String(fraction).padStart(2, "0").replace(/0$/, "")}`;
};

export type Method =
  | { kind: "score"; value: string }
  | { kind: "deduct"; lines: { amount: string; reason: string }[] }
  | { kind: "ratio"; numerator: string; denominator: string }
  | { kind: "perFinding"; amount: string; max?: string }
  | { kind: "bands"; subject: string; bands: { atLeast: string; score: string }[]; otherwise: string }
  | { kind: "satisfaction"; aggregation: "mean" | "weighted"; surveys: string[] };

export interface Indicator {
  id: string;
  title?: string;
  weight: string;
  explain?: string;
  criteria?: string;
  note?: string;
  method?: Method;
  declared?: string;
  children: Indicator[];
}

export interface Fact {
  id: string;
  value: string;
  unit?: string;
}

export interface Survey {
  id: string;
  title: string;
  satisfaction: string;
  respondents: number;
}

export interface Finding {
  id: string;
  on: string;
  unit: string;
  project: string;
  type: string;
  issue: string;
  description: string;
  count: number;
}

export interface Model {
  title: string;
  period: number;
  client: string;
  evaluator: string;
  total: string;
  grades: { name: string; lower: string }[];
  declared?: string;
  facts: Fact[];
  surveys: Survey[];
  indicators: Indicator[];
  findings: Finding[];
}

export interface GenerateOptions {
  leaves: number;
  seed?: number;
  /** Length of 指标解释 / 评价标准 / 评价说明 relative to a report's (1 ≈ 60 / 110 / 200 characters, ≈ 2 KB a leaf). */
  textScale?: number;
}

export interface GeneratedDocument {
  model: Model;
  /** The .perf text, with `declared` on every indicator and the total. */
  perf: string;
  /** The same data as JSON: same strings, same numbers. */
  json: string;
  leaves: number;
}

const methodMix = ["score", "deduct", "ratio", "perFinding", "bands", "satisfaction"] as const;
const methodWeights = [20, 25, 20, 15, 10, 10];
const quantityUnits = ["万元", "个", "台", "项", "人次"];

/**
 * A three-level evaluation (4 roots → 二级 of up to 10 leaves → 三级 leaves) with every scoring
 * method, findings with descriptions, and declared scores computed once by the engine.
 */
export function generate(options: GenerateOptions): GeneratedDocument {
  const model = generateModel(options);
  const draft = renderPerf(model);
  const analysis = analyze([{ uri: "generated.perf", text: draft }]);
  const { summary } = analysis.result;
  if (summary.errors > 0 || summary.leaves !== options.leaves) {
    throw new Error(`generator produced ${summary.errors} errors and ${summary.leaves} leaves (expected ${options.leaves})`);
  }
  const declare = (list: Indicator[]): void => {
    for (const i of list) {
      const score = analysis.indicators.get(i.id)?.score;
      if (score === null || score === undefined) throw new Error(`no score for ${i.id}`);
      i.declared = score;
      declare(i.children);
    }
  };
  declare(model.indicators);
  model.declared = analysis.result.total.score ?? undefined;
  return { model, perf: renderPerf(model), json: JSON.stringify(jsonTwin(model)), leaves: options.leaves };
}

export function generateModel({ leaves, seed = 2026, textScale = 1 }: GenerateOptions): Model {
  if (leaves < T.rootNames.length) throw new Error(`at least ${T.rootNames.length} leaves`);
  const r = new Random(seed);
  const facts: Fact[] = [];
  const findings: Finding[] = [];
  const surveys: Survey[] = Array.from({ length: 8 }, (_, i) => ({
    id: `调查_${i + 1}`,
    title: `${r.pick(T.projects)}项目${r.pick(T.surveyTitles)}`,
    satisfaction: `${text(r.int(8500, 9950))}%`,
    respondents: r.int(100, 500),
  }));
  let serial = 0;
  const leaf = (): Indicator => {
    const id = `${r.pick(T.leafNames)}_${++serial}`;
    const weight: Cents = r.int(1, 6) * 100;
    const indicator: Indicator = {
      id,
      weight: text(weight),
      explain: T.explainText(r, Math.round(60 * textScale)),
      criteria: T.criteriaText(r, Math.round(110 * textScale)),
      note: T.noteText(r, Math.round(200 * textScale)),
      children: [],
    };
    indicator.method = method(r, id, weight, facts, findings, surveys, textScale);
    return indicator;
  };
  const indicators: Indicator[] = T.rootNames.map((name, rootIndex) => {
    const share = Math.floor(leaves / T.rootNames.length) + (rootIndex < leaves % T.rootNames.length ? 1 : 0);
    const branches: Indicator[] = [];
    for (let done = 0, b = 0; done < share; b++) {
      const size = Math.min(10, share - done);
      done += size;
      const children = Array.from({ length: size }, leaf);
      branches.push({ id: `${T.branchNames[(rootIndex * 4 + b) % T.branchNames.length]}_${++serial}`, weight: sumText(children), children });
    }
    return { id: `${name}_${rootIndex + 1}`, title: name, weight: sumText(branches), children: branches };
  });
  const total = indicators.reduce((s, i) => s + cents(i.weight), 0);
  const used = new Set<string>();
  const visit = (i: Indicator): void => {
    if (i.method?.kind === "satisfaction") for (const s of i.method.surveys) used.add(s);
    i.children.forEach(visit);
  };
  indicators.forEach(visit);
  return {
    title: `基准评价（${leaves}个三级指标）`,
    period: 2024,
    client: "永州市财政局",
    evaluator: "湖南省效政管理咨询有限公司",
    total: text(total),
    grades: [
      { name: "优", lower: text(Math.round((total * 9) / 10)) },
      { name: "良", lower: text(Math.round((total * 8) / 10)) },
      { name: "中", lower: text(Math.round((total * 6) / 10)) },
      { name: "差", lower: "0" },
    ],
    facts,
    surveys: surveys.filter((s) => used.has(s.id)), // an unused survey is a warning (PERF081)
    indicators,
    findings,
  };
}

function cents(decimal: string): Cents {
  return Math.round(Number(decimal) * 100);
}

function sumText(list: Indicator[]): string {
  return text(list.reduce((s, i) => s + cents(i.weight), 0));
}

function method(r: Random, id: string, weight: Cents, facts: Fact[], findings: Finding[], surveys: Survey[], textScale: number): Method {
  switch (methodMix[r.weighted(methodWeights)]) {
    case "score":
      return { kind: "score", value: text(Math.max(0, weight - r.int(0, 2) * 50)) };
    case "deduct": {
      // At most the weight in total: k lines of 0.5 × up to weight / (0.5 k).
      const k = r.int(1, Math.min(3, weight / 50));
      const lines = Array.from({ length: k }, () => ({
        amount: text(r.int(1, Math.floor(weight / (50 * k))) * 50),
        reason: T.reasonText(r, Math.round(60 * textScale)),
      }));
      return { kind: "deduct", lines };
    }
    case "ratio": {
      const unit = r.pick(quantityUnits);
      const planned: Cents = r.int(500, 900_000) * (unit === "万元" ? 1 : 100);
      const actual: Cents = Math.round(planned * (0.7 + r.next() * 0.35)); // over 100% is capped by the engine
      facts.push({ id: `${id}_实际`, value: text(actual), unit }, { id: `${id}_计划`, value: text(planned), unit });
      return { kind: "ratio", numerator: `${id}_实际`, denominator: `${id}_计划` };
    }
    case "perFinding": {
      const amount: Cents = r.int(1, 10) * 10;
      for (let n = r.int(0, 5); n > 0; n--) {
        findings.push({
          id: `问题_${findings.length + 1}`,
          on: id,
          unit: r.pick(T.units),
          project: r.pick(T.projects),
          type: r.pick(T.findingTypes),
          issue: T.reasonText(r, 20),
          description: T.noteText(r, Math.round(120 * textScale)),
          count: r.next() < 0.2 ? r.int(2, 3) : 1,
        });
      }
      return r.next() < 0.5 ? { kind: "perFinding", amount: text(amount), max: text(Math.max(amount, weight / 2)) } : { kind: "perFinding", amount: text(amount) };
    }
    case "bands": {
      facts.push({ id: `${id}_完成率`, value: `${text(r.int(7000, 10000))}%` });
      const bands = [
        { atLeast: "95%", score: text(weight) },
        { atLeast: "90%", score: text(Math.round((weight * 8) / 10)) },
        { atLeast: "80%", score: text(Math.round(weight / 2)) },
      ];
      return { kind: "bands", subject: `${id}_完成率`, bands, otherwise: "0" };
    }
    case "satisfaction": {
      const first = r.int(0, surveys.length - 3);
      return { kind: "satisfaction", aggregation: r.next() < 0.5 ? "mean" : "weighted", surveys: surveys.slice(first, first + r.int(2, 3)).map((s) => s.id) };
    }
  }
}

const quote = (s: string): string => `"${s.replace(/[\\"]/g, (c) => "\\" + c)}"`;

export function renderPerf(m: Model): string {
  const out: string[] = [];
  out.push(
    `// Generated by @perf/bench: ${m.title}`,
    `evaluation ${quote(m.title)} {`,
    `  period ${m.period}`,
    `  client ${quote(m.client)}`,
    `  evaluator ${quote(m.evaluator)}`,
    `  total ${m.total}`,
    `  precision 2`,
    `  grades { ${m.grades.map((g) => `${g.name} >= ${g.lower}`).join("; ")} }`,
  );
  if (m.declared !== undefined) out.push(`  declared ${m.declared}`);
  out.push("}", "");
  for (const f of m.facts) out.push(`fact ${f.id} = ${f.value}${f.unit ? " " + f.unit : ""}`);
  out.push("");
  for (const s of m.surveys) out.push(`survey ${s.id} ${quote(s.title)} { satisfaction ${s.satisfaction} respondents ${s.respondents} }`);
  for (const i of m.indicators) renderIndicator(i, "", out);
  for (const f of m.findings) {
    out.push(
      "",
      `finding ${f.id} on ${f.on} {`,
      `  unit ${quote(f.unit)}`,
      `  project ${quote(f.project)}`,
      `  type ${quote(f.type)}`,
      `  issue ${quote(f.issue)}`,
      `  description ${quote(f.description)}`,
    );
    if (f.count !== 1) out.push(`  count ${f.count}`);
    out.push("}");
  }
  out.push("");
  return out.join("\n");
}

function renderIndicator(i: Indicator, indent: string, out: string[]): void {
  const inner = indent + "  ";
  out.push("", `${indent}indicator ${i.id}${i.title ? " " + quote(i.title) : ""} weight ${i.weight} {`);
  if (i.explain !== undefined) out.push(`${inner}explain ${quote(i.explain)}`);
  if (i.criteria !== undefined) out.push(`${inner}criteria ${quote(i.criteria)}`);
  if (i.note !== undefined) out.push(`${inner}note ${quote(i.note)}`);
  const m = i.method;
  if (m?.kind === "score") out.push(`${inner}score ${m.value}`);
  else if (m?.kind === "deduct") for (const l of m.lines) out.push(`${inner}deduct ${l.amount} ${quote(l.reason)}`);
  else if (m?.kind === "ratio") out.push(`${inner}ratio ${m.numerator} / ${m.denominator}`);
  else if (m?.kind === "perFinding") out.push(`${inner}per finding deduct ${m.amount}${m.max ? ` max ${m.max}` : ""}`);
  else if (m?.kind === "bands") out.push(`${inner}bands ${m.subject} { ${m.bands.map((b) => `>= ${b.atLeast}: ${b.score}`).join("; ")}; else: ${m.otherwise} }`);
  else if (m?.kind === "satisfaction") out.push(`${inner}satisfaction ${m.aggregation}(${m.surveys.join(", ")})`);
  if (i.declared !== undefined) out.push(`${inner}declared ${i.declared}`);
  for (const c of i.children) renderIndicator(c, inner, out);
  out.push(`${indent}}`);
}

/** Numbers become JSON numbers (a percentage keeps its unit "%"), strings stay the same strings. */
function jsonTwin(m: Model): unknown {
  const num = (s: string): { value: number; unit?: string } => (s.endsWith("%") ? { value: Number(s.slice(0, -1)), unit: "%" } : { value: Number(s) });
  const indicator = (i: Indicator): unknown => ({
    ...i,
    weight: Number(i.weight),
    declared: i.declared === undefined ? undefined : Number(i.declared),
    method: i.method && methodJson(i.method, num),
    children: i.children.map(indicator),
  });
  return {
    ...m,
    total: Number(m.total),
    declared: m.declared === undefined ? undefined : Number(m.declared),
    grades: m.grades.map((g) => ({ name: g.name, lower: Number(g.lower) })),
    facts: m.facts.map((f) => ({ id: f.id, ...num(f.value), ...(f.unit ? { unit: f.unit } : {}) })),
    surveys: m.surveys.map((s) => ({ ...s, satisfaction: num(s.satisfaction) })),
    indicators: m.indicators.map(indicator),
  };
}

function methodJson(m: Method, num: (s: string) => { value: number; unit?: string }): unknown {
  switch (m.kind) {
    case "score":
      return { kind: m.kind, value: Number(m.value) };
    case "deduct":
      return { kind: m.kind, lines: m.lines.map((l) => ({ amount: Number(l.amount), reason: l.reason })) };
    case "perFinding":
      return { kind: m.kind, amount: Number(m.amount), max: m.max === undefined ? undefined : Number(m.max) };
    case "bands":
      return { kind: m.kind, subject: m.subject, bands: m.bands.map((b) => ({ atLeast: num(b.atLeast), score: Number(b.score) })), otherwise: Number(m.otherwise) };
    default:
      return m;
  }
}
