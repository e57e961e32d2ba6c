import type { Table } from "../model.js";

/** The room a text is given beyond its measure, for a reader's font. */
const slack = 1.15;

/**
 * Column widths (twips) from the content. A number must never wrap ("82.46" printed as "82.4" /
 * "6" when a reader substitutes a wider Latin font), so every number column gets the width of
 * its widest number, measured in the widest font a reader may substitute: digits at 0.7 em
 * (DejaVu Serif/Sans Bold, which LibreOffice uses without Times New Roman; Times New Roman is
 * 0.5 em), CJK at 1 em, plus 15 %. A text column gets at least four characters of its header,
 * the header's Latin words and its "（万元）" (`headerUnits`), and its longest Latin word up to
 * 16 em; what is left goes to the text columns by their content (`longestText`): a 问题清单 whose
 * 问题描述 is empty everywhere gives its width to 具体问题, instead of wrapping it into four lines
 * beside a blank column. When the minimums do not fit, every column shrinks in proportion (the
 * table stays inside the page).
 */
export function columnWidths(t: Table, textWidth: number, em: number, cellMargins: number): number[] {
  const need = t.columns.map((c, j) => {
    const numbers = c.kind !== "text";
    let widest = 0;
    for (const r of t.rows) {
      const cell = r.cells[j]!;
      if (cell.covered || (cell.colSpan ?? 1) > 1) continue;
      if (numbers || cell.kind !== "text" || (c.values && isValueText(cell.text))) widest = Math.max(widest, textWidth1(cell.text, em));
    }
    // a header wraps between characters up to four of them, never inside a word or a "（万元）"
    const header = Math.max(Math.min(textWidth1(c.header, em), 4 * em), ...headerUnits(c.header).map((u) => Math.min(textWidth1(u, em), 8 * em)));
    // nor does a text break inside a Latin word ("qingdao-2020.perf:136" at its hyphen), up to 16 em
    const word = numbers ? 0 : Math.min(longestWord(t, j, em), 16 * em);
    return Math.ceil(Math.max(widest, header, word, 2 * em) * slack) + cellMargins;
  });
  const fixed = need.reduce((a, b) => a + b, 0);
  if (fixed >= textWidth) return need.map((w) => Math.floor((w * textWidth) / fixed));
  const free = textWidth - fixed;
  const out = [...need];
  const textCols = t.columns.map((c, j) => (c.kind === "text" ? j : -1)).filter((j) => j >= 0);
  // The free width goes to the text columns by the model's widths, but none gets more than it
  // needs for its longest text on one line: what a short column (names, a class) does not need
  // goes on to the others, and a column with no text gets nothing. Left over when every text is
  // on one line: shared by the model's widths among the number columns and those with text.
  // A column written in fewer than a quarter of the rows (a 问题定性 that one finding of twenty
  // has) asks for half its longest text: its texts take two lines in rows of their own, and the
  // width goes to the columns every row reads (decision 0231).
  const lacks = new Map<number, number>();
  for (const j of textCols) {
    const longest = longestText(t, j, em);
    const lack = Math.ceil((sparse(t, j) ? longest / 2 : longest) * slack) + cellMargins - need[j]!;
    if (lack > 0) lacks.set(j, lack);
  }
  const written = [...lacks.keys()];
  let rest = free;
  for (let open = written; open.length && rest > 0; ) {
    const weight = open.reduce((a, j) => a + t.columns[j]!.width, 0);
    const filled = open.filter((j) => (rest * t.columns[j]!.width) / weight >= lacks.get(j)!);
    if (!filled.length) {
      for (const j of open) out[j]! += Math.floor((rest * t.columns[j]!.width) / weight);
      rest = 0;
      break;
    }
    for (const j of filled) {
      out[j]! += lacks.get(j)!;
      rest -= lacks.get(j)!;
    }
    open = open.filter((j) => !filled.includes(j));
  }
  if (rest > 0) {
    // every text on one line: what is left goes to the number columns too (their headers wrap less)
    const shared = t.columns.map((c, j) => (c.kind !== "text" || lacks.has(j) ? j : -1)).filter((j) => j >= 0);
    const weight = shared.reduce((a, j) => a + t.columns[j]!.width, 0);
    if (weight > 0) for (const j of shared) out[j]! += Math.floor((rest * t.columns[j]!.width) / weight);
    else out[out.length - 1]! += rest;
  }
  return out;
}

/**
 * The pieces of a header that a line must not break: its Latin words ("Completion") and a closing
 * parenthesis group ("（万元）"). `headerLines` breaks before the group where the header wraps.
 */
export function headerUnits(header: string): string[] {
  const units: string[] = [...(header.match(/[A-Za-z0-9%.\-]+/g) ?? [])];
  const at = closingGroupAt(header);
  if (at > 0) units.push(header.slice(at));
  return units;
}

/**
 * Where a text's closing parenthesis group starts ("预算（万元）" → 2, the "（"), or −1 when it has
 * none after some text: the place a header or a caption breaks rather than inside the group.
 */
export function closingGroupAt(text: string): number {
  const at = text.lastIndexOf("（");
  return at > 0 && text.endsWith("）") ? at : -1;
}

/**
 * A header as the writers print it in a column `width` twips wide: broken before its closing
 * parenthesis group when the whole does not fit on one line ("预算" / "（万元）", not "预算（万" /
 * "元）").
 */
export function headerLines(header: string, width: number, em: number, cellMargins: number): string {
  const at = closingGroupAt(header);
  if (at < 0 || header.includes("\n")) return header;
  return Math.ceil(textWidth1(header, em) * slack) + cellMargins > width ? `${header.slice(0, at)}\n${header.slice(at)}` : header;
}

/**
 * The lines row `i` takes at `widths` (twips), as `columnWidths` measures text: its tallest cell's,
 * each hard line of a cell counted on its own. Cells merged over several rows are left out.
 */
export function rowLines(t: Table, i: number, widths: readonly number[], em: number, cellMargins: number): number {
  let tallest = 1;
  t.rows[i]!.cells.forEach((cell, j) => {
    if (cell.covered || (cell.rowSpan ?? 1) > 1 || cell.text === "") return;
    const avail = Math.max(1, widths.slice(j, j + (cell.colSpan ?? 1)).reduce((a, w) => a + w, 0) - cellMargins);
    let n = 0;
    for (const p of cell.text.split("\n")) n += Math.max(1, Math.ceil((textWidth1(p, em) * slack) / avail));
    tallest = Math.max(tallest, n);
  });
  return tallest;
}

/** The width of the longest run of Latin letters, digits and their punctuation in column `j` (a word, a number, a path). */
const longestWord = (t: Table, j: number, em: number) => widest(t, j, em, (text) => text.match(/[\x21-\x7e]+/g) ?? []);

/** Whether fewer than a quarter of the rows have a text in column `j` (a merged cell counts for every row it covers). */
export function sparse(t: Table, j: number): boolean {
  let written = 0;
  for (const r of t.rows) if (r.cells[j]!.text.trim() !== "") written++;
  return written * 4 < t.rows.length;
}

/** The width of the longest text of column `j` on one line (its longest line where it has several). */
function longestText(t: Table, j: number, em: number): number {
  return widest(t, j, em, (text) => text.split("\n"));
}

/** The width of the widest of the pieces `of` takes from each one-column cell of column `j`. */
function widest(t: Table, j: number, em: number, of: (text: string) => readonly string[]): number {
  let w = 0;
  for (const r of t.rows) {
    const cell = r.cells[j]!;
    if (cell.covered || (cell.colSpan ?? 1) > 1) continue;
    for (const piece of of(cell.text)) w = Math.max(w, textWidth1(piece, em));
  }
  return w;
}

/**
 * Whether column `j` holds sentences that wrap: a text of more than 12 characters that needs more
 * than `width` twips (measured as `columnWidths` does). A name that wraps (an indicator's, a
 * unit's) does not count: a column of names stays centred, as score tables print them.
 */
export function wraps(t: Table, j: number, width: number, em: number, cellMargins: number): boolean {
  return t.rows.some((r) => {
    const cell = r.cells[j]!;
    return !cell.covered && (cell.colSpan ?? 1) === 1 && cell.kind === "text" && [...cell.text].length > 12 && Math.ceil(textWidth1(cell.text, em) * slack) + cellMargins > width;
  });
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
