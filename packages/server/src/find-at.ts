import type { Range } from "@perf/language";

/**
 * The item of a list sorted by position, without overlaps, whose range holds `offset`.
 * `inside`: strictly inside (a cursor at either edge is outside); otherwise the edges count,
 * so a cursor just after a name still finds it.
 */
export function findAt<T extends { range: Range }>(sorted: readonly T[], offset: number, inside = false): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = sorted[mid]!;
    const { start, end } = item.range;
    if (inside ? end.offset <= offset : end.offset < offset) lo = mid + 1;
    else if (inside ? start.offset >= offset : start.offset > offset) hi = mid - 1;
    else return item;
  }
  return undefined;
}
