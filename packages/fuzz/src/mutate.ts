import { keywordSpellings } from "@perf/language";
import type { Rng } from "./rng.js";

/**
 * Structure-aware mutations of `.perf` text. Each one is a function of the input, a second
 * document (for splices) and the PRNG; the fuzzer applies one to four in a row.
 */
export type Mutation = (text: string, other: string, r: Rng) => string;

const keywords = Object.values(keywordSpellings).flat();
const punctuation = ["{", "}", "(", ")", ",", "，", "、", ";", "；", ":", "：", ">=", "≥", "<=", "≤", ">", "<", "=", "+", "-", "*", "×", "/", "÷", "%", '"', "\\", "//", "/*", "*/"];
const atoms = ["2", "0", "100", "5412.69", "96.92%", "1e5", "0.005", "99999999999999999999999999999999999999.5", "万元", "个", "次/天", "甲", "x_1", "指标2", "\"s\"", "\"\"", "\"a\\\"b\""];

/** Characters a careless or hostile editor could put into a file. */
const specialChars: readonly (() => string)[] = [
  () => "\u0000",
  () => "\u0001\u0002\u001f",
  () => "\u0007\u0008\u000b\u000c\u001b\u007f\u0085",
  () => "\r",
  () => "\r\n",
  () => "\u2028\u2029",
  () => "\uFEFF",
  () => "\uFFFE\uFFFF\uFFFD",
  () => "\u200B\u200C\u200D\u2060",
  () => "\u202A\u202B\u202C\u202D\u202E",
  () => "\u2066\u2067\u2068\u2069\u200E\u200F",
  () => "\uD842", // lone high surrogate
  () => "\uDFB7", // lone low surrogate
  () => "\uD842\uDFB7", // 𠮷, CJK extension B
  () => "\u{2A6D6}\u{20000}",
  () => "\u3000",
  () => "\u0301\u0301\u0301",
  () => "😀",
];

export function randomChar(r: Rng): string {
  switch (r.int(0, 5)) {
    case 0:
      return r.pick(specialChars)();
    case 1:
      return String.fromCharCode(r.int(0, 0x7f));
    case 2:
      return String.fromCharCode(r.int(0x4e00, 0x9fff));
    case 3:
      return String.fromCharCode(r.int(0, 0xffff));
    case 4:
      return String.fromCodePoint(r.int(0x20000, 0x2a6df));
    default:
      return String.fromCodePoint(r.int(0x10000, 0x10ffff));
  }
}

function at(text: string, r: Rng): number {
  return r.int(0, text.length);
}

function slice(text: string, r: Rng, maxLen = 200): [number, number] {
  const a = at(text, r);
  return [a, Math.min(text.length, a + r.int(0, maxLen))];
}

function insert(text: string, pos: number, s: string): string {
  return text.slice(0, pos) + s + text.slice(pos);
}

/** A token of the language, or a random character. */
function token(r: Rng): string {
  switch (r.int(0, 3)) {
    case 0:
      return r.pick(keywords);
    case 1:
      return r.pick(punctuation);
    case 2:
      return r.pick(atoms);
    default:
      return randomChar(r);
  }
}

function longToken(r: Rng): string {
  const n = r.int(1, r.chance(0.97) ? 2048 : 65_536);
  switch (r.int(0, 5)) {
    case 0:
      return '"' + "长".repeat(n) + '"';
    case 1:
      return "标识符".repeat(Math.ceil(n / 3));
    case 2:
      return "9".repeat(n) + (r.chance(0.5) ? "." + "1".repeat(r.int(1, 80)) : "");
    case 3:
      return "/*" + "x".repeat(n) + "*/";
    case 4:
      return "// " + "注".repeat(n) + "\n";
    default:
      return '"' + "\\".repeat(n); // escapes with no end
  }
}

function nesting(r: Rng, inner: string): string {
  const depth = r.int(1, r.chance(0.95) ? 60 : 600);
  if (r.chance(0.5)) return "(".repeat(depth) + inner + ")".repeat(r.chance(0.8) ? depth : r.int(0, depth));
  let open = "";
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += `indicator n${i} weight 1 {\n`;
    close += "}\n";
  }
  return open + inner + (r.chance(0.8) ? close : close.slice(0, r.int(0, close.length)));
}

export const mutations: Record<string, Mutation> = {
  flip: (t, _o, r) => {
    if (!t.length) return randomChar(r);
    const p = r.int(0, t.length - 1);
    return t.slice(0, p) + String.fromCharCode(t.charCodeAt(p) ^ (1 << r.int(0, 15))) + t.slice(p + 1);
  },
  unicode: (t, _o, r) => {
    let s = "";
    for (let i = r.int(1, 8); i > 0; i--) s += randomChar(r);
    return insert(t, at(t, r), s);
  },
  token: (t, _o, r) => insert(t, at(t, r), (r.chance(0.5) ? " " : "") + token(r) + (r.chance(0.5) ? " " : "")),
  erase: (t, _o, r) => {
    const [a, b] = slice(t, r);
    return t.slice(0, a) + t.slice(b);
  },
  repeat: (t, _o, r) => {
    const [a, b] = slice(t, r, 80);
    return insert(t, b, t.slice(a, b).repeat(r.int(1, r.chance(0.98) ? 50 : 3000)));
  },
  swap: (t, _o, r) => {
    const [a, b] = slice(t, r);
    const [c, d] = slice(t, r);
    if (b > c) return t;
    return t.slice(0, a) + t.slice(c, d) + t.slice(b, c) + t.slice(a, b) + t.slice(d);
  },
  splice: (t, o, r) => (r.chance(0.5) ? t.slice(0, at(t, r)) + o.slice(at(o, r)) : insert(t, at(t, r), o.slice(...slice(o, r, 2000)))),
  nest: (t, _o, r) => {
    const [a, b] = slice(t, r);
    return t.slice(0, a) + nesting(r, t.slice(a, b)) + t.slice(b);
  },
  long: (t, _o, r) => insert(t, at(t, r), longToken(r)),
  lineEnds: (t, _o, r) => t.replace(/\r?\n/g, r.pick(["\r", "\r\n", "\n\n", "\u2028"])),
};

const names = Object.keys(mutations);

/** One to four mutations of `text`; returns the result and the names applied, for the crash report. */
export function mutate(text: string, other: string, r: Rng): { text: string; applied: string[] } {
  const applied: string[] = [];
  for (let i = r.int(1, 4); i > 0; i--) {
    const name = r.pick(names);
    applied.push(name);
    text = mutations[name]!(text, other, r);
  }
  return { text, applied };
}
