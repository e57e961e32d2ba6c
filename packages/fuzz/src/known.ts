import type { Failure } from "./pipeline.js";

/**
 * Crashes already reported in issue 8 whose fixes are being made on other branches. A failure
 * that matches one is printed as KNOWN with its reason and does not fail the run; remove the
 * entry once the fix is merged, and the same inputs must then pass (the corpus test says so).
 */
export interface KnownCrash {
  id: string;
  reason: string;
  matches(text: string, failure: Failure): boolean;
}

/**
 * Deepest nesting of `{` or of `(` outside strings and comments (roughly: enough to classify).
 * A plain scan: a regular expression over an 8 M-character string overflows the stack too.
 */
export function nestingDepth(text: string): number {
  const depth = { "{": 0, "(": 0 };
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n" && text[i] !== "\r"; i++) if (text[i] === "\\") i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "{" || c === "(") max = Math.max(max, ++depth[c]);
    else if (c === "}") depth["{"] = Math.max(0, depth["{"] - 1);
    else if (c === ")") depth["("] = Math.max(0, depth["("] - 1);
  }
  return max;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) n++;
  return n;
}

function unterminatedStrings(text: string): number {
  let n = 0;
  for (const line of text.split(/\r\n|\r|\n/)) if ((line.replace(/\\./g, "").match(/"/g)?.length ?? 0) % 2 === 1) n++;
  return n;
}

/** Stack exhaustion shows as "Maximum call stack size exceeded", or as "Invalid array length" from inside Chevrotain. */
const stackOverflow = (f: Failure) => f.kind === "exception" && /^RangeError: (Maximum call stack size exceeded|Invalid array length)/.test(f.message);

export const knownCrashes: KnownCrash[] = [
  {
    id: "deep-nesting",
    reason: "issue 8: ~400 nested parentheses or indicators exhaust the stack (RangeError); fix on branch lang-hardening",
    matches: (text, f) => stackOverflow(f) && nestingDepth(text) >= 100,
  },
  {
    id: "unterminated-strings",
    reason: "issue 8: thousands of unterminated strings make Chevrotain's in-repetition recovery recurse (RangeError); fix on branch lang-hardening",
    matches: (text, f) => stackOverflow(f) && unterminatedStrings(text) >= 200,
  },
  {
    id: "recovery-recursion",
    reason:
      "found by this fuzzer (seed 1, input 1610): ~1 350 stray '}' between declarations (17 KB) overflow the stack in Chevrotain's recovery, the mechanism of issue 8's unterminated strings; for branch lang-hardening",
    matches: (text, f) => stackOverflow(f) && nestingDepth(text) < 100 && lineCount(text) >= 1000,
  },
  {
    id: "huge-string",
    reason: "issue 8: a string literal over ~8.4 M characters overflows the lexer's regular expression (RangeError); fix on branch lang-hardening",
    matches: (text, f) => stackOverflow(f) && text.length >= 1_000_000,
  },
];

export function knownCrash(text: string, failure: Failure): KnownCrash | undefined {
  return knownCrashes.find((k) => k.matches(text, failure));
}
