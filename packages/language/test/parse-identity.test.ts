import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, seeds } from "../../fuzz/src/corpus.js";
import { parseFingerprint, sha } from "./fingerprint.js";

/**
 * parse() must give the same AST and diagnostics (shapes, key order, ranges, codes, args, order)
 * for every input before and after a speed change (issue 12). The reference is a hash of the
 * JSON of parse() of every `.perf` under examples/, packages/*\/test and the fuzz corpus, taken
 * before the parser work began: golden-parse/hashes.json. An input whose text changed since
 * (another branch edited a test case) is not compared and is named; regenerate with
 * UPDATE_GOLDEN=1 only when the parser's output is meant to change, and say why in the commit.
 * bench/test/parse-golden.test.ts does the same for the bench's generated documents.
 */
const goldenPath = join(import.meta.dirname, "golden-parse", "hashes.json");
const update = process.env.UPDATE_GOLDEN === "1";

interface Entry {
  text: string;
  parse: string;
}

/** The fuzzer's seeds (examples/, packages/*\/test) and its corpus, generated inputs included: plain functions of node:fs. */
function inputs(): { name: string; text: string }[] {
  return [...seeds(), ...corpus()];
}

describe("parse() is unchanged for every known input", () => {
  const all = inputs();
  const golden: Record<string, Entry> = existsSync(goldenPath) ? (JSON.parse(readFileSync(goldenPath, "utf8")) as Record<string, Entry>) : {};

  if (update) {
    it("writes golden-parse/hashes.json", () => {
      const out: Record<string, Entry> = {};
      for (const { name, text } of all) out[name] = { text: sha(text), parse: parseFingerprint(text, name) };
      writeFileSync(goldenPath, JSON.stringify(out, null, 1) + "\n");
    });
    return;
  }

  const compared = all.filter((i) => golden[i.name]?.text === sha(i.text));
  const skipped = all.filter((i) => !compared.includes(i)).map((i) => i.name);
  if (skipped.length) console.warn(`parse identity: ${skipped.length} input(s) new or changed since the golden hashes, not compared: ${skipped.join(", ")}`);

  it("compares most inputs (the golden is not stale)", () => {
    expect(compared.length).toBeGreaterThan(100);
    expect(compared.length).toBeGreaterThanOrEqual(Math.floor(Object.keys(golden).length * 0.8));
  });
  for (const { name, text } of compared) {
    // a generous timeout: some corpus inputs (stray-braces) take seconds of recovery on a loaded machine
    it(name, () => expect(parseFingerprint(text, name)).toBe(golden[name]!.parse), 120_000);
  }
});
