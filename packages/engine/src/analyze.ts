import {
  makeDiagnostic,
  parse,
  type Diagnostic,
  type DiagnosticCode,
  type Locale,
  type ParseResult,
  type Range,
} from "@perf/language";
import type * as A from "@perf/language";
import { Decimal, ONE, ZERO, decimalText, roundHalfUp, sum } from "./decimal.js";
import { evaluateExpression, expressionText, forEachRef, isProblem, numberValue, type Quantity } from "./expression.js";
import { closest, type PerfSymbol, type Reference, type SymbolKind, type SymbolTable } from "./symbols.js";
import type { Deduction, EvaluationResult, FindingResult, GradeBand, IndicatorResult, Method } from "./schema.js";

export interface SourceDocument {
  uri: string;
  text: string;
}

export interface AnalyzeOptions {
  locale?: Locale;
  /** Unscored leaves become errors. */
  strict?: boolean;
}

/** Everything one analysis knows: the result for printers, and what editors need to navigate. */
export interface Analysis {
  result: EvaluationResult;
  parsed: Map<string, ParseResult>;
  symbols: SymbolTable;
  /** Indicator results by id, for hovers and hints. */
  indicators: Map<string, IndicatorResult>;
}

/** The national framework's grades (财预〔2020〕10号), used when a file states none. */
const defaultGrades: { name: string; lower: number }[] = [
  { name: "优", lower: 90 },
  { name: "良", lower: 80 },
  { name: "中", lower: 60 },
  { name: "差", lower: 0 },
];

/**
 * The whole pipeline, parsed → resolved → validated → scored, over the documents of one
 * evaluation. Pure: same documents in, same analysis out.
 */
export function analyze(documents: SourceDocument[], options: AnalyzeOptions = {}): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of documents) parsed.set(d.uri, parse(d.text, d.uri, options));
  return analyzeParsed(parsed, options);
}

export function analyzeParsed(parsed: Map<string, ParseResult>, options: AnalyzeOptions = {}): Analysis {
  return new Analyzer(parsed, options).run();
}

/** One-file convenience. */
export function analyzeText(text: string, uri = "untitled.perf", options: AnalyzeOptions = {}): Analysis {
  return analyze([{ uri, text }], options);
}

type Leafish = A.IndicatorDecl & { uri: string };

class Analyzer {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly symbols = new Map<string, PerfSymbol>();
  private readonly references: Reference[] = [];
  private readonly indicatorResults = new Map<string, IndicatorResult>();
  private header?: { decl: A.EvaluationHeader; uri: string };
  private readonly roots: Leafish[] = [];
  private readonly facts: (A.FactDecl & { uri: string })[] = [];
  private readonly surveys: (A.SurveyDecl & { uri: string })[] = [];
  private readonly findings: (A.FindingDecl & { uri: string })[] = [];
  private readonly vetoes: (A.VetoDecl & { uri: string })[] = [];
  private readonly used = new Map<string, Set<string>>();
  private readonly counts = new Map<A.FindingDecl, number>();
  /** Findings by the indicator id they are attached to (`on`), in source order. */
  private readonly attachments = new Map<string, { finding: A.FindingDecl & { uri: string }; ref: A.Name }[]>();
  private precision = 2;
  private leaves = 0;
  private scoredLeaves = 0;

  constructor(
    private readonly parsed: Map<string, ParseResult>,
    private readonly options: AnalyzeOptions,
  ) {}

  private report(code: DiagnosticCode, uri: string, range: Range, args: Record<string, string | number> = {}, data?: Record<string, string | number>) {
    this.diagnostics.push(makeDiagnostic(code, uri, range, args, this.options, data));
  }

  run(): Analysis {
    for (const [uri, p] of this.parsed) {
      this.diagnostics.push(...p.diagnostics);
      this.collect(uri, p.ast);
    }
    this.precision = this.readPrecision();
    this.resolve();
    const indicators = this.roots.map((r) => this.scoreIndicator(r, r.uri, [], 1));
    this.checkRootSum(indicators);
    const grades = this.gradeBands();
    const totalScore = sum(indicators.map((i) => (i.score === null ? ZERO : new Decimal(i.score))));
    const totalWeight = this.totalWeight();
    const grade = this.gradeOf(totalScore, grades);
    this.checkDeclaredTotal(totalScore);
    this.reportUnused();

    const h = this.header?.decl;
    const findings: FindingResult[] = this.findings.map((f) => {
      const r: FindingResult = {
        id: f.name.text,
        on: f.on.map((o) => o.text),
        evidence: f.evidence.map((e) => e.value),
        count: this.findingCount(f),
        uri: f.uri,
        range: f.range,
      };
      for (const k of ["title", "unit", "project", "class", "type", "issue", "description"] as const) {
        const v = f[k]?.value;
        if (v !== undefined) r[k] = v;
      }
      return r;
    });
    const sorted = sortDiagnostics(this.diagnostics);
    const result: EvaluationResult = {
      schemaVersion: 1,
      title: h?.title?.value ?? this.defaultTitle(),
      period: h?.period ? ("value" in h.period ? h.period.value : h.period.text) : null,
      client: h?.client?.value ?? null,
      evaluator: h?.evaluator?.value ?? null,
      subject: h?.subject?.value ?? null,
      precision: this.precision,
      total: {
        weight: decimalText(totalWeight),
        score: decimalText(totalScore),
        rate: totalWeight.isZero() ? null : decimalText(roundHalfUp(totalScore.dividedBy(totalWeight), 4)),
        declared: h?.declared ? decimalText(numberValue(h.declared).value) : null,
      },
      grade,
      grades,
      indicators,
      findings,
      facts: this.facts.map((f) => {
        const q = this.factValue(f);
        const r = {
          id: f.name.text,
          value: q ? decimalText(q.value) : null,
          unit: q?.unit ?? null,
          usedBy: [...(this.used.get(f.name.text) ?? [])],
          uri: f.uri,
          range: f.range,
        };
        return f.description ? { ...r, description: f.description.value } : r;
      }),
      surveys: this.surveys.map((s) => ({
        id: s.name.text,
        title: s.title?.value ?? s.name.text,
        satisfaction: s.satisfaction ? decimalText(numberValue(s.satisfaction).value) : null,
        respondents: s.respondents ? decimalText(numberValue(s.respondents).value) : null,
        usedBy: [...(this.used.get(s.name.text) ?? [])],
        uri: s.uri,
        range: s.range,
      })),
      vetoes: this.vetoes.map((v) => ({
        id: v.name.text,
        title: v.title?.value ?? v.name.text,
        triggered: v.triggered?.value ?? false,
        grade: v.grade?.text ?? null,
        uri: v.uri,
        range: v.range,
      })),
      diagnostics: sorted,
      summary: {
        errors: sorted.filter((d) => d.severity === "error").length,
        warnings: sorted.filter((d) => d.severity === "warning").length,
        leaves: this.leaves,
        scoredLeaves: this.scoredLeaves,
      },
    };
    return { result, parsed: this.parsed, symbols: { symbols: this.symbols, references: this.references }, indicators: this.indicatorResults };
  }

  private defaultTitle(): string {
    const first = [...this.parsed.keys()][0] ?? "untitled";
    return first.replace(/^.*[\\/]/, "").replace(/\.perf$/, "");
  }

  // ── collect ──────────────────────────────────────────────────────────────

  private collect(uri: string, file: A.PerfFile) {
    for (const d of file.declarations) {
      switch (d.kind) {
        case "evaluation":
          if (this.header) this.report("PERF007", uri, d.keywordRange);
          else this.header = { decl: d, uri };
          break;
        case "fact":
          this.facts.push({ ...d, uri });
          this.define("fact", d.name, uri, d.range, d);
          break;
        case "survey":
          this.surveys.push({ ...d, uri });
          this.define("survey", d.name, uri, d.range, d);
          break;
        case "indicator":
          this.roots.push({ ...d, uri });
          this.defineIndicator(d, uri, undefined);
          break;
        case "finding":
          this.findings.push({ ...d, uri });
          this.define("finding", d.name, uri, d.range, d);
          break;
        case "veto":
          this.vetoes.push({ ...d, uri });
          this.define("veto", d.name, uri, d.range, d);
          break;
      }
    }
  }

  private defineIndicator(d: A.IndicatorDecl, uri: string, parent: string | undefined) {
    this.define("indicator", d.name, uri, d.range, d, parent);
    for (const c of d.children) this.defineIndicator(c, uri, d.name.text);
  }

  private define(kind: SymbolKind, name: A.Name, uri: string, range: Range, node: PerfSymbol["node"], parent?: string) {
    if (this.symbols.has(name.text)) {
      this.report("PERF021", uri, name.range, { name: name.text });
      return;
    }
    const s: PerfSymbol = { kind, id: name.text, uri, nameRange: name.range, range, node };
    if (parent) s.parent = parent;
    this.symbols.set(name.text, s);
  }

  private readPrecision(): number {
    const p = this.header?.decl.precision;
    if (!p) return 2;
    const n = Number(p.text);
    if (p.percent || p.unit || !Number.isInteger(n) || n > 6) {
      this.report("PERF005", this.header!.uri, p.range, { text: p.text, zh: "精度须为 0 到 6 的整数", en: "precision is a whole number from 0 to 6" });
      return 2;
    }
    return n;
  }

  private totalWeight(): Decimal {
    const t = this.header?.decl.total;
    return t ? numberValue(t).value : new Decimal(100);
  }

  // ── resolve ──────────────────────────────────────────────────────────────

  private resolve() {
    const walk = (d: A.IndicatorDecl, uri: string) => {
      for (const m of d.methods) {
        if (m.kind === "ratio") forEachRef(m.expression, (r) => this.reference(r.name, ["fact", "survey"], uri, d.name.text));
        if (m.kind === "bands") {
          forEachRef(m.value, (r) => this.reference(r.name, ["fact", "survey"], uri, d.name.text));
          for (const b of m.bands) forEachRef(b.threshold, (r) => this.reference(r.name, ["fact", "survey"], uri, d.name.text));
        }
        if (m.kind === "satisfaction") for (const s of m.surveys) this.reference(s, ["survey"], uri, d.name.text);
      }
      for (const c of d.children) walk(c, uri);
    };
    for (const r of this.roots) walk(r, r.uri);
    for (const f of this.findings) {
      for (const o of f.on) {
        this.reference(o, ["indicator"], f.uri, f.name.text);
        const list = this.attachments.get(o.text) ?? [];
        list.push({ finding: f, ref: o });
        this.attachments.set(o.text, list);
      }
    }
  }

  private reference(name: A.Name, expects: SymbolKind[], uri: string, from: string) {
    const target = this.symbols.get(name.text);
    const ref: Reference = { id: name.text, expects, uri, range: name.range, from };
    if (target && expects.includes(target.kind)) {
      ref.target = target;
      if (!this.used.has(name.text)) this.used.set(name.text, new Set());
      this.used.get(name.text)!.add(from);
    } else {
      const candidates = [...this.symbols.values()].filter((s) => expects.includes(s.kind)).map((s) => s.id);
      const kind = expects[0]!;
      const names = { indicator: ["指标", "indicator"], fact: ["数据", "fact"], survey: ["调查", "survey"], finding: ["问题", "finding"], veto: ["否决", "veto"] } as const;
      const args: Record<string, string> = { name: name.text, kindZh: expects.length > 1 ? "数据或调查" : names[kind][0], kindEn: expects.length > 1 ? "fact or survey" : names[kind][1] };
      const suggestion = closest(name.text, candidates);
      if (suggestion) args.suggestion = suggestion;
      this.report("PERF020", uri, name.range, args, { kind: expects[0]!, ...(suggestion ? { suggestion } : {}) });
    }
    this.references.push(ref);
  }

  private factValue(f: A.FactDecl): Quantity | undefined {
    if (!f.value) return undefined;
    const q = numberValue(f.value);
    return f.negative ? { value: q.value.negated(), unit: q.unit } : q;
  }

  private lookup = (name: string): Quantity | undefined => {
    const s = this.symbols.get(name);
    if (!s) return undefined;
    if (s.kind === "fact") return this.factValue(s.node as A.FactDecl);
    if (s.kind === "survey") {
      const sat = (s.node as A.SurveyDecl).satisfaction;
      return sat ? numberValue(sat) : undefined;
    }
    return undefined;
  };

  /** How many cases a finding stands for, read (and its mistakes reported) once per finding. */
  private findingCount(f: A.FindingDecl & { uri: string }): number {
    let n = this.counts.get(f);
    if (n !== undefined) return n;
    n = f.count ? Number(f.count.text) : 1;
    if (f.count && (f.count.percent || f.count.unit || !Number.isInteger(n))) {
      this.report("PERF005", f.uri, f.count.range, { text: f.count.text, zh: "例数须为整数", en: "a count is a whole number" });
      n = 1;
    }
    this.counts.set(f, n);
    return n;
  }

  // ── score ────────────────────────────────────────────────────────────────

  private scoreIndicator(d: A.IndicatorDecl, uri: string, parentPath: string[], level: number): IndicatorResult {
    const name = d.title?.value ?? d.name.text;
    const path = [...parentPath, name];
    let weight = ZERO;
    if (!d.weight) this.report("PERF013", uri, d.name.range, { name });
    else weight = numberValue(d.weight).value;

    const r: IndicatorResult = {
      id: d.name.text,
      name,
      path,
      level,
      weight: decimalText(weight),
      score: null,
      rate: null,
      declared: d.declared ? decimalText(numberValue(d.declared).value) : null,
      method: { kind: "none" },
      deductions: [],
      findings: [...new Set((this.attachments.get(d.name.text) ?? []).map((a) => a.finding.name.text))],
      evidence: d.evidence.map((e) => e.value),
      uri,
      range: d.range,
      nameRange: d.name.range,
      children: [],
    };
    if (d.explain) r.explain = d.explain.value;
    if (d.criteria) r.criteria = d.criteria.value;
    if (d.note) r.note = d.note.value;
    if (!this.indicatorResults.has(r.id)) this.indicatorResults.set(r.id, r);

    // Only a leaf with a per-finding rule turns attached findings into points.
    if (d.children.length || d.methods[0]?.kind !== "perFinding")
      for (const a of this.attachments.get(d.name.text) ?? []) this.report("PERF070", a.finding.uri, a.ref.range, { name });

    let score: Decimal | null = null;
    if (d.children.length) {
      r.children = d.children.map((c) => this.scoreIndicator(c, uri, path, level + 1));
      r.method = { kind: "sum" };
      if (d.methods.length) this.report("PERF032", uri, d.methods[0]!.range, { name });
      const childWeights = sum(r.children.map((c) => new Decimal(c.weight)));
      if (d.weight && !childWeights.equals(weight))
        this.report("PERF010", uri, d.weight.range, { name, weight: decimalText(weight), sum: decimalText(childWeights) }, { sum: decimalText(childWeights) });
      const scored = r.children.filter((c) => c.score !== null);
      score = scored.length ? sum(scored.map((c) => new Decimal(c.score!))) : null;
      // Deductions of a branch are those of its leaves, for 扣分明细.
    } else {
      this.leaves++;
      score = this.scoreLeaf(d, uri, name, weight, r);
      if (score !== null) this.scoredLeaves++;
    }
    if (score !== null) {
      r.score = decimalText(score);
      if (!weight.isZero()) r.rate = decimalText(roundHalfUp(score.dividedBy(weight), 4));
      if (d.declared) {
        const declared = numberValue(d.declared).value;
        if (!declared.equals(score))
          this.report("PERF040", uri, d.declared.range, { name, declared: decimalText(declared), computed: decimalText(score) }, { computed: decimalText(score) });
      }
    }
    return r;
  }

  private scoreLeaf(d: A.IndicatorDecl, uri: string, name: string, weight: Decimal, r: IndicatorResult): Decimal | null {
    const methods = d.methods;
    if (!methods.length) {
      this.report("PERF030", uri, d.name.range, { name });
      return null;
    }
    if (methods.length > 1) {
      const kinds = [...new Set(methods.map((m) => m.kind))].join(", ");
      this.report("PERF031", uri, methods[1]!.range, { name, methods: kinds });
    }
    const m = methods[0]!;

    const shortfall = (raw: Decimal, source: Deduction["source"], reason: string) => {
      const rounded = roundHalfUp(raw, this.precision);
      const lost = weight.minus(rounded);
      if (lost.greaterThan(0)) r.deductions.push({ amount: decimalText(lost), reason, source });
      return rounded;
    };
    const zh = this.options.locale !== "en";

    switch (m.kind) {
      case "fixed": {
        if (!m.value) return null;
        const v = roundHalfUp(numberValue(m.value).value, this.precision);
        r.method = { kind: "fixed", value: decimalText(v) };
        if (v.lessThan(0) || v.greaterThan(weight)) {
          this.report("PERF012", uri, m.value.range, { name, score: decimalText(v), weight: decimalText(weight) });
          return Decimal.max(ZERO, Decimal.min(weight, v));
        }
        return shortfall(v, "fixed", zh ? "酌情评分" : "scored by judgement");
      }
      case "judgement": {
        let deducted = ZERO;
        for (const ded of m.deductions) {
          if (!ded.amount) continue;
          const amount = numberValue(ded.amount).value;
          deducted = deducted.plus(amount);
          r.deductions.push({ amount: decimalText(amount), reason: ded.reason?.value ?? "", source: "judgement" });
        }
        r.method = { kind: "judgement", deducted: decimalText(deducted) };
        const v = roundHalfUp(weight.minus(deducted), this.precision);
        if (v.lessThan(0)) {
          this.report("PERF012", uri, m.range, { name, score: decimalText(v), weight: decimalText(weight) });
          return ZERO;
        }
        return v;
      }
      case "ratio": {
        const text = m.expression ? expressionText(m.expression) : "";
        r.method = { kind: "ratio", expression: text, ratio: null, capped: false };
        if (!m.expression) return null;
        const q = this.evaluate(m.expression, uri);
        if (!q) return null;
        if (q.unit) {
          this.report("PERF060", uri, m.expression.range, { zh: `比率的结果带有单位 ${q.unit}`, en: `the ratio has the unit ${q.unit}` });
          return null;
        }
        const capped = q.value.greaterThan(ONE);
        const ratio = Decimal.max(ZERO, Decimal.min(ONE, q.value));
        r.method = { kind: "ratio", expression: text, ratio: decimalText(q.value), capped };
        const pct = roundHalfUp(q.value.times(100), 2).toFixed(2);
        return shortfall(weight.times(ratio), "ratio", zh ? `${text} = ${pct}%，得分 = 分值 × 比率` : `${text} = ${pct}%, score = weight × ratio`);
      }
      case "perFinding": {
        if (!m.each) return null;
        const each = numberValue(m.each).value;
        const max = m.max ? numberValue(m.max).value : null;
        const attached = [...new Set((this.attachments.get(d.name.text) ?? []).map((a) => a.finding))];
        const cases = attached.reduce((n, f) => n + this.findingCount(f), 0);
        let deducted = each.times(cases);
        if (max && deducted.greaterThan(max)) deducted = max;
        const v = Decimal.max(ZERO, weight.minus(deducted));
        r.method = { kind: "perFinding", each: decimalText(each), max: max ? decimalText(max) : null, cases, deducted: decimalText(weight.minus(v)) };
        for (const f of attached) {
          const c = this.findingCount(f);
          const label = f.issue?.value ?? f.title?.value ?? f.name.text;
          r.deductions.push({
            amount: decimalText(each.times(c)),
            reason: zh ? `${label}${c > 1 ? `（${c}例）` : ""}` : `${label}${c > 1 ? ` (${c} cases)` : ""}`,
            source: "finding",
            findings: [f.name.text],
          });
        }
        return roundHalfUp(v, this.precision);
      }
      case "bands": {
        const expression = m.value ? expressionText(m.value) : "";
        const bands = m.bands.map((b) => ({
          condition: b.comparator && b.threshold ? `${b.comparator} ${expressionText(b.threshold)}` : "else",
          score: b.score ? `${b.score.text}${b.score.percent ? "%" : ""}` : "",
        }));
        r.method = { kind: "bands", expression, value: null, unit: null, matched: null, bands };
        if (!m.value) return null;
        const q = this.evaluate(m.value, uri);
        if (!q) return null;
        let matched: number | null = null;
        for (let i = 0; i < m.bands.length && matched === null; i++) {
          const b = m.bands[i]!;
          if (!b.comparator || !b.threshold) {
            matched = i;
            break;
          }
          const t = this.evaluate(b.threshold, uri);
          if (!t) return null;
          if (t.unit !== q.unit) {
            this.report("PERF060", uri, b.threshold.range, { zh: `${q.unit ?? "无单位"} 不能与 ${t.unit ?? "无单位"} 比较`, en: `cannot compare ${q.unit ?? "no unit"} with ${t.unit ?? "no unit"}` });
            return null;
          }
          const c = q.value.comparedTo(t.value);
          const ok = b.comparator === ">=" ? c >= 0 : b.comparator === ">" ? c > 0 : b.comparator === "<=" ? c <= 0 : c < 0;
          if (ok) matched = i;
        }
        r.method = { kind: "bands", expression, value: decimalText(q.value), unit: q.unit, matched, bands };
        if (matched === null) {
          this.report("PERF033", uri, m.range, { name, value: decimalText(q.value) });
          return shortfall(ZERO, "bands", zh ? `${expression} 不落在任何分档` : `${expression} meets no band`);
        }
        const s = m.bands[matched]!.score;
        if (!s) return null;
        const points = s.percent ? weight.times(numberValue(s).value) : numberValue(s).value;
        if (points.lessThan(0) || points.greaterThan(weight)) {
          this.report("PERF012", uri, s.range, { name, score: decimalText(points), weight: decimalText(weight) });
          return Decimal.max(ZERO, Decimal.min(weight, roundHalfUp(points, this.precision)));
        }
        return shortfall(points, "bands", zh ? `${expression} 满足 ${bands[matched]!.condition}` : `${expression} meets ${bands[matched]!.condition}`);
      }
      case "satisfaction": {
        const uses = m.surveys.map((s) => {
          const decl = this.symbols.get(s.text);
          const survey = decl?.kind === "survey" ? (decl.node as A.SurveyDecl) : undefined;
          return { ref: s, survey };
        });
        const surveys = uses.map(({ ref, survey }) => ({
          id: ref.text,
          title: survey?.title?.value ?? ref.text,
          satisfaction: survey?.satisfaction ? decimalText(numberValue(survey.satisfaction).value) : null,
          respondents: survey?.respondents ? decimalText(numberValue(survey.respondents).value) : null,
        }));
        r.method = { kind: "satisfaction", aggregation: m.aggregation, surveys, value: null };
        if (!uses.length || uses.some((u) => !u.survey)) return null;
        let incomplete = false;
        for (const { survey } of uses) {
          const s = survey!;
          const su = this.symbols.get(s.name.text)!;
          if (!s.satisfaction) {
            this.report("PERF034", su.uri, s.name.range, { name: s.name.text, whatZh: "满意度", whatEn: "satisfaction", keyword: "satisfaction" });
            incomplete = true;
          }
          if (m.aggregation === "weighted" && !s.respondents) {
            this.report("PERF034", su.uri, s.name.range, { name: s.name.text, whatZh: "样本数（加权平均需要）", whatEn: "respondents (the weighted mean needs them)", keyword: "respondents" });
            incomplete = true;
          }
        }
        if (incomplete) return null;
        let value: Decimal;
        if (m.aggregation === "mean") {
          value = sum(uses.map((u) => numberValue(u.survey!.satisfaction!).value)).dividedBy(uses.length);
        } else {
          const n = sum(uses.map((u) => numberValue(u.survey!.respondents!).value));
          if (n.isZero()) {
            this.report("PERF061", uri, m.range);
            return null;
          }
          value = sum(uses.map((u) => numberValue(u.survey!.satisfaction!).value.times(numberValue(u.survey!.respondents!).value))).dividedBy(n);
        }
        r.method = { kind: "satisfaction", aggregation: m.aggregation, surveys, value: decimalText(value) };
        const pct = roundHalfUp(value.times(100), 2).toFixed(2);
        return shortfall(weight.times(Decimal.min(ONE, value)), "satisfaction", zh ? `满意度 ${pct}%，得分 = 分值 × 满意度` : `satisfaction ${pct}%, score = weight × satisfaction`);
      }
    }
  }

  private evaluate(e: A.Expression, uri: string): Quantity | undefined {
    const v = evaluateExpression(e, this.lookup);
    if (!isProblem(v)) return v;
    if (v.kind === "unit") this.report("PERF060", uri, v.range, { zh: v.zh, en: v.en });
    else if (v.kind === "divisionByZero") this.report("PERF061", uri, v.range);
    return undefined;
  }

  private checkRootSum(roots: IndicatorResult[]) {
    if (!roots.length) return;
    const total = this.totalWeight();
    const s = sum(roots.map((r) => new Decimal(r.weight)));
    if (s.equals(total)) return;
    const h = this.header;
    const where = h?.decl.total ? { uri: h.uri, range: h.decl.total.range } : h ? { uri: h.uri, range: h.decl.keywordRange } : { uri: this.roots[0]!.uri, range: this.roots[0]!.name.range };
    this.report("PERF011", where.uri, where.range, { sum: decimalText(s), total: decimalText(total) }, { sum: decimalText(s) });
  }

  private checkDeclaredTotal(score: Decimal) {
    const d = this.header?.decl.declared;
    if (!d) return;
    const declared = numberValue(d).value;
    if (!declared.equals(score))
      this.report("PERF040", this.header!.uri, d.range, { name: this.header!.decl.title?.value ?? "总分", declared: decimalText(declared), computed: decimalText(score) }, { computed: decimalText(score) });
  }

  // ── grades ───────────────────────────────────────────────────────────────

  private gradeBands(): GradeBand[] {
    const total = this.totalWeight();
    const decl = this.header?.decl.grades;
    const uri = this.header?.uri ?? "";
    const raw = decl
      ? decl.bands.flatMap((b) => (b.lower ? [{ name: b.name.text, lower: numberValue(b.lower).value, upper: b.upper ? numberValue(b.upper).value : null, range: b.range }] : []))
      : defaultGrades.map((g) => ({ name: g.name, lower: new Decimal(g.lower), upper: null as Decimal | null, range: undefined as Range | undefined }));
    const byLower = [...raw].sort((a, b) => a.lower.comparedTo(b.lower));
    const bands = byLower.map((b, i) => {
      const next = byLower[i + 1];
      const upper = b.upper ?? (next ? next.lower : total);
      return { ...b, effectiveUpper: upper, upperInclusive: !b.upper && !next };
    });
    if (decl && bands.length) {
      const at = (b: (typeof bands)[number]) => b.range ?? decl.range;
      if (bands[0]!.lower.greaterThan(0)) this.report("PERF050", uri, at(bands[0]!), { from: "0", to: decimalText(bands[0]!.lower) });
      for (let i = 0; i + 1 < bands.length; i++) {
        const a = bands[i]!;
        const b = bands[i + 1]!;
        if (a.lower.equals(b.lower) || a.effectiveUpper.greaterThan(b.lower)) this.report("PERF051", uri, at(b), { a: a.name, b: b.name });
        else if (a.effectiveUpper.lessThan(b.lower)) this.report("PERF050", uri, at(b), { from: decimalText(a.effectiveUpper), to: decimalText(b.lower) });
      }
      const top = bands[bands.length - 1]!;
      if (top.upper && top.upper.lessThan(total)) this.report("PERF050", uri, at(top), { from: decimalText(top.upper), to: decimalText(total) });
    }
    return bands
      .map((b) => ({ name: b.name, lower: decimalText(b.lower), upper: decimalText(b.effectiveUpper), upperInclusive: b.upperInclusive }))
      .reverse();
  }

  private gradeOf(total: Decimal, grades: GradeBand[]): EvaluationResult["grade"] {
    let name: string | null = null;
    for (const g of grades) {
      const lower = new Decimal(g.lower);
      const upper = new Decimal(g.upper);
      if (total.greaterThanOrEqualTo(lower) && (total.lessThan(upper) || (g.upperInclusive && total.equals(upper)))) {
        name = g.name;
        break;
      }
    }
    let vetoedBy: string | null = null;
    const lowest = grades[grades.length - 1]?.name ?? null;
    for (const v of this.vetoes) {
      if (v.grade && !grades.some((g) => g.name === v.grade!.text))
        this.report("PERF091", v.uri, v.grade.range, { name: v.grade.text, grades: grades.map((g) => g.name).join("、") });
      if (!v.triggered?.value) continue;
      const grade = v.grade && grades.some((g) => g.name === v.grade!.text) ? v.grade.text : lowest;
      this.report("PERF090", v.uri, v.name.range, { name: v.title?.value ?? v.name.text, grade: grade ?? "" });
      if (!vetoedBy) {
        vetoedBy = v.name.text;
        name = grade;
      }
    }
    return { name, vetoedBy };
  }

  /** Unused facts and surveys; a duplicate definition is already PERF021 and not reported again. */
  private reportUnused() {
    const defining = (d: { name: A.Name }) => this.symbols.get(d.name.text)?.nameRange === d.name.range;
    for (const f of this.facts) if (!this.used.has(f.name.text) && defining(f)) this.report("PERF080", f.uri, f.name.range, { name: f.name.text });
    for (const s of this.surveys) if (!this.used.has(s.name.text) && defining(s)) this.report("PERF081", s.uri, s.name.range, { name: s.name.text });
  }
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code)));
}
