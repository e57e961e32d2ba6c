import { Decimal as DecimalJs } from "decimal.js";

/**
 * The one decimal type of the engine. 34 significant digits (IEEE decimal128's precision)
 * is far beyond any budget figure; rounding of scores is always explicit and half-up.
 */
export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** 四舍五入 to `places` decimals. */
export function roundHalfUp(d: Decimal, places: number): Decimal {
  return d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** Lossless text without exponent or trailing zeros: "1.92", "2.4", "3". */
export function decimalText(d: Decimal): string {
  return d.toFixed();
}

export function sum(values: Iterable<Decimal>): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(v);
  return acc;
}

/**
 * A fraction shown as a percentage, half-up to two decimals: "0.95906" → "95.91%".
 * `trim` drops trailing zeros ("1" → "100%"), for prose; tables keep "100.00%".
 */
export function percentText(fraction: string, trim = false): string {
  const p = roundHalfUp(new Decimal(fraction).times(100), 2);
  return `${trim ? decimalText(p) : p.toFixed(2)}%`;
}
