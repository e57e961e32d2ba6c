import type { Table } from "../model.js";

/**
 * Column widths (twips) from the content. A number must never wrap ("82.46" printed as "82.4" /
 * "6" when a reader substitutes a wider Latin font), so every number column gets the width of
 * its widest number, measured in the widest font a reader may substitute: digits at 0.7 em
 * (DejaVu Serif/Sans Bold, which LibreOffice uses without Times New Roman; Times New Roman is
 * 0.5 em), CJK at 1 em, plus 15 %. Short text columns (headers, names)
 * get their longest word up to 4 CJK characters so a header wraps between characters at most
 * once; what is left is shared by the text columns in proportion to the model's widths. When
 * the minimums do not fit, every column shrinks in proportion (the table stays inside the page).
 */
export function columnWidths(t: Table, textWidth: number, em: number, cellMargins: number): number[] {
  const slack = 1.15;
  const need = t.columns.map((c, j) => {
    const numbers = c.kind !== "text";
    let widest = 0;
    for (const r of t.rows) {
      const cell = r.cells[j]!;
      if (cell.covered || (cell.colSpan ?? 1) > 1) continue;
      if (numbers || cell.kind !== "text" || (c.values && isValueText(cell.text))) widest = Math.max(widest, textWidth1(cell.text, em));
    }
    const header = Math.min(textWidth1(c.header, em), 4 * em);
    return Math.ceil(Math.max(widest, header, 2 * em) * slack) + cellMargins;
  });
  const fixed = need.reduce((a, b) => a + b, 0);
  if (fixed >= textWidth) return need.map((w) => Math.floor((w * textWidth) / fixed));
  const free = textWidth - fixed;
  const textCols = t.columns.map((c, j) => (c.kind === "text" ? j : -1)).filter((j) => j >= 0);
  const weight = textCols.reduce((a, j) => a + t.columns[j]!.width, 0);
  const out = [...need];
  if (weight > 0) for (const j of textCols) out[j]! += Math.floor((free * t.columns[j]!.width) / weight);
  else out[out.length - 1]! += free;
  return out;
}

/** A short text holding a figure (a number or date with its operator and unit), not a sentence: it must not wrap. */
export function isValueText(s: string): boolean {
  return /\d/.test(s) && [...s].length <= 16 && !/[，。；,;]/.test(s);
}

/** Width of a one-line text in twips at `em` twips per em, in the widest plausible fallback font. */
export function textWidth1(s: string, em: number): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x2e80) w += em;
    else if (/[0-9]/.test(ch)) w += 0.7 * em;
    else if (ch === "." || ch === "," || ch === ":") w += 0.4 * em;
    else if (ch === "%") w += 1.0 * em;
    else if (/[A-Z]/.test(ch)) w += 0.72 * em;
    else w += 0.6 * em;
  }
  return w;
}
