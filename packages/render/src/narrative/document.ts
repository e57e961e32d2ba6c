import type { EvaluationResult } from "@perf/engine";
import { byStart as inSourceOrder, makeDiagnostic, type Diagnostic, type Locale } from "@perf/language";
import { resolveReference, scanReferences, type Resolved, type TableRef } from "./references.js";

// the editor completes and hovers references through the same module (`@perf/render/narrative`)
export { resolveReference, scanReferences, type Reference, type Resolved, type TableRef } from "./references.js";

/**
 * The narrative as blocks every writer prints: a small, fixed subset of Markdown — ATX headings
 * (#, ##, ###), paragraphs (lines joined), list items (-, *, 1.), **bold**, HTML comments
 * (dropped) — with every `{{…}}` already replaced by its value, and table/chart references
 * standing alone as their own blocks.
 */
export interface Run {
  text: string;
  bold?: boolean;
}

export type NarrativeBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string; /** chapter number of a level-1 heading (一、 = 1) */ chapter: number }
  | { kind: "paragraph"; runs: Run[]; item?: "bullet" | "ordered" }
  | { kind: "table"; table: TableRef; chapter: number }
  | { kind: "chart"; chart: "rates" | "roots"; chapter: number };

export interface Narrative {
  blocks: NarrativeBlock[];
  diagnostics: Diagnostic[];
}

const numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** "三" → 3, "十二" → 12 (up to 99). */
export function chineseNumber(s: string): number | null {
  if (!/^[一二三四五六七八九十]+$/.test(s)) return null;
  if (s === "十") return 10;
  const [tens, ones] = s.includes("十") ? s.split("十") : ["", s];
  const t = s.includes("十") ? (tens ? numerals.indexOf(tens) : 1) : 0;
  const o = ones ? numerals.indexOf(ones) : 0;
  return t * 10 + o;
}

export function chineseNumeral(n: number): string {
  if (n <= 10) return numerals[n]!;
  if (n < 20) return `十${numerals[n - 10]}`;
  return `${numerals[Math.floor(n / 10)]}十${n % 10 ? numerals[n % 10] : ""}`;
}

/** Parses and resolves a narrative. Diagnostics carry `uri` and ranges in the Markdown. */
export function resolveNarrative(markdown: string, result: EvaluationResult, uri: string, locale: Locale): Narrative {
  const text = markdown.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\r\n]/g, " "));
  const { refs, diagnostics } = scanReferences(text, uri, locale);
  const values = new Map<number, Resolved>();
  for (const r of refs) {
    const out = resolveReference(r, { result, uri, locale });
    diagnostics.push(...out.diagnostics);
    if (out.value) values.set(r.start, out.value);
  }
  const byStart = new Map(refs.map((r) => [r.start, r]));
  // substitutes inline references in one line (offsets into `text`)
  const substitute = (from: number, to: number): string => {
    let out = "";
    let i = from;
    while (i < to) {
      const r = byStart.get(i);
      if (r && r.end <= to) {
        const v = values.get(i);
        if (v?.kind === "text") out += v.text;
        else if (v) diagnostics.push(makeDiagnostic("PERF155", uri, r.range, { ref: r.ref }, { locale }));
        i = r.end;
        continue;
      }
      if (text[i] === "\\" && text.startsWith("{{", i + 1)) {
        i++;
        continue;
      }
      out += text[i];
      i++;
    }
    return out;
  };

  const blocks: NarrativeBlock[] = [];
  let chapter = 0;
  let para: string[] = [];
  let item: "bullet" | "ordered" | undefined;
  const flush = () => {
    if (para.length) blocks.push({ kind: "paragraph", runs: runs(para.join("")), ...(item ? { item } : {}) });
    para = [];
    item = undefined;
  };
  let offset = 0;
  for (const line of text.split(/(?<=\r\n|\n|\r(?!\n))/)) {
    const start = offset;
    offset += line.length;
    const body = line.replace(/\r?\n$|\r$/, "");
    const end = start + body.length;
    const trimmed = body.trim();
    if (!trimmed) {
      flush();
      continue;
    }
    const lead = body.length - body.trimStart().length;
    // a line that is one block reference and nothing else
    const only = byStart.get(start + lead);
    if (only && only.end === start + lead + trimmed.length) {
      const v = values.get(only.start);
      if (v && v.kind !== "text") {
        flush();
        blocks.push(v.kind === "table" ? { kind: "table", table: v.table, chapter } : { kind: "chart", chart: v.chart, chapter });
        continue;
      }
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(trimmed);
    if (heading) {
      flush();
      const level = Math.min(3, heading[1]!.length) as 1 | 2 | 3;
      const hStart = start + lead + trimmed.indexOf(heading[2]!);
      let t = substitute(hStart, hStart + heading[2]!.length);
      if (level === 1) {
        // "三、…" (Chinese) or "3. …" (English) keeps its number; captions follow it
        const m = /^([一二三四五六七八九十]+)、/.exec(t) ?? /^(\d{1,2})\.\s/.exec(t);
        const n = m ? (/\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!)) : null;
        chapter = n ?? chapter + 1;
        if (!m) t = locale === "zh" ? `${chineseNumeral(chapter)}、${t}` : `${chapter}. ${t}`;
      }
      blocks.push({ kind: "heading", level, text: t, chapter });
      continue;
    }
    const listItem = /^([-*+]|\d+[.、])\s+/.exec(trimmed);
    if (listItem) {
      flush();
      item = /^\d/.test(listItem[1]!) ? "ordered" : "bullet";
      const keep = item === "ordered" ? listItem[1]!.replace("、", ".") + " " : "";
      const s = start + lead + listItem[0].length;
      para.push(keep + substitute(s, end));
      continue;
    }
    para.push(substitute(start + lead, end));
  }
  flush();
  diagnostics.sort(inSourceOrder);
  return { blocks, diagnostics };
}

/** `**bold**` spans; everything else is plain text. */
export function runs(s: string): Run[] {
  const out: Run[] = [];
  const parts = s.split(/\*\*(.+?)\*\*/g);
  parts.forEach((p, i) => {
    if (p) out.push(i % 2 ? { text: p, bold: true } : { text: p });
  });
  return out;
}
