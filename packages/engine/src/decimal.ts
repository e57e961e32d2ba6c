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
