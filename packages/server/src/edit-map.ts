import type { TextDocument, TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";

/** One change of a document: `[start, end)` of the text at that moment replaced by `length` characters. */
export interface Edit {
  start: number;
  end: number;
  length: number;
}

/**
 * Where an offset falls inside an edited region: `strict` gives up (undefined), `start` and
 * `end` clamp to the region's start or end (for the ends of ranges, so they stay ordered).
 * Mapping forward, the start of a range also moves past text inserted right at it.
 */
export type Side = "strict" | "start" | "end";

/** Beyond this many edits since the last analysis, mapping costs more than it is worth: give up. */
export const MAX_MAPPED_EDITS = 5000;

/**
 * The edits made to a document since the text its last analysis read, in order, each in the
 * coordinates of the text the previous ones left. Maps offsets between that analyzed text and
 * the current one, so requests can be answered from the last analysis while a new one is pending.
 * A position on an edit's boundary is outside it; one strictly inside has no counterpart.
 */
export class EditMap {
  private readonly edits: Edit[] = [];

  /** False once there were too many edits to map (the caller falls back to a fresh analysis). */
  get usable(): boolean {
    return this.edits.length <= MAX_MAPPED_EDITS;
  }

  get size(): number {
    return this.edits.length;
  }

  add(edit: Edit): void {
    if (this.edits.length <= MAX_MAPPED_EDITS) this.edits.push(edit);
  }

  /** An offset of the analyzed text in the current text. */
  forward(offset: number, side: Side = "strict"): number | undefined {
    let o = offset;
    for (const e of this.edits) {
      // Text inserted right at the start of a range goes before it; anywhere else, a boundary stays put.
      if (o === e.start && e.end === e.start && side === "start") o += e.length;
      else if (o <= e.start) continue;
      else if (o >= e.end) o += e.length - (e.end - e.start);
      else if (side === "strict") return undefined;
      else o = side === "start" ? e.start : e.start + e.length;
    }
    return o;
  }

  /** An offset of the current text in the analyzed text. */
  back(offset: number, side: Side = "strict"): number | undefined {
    let o = offset;
    for (let i = this.edits.length - 1; i >= 0; i--) {
      const e = this.edits[i]!;
      if (o <= e.start) continue;
      if (o >= e.start + e.length) o -= e.length - (e.end - e.start);
      else if (side === "strict") return undefined;
      else o = side === "start" ? e.start : e.end;
    }
    return o;
  }
}

/** A change as offsets in the text it applies to; undefined when it replaces the whole text. */
export function editOf(document: TextDocument, change: TextDocumentContentChangeEvent): Edit | undefined {
  if (!("range" in change) || !change.range) return undefined;
  const a = document.offsetAt(change.range.start);
  const b = document.offsetAt(change.range.end);
  return { start: Math.min(a, b), end: Math.max(a, b), length: typeof change.text === "string" ? change.text.length : 0 };
}
