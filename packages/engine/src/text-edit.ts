import type * as A from "@perf/language";
import type { Analysis } from "./analyze.js";
import type { IndicatorResult } from "./schema.js";
import type { PerfSymbol, Reference, SymbolTable } from "./symbols.js";
import { comparePositions, isPosition, isRange, placeKey, unmovedBy, type ParseResult, type Position, type Reparsed } from "@perf/language";

/**
 * An edit that changed only texts no score reads (an indicator's 指标解释, 评价标准, 评价说明 and
 * evidence paths, whitespace, comments) leaves every score, check and diagnostic as it was but
 * for positions: the next analysis is the previous one with its positions moved and those texts
 * replaced (decision 0195). Undefined whenever that cannot be shown, and the caller analyzes.
 */
export function patchTextEdit(previous: Analysis, uri: string, before: ParseResult, reparsed: Reparsed, parsed: ParseResult): Analysis | undefined {
  if (previous.parsed.size !== 1 || previous.parsed.get(uri) !== before || previous.subjects.size) return undefined;
  if (parsed.diagnostics.length !== before.diagnostics.length) return undefined;
  const oldDecls = before.ast.declarations;
  const newDecls = parsed.ast.declarations;
  if (oldDecls.length !== newDecls.length) return undefined;

  const memo = new Map<object, unknown>();
  /** Positions of the re-parsed declaration in the old tree → the new tree's. */
  const placed = new Map<object, unknown>();
  /**
   * Where the old indicators whose texts changed start → the new declaration. By place (`placeKey`),
   * not by range object: a result node carried over by an earlier edit holds a moved copy of its
   * declaration's range, not the tree's own, and would not be found by identity.
   */
  const retexted = new Map<string, A.IndicatorDecl>();
  if (!sameButTexts(reparsed.before, reparsed.after, placed, retexted)) return undefined;
  // Every declaration (and nested indicator) of the old tree stands for its counterpart in the new
  // one. Those the re-parse shared — all that end before the re-parsed one starts, and after an edit
  // that added no line all that start on a later line than it ends, with everything in them — stand
  // for themselves: not paired one by one (`counterpart`).
  const pairs: [A.Declaration, A.Declaration][] = [];
  for (let i = 0; i < oldDecls.length; i++) if (oldDecls[i] !== newDecls[i]) pairs.push([oldDecls[i]!, newDecls[i]!]);
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [o, n] = pair;
    if (o === n) continue;
    if (o.kind !== n.kind) return undefined;
    memo.set(o, n);
    if (o.kind === "indicator") {
      const c = (n as A.IndicatorDecl).children;
      if (c.length !== o.children.length) return undefined;
      o.children.forEach((x, j) => pairs.push([x, c[j]!]));
    }
  }

  const { region } = reparsed;
  const oldEndAt = before.lines.positionAt(region.end);
  const newEndAt = parsed.lines.positionAt(region.start + region.length);
  // one object literal: its hidden class outlives the edit (decision 0214)
  const c: CarryOver = {
    memo,
    placed,
    retexted,
    symbols: previous.symbols.symbols,
    // the shape the re-parse asks `unmovedBy` with: one hidden class at its call
    shift: { before: reparsed.before, lineDelta: reparsed.lineDelta },
    from: reparsed.before.range.start,
    to: reparsed.before.range.end,
    regionStart: before.lines.positionAt(region.start),
    oldEndAt,
    columnDelta: newEndAt.character - oldEndAt.character,
    depth: 0,
  };
  try {
    return {
      result: carryResult(previous.result, c),
      parsed: new Map([[uri, parsed]]),
      symbols: carrySymbols(previous.symbols, c),
      indicators: carryMap(previous.indicators, c, (r) => carried(r, c, indicatorResult)),
      subjects: new Map(),
    };
  } catch (e) {
    if (e === abandon) return undefined;
    throw e;
  }
}

const abandon = new Error("the previous analysis cannot be carried over");

/**
 * What the carry-over of one edit works with. The walk is module-level functions over this, not
 * closures made per edit: V8 keeps a closure's optimised code only while the closure lives, so
 * each edit compiled the walk again (≈ 90 ms of compiler time per edit in the 10 000-leaf
 * document, decision 0216).
 */
interface CarryOver {
  /** Old declarations → new; symbols and indicator results as they are carried over. */
  memo: Map<object, unknown>;
  /** Positions of the re-parsed declaration in the old tree → the new tree's. */
  placed: Map<object, unknown>;
  /** Where the old indicators whose texts changed start (`placeKey`) → the new declaration. */
  retexted: Map<string, A.IndicatorDecl>;
  symbols: Map<string, PerfSymbol>;
  /** What `unmovedBy` reads of the re-parse. */
  shift: Pick<Reparsed, "before" | "lineDelta">;
  /** The re-parsed declaration's old range. */
  from: Position;
  to: Position;
  /** The edited region of the old text, and how its end moved. */
  regionStart: Position;
  oldEndAt: Position;
  columnDelta: number;
  depth: number;
}

function move(p: Position, c: CarryOver): Position {
  if (comparePositions(p, c.regionStart) < 0) return p;
  const { oldEndAt } = c;
  if (comparePositions(p, oldEndAt) <= 0) throw abandon; // on the edit's edge: which side it went to is not known
  // a later line stays where it was unless lines were added or removed (decision 0225)
  const { lineDelta } = c.shift;
  if (p.line !== oldEndAt.line && lineDelta === 0) return p;
  return { line: p.line + lineDelta, character: p.line === oldEndAt.line ? p.character + c.columnDelta : p.character };
}

// Positions and ranges are most of an analysis and never aliased where it matters: moved, not memoised.
function position(p: Position, c: CarryOver): Position {
  return comparePositions(p, c.from) >= 0 && comparePositions(p, c.to) <= 0 ? ((c.placed.get(p) as Position | undefined) ?? move(p, c)) : move(p, c);
}

/** Whether nothing in a part of the old tree moved: the re-parse shared it. */
function unmoved(range: A.Range, c: CarryOver): boolean {
  return unmovedBy(c.shift, range);
}

/*
 * The previous analysis' symbols and indicator results hold their declarations' own ranges: the
 * new ones take the new tree's, which the re-parse already moved, instead of moving copies. A node
 * whose ranges are not its declaration's (the identity is checked) goes the general way.
 */
function counterpart<D extends A.Declaration>(d: D, c: CarryOver): D | undefined {
  return (c.memo.get(d) as D | undefined) ?? (unmoved(d.range, c) ? d : undefined);
}

function symbol(o: PerfSymbol, c: CarryOver): PerfSymbol | undefined {
  const node = o.node;
  const next = counterpart(node, c);
  if (!next || o.range !== node.range || o.nameRange !== node.name.range) return undefined;
  return next === node ? o : { ...o, node: next, range: next.range, nameRange: next.name.range };
}

function indicatorResult(o: IndicatorResult, c: CarryOver): IndicatorResult | undefined {
  const sym = c.symbols.get(o.id);
  const decl = sym?.kind === "indicator" ? (sym.node as A.IndicatorDecl) : undefined;
  const next = decl && counterpart(decl, c);
  if (!decl || !next || o.range !== decl.range || o.nameRange !== decl.name.range) return undefined;
  // a declaration the re-parse shared is its own counterpart, and so is everything in it: nothing in
  // its results moved, and no text of theirs changed
  if (next === decl) return o;
  // the other fields of an indicator's result hold no position (schema.ts): only the children are walked
  let children: IndicatorResult[] | undefined;
  for (let i = 0; i < o.children.length; i++) {
    const x = o.children[i]!;
    const y = map(x, c) as IndicatorResult;
    if (y !== x) (children ??= o.children.slice())[i] = y;
  }
  const texts = c.retexted.get(placeKey(decl.range.start));
  const out: IndicatorResult = { ...o, range: next.range, nameRange: next.name.range, children: children ?? o.children };
  if (texts) retext(out as unknown as Record<string, unknown>, texts);
  return out;
}

/**
 * The symbol table after the edit, walked by its two shapes: a symbol or a reference the re-parse
 * left where it was is kept without a look inside (the walk, not the copies, was most of an edit
 * once a same-line edit stopped moving what follows: decision 0225).
 */
function carrySymbols(t: SymbolTable, c: CarryOver): SymbolTable {
  const symbols = carryMap(t.symbols, c, (s) => carried(s, c, symbol));
  let references: Reference[] | undefined;
  for (let i = 0; i < t.references.length; i++) {
    const r = t.references[i]!;
    const y = reference(r, c);
    if (y !== r) (references ??= t.references.slice())[i] = y;
  }
  return symbols === t.symbols && !references ? t : { symbols, references: references ?? t.references };
}

function reference(r: Reference, c: CarryOver): Reference {
  const range = unmoved(r.range, c) ? r.range : (map(r.range, c) as A.Range);
  const target = r.target && carried(r.target, c, symbol);
  if (range === r.range && target === r.target) return r;
  // a reference without a target has no `target` key: none is added
  return r.target === undefined ? { ...r, range } : { ...r, range, target: target! };
}

/** A symbol or an indicator's result as it is after the edit, each carried once (references and the result share them). */
function carried<T extends object>(v: T, c: CarryOver, how: (v: T, c: CarryOver) => T | undefined): T {
  const known = c.memo.get(v) as T | undefined;
  if (known !== undefined) return known;
  const out = how(v, c) ?? (map(v, c) as T);
  c.memo.set(v, out);
  return out;
}

/** A map with each value carried over; the same map when no value changed, else a copy in the same order. */
function carryMap<K, V>(m: Map<K, V>, c: CarryOver, carry: (v: V) => V): Map<K, V> {
  let copy: Map<K, V> | undefined;
  for (const [k, v] of m) {
    const y = carry(v);
    if (y !== v && !copy) {
      copy = new Map();
      for (const [k2, v2] of m) {
        if (k2 === k) break;
        copy.set(k2, v2);
      }
    }
    copy?.set(k, y);
  }
  return copy ?? m;
}

/** The result's lists of declarations' results: an entry holds positions in its own declaration only (schema.ts). */
const declarationLists = new Set(["findings", "facts", "tables", "surveys", "vetoes", "targets", "assertions", "overrides"]);

/**
 * The previous result as it is after the edit. The entries of its lists of declarations' results
 * that the re-parse left where they were are kept without a walk: nothing in them moved.
 */
function carryResult(r: Analysis["result"], c: CarryOver): Analysis["result"] {
  const o = r as unknown as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k in o) {
    const x = o[k];
    if (x === null || typeof x !== "object") continue;
    const y = declarationLists.has(k) && Array.isArray(x) ? entries(x as { range: A.Range }[], c) : map(x, c);
    if (y !== x) (out ??= { ...o })[k] = y;
  }
  return (out ?? o) as unknown as Analysis["result"];
}

function entries(list: { range: A.Range }[], c: CarryOver): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const x = list[i]!;
    if (unmoved(x.range, c)) continue;
    const y = map(x, c);
    if (y !== x) (copy ??= list.slice())[i] = y;
  }
  return copy ?? list;
}

/** A value of the previous analysis as it is after the edit: the same object where nothing in it moved. */
function map(v: unknown, c: CarryOver): unknown {
  if (v === null || typeof v !== "object") return v;
  if (isPosition(v)) return position(v, c);
  if (isRange(v)) {
    const start = position(v.start, c);
    const end = position(v.end, c);
    return start === v.start && end === v.end ? v : { start, end };
  }
  // Only named things are shared within an analysis: a declaration (memo holds those the re-parse
  // made anew from the start), a symbol a reference targets, an indicator's result that
  // `indicators` holds too. Only the last two are memoised as they are met; any other object met
  // twice would be copied twice, equal.
  const named = typeof (v as { id?: unknown }).id === "string" || typeof (v as { kind?: unknown }).kind === "string";
  const known = named ? c.memo.get(v) : undefined;
  if (known !== undefined) return known;
  // an analysis is a tree with shared nodes; a cycle would recurse without end
  if (++c.depth > 2000) throw abandon;
  const shared = !named ? undefined : isSymbol(v) ? "symbol" : isIndicatorResult(v) ? "indicator" : undefined;
  let out: unknown = shared === "symbol" ? symbol(v as PerfSymbol, c) : shared === "indicator" ? indicatorResult(v as IndicatorResult, c) : undefined;
  if (out !== undefined) {
    /* carried over by its declaration */
  } else if (Array.isArray(v)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      // most values of an analysis are strings and numbers: not worth a call
      if (x === null || typeof x !== "object") continue;
      const y = map(x, c);
      if (y !== x) (copy ??= v.slice())[i] = y;
    }
    out = copy ?? v;
  } else if (v instanceof Map) {
    let changed = false;
    const copy = new Map<unknown, unknown>();
    for (const [k, x] of v) {
      const y = map(x, c);
      if (y !== x || typeof k === "object") changed = true;
      copy.set(map(k, c), y);
    }
    out = changed ? copy : v;
  } else {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw abandon;
    const o = v as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const k in o) {
      const x = o[k];
      if (x === null || typeof x !== "object") continue;
      const y = map(x, c);
      if (y !== x) (copy ??= { ...o })[k] = y;
    }
    const decl = c.retexted.size && typeof o.id === "string" && Array.isArray(o.evidence) ? c.retexted.get(o.range ? placeKey((o.range as A.Range).start) : "") : undefined;
    if (decl) retext((copy ??= { ...o }), decl);
    out = copy ?? v;
  }
  c.depth--;
  if (shared) c.memo.set(v, out);
  return out;
}

/** An indicator's result given the texts of its edited declaration. */
function retext(out: Record<string, unknown>, decl: A.IndicatorDecl): void {
  out.evidence = decl.evidence.map((e) => e.value);
  for (const k of ["explain", "criteria", "note"] as const) if (k in out) out[k] = decl[k]!.value;
}

function isSymbol(v: object): v is PerfSymbol {
  const o = v as Partial<PerfSymbol>;
  return typeof o.node === "object" && o.node !== null && o.nameRange !== undefined && typeof o.kind === "string";
}

function isIndicatorResult(v: object): v is IndicatorResult {
  const o = v as Partial<IndicatorResult>;
  return typeof o.level === "number" && o.nameRange !== undefined && Array.isArray(o.children) && Array.isArray(o.deductions);
}

/** Text clauses of an indicator that no score, check or diagnostic reads. */
const freeTexts = new Set(["explain", "criteria", "note"]);

/**
 * Whether two declarations differ at most in positions and in the texts of {@link freeTexts} and
 * evidence; records each old position's counterpart in `memo` and each indicator whose texts changed.
 */
function sameButTexts(a: unknown, b: unknown, memo: Map<object, unknown>, retexted: Map<string, A.IndicatorDecl>): boolean {
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (isPosition(a)) {
    if (!isPosition(b)) return false;
    memo.set(a, b);
    return true;
  }
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameButTexts(x, b[i], memo, retexted));
  const o = a as Record<string, unknown>;
  const n = b as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== Object.keys(n).length) return false;
  const indicator = o.kind === "indicator";
  for (const k of keys) {
    if (!(k in n)) return false;
    if (indicator && (freeTexts.has(k) || k === "evidence")) {
      // a clause the indicator does not have is an undefined property (decision 0214)
      if (o[k] === undefined || n[k] === undefined) {
        if (o[k] !== n[k]) return false;
        continue;
      }
      const texts = k === "evidence" ? (o[k] as A.StringValue[]) : [o[k] as A.StringValue];
      const others = k === "evidence" ? (n[k] as A.StringValue[]) : [n[k] as A.StringValue];
      if (texts.length !== others.length) return false;
      texts.forEach((t, i) => {
        memo.set(t.range.start, others[i]!.range.start);
        memo.set(t.range.end, others[i]!.range.end);
        if (t.value !== others[i]!.value) retexted.set(placeKey((o.range as A.Range).start), b as A.IndicatorDecl);
      });
      continue;
    }
    if (!sameButTexts(o[k], n[k], memo, retexted)) return false;
  }
  return true;
}

