import { describe, expect, it } from "vitest";
import { corpus, seeds } from "../src/corpus.js";
import { knownCrash, knownCrashes } from "../src/known.js";
import { runPipeline } from "../src/pipeline.js";

/**
 * The fuzzer's regression inputs and seeds go through the whole pipeline on every `pnpm test`.
 * An input that hits a crash listed in src/known.ts (a fix under way) is reported as skipped with
 * the reason, never silently; once the fix lands it passes here and the entry is removed. The
 * issue 8 crashes are fixed: their inputs must pass.
 */
describe("regression corpus", () => {
  const inputs = corpus();
  it("has the issue 8 reproductions", () => expect(inputs.length).toBeGreaterThanOrEqual(6));
  const stillFailing = new Set<string>();
  for (const input of inputs)
    it(input.name, async (ctx) => {
      // small inputs go through docx/xlsx too (a refusal such as PERF122 must stay a refusal)
      const failure = await runPipeline(input.text, { binary: input.text.length < 100_000 });
      const known = failure && knownCrash(input.text, failure);
      if (known) {
        stillFailing.add(known.id);
        console.log(`KNOWN failure ${input.name}: ${failure.message}\n  ${known.reason}`);
        ctx.skip(`KNOWN failure (${known.id}): ${known.reason}`);
      }
      expect(failure).toBeNull();
    }, 180_000); // the 8.5 M-character string takes 10–20 s through the whole pipeline once it parses
  it("says which known crashes are fixed", () => {
    for (const k of knownCrashes)
      if (!stillFailing.has(k.id)) console.log(`NOW PASSES: no corpus input fails with '${k.id}' any more; remove it from packages/fuzz/src/known.ts`);
    expect(knownCrashes.every((k) => k.reason.length > 0)).toBe(true);
  });
});

describe("seeds", () => {
  for (const input of seeds())
    it(input.name, async () => {
      expect(await runPipeline(input.text, { binary: input.name.startsWith("examples/") })).toBeNull();
    });
});
