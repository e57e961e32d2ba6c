import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import type { Position, Range, TextEdit, WorkspaceEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { decodeSource } from "@perf/language";
import type { FileProblem, FileSystem } from "../src/file-system.js";
import { PerfLanguageService } from "../src/service.js";
import type { PerfSettings } from "../src/settings.js";

export const repoRoot = join(import.meta.dirname, "..", "..", "..");
export const yongzhouPath = join(repoRoot, "examples", "yongzhou-2023", "yongzhou-2023.perf");
export const yongzhouText = readFileSync(yongzhouPath, "utf8");
export const yongzhouUri = pathToFileURL(yongzhouPath).href;

/**
 * Diagnostics other than information: the 永州 example's acknowledged 3/8/27 claim (two PERF220
 * statements, docs/audit.md) is published as information, everything else there is clean.
 */
export function problems<T extends { severity?: number }>(ds: T[]): T[] {
  return ds.filter((d) => d.severity !== 3); // DiagnosticSeverity.Information
}

/** A workspace in memory: uri → text (a Uint8Array is bytes that must decode as UTF-8). */
export function memoryFileSystem(files: Record<string, string | Uint8Array>): FileSystem & { reads: string[] } {
  const reads: string[] = [];
  const inspect = (uri: string, maxBytes: number): FileProblem | undefined => {
    const f = files[uri];
    if (f === undefined) return { kind: "missing" };
    const size = typeof f === "string" ? Buffer.byteLength(f) : f.length;
    return size > maxBytes ? { kind: "too-large", size, limit: maxBytes } : undefined;
  };
  return {
    reads,
    readFile(uri, maxBytes) {
      reads.push(uri);
      const problem = inspect(uri, maxBytes);
      if (problem) return { problem };
      const f = files[uri]!;
      if (typeof f === "string") return { text: f };
      const decoded = decodeSource(f, uri);
      return decoded.ok ? { text: decoded.text } : { problem: { kind: "not-utf8", refusal: decoded.diagnostic } };
    },
    inspect,
    listPerfFiles: (folder, maxBytes) =>
      Object.keys(files)
        .filter((u) => u.startsWith(folder) && u.endsWith(".perf"))
        .map((uri) => {
          const problem = inspect(uri, maxBytes);
          return problem ? { uri, problem } : { uri };
        }),
  };
}

export interface Marked {
  text: string;
  /** Positions of `<|>` cursors, in order. */
  cursors: Position[];
  /** Ranges marked `<|…|>`, in order. */
  ranges: Range[];
}

/** Langium-style markers: `<|>` is a cursor, `<|text|>` a range; both are removed from the text. */
export function marked(source: string): Marked {
  let text = "";
  const cursorOffsets: number[] = [];
  const rangeOffsets: [number, number][] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; ) {
    if (source.startsWith("<|>", i)) {
      cursorOffsets.push(text.length);
      i += 3;
    } else if (source.startsWith("<|", i)) {
      open.push(text.length);
      i += 2;
    } else if (source.startsWith("|>", i) && open.length) {
      rangeOffsets.push([open.pop()!, text.length]);
      i += 2;
    } else text += source[i++];
  }
  const doc = TextDocument.create("file:///m.perf", "perf", 1, text);
  return {
    text,
    cursors: cursorOffsets.map((o) => doc.positionAt(o)),
    ranges: rangeOffsets.sort((a, b) => a[0] - b[0]).map(([s, e]) => ({ start: doc.positionAt(s), end: doc.positionAt(e) })),
  };
}

export interface Setup extends Marked {
  service: PerfLanguageService;
  uri: string;
  doc: TextDocument;
}

let counter = 0;

/** Opens a marked document in a fresh service, with other workspace files on "disk". */
export function setup(source: string, options: { uri?: string; files?: Record<string, string>; settings?: Partial<PerfSettings> } = {}): Setup {
  const m = marked(source);
  const uri = options.uri ?? `file:///ws/doc${++counter}.perf`;
  const service = new PerfLanguageService(memoryFileSystem(options.files ?? {}));
  if (options.settings) service.ws.setSettings({ ...service.ws.settings, ...options.settings });
  if (options.files) service.ws.addFolder("file:///ws/");
  const doc = TextDocument.create(uri, "perf", 1, m.text);
  service.ws.open(doc);
  return { ...m, service, uri, doc };
}

/** Replaces the document's text with a new version, as an editor would. */
export function edit(s: Setup, edits: TextEdit[]): void {
  const text = TextDocument.applyEdits(s.doc, edits);
  TextDocument.update(s.doc, [{ text }], s.doc.version + 1);
  s.service.ws.change(s.doc);
}

export function applyWorkspaceEdit(s: Setup, e: WorkspaceEdit | null): string {
  expect(e?.changes?.[s.uri]).toBeDefined();
  return TextDocument.applyEdits(s.doc, e!.changes![s.uri]!);
}

function hoverText(s: Setup, at: Position): string {
  const h = s.service.hover(s.uri, at);
  if (!h) return "";
  const c = h.contents as { value: string };
  return c.value;
}

/** Every expected fragment appears in the hover at the cursor. */
export function expectHover(source: string, expected: (string | RegExp)[], options?: Parameters<typeof setup>[1]): string {
  const s = setup(source, options);
  const text = hoverText(s, s.cursors[0]!);
  for (const e of expected) typeof e === "string" ? expect(text).toContain(e) : expect(text).toMatch(e);
  return text;
}

export function expectNoHover(source: string): void {
  const s = setup(source);
  expect(s.service.hover(s.uri, s.cursors[0]!)).toBeNull();
}

/** The completion labels at the cursor include and exclude the given ones. */
export function expectCompletion(source: string, expected: { includes?: string[]; excludes?: string[]; exactly?: string[] }, options?: Parameters<typeof setup>[1]): string[] {
  const s = setup(source, options);
  const labels = s.service.completion(s.uri, s.cursors[0]!).map((c) => c.label);
  for (const l of expected.includes ?? []) expect(labels).toContain(l);
  for (const l of expected.excludes ?? []) expect(labels).not.toContain(l);
  if (expected.exactly) expect([...labels].sort()).toEqual([...expected.exactly].sort());
  return labels;
}

/** Go to definition from the cursor lands on the (first) marked range. */
export function expectDefinition(source: string): void {
  const s = setup(source);
  const locations = s.service.definition(s.uri, s.cursors[0]!);
  expect(locations).toEqual([{ uri: s.uri, range: s.ranges[0] }]);
}

/** Find references from the cursor returns exactly the marked ranges. */
export function expectReferences(source: string, includeDeclaration = true): void {
  const s = setup(source);
  const locations = s.service.references(s.uri, s.cursors[0]!, includeDeclaration);
  const sorted = [...locations].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  expect(sorted).toEqual(s.ranges.map((range) => ({ uri: s.uri, range })));
}

/** Formatting the document gives `expected` (and nothing when the text is already so). */
export function expectFormatting(source: string, expected: string): void {
  const s = setup(source);
  const edits = s.service.formatting(s.uri);
  const out = edits.length ? TextDocument.applyEdits(s.doc, edits) : s.text;
  expect(out).toBe(expected);
}

/** The position of the n-th occurrence of `needle` (plus `delta` characters) in a text. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' not found`);
  }
  const doc = TextDocument.create("file:///p.perf", "perf", 1, text);
  return doc.positionAt(at + delta);
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
