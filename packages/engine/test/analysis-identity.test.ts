import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../../bench/src/generate.js";
import { withOffsets } from "@perf/language";
import { canonicalJson } from "../../language/test/fingerprint.js";
import { corpus, repoRoot, seeds } from "../../fuzz/src/corpus.js";
import { analyzeLoaded, analyzeText, documentLines, loadEvaluation, type Analysis, type AnalyzeOptions } from "../src/index.js";

/**
 * analyze() must give the same analysis (scores, grades, rates, deductions, findings, subjects,
 * targets, tables, assertions, diagnostics with codes, args, ranges, related and order, the
 * indicator maps and the symbol table) for every input before and after a speed change
 * (issue 12, decision 0202). The reference is a hash of the JSON of the analysis, taken before
 * the engine's speed work began: golden-analysis/hashes.json. Inputs: every `.perf` of
 * examples/ and packages/*\/test (loaded with what it `use`s, the repository as root, plain and
 * --strict), the fuzz corpus, and the bench's documents of 30, 300 and 3 000 leaves. An input
 * whose text changed since is not compared and is named; regenerate with UPDATE_GOLDEN=1 only
 * when the engine's output is meant to change, and say why in the commit.
 */
const goldenPath = join(import.meta.dirname, "golden-analysis", "hashes.json");
const update = process.env.UPDATE_GOLDEN === "1";

interface Entry {
  text: string;
  analysis: string;
}

const sha = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);

/**
 * Everything an analysis gives a front end, as one string (AST nodes named by kind and range: the
 * parse has its own golden). The checkout's folder is cut out of every path, so a clone elsewhere
 * (CI, a worktree) compares the same.
 */
export function analysisFingerprint(a: Analysis): string {
  // with each position's offset, as positions held it when the golden hashes were taken (decision 0225)
  return sha(
    canonicalJson(withOffsets({
      result: a.result,
      indicators: [...a.indicators],
      subjects: [...a.subjects].map(([id, m]) => [id, [...m]]),
      symbols: [...a.symbols.symbols].map(([id, s]) => [id, { ...s, node: [s.node.kind, s.node.range] }]),
      references: a.symbols.references.map((r) => ({ ...r, target: r.target && [r.target.kind, r.target.id, r.target.uri] })),
      parsed: [...a.parsed].map(([uri, p]) => [uri, p.diagnostics.length]),
    }, documentLines(a))).replaceAll(repoRoot, "<repo>"),
  );
}

/** An input file loaded as the CLI does: it and what it uses, the repository as the root. */
function analyzeFile(name: string, options: AnalyzeOptions): Analysis {
  const root = repoRoot;
  const read = (uri: string) => {
    try {
      return { text: readFileSync(uri, "utf8") };
    } catch {
      return { refusal: { code: "PERF160" as const, args: { reason: "ENOENT" } } };
    }
  };
  return analyzeLoaded(loadEvaluation(join(root, name), { root, read }, options), options);
}

interface Input {
  name: string;
  text: string;
  analyze: () => Analysis;
}

function inputs(): Input[] {
  const files = seeds().flatMap(({ name, text }) => [
    { name, text, analyze: () => analyzeFile(name, {}) },
    { name: `${name} --strict`, text, analyze: () => analyzeFile(name, { strict: true }) },
  ]);
  const fuzz = corpus().map(({ name, text }) => ({ name, text, analyze: () => analyzeText(text, name) }));
  const bench = [30, 300, 3000].map((leaves) => {
    const text = generate({ leaves }).perf;
    return { name: `bench/${leaves}`, text, analyze: () => analyzeText(text, "bench.perf") };
  });
  return [...files, ...fuzz, ...bench];
}

describe("analyze() is unchanged for every known input", () => {
  const all = inputs();
  const golden: Record<string, Entry> = existsSync(goldenPath) ? (JSON.parse(readFileSync(goldenPath, "utf8")) as Record<string, Entry>) : {};

  if (update) {
    it("writes golden-analysis/hashes.json", () => {
      const out: Record<string, Entry> = {};
      for (const input of all) out[input.name] = { text: sha(input.text), analysis: analysisFingerprint(input.analyze()) };
      writeFileSync(goldenPath, JSON.stringify(out, null, 1) + "\n");
    }, 600_000);
    return;
  }

  const compared = all.filter((i) => golden[i.name]?.text === sha(i.text));
  const skipped = all.filter((i) => !compared.includes(i)).map((i) => i.name);
  if (skipped.length) console.warn(`analysis identity: ${skipped.length} input(s) new or changed since the golden hashes, not compared: ${skipped.join(", ")}`);

  // the generator asks the engine for the declared scores it writes: a change of its text may be the engine's, so it fails here
  for (const input of all.filter((i) => i.name.startsWith("bench/")))
    it(`${input.name}: the generated text is the one of the golden`, () => expect(sha(input.text), "the generator's text changed: check the engine's output, then UPDATE_GOLDEN=1").toBe(golden[input.name]?.text));

  it("compares most inputs (the golden is not stale)", () => {
    expect(compared.length).toBeGreaterThan(200);
    expect(compared.length).toBeGreaterThanOrEqual(Math.floor(Object.keys(golden).length * 0.8));
  });
  for (const input of compared) {
    // a generous timeout: some corpus inputs take seconds of error recovery on a loaded machine
    it(input.name, () => expect(analysisFingerprint(input.analyze())).toBe(golden[input.name]!.analysis), 120_000);
  }
});
