/**
 * Characters a reader cannot see or that change how text is shown: named by code point in
 * messages, and reported where they hide in strings and comments.
 */

const c0Names = [
  "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "BELL",
  "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
  "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
  "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
  "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
];

/** Unicode names of the invisible and layout characters people meet in pasted text. */
const names = new Map<number, string>([
  ...c0Names.map((n, i) => [i, n] as [number, string]),
  [0x7f, "DELETE"],
  [0xa0, "NO-BREAK SPACE"],
  [0xad, "SOFT HYPHEN"],
  [0x34f, "COMBINING GRAPHEME JOINER"],
  [0x61c, "ARABIC LETTER MARK"],
  [0x115f, "HANGUL CHOSEONG FILLER"],
  [0x1160, "HANGUL JUNGSEONG FILLER"],
  [0x180e, "MONGOLIAN VOWEL SEPARATOR"],
  [0x2000, "EN QUAD"],
  [0x2001, "EM QUAD"],
  [0x2002, "EN SPACE"],
  [0x2003, "EM SPACE"],
  [0x2004, "THREE-PER-EM SPACE"],
  [0x2005, "FOUR-PER-EM SPACE"],
  [0x2006, "SIX-PER-EM SPACE"],
  [0x2007, "FIGURE SPACE"],
  [0x2008, "PUNCTUATION SPACE"],
  [0x2009, "THIN SPACE"],
  [0x200a, "HAIR SPACE"],
  [0x200b, "ZERO WIDTH SPACE"],
  [0x200c, "ZERO WIDTH NON-JOINER"],
  [0x200d, "ZERO WIDTH JOINER"],
  [0x200e, "LEFT-TO-RIGHT MARK"],
  [0x200f, "RIGHT-TO-LEFT MARK"],
  [0x2028, "LINE SEPARATOR"],
  [0x2029, "PARAGRAPH SEPARATOR"],
  [0x202a, "LEFT-TO-RIGHT EMBEDDING"],
  [0x202b, "RIGHT-TO-LEFT EMBEDDING"],
  [0x202c, "POP DIRECTIONAL FORMATTING"],
  [0x202d, "LEFT-TO-RIGHT OVERRIDE"],
  [0x202e, "RIGHT-TO-LEFT OVERRIDE"],
  [0x202f, "NARROW NO-BREAK SPACE"],
  [0x205f, "MEDIUM MATHEMATICAL SPACE"],
  [0x2060, "WORD JOINER"],
  [0x2061, "FUNCTION APPLICATION"],
  [0x2062, "INVISIBLE TIMES"],
  [0x2063, "INVISIBLE SEPARATOR"],
  [0x2064, "INVISIBLE PLUS"],
  [0x2066, "LEFT-TO-RIGHT ISOLATE"],
  [0x2067, "RIGHT-TO-LEFT ISOLATE"],
  [0x2068, "FIRST STRONG ISOLATE"],
  [0x2069, "POP DIRECTIONAL ISOLATE"],
  [0x3164, "HANGUL FILLER"],
  [0xfeff, "ZERO WIDTH NO-BREAK SPACE"],
  [0xffa0, "HALFWIDTH HANGUL FILLER"],
  [0xfffc, "OBJECT REPLACEMENT CHARACTER"],
  [0xfffd, "REPLACEMENT CHARACTER"],
]);

/** `U+200D ZERO WIDTH JOINER`: the code point, and its name where we know it. */
export function describeCodePoint(cp: number): string {
  const hex = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  let name = names.get(cp);
  if (!name && cp >= 0x80 && cp <= 0x9f) name = "CONTROL";
  if (!name && cp >= 0xd800 && cp <= 0xdfff) name = "SURROGATE (unpaired)";
  if (!name && (cp & 0xfffe) === 0xfffe) name = "NONCHARACTER";
  return name ? `${hex} ${name}` : hex;
}

/** Shown by code point rather than as itself: controls, format characters, unusual spaces, marks, unassigned. */
const invisibleClass = /^[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{M}\uFFFD]$/u;
const isShownByCodePoint = (ch: string) => !" \t\n\r\u3000".includes(ch) && invisibleClass.test(ch);

/**
 * Up to `max` code points of `text` for a message: never half a surrogate pair, and every
 * invisible character named (`U+200D ZERO WIDTH JOINER`; in angle brackets among other text).
 */
export function showCharacters(text: string, max = 12): string {
  // 2·max + 2 units hold more than max code points whenever the text goes on; only the last can be cut in half
  const head = Array.from(text.slice(0, 2 * max + 2));
  const cps = head.slice(0, max);
  if (cps.length === 1 && isShownByCodePoint(cps[0]!)) return describeCodePoint(cps[0]!.codePointAt(0)!);
  const shown = cps.map((ch) => (isShownByCodePoint(ch) ? `<${describeCodePoint(ch.codePointAt(0)!)}>` : ch)).join("");
  return head.length > max ? shown + "…" : shown;
}

export type TextKind = "string" | "lineComment" | "blockComment" | "whitespace";

export interface CharacterFinding {
  code: "PERF100" | "PERF101" | "PERF102" | "PERF103" | "PERF104";
  offset: number;
  length: number;
  codePoint: number;
  kind: TextKind;
}

export interface TextSpan {
  start: number;
  end: number;
  kind: TextKind;
}

const suspicious = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/g;

/** Whether findCharacters can find anything in the text: one scan, no spans needed. */
export function hasSuspiciousCharacter(text: string): boolean {
  suspicious.lastIndex = 0;
  const found = suspicious.test(text);
  suspicious.lastIndex = 0;
  return found;
}

const bidiOpeners = new Map<number, "embedding" | "isolate">([
  [0x202a, "embedding"], [0x202b, "embedding"], [0x202d, "embedding"], [0x202e, "embedding"],
  [0x2066, "isolate"], [0x2067, "isolate"], [0x2068, "isolate"],
]);
const isBidi = (cp: number) => bidiOpeners.has(cp) || cp === 0x202c || cp === 0x2069 || cp === 0x200e || cp === 0x200f || cp === 0x061c;
const isInvisible = (cp: number) => (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff || cp === 0xad;
/** Not allowed in XML 1.0 documents, so not in docx or xlsx either. */
const isXmlInvalid = (cp: number) => (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) || cp === 0xfffe || cp === 0xffff || (cp >= 0xd800 && cp <= 0xdfff);

/**
 * Finds bidi controls, invisible characters, control characters and characters XML cannot
 * hold inside strings and comments (`spans`, sorted), plus a U+FEFF between tokens past the
 * start. Each span reports each distinct character once, at its first occurrence.
 *
 * An embedding, override or isolate still open where a string or block comment ends goes on
 * reordering the code after it on the same line (the "Trojan Source" trick): that is an error.
 */
export function findCharacters(text: string, spans: readonly TextSpan[], lineOf: (offset: number) => number): CharacterFinding[] {
  const out: CharacterFinding[] = [];
  let s = 0;
  let seen = new Set<number>();
  let open: { offset: number; cp: number; type: "embedding" | "isolate"; line: number }[] = [];
  const closeSpan = () => {
    const span = spans[s]!;
    const first = open[0];
    if (first && span.kind !== "lineComment" && lineOf(span.end) === first.line) {
      // the warning already given for this very character becomes the error
      const warned = lastIndex(out, (f) => f.offset === first.offset);
      if (warned >= 0) out[warned]!.code = "PERF101";
      else out.push({ code: "PERF101", offset: first.offset, length: 1, codePoint: first.cp, kind: span.kind });
    }
    if (open.length) open = [];
    if (seen.size) seen = new Set();
    s++;
  };
  suspicious.lastIndex = 0;
  for (let m = suspicious.exec(text); m; m = suspicious.exec(text)) {
    const offset = m.index;
    const cp = text.charCodeAt(offset);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = text.charCodeAt(offset + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        suspicious.lastIndex = offset + 2;
        continue;
      }
    }
    while (s < spans.length && spans[s]!.end <= offset) closeSpan();
    const span = spans[s] && spans[s]!.start <= offset ? spans[s]! : undefined;
    if (!span) {
      if (cp === 0xfeff && offset > 0) out.push({ code: "PERF102", offset, length: 1, codePoint: cp, kind: "whitespace" });
      continue;
    }
    if (isBidi(cp)) {
      const line = lineOf(offset);
      if (open.length && open[open.length - 1]!.line !== line) open = [];
      const type = bidiOpeners.get(cp);
      if (type) open.push({ offset, cp, type, line });
      else if (cp === 0x202c) {
        const i = lastIndex(open, (o) => o.type === "embedding");
        if (i >= 0) open.splice(i, 1);
      } else if (cp === 0x2069) {
        const i = lastIndex(open, (o) => o.type === "isolate");
        if (i >= 0) open.splice(i);
      }
    }
    if (seen.has(cp)) continue;
    seen.add(cp);
    const code = isBidi(cp) ? "PERF100" : isInvisible(cp) ? "PERF102" : span.kind === "string" && isXmlInvalid(cp) ? "PERF104" : "PERF103";
    out.push({ code, offset, length: 1, codePoint: cp, kind: span.kind });
  }
  while (s < spans.length) closeSpan();
  return out;
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}
