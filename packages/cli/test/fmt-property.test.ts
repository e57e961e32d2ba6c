import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "@perf/engine";
import { format, keywordSpellings, type KeywordName } from "@perf/language";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

/**
 * fmt is idempotent and score-preserving, for the examples and for random valid documents
 * written with random layout: either keyword spelling per occurrence, odd whitespace, and
 * comments between any two tokens.
 */
const root = join(import.meta.dirname, "..", "..", "..");

function perfFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? perfFiles(p) : n.endsWith(".perf") ? [p] : [];
  });
}

/** The result without source positions: what must not change when only the layout does. */
function scoreOf(text: string): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => k !== "range" && k !== "nameRange")
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  return strip(analyze([{ uri: "doc.perf", text }], { locale: "en" }).result);
}

function expectFmtLaws(text: string): void {
  const once = format(text, { uri: "doc.perf" });
  expect(once.ok, JSON.stringify(once.diagnostics)).toBe(true);
  expect(format(once.text, { uri: "doc.perf" }).text).toBe(once.text);
  expect(scoreOf(once.text)).toEqual(scoreOf(text));
}

describe("fmt on the examples", () => {
  const files = perfFiles(join(root, "examples"));
  it("finds the examples", () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const f of files) it(`is idempotent and score-preserving: ${f.slice(root.length + 1)}`, () => expectFmtLaws(readFileSync(f, "utf8")));
});

/** A small deterministic PRNG, so one fast-check integer seeds a whole document. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
  return {
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** A valid `.perf` document as tokens, joined with random whitespace and comments. */
export function randomDocument(seed: number): string {
  const r = rng(seed);
  const tokens: string[] = [];
  const kw = (k: KeywordName) => tokens.push(r.pick(keywordSpellings[k]));
  const num = () => String(r.int(0, 20)) + (r.chance(0.3) ? "." + String(r.int(0, 99)).padStart(2, "0") : "");
  const str = () => tokens.push(JSON.stringify(r.pick(["说明", "a \"quoted\" word", "反斜杠 \\ 和换行\n第二行", "", "x"])));
  const p = (s: string) => tokens.push(s);

  const facts = Array.from({ length: r.int(1, 3) }, (_, i) => `甲${i}`);
  const surveys = Array.from({ length: r.int(1, 2) }, (_, i) => `调查对象${i}`);
  if (r.chance(0.7)) {
    kw("Evaluation");
    if (r.chance(0.8)) str();
    p("{");
    if (r.chance(0.5)) (kw("Period"), p("2023"));
    if (r.chance(0.5)) (kw("Client"), str());
    if (r.chance(0.5)) (kw("Total"), p("100"));
    if (r.chance(0.6)) {
      kw("Grades");
      p("{");
      for (const [name, lower] of [["优", "90"], ["良", "80"], ["中", "60"], ["差", "0"]] as const) {
        p(name), p(r.pick([">=", "≥"])), p(lower);
        if (r.chance(0.5)) p(r.pick([";", ",", "；"]));
      }
      p("}");
    }
    if (r.chance(0.3)) (kw("Declared"), p(num()));
    p("}");
  }
  for (const f of facts) {
    kw("Fact"), p(f), p("="), p(num());
    if (r.chance(0.5)) p(r.pick(["万元", "个"]));
    if (r.chance(0.3)) str();
  }
  for (const s of surveys) {
    kw("Survey"), p(s);
    if (r.chance(0.5)) str();
    p("{"), kw("Satisfaction"), p(`${r.int(50, 100)}.${r.int(0, 99)}%`);
    if (r.chance(0.5)) (kw("Respondents"), p(String(r.int(10, 500))));
    p("}");
  }
  let n = 0;
  const perFindingLeaves: string[] = [];
  const indicator = (depth: number) => {
    const id = r.chance(0.5) ? `指标项${n++}` : `ind_${n++}`;
    kw("Indicator"), p(id);
    if (r.chance(0.4)) str();
    kw("Weight"), p(String(r.int(1, 20)));
    const children = depth < 3 && r.chance(0.5) ? r.int(1, 3) : 0;
    if (!children && r.chance(0.1)) return; // no block at all
    p("{");
    if (r.chance(0.3)) (kw("Explain"), str());
    for (let i = 0; i < children; i++) indicator(depth + 1);
    if (!children) {
      switch (r.int(0, 6)) {
        case 0:
          kw("Score"), p(num());
          break;
        case 1:
          for (let i = r.int(1, 3); i > 0; i--) (kw("Deduct"), p(num()), str());
          break;
        case 2:
          kw("Ratio"), p(r.pick(facts)), p(r.pick(["/", "÷"])), p(r.pick(facts));
          break;
        case 3:
          kw("Ratio"), p("("), p(r.pick(facts)), p("+"), p("1"), p(")"), p("*"), p("-"), p(r.pick(facts));
          break;
        case 4:
          kw("Per"), kw("Finding"), kw("Deduct"), p(num());
          if (r.chance(0.5)) (kw("Max"), p(num()));
          perFindingLeaves.push(id);
          break;
        case 5:
          kw("Bands"), p(r.pick(facts)), p("{");
          p(">="), p("10"), p(":"), p("4");
          if (r.chance(0.5)) p(";");
          p("<"), p("5"), p(r.pick([":", "："])), p("2");
          kw("Else"), p(":"), p("0"), p("}");
          break;
        case 6:
          kw("Satisfaction"), kw(r.chance(0.5) ? "Mean" : "Weighted"), p("(");
          surveys.forEach((s, i) => (i && p(","), p(s)));
          p(")");
          break;
      }
    }
    if (r.chance(0.2)) (kw("Declared"), p(num()));
    p("}");
  };
  for (let i = r.int(1, 3); i > 0; i--) indicator(1);
  for (let i = r.int(0, 3); i > 0; i--) {
    kw("Finding"), p(`问题${i}`);
    if (perFindingLeaves.length && r.chance(0.8)) (kw("On"), p(r.pick(perFindingLeaves)));
    if (r.chance(0.8)) {
      p("{");
      if (r.chance(0.7)) (kw("Unit"), str());
      if (r.chance(0.5)) (kw("Type"), str());
      if (r.chance(0.3)) (kw("Count"), p(String(r.int(1, 4))));
      p("}");
    }
  }
  if (r.chance(0.3)) {
    kw("Veto"), p("否决项"), str(), p("{"), kw("Triggered"), kw(r.chance(0.5) ? "True" : "False"), p("}");
  }
  // Separators: whitespace of every kind and comments in any position.
  const seps = [" ", " ", " ", "\n", "\n\n\n", "\t", "\n    ", " /* 注释 */ ", " /*c*/", " // 行注释\n", "\n// 独占一行\n", "\r\n", "\n/* 多行\n  注释 */\n"];
  let text = r.chance(0.3) ? "// 文件头\n" : "";
  tokens.forEach((t, i) => {
    text += t;
    if (i < tokens.length - 1) text += r.pick(seps);
  });
  return text + r.pick(["", "\n", " // 结尾\n", "\n\n"]);
}

describe("fmt on random documents", () => {
  it("generates documents that parse", () => {
    for (let s = 1; s <= 20; s++) {
      const r = format(randomDocument(s));
      expect(r.ok, `${randomDocument(s)}\n${JSON.stringify(r.diagnostics, null, 1)}`).toBe(true);
    }
  });

  it("is idempotent and score-preserving", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expectFmtLaws(randomDocument(seed));
      }),
      { numRuns: Number(process.env.FMT_RUNS ?? 150) },
    );
  }, 120_000);
});
