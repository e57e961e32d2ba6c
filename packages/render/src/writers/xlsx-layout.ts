/**
 * Layout arithmetic of the xlsx writer: how wide a sheet prints, which orientation and scale it
 * gets, and how tall a row must be for its wrapped texts. Spreadsheets do not fit row heights to
 * merged cells (Calc and Excel both leave a merged block at the default height), so the writer
 * computes every height here from the text, the column widths and the font.
 *
 * Units: column widths in Excel's units (characters of the default font's digit, 7 px in
 * Calibri 11), pixels at 96 dpi, row heights in points.
 */

/** The body font of every sheet: 宋体 五号 (SimSun 10.5 pt). */
export const FONT_SIZE = 10.5;
export const TITLE_SIZE = 14;
/** Pixels per em of the body font (10.5 pt at 96 dpi). */
const EM_PX = (FONT_SIZE * 96) / 72;
/**
 * One line of the body font in points. SimSun's line is 1.15 em, Noto Serif CJK's (what
 * LibreOffice substitutes where SimSun is missing) 1.45 em; the larger keeps both unclipped.
 */
export const LINE_PT = Math.ceil(FONT_SIZE * 1.45 * 4) / 4;
/** Space above and below the lines of a cell, in points. */
export const PAD_PT = 4;
/** Excel's digit width of the default font (Calibri 11) and the cell's inner margins, in px. */
const DIGIT_PX = 7;
const CELL_PAD_PX = 5;

/** A4 printable widths in px with 0.5 in side margins. */
export const MARGIN_IN = 0.5;
const PRINTABLE_PX = { portrait: (8.27 - 2 * MARGIN_IN) * 96, landscape: (11.69 - 2 * MARGIN_IN) * 96 };
/** The smallest scale a sheet is fitted to its page width at; below it the sheet prints at 100 % across pages. */
export const MIN_FIT_SCALE = 0.7;
/** Long text columns are narrowed until the sheet fits its page at this scale… */
const TARGET_SCALE = 0.8;
/** …but never below this width (12 CJK characters a line). */
const MIN_LONG_WIDTH = 24;
/** …and other text columns not below 12 (6 CJK characters). */
const MIN_TEXT_WIDTH = 12;

/** Pixel width of a column of `width` units, as Excel draws it. */
export const columnPx = (width: number) => Math.trunc(width * DIGIT_PX + CELL_PAD_PX);

/** Width of one character of the body font in px: a full-width (CJK) character is 1 em, others about 0.6 em. */
function charPx(ch: string): number {
  const c = ch.codePointAt(0)!;
  const wide =
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x20000;
  return wide ? EM_PX : EM_PX * 0.6;
}

/**
 * The column width (Excel units) a value such as "≤2020年11月底" or "≥1200 台" needs to stay on
 * one line, digits counted at 0.7 em as in the widest font a reader substitutes (DejaVu), as the
 * docx writer measures them (column-widths.ts), plus a tenth.
 */
export function valueWidth(text: string): number {
  let px = 0;
  for (const ch of text) px += /[0-9]/.test(ch) ? EM_PX * 0.7 : charPx(ch);
  return Math.ceil((px * 1.1 + 2 + CELL_PAD_PX) / DIGIT_PX);
}

/**
 * How many lines `text` takes in a cell `px` wide: hard breaks kept, CJK characters break
 * anywhere, runs of other non-space characters (words, numbers) move to the next line whole
 * unless longer than a line.
 */
export function lineCount(text: string, px: number, bold = false): number {
  const avail = Math.max(EM_PX, px - CELL_PAD_PX - 2);
  const k = bold ? 1.05 : 1;
  let lines = 0;
  for (const para of text.split(/\r\n|\r|\n/)) {
    lines++;
    let x = 0;
    for (const token of para.match(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\uD800-\uDBFF][\uDC00-\uDFFF]|\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\uD800-\uDBFF]+/g) ?? []) {
      const w = [...token].reduce((a, ch) => a + charPx(ch) * k, 0);
      if (/^\s+$/.test(token)) {
        x += w;
        continue;
      }
      if (x > 0 && x + w > avail) {
        lines++;
        x = 0;
      }
      if (w > avail) {
        // a word longer than the line breaks by characters
        for (const ch of token) {
          const cw = charPx(ch) * k;
          if (x > 0 && x + cw > avail) {
            lines++;
            x = 0;
          }
          x += cw;
        }
      } else x += w;
    }
  }
  return lines;
}

/** Row height in points for `lines` lines of the body font. */
export const heightFor = (lines: number, linePt = LINE_PT) => lines * linePt + PAD_PT;

export interface PrintLayout {
  widths: number[];
  orientation: "portrait" | "landscape";
  /** Scale fitted to the page width (fitToWidth), or null: print at 100 % across pages. */
  fit: number | null;
}

/**
 * Column widths, orientation and scale of a sheet. Text columns are narrowed by one common
 * factor, long ones (`long`) not below 24 units and the others not below 12 (numbers never), so
 * that the sheet fits its page width at 80 %; a sheet is landscape when the table asks for it or
 * when portrait would need a scale under 80 %; it is fitted to the page width when that scale is
 * at least 70 %, else printed at 100 % across pages.
 */
export function printLayout(widths: number[], long: boolean[], text: boolean[], orientation: "portrait" | "landscape"): PrintLayout {
  const total = (ws: number[]) => ws.reduce((a, w) => a + columnPx(w), 0);
  const floor = widths.map((w, i) => (!text[i] ? w : Math.min(w, long[i] ? MIN_LONG_WIDTH : MIN_TEXT_WIDTH)));
  const at = (k: number) => widths.map((w, i) => Math.max(floor[i]!, Math.floor(w * k)));
  const narrowed = (o: "portrait" | "landscape") => {
    const target = PRINTABLE_PX[o] / TARGET_SCALE;
    if (total(widths) <= target) return widths;
    let lo = 0;
    let hi = 1;
    for (let n = 0; n < 20; n++) {
      const k = (lo + hi) / 2;
      if (total(at(k)) <= target) lo = k;
      else hi = k;
    }
    return at(lo);
  };
  let o = orientation;
  let ws = narrowed(o);
  if (o === "portrait" && total(ws) > PRINTABLE_PX.portrait / TARGET_SCALE) {
    o = "landscape";
    ws = narrowed(o);
  }
  const scale = Math.min(1, PRINTABLE_PX[o] / total(ws));
  return { widths: ws, orientation: o, fit: scale >= MIN_FIT_SCALE ? scale : null };
}
