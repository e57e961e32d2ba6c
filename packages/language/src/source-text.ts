import { analyse } from "chardet";
import { makeDiagnostic, type Diagnostic, type Locale } from "./diagnostics.js";

/** A line ending as written in a file. */
export type Eol = "\n" | "\r\n" | "\r";

/** The largest `.perf` file the tools read (64 MiB); an evaluation is usually a few tens of KB. */
export const maxSourceBytes = 64 * 1024 * 1024;

export interface LineEndingCounts {
  lf: number;
  crlf: number;
  cr: number;
}

/** A `.perf` file's bytes read as text, with what is needed to write it back byte for byte. */
export interface SourceText {
  ok: true;
  /** The text without its BOM; line endings as in the file. */
  text: string;
  /** The file starts with a UTF-8 byte order mark (kept on write). */
  bom: boolean;
  /** The line ending most lines use ("\n" for a file without any; a tie goes to the first one). */
  eol: Eol;
  /** How many of each line ending the file has; more than one kind is a mixed file. */
  eols: LineEndingCounts;
  encoding: "UTF-8";
}

/** Bytes that are not UTF-8: nothing may be read from or written to them. */
export interface SourceRefusal {
  ok: false;
  /** What the bytes look like: "GB18030", "UTF-16LE", …, or "unknown". */
  encoding: string;
  /** PERF110 at the first byte that is not UTF-8. */
  diagnostic: Diagnostic;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Reads a `.perf` file's bytes: strict UTF-8 (an optional BOM is reported as a flag), anything
 * else refused with PERF110 naming the likely encoding and the way to convert it. Pure: the
 * CLI and the language server both read through it.
 */
export function decodeSource(bytes: Uint8Array, uri: string, options: { locale?: Locale } = {}): SourceText | SourceRefusal {
  const wide = unicodeByMarks(bytes);
  if (wide) return refuse(bytes, uri, wide, 0, options.locale);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    const at = firstInvalidUtf8(body) + (bom ? 3 : 0);
    return refuse(bytes, uri, guessEncoding(bytes), at, options.locale);
  }
  const eols = countLineEndings(text);
  return { ok: true, text, bom, eol: majorityEol(text, eols), eols, encoding: "UTF-8" };
}

/** The text with every line ending as "\n" (what the printer reads and writes). */
export function toLf(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Bytes for `text` (with "\n" line endings) in the file's own style: its line ending and BOM. */
export function encodeSource(text: string, style: { bom: boolean; eol: Eol }): Uint8Array {
  const body = style.eol === "\n" ? text : text.replace(/\n/g, style.eol);
  return new TextEncoder().encode(style.bom ? "\uFEFF" + body : body);
}

/** "LF", "CRLF" or "CR". */
export function eolName(eol: Eol): string {
  return eol === "\n" ? "LF" : eol === "\r\n" ? "CRLF" : "CR";
}

export function countLineEndings(text: string): LineEndingCounts {
  const counts = { lf: 0, crlf: 0, cr: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) counts.lf++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        counts.crlf++;
        i++;
      } else counts.cr++;
    }
  }
  return counts;
}

function majorityEol(text: string, counts: LineEndingCounts): Eol {
  const first = /\r\n|\r|\n/.exec(text)?.[0] as Eol | undefined;
  const byCount: [Eol, number][] = [
    ["\n", counts.lf],
    ["\r\n", counts.crlf],
    ["\r", counts.cr],
  ];
  const most = Math.max(...byCount.map(([, n]) => n));
  if (most === 0) return "\n";
  const tied = byCount.filter(([, n]) => n === most).map(([e]) => e);
  return tied.length > 1 && first && tied.includes(first) ? first : tied[0]!;
}

/**
 * UTF-32 and UTF-16 by their byte order mark, and UTF-16 without one by its NUL pattern (ASCII
 * text in UTF-16 has a NUL in every other byte, which strict UTF-8 would accept).
 */
function unicodeByMarks(b: Uint8Array): string | undefined {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return "UTF-32LE";
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return "UTF-32BE";
  if (b[0] === 0xff && b[1] === 0xfe) return "UTF-16LE";
  if (b[0] === 0xfe && b[1] === 0xff) return "UTF-16BE";
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.3 && even <= pairs * 0.05) return "UTF-16LE";
  if (even >= pairs * 0.3 && odd <= pairs * 0.05) return "UTF-16BE";
  return undefined;
}

/**
 * The likeliest legacy encoding among those the bytes decode under without error. GB18030 (a
 * superset of GBK, Windows Notepad's Chinese default) is the common case: it wins a near tie,
 * and wins over a single-byte guess when it reads the non-ASCII bytes as Chinese characters
 * (short texts fool the statistics into ISO-8859-1).
 */
function guessEncoding(bytes: Uint8Array): string {
  const sample = bytes.length > 1 << 20 ? bytes.subarray(0, 1 << 20) : bytes;
  const candidates = analyse(sample).filter((m) => m.confidence >= 10 && m.name !== "UTF-8" && m.name !== "ASCII" && decodes(sample, m.name) !== undefined);
  const gbText = decodes(sample, "gb18030");
  const best = candidates[0];
  if (gbText !== undefined && (!best || singleByte.test(best.name)) && mostlyChinese(gbText)) return "GB18030";
  if (!best) return "unknown";
  const gb = candidates.find((m) => m.name === "GB18030");
  return gb && gb.confidence * 1.25 >= best.confidence ? gb.name : best.name;
}

const singleByte = /^(ISO-8859|windows-|KOI8)/i;

function mostlyChinese(text: string): boolean {
  const wide = text.match(/[^\u0000-\u007f]/gu) ?? [];
  const han = wide.filter((c) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u.test(c)).length;
  return wide.length > 0 && han >= wide.length * 0.8;
}

/** The text `bytes` decode to in `encoding`, or undefined when they are not that encoding. */
function decodes(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    // streaming: a sample cut inside a character does not count against the encoding
    return new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return undefined; // not that encoding, or one this runtime does not know
  }
}

/** The offset of the first byte that breaks UTF-8 (overlong forms and surrogates included). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined) return i;
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function refuse(bytes: Uint8Array, uri: string, encoding: string, at: number, locale: Locale | undefined): SourceRefusal {
  // line and column of the first bad byte; the bytes before it are valid UTF-8
  let line = 0;
  let lineStart = 0;
  const wide = encoding.startsWith("UTF-16") || encoding.startsWith("UTF-32");
  if (!wide) {
    for (let i = 0; i < at; i++) {
      const c = bytes[i];
      if (c === 10 || (c === 13 && bytes[i + 1] !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  const bomLength = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const chars = (from: number) => (wide ? 0 : new TextDecoder().decode(bytes.subarray(Math.max(from, bomLength), at)).length);
  const character = chars(lineStart);
  const offset = chars(0);
  const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
  const known = encoding !== "unknown";
  const file = uri.replace(/^file:\/\//, "").split(/[\\/]/).pop() || uri;
  const args = {
    guessZh: known ? `看起来是 ${encoding}` : "也无法判断是哪种编码",
    guessEn: known ? `it looks like ${encoding}` : "its encoding is unknown",
    from: known ? encoding : "GB18030",
    detail: wide ? "字节顺序标记或 NUL 字节" : `无效字节 0x${byte}`,
    detailEn: wide ? "byte order mark or NUL bytes" : `invalid byte 0x${byte}`,
    file: /^[\w.\-/]+$/.test(file) ? file : `'${file.replace(/'/g, "'\\''")}'`,
  };
  const range = { start: { line, character, offset }, end: { line, character: character + (wide ? 0 : 1), offset: offset + (wide ? 0 : 1) } };
  return { ok: false, encoding, diagnostic: makeDiagnostic("PERF110", uri, range, args, { locale }) };
}
