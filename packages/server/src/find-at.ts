import { comparePositions, type Position, type Range } from "@perf/language";

/**
 * The item of a list sorted by position, without overlaps, whose range holds `at`.
 * `inside`: strictly inside (a cursor at either edge is outside); otherwise the edges count,
 * so a cursor just after a name still finds it.
 */
export function findAt<T extends { range: Range }>(sorted: readonly T[], at: Position, inside = false): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = sorted[mid]!;
    const { start, end } = item.range;
    const afterEnd = comparePositions(at, end);
    const beforeStart = comparePositions(at, start);
    if (inside ? afterEnd >= 0 : afterEnd > 0) lo = mid + 1;
    else if (inside ? beforeStart <= 0 : beforeStart < 0) hi = mid - 1;
    else return item;
  }
  return undefined;
}
