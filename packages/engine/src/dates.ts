import type * as A from "@perf/language";

/** Whether the date exists (2021-02-30 does not; 2024-02-29 does). */
export function isValidDate(d: Pick<A.DateValue, "year" | "month" | "day">): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= lastDayOf(d.year, d.month);
}

/** The month's last day: 30 for 2020年11月, 29 for 2024年2月. */
export function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The date as a day number (days since 1970-01-01), exact integers: dates compare as numbers and
 * a date minus a date is a number of days. `2020年11月` without a day is its first day, or its
 * last day when `end` is set (a deadline `<= 2020年11月` allows the whole month).
 */
export function dayNumber(d: Pick<A.DateValue, "year" | "month" | "day" | "monthOnly">, end = false): number {
  const day = d.monthOnly && end ? lastDayOf(d.year, d.month) : d.day;
  return Math.round(Date.UTC(d.year, d.month - 1, day) / 86_400_000);
}

/** `a − b` in days. */
export function daysBetween(a: A.DateValue, b: A.DateValue): number {
  return dayNumber(a) - dayNumber(b);
}

/** ISO text of a date: "2020-11-30". */
export function isoDate(d: Pick<A.DateValue, "year" | "month" | "day" | "monthOnly">, end = false): string {
  const day = d.monthOnly && end ? lastDayOf(d.year, d.month) : d.day;
  return `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
