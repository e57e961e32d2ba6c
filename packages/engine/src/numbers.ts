import type * as A from "@perf/language";
import { numberWords } from "@perf/language";
import { checkPrinted, type PrintedCheck } from "./checks/tables.js";
import { evaluateChecked } from "./checks/units.js";
import { daysAndMonths, expressionText, forEachRef, numberValue, type Lookup, type NonNumber, type Quantity } from "./expression.js";
import { forEachIndicator, type At, type Linked } from "./model.js";
import type { DiagnosticSink } from "./sink.js";
import { buildTable, tablePart, type TableModel } from "./tables.js";
import { UnitTable } from "./units.js";
import { DIGIT_LIMIT } from "./decimal.js";

/** What the numbers phase knows: units, tables, computed facts, and the lookup every expression uses. */
export interface Numbers {
  units: UnitTable;
  tables: Map<string, TableModel>;
  printed: Map<string, PrintedCheck[]>;
  /** Computed facts by id: the value, or null when it could not be computed (reported). */
  computed: Map<string, Quantity | null>;
  /** Every name an expression may use: facts (literal or computed), survey satisfactions, table cells and columns. */
  lookup: Lookup;
  /**
   * Whether some number literal is longer than `DIGIT_LIMIT` characters: only such a literal can
   * be inexact (PERF038), so without one validate need not walk the declarations for it.
   */
  longLiterals: boolean;
}

/** A computed fact's expression as the result and hovers show it (`sum(支出明细.预算) in 万元`). */
export function computedText(f: A.FactDecl): string | undefined {
  if (!f.expression) return undefined;
  return expressionText(f.expression) + (f.convert ? ` in ${f.convert.text}` : "");
}

/**
 * The numbers phase, between link and validate (decision 0092): units declared and used
 * (PERF200, PERF201), tables typed and their printed totals checked (PERF204–PERF208), computed
 * facts evaluated in dependency order (a cycle is PERF202), every table reference resolved
 * (PERF206). Loops over explicit stacks: no depth of facts or rows reaches the call stack.
 */
export function computeNumbers(model: Linked, sink: DiagnosticSink): Numbers {
  const units = new UnitTable(model.units ?? []);
  for (const p of units.problems) sink.report("PERF201", p.decl.uri, p.range, p.reason === "cycle" ? { unit: p.unit, reason: p.reason, cycle: p.cycle } : { unit: p.unit, reason: p.reason });
  let longLiterals = false;
  for (const [uri, parsed] of model.parsed) {
    // the parse's tokens show when no literal can have an unknown unit or too many digits: no walk
    const words = numberWords(parsed.ast);
    if (words && words.longest <= DIGIT_LIMIT && allKnown(words.units, units)) continue;
    if (unknownUnits(parsed.ast.declarations, units, (unit, range) => sink.report("PERF200", uri, range, { unit }, { unit }), parsed.lines)) longLiterals = true;
  }

  const tables = new Map<string, TableModel>();
  const printed = new Map<string, PrintedCheck[]>();
  for (const t of model.tables ?? []) {
    if (model.symbols.get(t.name.text)?.node !== t && model.symbols.get(t.name.text)?.nameRange !== t.name.range) continue;
    const table = buildTable(t, units, sink);
    tables.set(t.name.text, table);
    printed.set(t.name.text, checkPrinted(table, units, sink));
  }

  const facts = new Map<string, At<A.FactDecl>>();
  for (const f of model.facts) if (model.symbols.get(f.name.text)?.nameRange === f.name.range) facts.set(f.name.text, f);
  const computed = new Map<string, Quantity | null>();

  const other = (name: string): NonNumber | undefined => {
    const [t, ...path] = name.split(".");
    const table = tables.get(t!);
    const part = table && path.length ? tablePart(table, path) : undefined;
    return part && "kind" in part ? part : undefined;
  };
  const lookup = ((name: string): Quantity | undefined => {
    if (computed.has(name)) return computed.get(name) ?? undefined;
    const f = facts.get(name);
    if (f) {
      if (!f.value) return undefined;
      const q = numberValue(f.value);
      return f.negative ? { value: q.value.negated(), unit: q.unit } : q;
    }
    const s = model.symbols.get(name);
    if (s?.kind === "survey") {
      const sat = (s.node as A.SurveyDecl).satisfaction;
      return sat ? numberValue(sat) : undefined;
    }
    const dot = name.indexOf(".");
    if (dot > 0) {
      const table = tables.get(name.slice(0, dot));
      const part = table ? tablePart(table, name.slice(dot + 1).split(".")) : undefined;
      return part && !("kind" in part) ? part : undefined;
    }
    return undefined;
  }) as Lookup;
  lookup.other = other;
  lookup.convert = (q, unit) => units.convert(q, unit);

  // the rows and columns of every table reference (the tables themselves are resolved by link)
  const refs: TableRefs = { tables, sink, uri: "" };
  const tableRef = (table: A.Name, path: A.Name[], uri: string) => checkTableRef(tables, sink, table, path, uri);
  for (const f of facts.values()) forEachRef(f.expression, (r) => r.path && tableRef(r.name, r.path, f.uri));
  forEachIndicator(model.roots, indicatorTableRefs, refs);
  for (const f of model.findings) for (const r of f.rows ?? []) tableRef(r.table, [r.row], f.uri);

  evaluateFacts(facts, computed, lookup, units, sink);
  return { units, tables, printed, computed, lookup, longLiterals };
}

/** Where table references are checked: the tables, and the document of the names being read. */
interface TableRefs {
  tables: Map<string, TableModel>;
  sink: DiagnosticSink;
  uri: string;
}

/** PERF206: a row or column a table reference names that its table does not have. */
function checkTableRef(tables: Map<string, TableModel>, sink: DiagnosticSink, table: A.Name, path: A.Name[], uri: string): void {
  const t = tables.get(table.text);
  if (!t) return;
  const [first, second] = path;
  if (!first) return;
  if (path.length === 1) {
    if (!t.columnById.has(first.text) && !t.rowById.has(first.text)) sink.report("PERF206", uri, first.range, { table: table.text, part: "rowOrColumn", name: first.text });
  } else {
    if (!t.rowById.has(first.text)) sink.report("PERF206", uri, first.range, { table: table.text, part: "row", name: first.text });
    else if (second && !t.columnById.has(second.text)) sink.report("PERF206", uri, second.range, { table: table.text, part: "column", name: second.text });
  }
}

/** forEachRef's visitor: a reference with a path into a table. */
function pathRef(r: Extract<A.Expression, { kind: "ref" }>, at: TableRefs): void {
  if (r.path) checkTableRef(at.tables, at.sink, r.name, r.path, at.uri);
}

/** The table references of an indicator's ratio, bands and rows, owned by it (forEachIndicator's visitor, decision 0219). */
function indicatorTableRefs(d: A.IndicatorDecl, uri: string, _parent: A.IndicatorDecl | undefined, _level: number, at: TableRefs): void {
  const saved = at.sink.enter(d.name.text);
  try {
    at.uri = uri;
    for (const m of d.methods) {
      if (m.kind === "ratio") forEachRef(m.expression, pathRef, at);
      else if (m.kind === "bands") {
        forEachRef(m.value, pathRef, at);
        for (const b of m.bands) forEachRef(b.threshold, pathRef, at);
      }
    }
    for (const r of d.rows ?? []) checkTableRef(at.tables, at.sink, r.table, [r.row], uri);
  } finally {
    at.sink.leave(saved);
  }
}

/** Computed facts in dependency order (an iterative depth-first walk); a cycle is PERF202 on each of its facts. */
export function evaluateFacts(facts: Map<string, At<A.FactDecl>>, computed: Map<string, Quantity | null>, lookup: Lookup, units: UnitTable, sink: DiagnosticSink): void {
  const deps = (f: A.FactDecl): string[] => {
    const out: string[] = [];
    forEachRef(f.expression, (r) => {
      if (!r.path && facts.get(r.name.text)?.expression) out.push(r.name.text);
    });
    return out;
  };
  const state = new Map<string, "active" | "done">();
  for (const start of facts.values()) {
    if (!start.expression || state.has(start.name.text)) continue;
    const stack: { id: string; deps: string[]; next: number }[] = [{ id: start.name.text, deps: deps(start), next: 0 }];
    state.set(start.name.text, "active");
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const dep = top.deps[top.next++]!;
        const s = state.get(dep);
        if (s === "active") {
          const from = stack.findIndex((x) => x.id === dep);
          const cycle = [...stack.slice(from).map((x) => x.id), dep].join(" → ");
          for (const x of stack.slice(from)) {
            if (computed.has(x.id)) continue;
            computed.set(x.id, null);
            const f = facts.get(x.id)!;
            sink.report("PERF202", f.uri, f.name.range, { name: x.id, cycle });
          }
        } else if (!s) {
          state.set(dep, "active");
          stack.push({ id: dep, deps: deps(facts.get(dep)!), next: 0 });
        }
        continue;
      }
      stack.pop();
      state.set(top.id, "done");
      if (!computed.has(top.id)) computed.set(top.id, evaluateFact(facts.get(top.id)!, lookup, units, sink));
    }
  }
}

function evaluateFact(f: At<A.FactDecl>, lookup: Lookup, units: UnitTable, sink: DiagnosticSink): Quantity | null {
  const v = evaluateChecked(f.expression!, lookup, (code, range, args) => void sink.report(code, f.uri, range, args), true);
  if (!v) return null;
  if (!f.convert || v.unit === f.convert.text) return v;
  const converted = v.unit ? units.convert(v, f.convert.text) : undefined;
  if (!converted) {
    // days never convert to months (decision 0180)
    if (daysAndMonths(v.unit, f.convert.text)) sink.report("PERF214", f.uri, f.convert.range, { left: v.unit!, right: f.convert.text });
    else if (units.knows(f.convert.text)) sink.report("PERF060", f.uri, f.convert.range, { op: "convert", left: v.unit ?? "", right: f.convert.text });
    return null;
  }
  return converted;
}

/**
 * Every unit word of the documents that is neither built in nor declared (PERF200): after a
 * number, in `in UNIT`. Column types are checked with their table. An explicit stack walks
 * the declarations, so a table of 100 000 rows adds breadth, not depth. Returns whether it met a
 * number literal longer than `DIGIT_LIMIT` characters (`Numbers.longLiterals`): the walk meets
 * every literal but a header's `period`, which it looks at by name.
 */
function unknownUnits(decls: readonly A.Declaration[], units: UnitTable, report: (unit: string, range: A.Range) => void, lines: Pick<A.LineIndex, "range" | "offsetOf">): boolean {
  let long = false;
  const stack: unknown[] = [...decls];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object") continue;
    if (Array.isArray(node)) {
      for (const x of node) stack.push(x);
      continue;
    }
    const o = node as Record<string, unknown>;
    if (o.kind === "number" && typeof o.text === "string") {
      const n = o as unknown as A.NumberValue;
      if (n.text.length > DIGIT_LIMIT) long = true;
      if (n.unit && !units.knows(n.unit)) {
        const end = lines.offsetOf(n.range.end);
        report(n.unit, lines.range(end - n.unit.length, end));
      }
      continue;
    }
    if (o.kind === "evaluation") {
      const period = (o as unknown as A.EvaluationHeader).period;
      if (period && "text" in period && period.text.length > DIGIT_LIMIT) long = true;
    }
    if (o.kind === "fact") {
      const f = o as unknown as A.FactDecl;
      if (f.convert && !units.knows(f.convert.text)) report(f.convert.text, f.convert.range);
    }
    for (const k in o) {
      const v = o[k];
      if (v && typeof v === "object" && !textKeys.has(k)) stack.push(v);
    }
  }
  return long;
}

function allKnown(words: ReadonlySet<string>, units: UnitTable): boolean {
  for (const w of words) if (!units.knows(w)) return false;
  return true;
}

/** Keys of the AST that hold ranges, names or strings, never a number: the walk skips them. */
const textKeys = new Set(["range", "nameRange", "headRange", "keywordRange", "name", "type", "title", "explain", "criteria", "note", "description", "evidence", "unit", "project", "class", "issue", "reason", "acknowledged", "fn", "on", "surveys", "path", "table", "row", "column", "convert", "period", "client", "evaluator", "subject"]);
