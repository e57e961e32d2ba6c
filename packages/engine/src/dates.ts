import type * as A from "@perf/language";

/**
 * Civil dates as day numbers (days since 1970-01-01 in the proleptic Gregorian calendar), by
 * integer arithmetic only: no JS `Date`, so no time zone or DST can move a day (decision 0180).
 */

type Civil = Pick<A.DateValue, "year" | "month" | "day">;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The month's last day: 30 for 2020年11月, 29 for 2024年2月. */
export function lastDayOf(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether the date exists (2021-02-30 does not; 2024-02-29 does). */
export function isValidDate(d: Civil): boolean {
  if (!Number.isInteger(d.year) || d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= lastDayOf(d.year, d.month);
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (the inverse of `daysFromCivil`). */
export function civilFromDays(n: number): { year: number; month: number; day: number } {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * The date as a day number: dates compare as numbers and a date minus a date is a number of
 * days. `2020年11月` without a day is its first day, or its last day when `end` is set (a
 * deadline `<= 2020年11月` allows the whole month).
 */
export function dayNumber(d: Pick<A.DateValue, "year" | "month" | "day" | "monthOnly">, end = false): number {
  const day = d.monthOnly && end ? lastDayOf(d.year, d.month) : d.day;
  return daysFromCivil(d.year, d.month, day);
}

/** `a − b` in days. */
export function daysBetween(a: A.DateValue, b: A.DateValue): number {
  return dayNumber(a) - dayNumber(b);
}

/**
 * The day `months` calendar months after day number `n`. A day the target month lacks becomes its
 * last day (1月31日 + 1 个月 = 2月28日/29日); a month's last day stays the last day when `endOfMonth`
 * (`2021年2月底 + 1 个月` is 3月31日, the report's "底" is the month's end, not the 28th).
 */
export function addMonths(n: number, months: number, endOfMonth: boolean): number {
  const c = civilFromDays(n);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = lastDayOf(year, month);
  return daysFromCivil(year, month, endOfMonth ? last : Math.min(c.day, last));
}

/** ISO text of a date: "2020-11-30". */
export function isoDate(d: Pick<A.DateValue, "year" | "month" | "day" | "monthOnly">, end = false): string {
  const day = d.monthOnly && end ? lastDayOf(d.year, d.month) : d.day;
  return isoText(d.year, d.month, day);
}

function isoText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A day number as ISO text ("2020-11-30"). */
export function isoOfDay(n: number): string {
  const c = civilFromDays(n);
  return isoText(c.year, c.month, c.day);
}

/**
 * A day number as a report writes it: "2020年11月30日" (`zh`), "2020年11月底" (`zh` and
 * `monthEnd`: a month's end kept by month arithmetic from a `…月底` date), or ISO.
 */
export function dateText(n: number, zh: boolean, monthEnd = false): string {
  if (!zh) return isoOfDay(n);
  const c = civilFromDays(n);
  return monthEnd ? `${c.year}年${c.month}月底` : `${c.year}年${c.month}月${c.day}日`;
}
