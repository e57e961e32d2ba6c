import type { Failure } from "./pipeline.js";

/**
 * Crashes already reported whose fixes are being made elsewhere. A failure
 * that matches one is printed as KNOWN with its reason and does not fail the run; remove the
 * entry once the fix is merged, and the same inputs must then pass (the corpus test says so).
 */
export interface KnownCrash {
  id: string;
  reason: string;
  matches(text: string, failure: Failure): boolean;
}

/**
 * None today: the crashes of issue 8 this list held (deep nesting, thousands of unterminated
 * strings, stray braces in Chevrotain's recovery, a string of millions of characters) are fixed
 * by the parser's limits, and their inputs in corpus/ must now pass like any other.
 */
export const knownCrashes: KnownCrash[] = [];

export function knownCrash(text: string, failure: Failure): KnownCrash | undefined {
  return knownCrashes.find((k) => k.matches(text, failure));
}
