import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { makeDiagnostic, type Diagnostic, type Locale } from "./diagnostics.js";
import { keywordText, type KeywordName, type Spelling } from "./keywords.js";
import * as T from "./lexer.js";
import { parse, unquote } from "./parse.js";
import { byStart, type LineIndex, type Position, type Range } from "./range.js";

export interface FormatOptions {
  uri?: string;
  locale?: Locale;
  /** Keyword spelling to write; default: the file's majority spelling. */
  spelling?: Spelling;
  /** Lines longer than this (in display columns) are not joined into one-liners. */
  width?: number;
}

export interface FormatResult {
  /** The formatted text, or the input unchanged when `ok` is false. */
  text: string;
  ok: boolean;
  changed: boolean;
  /** Why the text could not be formatted: syntax errors, or PERF009 when the printer would lose text. */
  diagnostics: Diagnostic[];
}

/**
 * The one printer of `.perf` files, used by `perf fmt` and the language server. It prints
 * the AST in a canonical layout, keeps every comment, refuses to touch a file with syntax
 * errors and checks its own output token by token before returning it.
 */
export function format(input: string, options: FormatOptions = {}): FormatResult {
  const uri = options.uri ?? "untitled.perf";
  const bom = input.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = bom ? input.slice(1) : input;
  const parsed = parse(text, uri, { locale: options.locale });
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) return { text: input, ok: false, changed: false, diagnostics: errors };

  const spelling = options.spelling ?? majoritySpelling(parsed.ast);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const printer = new Printer(text, parsed.lines, parsed.ast, spelling, options.width ?? 100);
  const out = bom + printer.print().join(eol);

  const problem = verify(text, out.slice(bom.length));
  if (problem) {
    const d = makeDiagnostic("PERF009", uri, parsed.ast.range, { detail: problem }, { locale: options.locale });
    return { text: input, ok: false, changed: false, diagnostics: [d] };
  }
  return { text: out, ok: true, changed: out !== input, diagnostics: [] };
}

/** The spelling most keywords of the file use; a tie goes to the first keyword's. */
export function majoritySpelling(ast: A.PerfFile): Spelling {
  const uses = ast.keywords;
  let en = 0;
  for (let i = 0; i < uses.length; i++) if (uses.spelling(i) === "en") en++;
  const zh = uses.length - en;
  if (en !== zh) return en > zh ? "en" : "zh";
  return uses.length ? uses.spelling(0) : "en";
}

/** Columns a string takes in a terminal or editor: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** One output line and the source span it stands for (comments attach by span). */
interface Line {
  indent: number;
  /** Text without indentation; with `left`, the part after the alignment column. */
  text: string;
  /** Aligned lines: `left` is padded to the widest `left` of its run. */
  left?: string;
  alignKey?: string;
  start: number;
  end: number;
  kind: "open" | "close" | "item";
  /** Set on the first line of a top-level declaration: its kind and whether it is one line. */
  decl?: { kind: string; single: boolean };
  /** `moved`: a line comment that trailed another comment; it now goes on its own line. */
  leading: { text: string; start: number; moved?: boolean }[];
  /** `gap`: spaces before the comment, kept from the source so hand-aligned comments stay aligned. */
  trailing: { text: string; block: boolean; gap: number }[];
  /** Source end of the line's last trailing comment: a comment after it on the same line trails too. */
  lastEnd?: number;
}

interface Item {
  start: number;
  end: number;
  /** The item on one line, or undefined when it cannot be one line. */
  one(): string | undefined;
  /** Emits the item as lines at `indent`. */
  emit(indent: number): void;
  /** Aligned one-line form, for runs of siblings. */
  aligned?: { left: string; right: string; key: string };
}

class Printer {
  private readonly lines: Line[] = [];
  private readonly keywordStarts: number[];
  private readonly comments: A.Comment[];

  constructor(
    private readonly text: string,
    private readonly index: LineIndex,
    private readonly ast: A.PerfFile,
    private readonly spelling: Spelling,
    private readonly width: number,
  ) {
    this.keywordStarts = Array.from(ast.keywords.starts);
    this.comments = [...ast.comments].sort(byStart);
  }

  /** Where a position of the tree is in the text (decision 0225: the index is asked, not the position). */
  private at(p: Position): number;
  private at(p: Position | undefined): number | undefined;
  private at(p: Position | undefined): number | undefined {
    return p && this.index.offsetOf(p);
  }

  print(): string[] {
    for (const d of this.ast.declarations) {
      const first = this.lines.length;
      const item = this.declaration(d);
      const one = this.fits(0, item.one()) && !this.hasComment(item.start, item.end) ? item.one() : undefined;
      if (one !== undefined) this.push(0, one, item.start, item.end, "item", item.aligned);
      else item.emit(0);
      if (this.lines[first]) this.lines[first]!.decl = { kind: d.kind, single: one !== undefined };
    }
    return this.render(this.attachComments());
  }

  // ---------------------------------------------------------------- pieces

  private kw(name: KeywordName): string {
    return keywordText(name, this.spelling);
  }

  /** A target's tier: `met`/`unmet` are also an element's marks (符合/不符合); a tier is 达成/部分达成/未达成. */
  private tierWord(tier: A.TierName): string {
    return this.spelling === "zh" ? tierWords[tier] : this.kw(tierKeyword[tier]);
  }

  private num(v: A.NumberValue): string {
    return v.text + (v.percent ? "%" : "") + (v.unit ? " " + v.unit : "");
  }

  private str(s: A.StringValue): string {
    const raw = this.text.slice(this.at(s.range.start), this.at(s.range.end));
    const literalNewlines = /[\n\r]/.test(raw);
    let out = '"';
    for (const ch of s.value) {
      if (ch === "\\") out += "\\\\";
      else if (ch === '"') out += '\\"';
      else if (ch === "\n" && !literalNewlines) out += "\\n";
      else if (ch === "\t") out += "\\t";
      else out += ch;
    }
    return out + '"';
  }

  private expr(e: A.Expression): string {
    switch (e.kind) {
      case "number":
        return this.num(e);
      case "ref":
        return [e.name, ...(e.path ?? [])].map((n) => n.text).join(".");
      case "call":
        return `${e.fn.text}(${e.args.map((a) => this.expr(a)).join(", ")}${e.where ? ` = ${this.str(e.where)}` : ""})`;
      case "date":
        return e.text;
      case "paren":
        return `(${this.expr(e.inner)})`;
      case "negate":
        return `-${this.expr(e.operand)}`;
      case "binary":
        return `${this.expr(e.left)} ${e.op} ${this.expr(e.right)}`;
    }
  }

  /** Start of the keyword that introduces the value at `offset`. */
  private clauseStart(offset: number): number {
    let lo = 0;
    let hi = this.keywordStarts.length - 1;
    let best = offset;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.keywordStarts[mid]! < offset) {
        best = this.keywordStarts[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }

  /** Offset of the next `{` at or after `from`, skipping whitespace and comments. */
  private brace(from: number): number {
    return this.charAfter(from, "{") ?? from;
  }

  /** Offset of the next `ch` at or after `from`, skipping comments. */
  private charAfter(from: number, ch: string): number | undefined {
    let i = from;
    while (i < this.text.length) {
      const c = this.commentAtOrAfter(i);
      if (c && this.at(c.range.start) === i) {
        i = this.at(c.range.end);
        continue;
      }
      if (this.text[i] === ch) return i;
      i++;
    }
    return undefined;
  }

  /** First comment starting at or after `offset` (comments are sorted). */
  private commentAtOrAfter(offset: number): A.Comment | undefined {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(this.comments[mid]!.range.start) < offset) lo = mid + 1;
      else hi = mid;
    }
    return this.comments[lo];
  }

  private hasComment(start: number, end: number): boolean {
    const c = this.commentAtOrAfter(start);
    return c !== undefined && this.at(c.range.start) < end;
  }

  private fits(indent: number, s: string | undefined): boolean {
    return s !== undefined && !/[\n\r]/.test(s) && indent * 2 + displayWidth(s) <= this.width;
  }

  private push(indent: number, text: string, start: number, end: number, kind: Line["kind"], aligned?: Item["aligned"]): void {
    const line: Line = { indent, text, start, end, kind, leading: [], trailing: [] };
    if (aligned && kind === "item") {
      line.left = aligned.left;
      line.text = aligned.right;
      line.alignKey = aligned.key;
    }
    this.lines.push(line);
  }

  private simple(start: number, end: number, text: string): Item {
    const item: Item = { start, end, one: () => text, emit: (indent) => this.push(indent, text, start, end, "item", item.aligned) };
    return item;
  }

  /** `simple` over the text of a range of the tree. */
  private spanned(r: Range, text: string): Item {
    return this.simple(this.at(r.start), this.at(r.end), text);
  }

  /** `KEYWORD "text"`; `align` lines the strings of a run of such clauses up in one column. */
  private textClause(name: KeywordName, s: A.StringValue | undefined, align = false): Item[] {
    if (!s) return [];
    const item = this.simple(this.clauseStart(this.at(s.range.start)), this.at(s.range.end), `${this.kw(name)} ${this.str(s)}`);
    if (align) item.aligned = { left: this.kw(name), right: this.str(s), key: "clause" };
    return [item];
  }

  private valueClause(name: KeywordName, v: A.NumberValue | undefined): Item[] {
    return v ? [this.simple(this.clauseStart(this.at(v.range.start)), this.at(v.range.end), `${this.kw(name)} ${this.num(v)}`)] : [];
  }

  /**
   * A `head { items }` construct. It is one line when it has no comments inside, at most
   * `maxOneLine` items that are one-liners themselves, and fits the width.
   */
  private block(head: string, start: number, end: number, hasBlock: boolean, braceFrom: number, items: Item[], maxOneLine: number, separator = " ", aligned?: (body: string) => Item["aligned"]): Item {
    items.sort((a, b) => a.start - b.start);
    const oneBody = (): string | undefined => {
      if (!hasBlock) return "";
      if (!items.length) return " {}";
      if (items.length > maxOneLine) return undefined;
      const parts = items.map((i) => i.one());
      if (parts.some((p) => p === undefined || /[\n\r]/.test(p))) return undefined;
      return ` { ${parts.join(separator)} }`;
    };
    const one = (): string | undefined => {
      const body = oneBody();
      return body === undefined ? undefined : head + body;
    };
    const item: Item = {
      start,
      end,
      one,
      emit: (indent) => {
        if (!hasBlock) {
          this.push(indent, head, start, end, "item", item.aligned);
          return;
        }
        const open = this.brace(braceFrom);
        this.push(indent, `${head} {`, start, open + 1, "open");
        for (const i of items) {
          const o = i.one();
          if (this.fits(indent + 1, o) && !this.hasComment(i.start, i.end)) this.push(indent + 1, o!, i.start, i.end, "item", i.aligned);
          else i.emit(indent + 1);
        }
        this.push(indent, "}", end - 1, end, "close");
      },
    };
    if (aligned) {
      const body = oneBody();
      if (body !== undefined) item.aligned = aligned(body);
    }
    return item;
  }

  // ---------------------------------------------------------------- declarations

  private declaration(d: A.Declaration): Item {
    switch (d.kind) {
      case "evaluation":
        return this.header(d);
      case "fact":
        return this.fact(d);
      case "survey":
        return this.survey(d);
      case "indicator":
        return this.indicator(d);
      case "finding":
        return this.finding(d);
      case "veto":
        return this.veto(d);
      case "framework":
        return this.frameworkHeader(d);
      case "subject":
        return this.subject(d);
      case "override":
        return this.override(d);
      case "units":
        return this.units(d);
      case "table":
        return this.table(d);
      case "assert":
        return this.assertion(d);
      case "target":
        return this.target(d);
    }
  }

  private gradeBands(g: { bands: A.GradeBand[]; range: A.GradeBand["range"] }): Item {
    const bands = g.bands.map((b) => {
      let s = `${b.name.text} >= ${b.lower ? this.num(b.lower) : ""}`;
      if (b.upper) s += ` < ${this.num(b.upper)}`;
      return this.spanned(b.range, s);
    });
    return this.block(this.kw("Grades"), this.at(g.range.start), this.at(g.range.end), true, this.at(g.range.start), bands, Infinity, "; ");
  }

  /** `KEYWORD NAME`; a published grade is written `grade NAME` (`grades {` opens the bands). */
  private nameClause(name: KeywordName, n: A.Name | undefined): Item[] {
    const kw = name === "Grades" && this.spelling === "en" ? "grade" : this.kw(name);
    return n ? [this.simple(this.clauseStart(this.at(n.range.start)), this.at(n.range.end), `${kw} ${n.text}`)] : [];
  }

  private frameworkHeader(h: A.FrameworkHeader): Item {
    const head = this.kw("Framework") + (h.name ? " " + h.name.text : "") + (h.title ? " " + this.str(h.title) : "");
    const items: Item[] = [...this.valueClause("Total", h.total), ...this.valueClause("Precision", h.precision)];
    if (h.grades) items.push(this.gradeBands(h.grades));
    return this.block(head, this.at(h.range.start), this.at(h.range.end), true, this.at(h.title?.range.end) ?? this.at(h.name?.range.end) ?? this.at(h.keywordRange.end), items, 0);
  }

  private subject(d: A.SubjectDecl): Item {
    const head = `${this.kw("Subject")} ${d.name.text}` + (d.title ? " " + this.str(d.title) : "");
    const items: Item[] = [...this.valueClause("Declared", d.declared), ...this.nameClause("Grades", d.grade)];
    for (const m of d.members) items.push(m.kind === "assess" ? this.assess(m) : this.declaration(m));
    return this.block(head, this.at(d.range.start), this.at(d.range.end), true, this.at(d.title?.range.end) ?? this.at(d.name.range.end), items, 0);
  }

  private assess(a: A.AssessDecl): Item {
    const head = `${this.kw("Assess")} ${a.indicator.text}`;
    const items: Item[] = [...this.valueClause("Score", a.score), ...this.valueClause("Declared", a.declared), ...this.textClause("Note", a.note, true)];
    for (const e of a.evidence) items.push(...this.textClause("Evidence", e, true));
    for (const d of a.deductions) items.push(this.deduction(d));
    return this.block(head, this.at(a.range.start), this.at(a.range.end), true, this.at(a.indicator.range.end), items, 1);
  }

  private deduction(d: A.Deduction): Item {
    return this.spanned(d.range, `${this.kw("Deduct")} ${d.amount ? this.num(d.amount) : ""}${d.reason ? " " + this.str(d.reason) : ""}`);
  }

  private override(o: A.OverrideDecl): Item {
    let text = `${this.kw("Override")} ${o.indicator.text}`;
    if (o.weight) text += ` ${this.kw("Weight")} ${this.num(o.weight)}`;
    if (o.rule) {
      const rule = this.method(o.rule)
        .map((i) => i.one())
        .join(" ");
      text += ` ${this.kw("Rule")} ${rule}`;
    }
    if (o.reason) text += " " + this.str(o.reason);
    return this.spanned(o.range, text);
  }

  private units(u: A.UnitsDecl): Item {
    const defs = u.units.map((d) => this.spanned(d.range, d.name.text + (d.equals ? ` = ${this.num(d.equals)}` : "")));
    return this.block(this.kw("Units"), this.at(u.range.start), this.at(u.range.end), true, this.at(u.range.start), defs, Infinity, "; ");
  }

  private table(t: A.TableDecl): Item {
    const head = `${this.kw("Table")} ${t.name.text}` + (t.title ? " " + this.str(t.title) : "");
    const items: Item[] = [];
    const columns = t.columns.map((c) => this.spanned(c.range, `${c.name.text}${c.title ? " " + this.str(c.title) : ""} ${c.type.text}`));
    if (t.columns.length) {
      const start = this.clauseStart(this.at(t.columns[0]!.range.start));
      const end = this.at(t.columns.at(-1)!.range.end);
      items.push(this.block(this.kw("Columns"), start, this.closingBrace(end), true, start, columns, Infinity, "; "));
    }
    for (const r of t.rows) {
      const cells = r.cells.map((c) => (c.kind === "string" ? this.str(c.value) : c.kind === "empty" ? "-" : (c.negative ? "-" : "") + this.num(c.value)));
      items.push(this.spanned(r.range, `${this.kw("Row")} ${r.name.text} { ${cells.join(", ")} }`.replace("{  }", "{}")));
    }
    for (const p of t.printed) {
      let text = `${this.kw("Printed")} `;
      text += p.kind === "total" ? this.kw("Total") : `${this.kw("Subtotal")} ${p.name?.text ?? ""}`;
      if (p.rows) text += ` ${this.kw("Rows")} [${p.rows.map((r) => r.text).join(", ")}]`;
      const values = p.values.map((v) => `${v.column.text} ${v.negative ? "-" : ""}${this.num(v.value)}`);
      text += values.length ? ` { ${values.join("; ")} }` : " {}";
      if (p.acknowledged) text += ` ${this.kw("Acknowledged")} ${this.str(p.acknowledged)}`;
      items.push(this.spanned(p.range, text));
    }
    return this.block(head, this.at(t.range.start), this.at(t.range.end), true, this.at(t.title?.range.end) ?? this.at(t.name.range.end), items, 0);
  }

  /** The end of the first `}` at or after `from` (outside comments). */
  private closingBrace(from: number): number {
    const at = this.charAfter(from, "}");
    return at === undefined ? from : at + 1;
  }

  private rowClauses(rows: A.RowRef[] | undefined): Item[] {
    return (rows ?? []).map((r) => this.spanned(r.range, `${this.kw("Row")} ${r.table.text}.${r.row.text}`));
  }

  private header(h: A.EvaluationHeader): Item {
    const head = this.kw("Evaluation") + (h.title ? " " + this.str(h.title) : "");
    const items: Item[] = [];
    if (h.period) {
      const v = "kind" in h.period ? this.num(h.period) : this.str(h.period);
      items.push(this.simple(this.clauseStart(this.at(h.period.range.start)), this.at(h.period.range.end), `${this.kw("Period")} ${v}`));
    }
    items.push(...this.textClause("Client", h.client), ...this.textClause("Evaluator", h.evaluator), ...this.textClause("Subject", h.subject), ...this.textClause("Kind", h.evaluationKind));
    if (h.use) items.push(this.spanned(h.use.range, `${this.kw("Use")} ${this.str(h.use.path)}`));
    items.push(...this.valueClause("Total", h.total), ...this.valueClause("Precision", h.precision), ...this.valueClause("Declared", h.declared), ...this.valueClause("Quorum", h.quorum), ...this.valueClause("Deviation", h.deviation));
    items.push(...this.nameClause("Grades", h.grade));
    if (h.grades) items.push(this.gradeBands(h.grades));
    const start = this.at(h.range.start);
    return this.block(head, start, this.at(h.range.end), true, this.at(h.title?.range.end) ?? this.at(h.keywordRange.end), items, 0);
  }

  private fact(f: A.FactDecl): Item {
    const left = `${this.kw("Fact")} ${f.name.text}`;
    let right = `= ${f.expression ? this.expr(f.expression) : `${f.negative ? "-" : ""}${f.value ? this.num(f.value) : ""}`}`;
    if (f.convert) right += ` ${this.kw("In")} ${f.convert.text}`;
    if (f.description) right += " " + this.str(f.description);
    const item = this.spanned(f.range, `${left} ${right}`);
    item.aligned = { left, right, key: "fact" };
    return item;
  }

  private survey(s: A.SurveyDecl): Item {
    const head = `${this.kw("Survey")} ${s.name.text}` + (s.title ? " " + this.str(s.title) : "");
    const items = [...this.valueClause("Satisfaction", s.satisfaction), ...this.valueClause("Respondents", s.respondents)];
    if (s.tally) {
      const t = s.tally;
      const levels = t.levels.map((l) => this.spanned(l.range, `${l.name.text} ${l.count ? this.num(l.count) : ""} × ${l.weight ? this.num(l.weight) : ""}`));
      items.push(this.block(this.kw("Tally"), this.at(t.range.start), this.at(t.range.end), true, this.at(t.range.start), levels, Infinity, "; "));
    }
    items.push(...this.textClause("Note", s.note));
    return this.block(head, this.at(s.range.start), this.at(s.range.end), this.hasBlock(s.range), this.at(s.title?.range.end) ?? this.at(s.name.range.end), items, Infinity);
  }

  private hasBlock(r: Range): boolean {
    return this.text[this.at(r.end) - 1] === "}";
  }

  private indicator(ind: A.IndicatorDecl): Item {
    const left = `${this.kw("Indicator")} ${ind.name.text}` + (ind.title ? " " + this.str(ind.title) : "");
    const weight = ind.weight ? `${this.kw("Weight")} ${this.num(ind.weight)}` : undefined;
    const head = weight ? `${left} ${weight}` : left;
    const items: Item[] = [];
    for (const c of ind.children) items.push(this.indicator(c));
    items.push(...this.textClause("Explain", ind.explain, true), ...this.textClause("Criteria", ind.criteria, true), ...this.textClause("Note", ind.note, true));
    for (const e of ind.evidence) items.push(...this.textClause("Evidence", e, true));
    items.push(...this.valueClause("Declared", ind.declared));
    for (const m of ind.methods) items.push(...this.method(m));
    items.push(...this.rowClauses(ind.rows));
    const maxOne = ind.children.length ? 0 : 1;
    return this.block(head, this.at(ind.range.start), this.at(ind.range.end), this.hasBlock(ind.range), this.at(ind.headRange.end), items, maxOne, " ", (body) =>
      weight ? { left, right: weight + body, key: "indicator" } : undefined,
    );
  }

  private method(m: A.ScoringMethod): Item[] {
    const s = this.at(m.range.start);
    const e = this.at(m.range.end);
    switch (m.kind) {
      case "fixed":
        return [this.simple(s, e, `${this.kw("Score")} ${m.value ? this.num(m.value) : ""}`)];
      case "judgement":
        if (m.open) return [this.simple(s, e, this.kw("Judgement"))];
        return m.deductions.map((d) => this.deduction(d));
      case "ratio":
        return [this.simple(s, e, `${this.kw("Ratio")} ${m.expression ? this.expr(m.expression) : ""}`)];
      case "perFinding": {
        let t = `${this.kw("Per")} ${this.kw("Finding")} ${this.kw("Deduct")} ${m.each ? this.num(m.each) : ""}`;
        if (m.max) t += ` ${this.kw("Max")} ${this.num(m.max)}`;
        return [this.simple(s, e, t)];
      }
      case "satisfaction":
        return [this.simple(s, e, `${this.kw("Satisfaction")} ${this.kw(m.aggregation === "mean" ? "Mean" : "Weighted")}(${m.surveys.map((n) => n.text).join(", ")})`)];
      case "elements": {
        const elements = m.elements.map((el) => {
          let t = `${el.label ? this.str(el.label) : ""} ${el.share ? this.num(el.share) : ""} ${el.met ? this.kw(el.met.value ? "Met" : "Unmet") : ""}`;
          if (el.reason) t += " " + this.str(el.reason);
          return this.spanned(el.range, t);
        });
        return [this.block(this.kw("Elements"), s, e, true, s, elements, 0, "; ")];
      }
      case "targets": {
        let t = `${this.kw("Targets")} [${m.targets.map((n) => n.text).join(", ")}]`;
        if (m.tiers.length) t += ` ${this.kw("Tiers")} { ${m.tiers.map((x) => `${this.tierWord(x.tier)}${x.share ? " " + this.num(x.share) : ""}`).join("; ")} }`;
        return [this.simple(s, e, t)];
      }
      case "bands": {
        const bands = m.bands.map((b) => {
          const cond = b.comparator ? `${b.comparator} ${b.threshold ? this.expr(b.threshold) : ""}` : this.kw("Else");
          return this.spanned(b.range, `${cond}: ${b.score ? this.num(b.score) : ""}`);
        });
        const head = `${this.kw("Bands")} ${m.value ? this.expr(m.value) : ""}`;
        return [this.block(head, s, e, true, this.at(m.value?.range.end) ?? s, bands, Infinity, "; ")];
      }
    }
  }

  private finding(f: A.FindingDecl): Item {
    let head = `${this.kw("Finding")} ${f.name.text}` + (f.title ? " " + this.str(f.title) : "");
    if (f.on.length) head += ` ${this.kw("On")} ${f.on.map((n) => n.text).join(", ")}`;
    const items = [
      ...this.nameClause("Subject", f.subject),
      ...this.textClause("Unit", f.unit, true),
      ...this.textClause("Project", f.project, true),
      ...this.textClause("Class", f.class, true),
      ...this.textClause("Type", f.type, true),
      ...this.textClause("Issue", f.issue, true),
      ...this.textClause("Description", f.description, true),
      ...f.evidence.flatMap((e) => this.textClause("Evidence", e, true)),
      ...this.valueClause("Count", f.count),
      ...this.rowClauses(f.rows),
    ];
    const from = this.at(f.on.at(-1)?.range.end) ?? this.at(f.title?.range.end) ?? this.at(f.name.range.end);
    return this.block(head, this.at(f.range.start), this.at(f.range.end), this.hasBlock(f.range), from, items, 1);
  }

  private veto(v: A.VetoDecl): Item {
    const head = `${this.kw("Veto")} ${v.name.text}` + (v.title ? " " + this.str(v.title) : "");
    const items: Item[] = [];
    if (v.triggered) {
      const r = v.triggered.range;
      items.push(this.simple(this.clauseStart(this.at(r.start)), this.at(r.end), `${this.kw("Triggered")} ${this.kw(v.triggered.value ? "True" : "False")}`));
    }
    if (v.grade) items.push(this.simple(this.clauseStart(this.at(v.grade.range.start)), this.at(v.grade.range.end), `${this.kw("Grades")} ${v.grade.text}`));
    return this.block(head, this.at(v.range.start), this.at(v.range.end), this.hasBlock(v.range), this.at(v.title?.range.end) ?? this.at(v.name.range.end), items, Infinity);
  }

  private assertion(a: A.AssertDecl): Item {
    const head = `${this.kw("Assert")} ${a.name.text}` + (a.claim ? " " + this.str(a.claim) : "");
    const value = (v: A.NumberValue | undefined) => (v ? this.num(v) : "");
    const items = a.statements.map((st) => {
      let t: string;
      if (st.kind === "level") t = `${this.spelling === "en" ? "indicators" : this.kw("Indicator")} ${this.kw("Level")} ${value(st.level)} = ${value(st.expected)}`;
      else if (st.kind === "leaves") t = `${this.kw("Leaves")} = ${value(st.expected)}`;
      else if (st.kind === "total") t = `${this.kw("Total")} = ${value(st.expected)}`;
      else if (st.kind === "grade") t = `${this.spelling === "en" ? "grade" : this.kw("Grades")} = ${st.expected?.text ?? ""}`;
      else {
        t = `${st.expression ? this.expr(st.expression) : ""} ${st.op ?? "="} ${st.right ? this.expr(st.right) : value(st.expected)}`;
        if (st.tolerance) t += ` ${this.kw("Within")} ${this.num(st.tolerance)}`;
      }
      return this.spanned(st.range, t);
    });
    const start = this.at(a.range.start);
    const inner = this.block(head, start, this.at(a.blockEnd), true, this.at(a.claim?.range.end) ?? this.at(a.name.range.end), items, 3, "; ");
    const reason = a.acknowledged;
    if (!reason) return inner;
    const tail = ` ${this.kw("Acknowledged")} ${this.str(reason)}`;
    const end = this.at(a.range.end);
    return {
      start,
      end,
      one: () => {
        const o = inner.one();
        return o === undefined ? undefined : o + tail;
      },
      emit: (indent) => {
        inner.emit(indent);
        const last = this.lines[this.lines.length - 1]!;
        last.text += tail;
        last.end = end;
      },
    };
  }

  private target(t: A.TargetDecl): Item {
    const head = `${this.kw("Target")} ${t.name.text}` + (t.title ? " " + this.str(t.title) : "");
    const items: Item[] = [];
    const clause = (from: number, to: number, text: string) => items.push(this.simple(this.clauseStart(from), to, text));
    if (t.class) clause(this.at(t.class.range.start), this.at(t.class.range.end), `${this.kw("Class")} ${this.text.slice(this.at(t.class.range.start), this.at(t.class.range.end))}`);
    if (t.expect) items.push(this.spanned(t.expect.range, `${this.kw("Expect")} ${this.expectText(t.expect)}`));
    if (t.actual) {
      const a = t.actual;
      const v = a.kind === "none" ? "-" : a.kind === "text" ? this.str(a.text) : a.kind === "date" ? a.date.text : this.expr(a.expression);
      clause(this.at(a.range.start), this.at(a.range.end), `${this.kw("Actual")} ${v}`);
    }
    if (t.tier) clause(this.at(t.tier.range.start), this.at(t.tier.range.end), `${this.kw("Tier")} ${this.tierWord(t.tier.value)}`);
    if (t.reason) clause(this.at(t.reason.range.start), this.at(t.reason.range.end), `${this.kw("Reason")} ${this.str(t.reason)}`);
    items.push(...this.valueClause("Deviation", t.deviation));
    items.sort((a, b) => a.start - b.start);
    const ackAt = t.acknowledged ? this.clauseStart(this.at(t.acknowledged.range.start)) : this.at(t.range.end);
    const block = this.block(head, this.at(t.range.start), ackAt, true, this.at(t.title?.range.end) ?? this.at(t.name.range.end), items, Infinity, "; ");
    if (!t.acknowledged) return block;
    const ack = ` ${this.kw("Acknowledged")} ${this.str(t.acknowledged)}`;
    const one = block.one();
    return {
      start: this.at(t.range.start),
      end: this.at(t.range.end),
      one: () => (one === undefined ? undefined : one + ack),
      emit: (indent) => {
        block.emit(indent);
        const last = this.lines[this.lines.length - 1]!;
        last.text += ack;
        last.end = this.at(t.range.end);
      },
    };
  }

  private expectText(e: A.TargetExpect): string {
    if (e.kind === "qualitative") return this.str(e.text);
    if (e.kind === "between") return `${this.kw("Between")} ${e.low ? this.num(e.low) : ""} ${this.kw("And")} ${e.high ? this.num(e.high) : ""}`;
    const v = e.value ? (e.value.kind === "date" ? e.value.text : this.num(e.value)) : "";
    if (e.word) return e.word.after ? `${v} ${e.word.text}` : `${e.word.text} ${v}`;
    return e.bare ? v : `${e.op} ${v}`;
  }

  // ---------------------------------------------------------------- comments and layout

  /** Gives every comment a line: trailing when it sat on or inside a line, leading otherwise. */
  private attachComments(): { text: string; start: number }[] {
    const eof: { text: string; start: number }[] = [];
    let i = 0;
    for (const c of this.comments) {
      const start = this.at(c.range.start);
      const text = c.block ? c.text : trimLineEnd(c.text);
      while (i < this.lines.length && this.lines[i]!.end <= start) i++;
      const line = this.lines[i];
      if (line && line.start <= start) {
        line.trailing.push({ text, block: c.block, gap: 1 });
        line.lastEnd = this.at(c.range.end);
        continue;
      }
      const prev = this.lines[i - 1];
      if (prev && !/[\n\r]/.test(this.text.slice(Math.max(prev.end, prev.lastEnd ?? 0), start))) {
        prev.trailing.push({ text, block: c.block, gap: Math.max(1, this.gapBefore(start)) });
        prev.lastEnd = this.at(c.range.end);
        continue;
      }
      (line ? line.leading : eof).push({ text, start });
    }
    return eof;
  }

  /** Spaces and tabs right before `offset`. */
  private gapBefore(offset: number): number {
    let n = 0;
    while (offset - n - 1 >= 0 && /[ \t\u3000]/.test(this.text[offset - n - 1]!)) n++;
    return n;
  }

  /** A blank line before `offset` in the source (only whitespace between it and the token before). LF, CRLF and a lone CR each end a line. */
  private blankBefore(offset: number): boolean {
    let breaks = 0;
    for (let i = offset - 1; i >= 0 && breaks < 2; i--) {
      const c = this.text[i]!;
      if (c === "\n" || (c === "\r" && this.text[i + 1] !== "\n")) breaks++;
      else if (!/\s|\uFEFF|\u3000/.test(c)) break;
    }
    return breaks >= 2;
  }

  private render(eof: { text: string; start: number }[]): string[] {
    const out: string[] = [];
    const pad = (n: number) => "  ".repeat(n);
    // Line comments that cannot stay trailing (another comment follows them) go before the line.
    for (const line of this.lines) {
      const moved = line.trailing.filter((c, k) => !c.block && k < line.trailing.length - 1);
      if (!moved.length) continue;
      line.trailing = line.trailing.filter((c) => !moved.includes(c));
      line.leading.push(...moved.map((c) => ({ text: c.text, start: line.start, moved: true })));
    }
    // Alignment runs: consecutive aligned lines with the same key and indent, no comment or blank between.
    const widths = new Map<Line, number>();
    let run: Line[] = [];
    const closeRun = () => {
      const w = Math.max(...run.map((l) => displayWidth(l.left!)));
      for (const l of run) widths.set(l, w);
      run = [];
    };
    const blanks = this.lines.map((line, idx) => {
      const first = line.leading[0]?.start ?? line.start;
      if (line.kind === "close" || idx === 0 || this.lines[idx - 1]!.kind === "open") return false;
      if (line.decl && prevDeclOf(this.lines, idx)) {
        const p = prevDeclOf(this.lines, idx)!;
        if (!(p.single && line.decl.single && p.kind === line.decl.kind)) return true;
      }
      return this.blankBefore(first);
    });
    this.lines.forEach((line, idx) => {
      const last = run.at(-1);
      const joins = line.left !== undefined && last && last.alignKey === line.alignKey && last.indent === line.indent && !blanks[idx] && !line.leading.length && this.lines[idx - 1] === last;
      if (!joins && run.length) closeRun();
      if (line.left !== undefined) run.push(line);
    });
    if (run.length) closeRun();

    this.lines.forEach((line, idx) => {
      if (blanks[idx] && out.length) out.push("");
      const commentIndent = line.kind === "close" ? line.indent + 1 : line.indent;
      line.leading.forEach((c, k) => {
        if (k > 0 && !c.moved && this.blankBefore(c.start)) out.push("");
        out.push(pad(commentIndent) + c.text);
      });
      if (line.leading.length && !line.leading.at(-1)!.moved && this.blankBefore(line.start) && line.kind !== "close") out.push("");
      let body = line.text;
      if (line.left !== undefined) {
        const w = widths.get(line) ?? displayWidth(line.left);
        body = line.left + " ".repeat(w - displayWidth(line.left) + 1) + line.text;
      }
      out.push(pad(line.indent) + body + line.trailing.map((c) => " ".repeat(c.gap) + c.text).join(""));
    });
    eof.forEach((c) => {
      if (out.length && this.blankBefore(c.start)) out.push("");
      out.push(c.text);
    });
    if (out.length) out.push("");
    return out;
  }
}

const tierKeyword: Record<A.TierName, KeywordName> = { met: "Met", partial: "Partial", unmet: "Unmet" };
const tierWords: Record<A.TierName, string> = { met: "达成", partial: "部分达成", unmet: "未达成" };

function prevDeclOf(lines: Line[], idx: number): { kind: string; single: boolean } | undefined {
  for (let i = idx - 1; i >= 0; i--) if (lines[i]!.decl) return lines[i]!.decl;
  return undefined;
}

/**
 * The output must hold the same tokens as the input (keyword spelling, separators and
 * full-width punctuation aside) and the same comments; returns what differs, if anything.
 */
function verify(before: string, after: string): string | undefined {
  const a = significant(before);
  const b = significant(after);
  const reparsed = parse(after);
  if (reparsed.diagnostics.some((d) => d.severity === "error")) return "the output does not parse";
  for (let i = 0; i < Math.max(a.tokens.length, b.tokens.length); i++) {
    if (a.tokens[i] !== b.tokens[i]) return `token ${i + 1}: '${a.tokens[i] ?? "end"}' became '${b.tokens[i] ?? "end"}'`;
  }
  const ca = a.comments.sort().join("\u0000");
  const cb = b.comments.sort().join("\u0000");
  if (ca !== cb) return "comments differ";
  return undefined;
}

function significant(text: string): { tokens: string[]; comments: string[] } {
  const lexed = T.perfLexer.tokenize(text);
  const tokens: string[] = [];
  for (const t of lexed.tokens) {
    const name = t.tokenType.name;
    if (name === "Semicolon" || name === "Comma") continue;
    if (name === "StringLiteral") tokens.push("S" + unquote(t.image));
    else if (name === "Identifier" || name === "NumberLiteral" || name === "UnitLiteral" || name === "DateLiteral" || name.endsWith("Word")) tokens.push(`${name}:${t.image}`);
    else tokens.push(name);
  }
  const comments = ((lexed.groups.comments ?? []) as IToken[]).map((c) => (c.tokenType === T.LineComment ? trimLineEnd(c.image) : c.image));
  return { tokens, comments };
}

/**
 * A line comment loses its trailing spaces and tabs, nothing else: String#trimEnd would also take
 * a form feed, a no-break or an ideographic space (U+3000), which the author may have meant.
 */
function trimLineEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  return end === s.length ? s : s.slice(0, end);
}
