import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseFingerprint, sha } from "../../packages/language/test/fingerprint.js";
import { generate } from "../src/generate.js";

/**
 * The bench's documents parse to the same AST and diagnostics as before the parser's speed
 * work (issue 12): a hash of the JSON of parse(), taken before it began. The twin of
 * packages/language/test/parse-identity.test.ts for the generated documents; when the
 * generator's text changes the hash of the text says so, and UPDATE_GOLDEN=1 retakes both.
 */
const goldenPath = join(import.meta.dirname, "parse-golden.json");
const update = process.env.UPDATE_GOLDEN === "1";

describe("parse() of the generated documents is unchanged", () => {
  const golden = existsSync(goldenPath) ? (JSON.parse(readFileSync(goldenPath, "utf8")) as Record<string, { text: string; parse: string }>) : {};
  const out: Record<string, { text: string; parse: string }> = {};
  for (const leaves of [30, 300, 3000]) {
    it(`${leaves} leaves`, () => {
      const text = generate({ leaves }).perf;
      const entry = { text: sha(text), parse: parseFingerprint(text, "bench.perf") };
      if (update) {
        out[leaves] = entry;
        writeFileSync(goldenPath, JSON.stringify({ ...golden, ...out }, null, 1) + "\n");
        return;
      }
      expect(entry.text, "the generator's text changed: check the parser's output, then UPDATE_GOLDEN=1").toBe(golden[leaves]?.text);
      expect(entry.parse).toBe(golden[leaves]!.parse);
    }, 120_000);
  }
});
