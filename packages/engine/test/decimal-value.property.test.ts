import fc from "fast-check";
import { Decimal as DecimalJs } from "decimal.js";
import { describe, expect, it } from "vitest";
import { Decimal, divide } from "../src/decimal.js";

/**
 * The short form (decision 0226) against decimal.js configured as the engine configured it: every
 * method gives the same value, text and answer, whichever form its operands are in.
 */
const Js = DecimalJs.clone({ precision: 1000, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
type Js = InstanceType<typeof Js>;

// decimals around every limit of the short form: 1–20 digits, the point anywhere from 10^-25 to 10^25, both signs, zeros
const texts = fc.oneof(
  fc.record({ digits: fc.stringMatching(/^[0-9]{1,20}$/), point: fc.integer({ min: -25, max: 25 }), negative: fc.boolean() }).map(({ digits, point, negative }) => new Js(`${negative ? "-" : ""}0.${digits}e${point}`).toFixed()),
  fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 0, max: 6 })).map(([n, p]) => new Js(n).dividedBy(10 ** p).toFixed()),
  fc.constantFrom("0", "-0", "1", "-1", "0.5", "-0.5", "9007199254740991", "9007199254740992", "-9007199254740993", "1e-20", "1e-21", "1e20", "1e21", "99999999999999.99", "0.000001", "123456789012345.67"),
);
const rounding = fc.integer({ min: 0, max: 8 });
const places = fc.integer({ min: 0, max: 25 });

/** The same value in both, and the same text: decimal.js's valueOf keeps the sign of zero. */
function same(ours: Decimal, theirs: Js): boolean {
  return ours.valueOf() === theirs.valueOf() && ours.toFixed() === theirs.toFixed() && ours.toString() === theirs.toString();
}

const runs = { numRuns: 5000 };

describe("Decimal gives decimal.js's results", () => {
  it("reads texts and numbers", () => {
    fc.assert(fc.property(texts, (t) => same(new Decimal(t), new Js(t))), runs);
    for (const v of [0, -0, 1, -1, 0.1, 0.5, 1e21, -1e-7, 2 ** 53, 123.456, Number.MAX_SAFE_INTEGER]) expect(same(new Decimal(v), new Js(v)), String(v)).toBe(true);
    for (const bad of ["", "-", ".", "1.", ".5", "1..2", "abc", "1e", " 1"]) {
      let theirs: unknown;
      try {
        theirs = new Js(bad).valueOf();
      } catch (e) {
        theirs = (e as Error).message;
      }
      let ours: unknown;
      try {
        ours = new Decimal(bad).valueOf();
      } catch (e) {
        ours = (e as Error).message;
      }
      expect(ours, JSON.stringify(bad)).toBe(theirs);
    }
  });

  it("adds, subtracts and multiplies exactly", () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const [x, y, X, Y] = [new Decimal(a), new Decimal(b), new Js(a), new Js(b)];
        return same(x.plus(y), X.plus(Y)) && same(x.minus(y), X.minus(Y)) && same(x.times(y), X.times(Y)) && same(x.plus(b), X.plus(b));
      }),
      runs,
    );
  });

  it("compares", () => {
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        const [x, y, X, Y] = [new Decimal(a), new Decimal(b), new Js(a), new Js(b)];
        return (
          x.comparedTo(y) === X.comparedTo(Y) &&
          x.equals(y) === X.equals(Y) &&
          x.greaterThan(y) === X.greaterThan(Y) &&
          x.lessThanOrEqualTo(y) === X.lessThanOrEqualTo(Y) &&
          same(Decimal.max(x, y), Js.max(X, Y)) &&
          same(Decimal.min(x, y), Js.min(X, Y))
        );
      }),
      runs,
    );
  });

  it("divides: at the working precision, and to 34 digits as `divide` does", () => {
    const Q = Js.clone({ precision: 34 });
    fc.assert(
      fc.property(texts, texts, (a, b) => {
        if (new Js(b).isZero()) return true;
        return same(new Decimal(a).dividedBy(b), new Js(a).dividedBy(b)) && same(divide(new Decimal(a), new Decimal(b)), new Q(a).dividedBy(b));
      }),
      runs,
    );
  });

  it("rounds and prints to a number of places in every rounding mode", () => {
    fc.assert(
      fc.property(texts, places, rounding, (a, dp, rm) => {
        const [x, X] = [new Decimal(a), new Js(a)];
        const mode = rm as DecimalJs.Rounding;
        return same(x.toDecimalPlaces(dp, rm), X.toDecimalPlaces(dp, mode)) && x.toFixed(dp, rm) === X.toFixed(dp, mode) && x.toFixed(dp) === X.toFixed(dp);
      }),
      runs,
    );
  });

  it("answers about itself", () => {
    fc.assert(
      fc.property(texts, (a) => {
        const [x, X] = [new Decimal(a), new Js(a)];
        return (
          x.isZero() === X.isZero() &&
          x.isNegative() === X.isNegative() &&
          x.isPositive() === X.isPositive() &&
          x.isInteger() === X.isInteger() &&
          x.decimalPlaces() === X.decimalPlaces() &&
          Object.is(x.toNumber(), X.toNumber()) &&
          same(x.negated(), X.negated()) &&
          same(x.abs(), X.abs()) &&
          same(x.floor(), X.floor()) &&
          same(x.ceil(), X.ceil()) &&
          same(x.round(), X.round()) &&
          same(x.trunc(), X.trunc()) &&
          JSON.stringify(x) === JSON.stringify(X)
        );
      }),
      runs,
    );
  });

  it("keeps the short form's value equal however it was reached", () => {
    // toEqual sees the value, not whether decimal.js was asked for it on the way
    const a = new Decimal("2.50");
    const b = new Decimal("2.5");
    a.dividedBy(3);
    expect(a).toEqual(b);
    expect(new Decimal("1").dividedBy(3)).not.toEqual(new Decimal("2").dividedBy(3));
  });
});
