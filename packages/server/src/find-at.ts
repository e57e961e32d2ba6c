import type { Range } from "@perf/language";

/**
 * The item of a list sorted by position, without overlaps, whose range holds `offset`.
 * `inside`: strictly inside (a cursor at either edge is outside); otherwise the edges count,
 * so a cursor just after a name still finds it.
 */
export function findAt<T extends { range: Range }>(sorted: readonly T[], offset: number, inside = false): T | undefined {
  return search(sorted, offset, inside, (x) => x.range.start.offset, (x) => x.range.end.offset);
}

/** {@link findAt} for items that hold their offsets (`start`, `end`), as keyword uses do. */
export function findOffsetsAt<T extends { start: number; end: number }>(sorted: readonly T[], offset: number, inside = false): T | undefined {
  return search(sorted, offset, inside, (x) => x.start, (x) => x.end);
}

function search<T>(sorted: readonly T[], offset: number, inside: boolean, startOf: (x: T) => number, endOf: (x: T) => number): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = sorted[mid]!;
    if (inside ? endOf(item) <= offset : endOf(item) < offset) lo = mid + 1;
    else if (inside ? startOf(item) >= offset : startOf(item) > offset) hi = mid - 1;
    else return item;
  }
  return undefined;
}
