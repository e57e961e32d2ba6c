import type { Report } from "./model.js";

/**
 * Characters a report must not carry into HTML, WordprocessingML or SpreadsheetML: C0 controls
 * other than TAB, LF and CR (XML 1.0 forbids them, so one makes a .docx/.xlsx not well-formed),
 * DEL and the C1 controls (HTML parse errors, XML "discouraged"), lone surrogates (no UTF-8
 * form at all) and noncharacters (U+FFFE and U+FFFF are forbidden in XML; all 66 are HTML
 * parse errors). Each one becomes U+FFFD, so the reader sees that something was there.
 */
const UNSAFE_CHARACTER = /(?![\t\n\r])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/gu;

const REPLACEMENT = "\uFFFD";

export function safeText(s: string): string {
  return s.replace(UNSAFE_CHARACTER, REPLACEMENT);
}

/**
 * The one choke point of the XML and HTML writers: a copy of the report with every string
 * passed through `safeText`. Walking every value (not a list of fields) means a field added to
 * the model later is covered without anyone remembering to.
 */
export function safeReport(report: Report): Report {
  return mapStrings(report, safeText);
}

function mapStrings<T>(value: T, f: (s: string) => string): T {
  if (typeof value === "string") return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}

/** The lines of a text: LF, CRLF and a lone CR (old Mac files; CommonMark ends a line there too) all break. */
export function lines(s: string): string[] {
  return s.split(/\r\n?|\n/);
}

// Explicit bidi formatting characters: LRE RLE PDF LRO RLO, and LRI RLI FSI PDI.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const FSI = "\u2068";
const PDI = "\u2069";

/**
 * Text the user wrote, placed inside a sentence or list the report composes ("{name}总分14分，
 * 实得12.5分"): when it holds bidi controls it is wrapped in FSI … PDI (UAX #9's advice for
 * inserting text of unknown direction), so an unterminated right-to-left override cannot
 * reorder the numbers around it. PDIs in the text that close nothing would end the wrapper
 * early; one extra FSI per such PDI absorbs them. Text without bidi controls is returned as is.
 */
export function isolate(s: string): string {
  if (!BIDI_CONTROL.test(s)) return s;
  let open = 0;
  let stray = 0;
  for (const c of s) {
    if (c === "\u2066" || c === "\u2067" || c === FSI) open++;
    else if (c === PDI) {
      if (open > 0) open--;
      else stray++;
    }
  }
  return FSI.repeat(stray + 1) + s + PDI.repeat(open + 1);
}
