import type * as A from "@perf/language";
import { DIGIT_LIMIT, isExactLiteral } from "../decimal.js";
import type { Header } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import { check, type Check, type CheckContext } from "./check.js";

/** The header's `precision`: a whole number from 0 to 6 (PERF005), 2 when absent or invalid. */
export function precisionOf(header: Header | undefined, sink: DiagnosticSink): number {
  const p = header?.decl.precision;
  if (!p) return 2;
  const n = Number(p.text);
  if (p.percent || p.unit || !Number.isInteger(n) || n > 6) {
    sink.report("PERF005", header.uri, p.range, { text: p.text, rule: "precision" });
    return 2;
  }
  return n;
}

/** How many cases a finding stands for; an invalid `count` (PERF005) counts as one. */
export function findingCount(f: A.FindingDecl): number {
  return f.count && validCount(f.count) ? Number(f.count.text) : 1;
}

function validCount(c: A.NumberValue): boolean {
  return !c.percent && !c.unit && Number.isInteger(Number(c.text));
}

/** Every number literal of a declaration, not descending into nested indicators. */
function forEachNumber(node: unknown, f: (n: A.NumberValue) => void): void {
  if (Array.isArray(node)) {
    for (const x of node) if (x !== null && typeof x === "object") forEachNumber(x, f);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (o.kind === "number" && typeof o.text === "string") {
    f(o as unknown as A.NumberValue);
    return;
  }
  // for…in reads the same keys in the same order as Object.entries on the AST's plain objects, without an array per key
  for (const k in o) {
    const v = o[k];
    if (v !== null && typeof v === "object" && walked(k)) forEachNumber(v, f);
  }
}

/**
 * Keys the walk enters: not `children` (nested indicators), not a range (`range`, `nameRange`…),
 * and not a key the AST types as a `Name` or `StringValue` (or a list of them), which hold a text
 * and a range, never a number; decided once per key.
 */
const keyWalked = new Map<string, boolean>();
const textKeys: ReadonlySet<string> = new Set(["name", "title", "explain", "criteria", "note", "evidence", "reason", "description", "issue"]);
function walked(k: string): boolean {
  let w = keyWalked.get(k);
  if (w === undefined) keyWalked.set(k, (w = k !== "children" && !textKeys.has(k) && !k.toLowerCase().endsWith("range")));
  return w;
}

function inexact(decl: unknown, uri: string, { model, sink }: CheckContext) {
  // the numbers phase saw every literal: none longer than DIGIT_LIMIT characters, none inexact
  if (model.numbers?.longLiterals === false) return;
  forEachNumber(decl, (n) => {
    if (!isExactLiteral(n.text)) sink.report("PERF038", uri, n.range, { text: n.text, limit: DIGIT_LIMIT });
  });
}

export const numberChecks: Check[] = [
  check("numbers", "evaluation", (h, ctx) => h && inexact(h.decl, h.uri, ctx)),
  check("numbers", "indicator", (n, ctx) => inexact(n.decl, n.uri, ctx)),
  check("numbers", "fact", (f, ctx) => inexact(f, f.uri, ctx)),
  check("numbers", "survey", (s, ctx) => inexact(s, s.uri, ctx)),
  check("numbers", "finding", (f, ctx) => {
    const { sink } = ctx;
    inexact(f, f.uri, ctx);
    if (f.count && !validCount(f.count))
      sink.report("PERF005", f.uri, f.count.range, { text: f.count.text, rule: "count" });
  }),
];
