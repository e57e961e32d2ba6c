#!/usr/bin/env node
// pnpm test:fuzz [-- --count N] [--seconds S] [--seed S] [--only I] [--html-every K] [--binary-every K] [--out DIR]
// pnpm test:fuzz -- --minimise FILE [--seconds S]: shrinks a saved crash while it keeps failing the same way.
// A structure-aware fuzzer: seeds from examples/ and the packages' test cases, mutated (repeated
// slices, deep nesting, long tokens, random Unicode, splices, bit flips), run in-process through
// parse → analyze → fmt → render. Deterministic by seed; the last line is "N passed, M failed".
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { corpus, generate, repoRoot, seeds, type Input } from "./corpus.js";
import { knownCrash } from "./known.js";
import { minimise, signature } from "./minimise.js";
import { mutate } from "./mutate.js";
import { runPipeline, type Failure } from "./pipeline.js";
import { rng } from "./rng.js";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    count: { type: "string", default: "100000" },
    seconds: { type: "string" },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    "binary-every": { type: "string", default: "500" },
    "html-every": { type: "string", default: "20" },
    out: { type: "string", default: join(repoRoot, "packages", "fuzz", "crashes") },
    minimise: { type: "string" },
  },
});

const seed = Number(values.seed);
const binaryEvery = Math.max(1, Number(values["binary-every"]));
const htmlEvery = Math.max(1, Number(values["html-every"]));

/** Well-formed UTF-16 text goes to a `.perf` file; text with lone surrogates to a `.gen.json` that keeps every code unit. */
function save(dir: string, name: string, text: string, description: string): string {
  mkdirSync(dir, { recursive: true });
  const wellFormed = !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
  const path = join(dir, wellFormed ? `${name}.perf` : `${name}.gen.json`);
  writeFileSync(path, wellFormed ? text : JSON.stringify({ description, repeat: text, times: 1 }, null, 1) + "\n");
  return path;
}

const base = [...new Map(seeds().map((s) => [s.text, s])).values()];
const regression = corpus();
if (!base.length) throw new Error("no seed files found under examples/ or packages/*/test");

/** Input i of this run: the seeds and the corpus unchanged first, then mutations. */
function inputAt(i: number): Input & { applied: string[] } {
  const fixed = [...base, ...regression];
  if (i < fixed.length) return { ...fixed[i]!, applied: [] };
  const r = rng(seed, i);
  const a = r.pick(base);
  const b = r.pick(base);
  let { text, applied } = mutate(a.text, b.text, r);
  if (r.chance(0.2)) {
    const more = mutate(text, b.text, r);
    text = more.text;
    applied = [...applied, ...more.applied];
  }
  return { name: `${a.name} (+ ${b.name})`, text, applied };
}

async function main(): Promise<number> {
  if (values.minimise) {
    const raw = readFileSync(values.minimise, "utf8");
    const text = values.minimise.endsWith(".gen.json") ? generate(JSON.parse(raw)) : raw;
    const failure = await runPipeline(text, { binary: true });
    if (!failure) {
      console.log(`${values.minimise}: no failure to minimise`);
      return 0;
    }
    const small = await minimise(text, failure, Number(values.seconds ?? 300), (p) => console.log(`  ${p}`));
    const path = save(values.out!, "minimised", small, `minimised from ${values.minimise}: ${failure.kind} in ${failure.stage}: ${failure.message}`);
    console.log(`${text.length} → ${small.length} characters, ${signature(failure)}\nsaved ${path}`);
    return 0;
  }

  const count = values.only !== undefined ? 1 : Number(values.count);
  const deadline = values.seconds ? Date.now() + Number(values.seconds) * 1000 : Infinity;
  const started = Date.now();
  let lastReport = started;
  let passed = 0;
  let failed = 0;
  let inputs = 0;
  let chars = 0;
  const known = new Map<string, number>();
  const bySignature = new Map<string, number>();
  const printed = new Map<string, number>();

  console.log(`fuzz: seed ${seed}, ${base.length} seed files, ${regression.length} corpus inputs, up to ${count} inputs${values.seconds ? ` or ${values.seconds} s` : ""}; HTML every ${htmlEvery}th, docx/xlsx every ${binaryEvery}th input`);
  for (let n = 0; n < count && Date.now() < deadline; n++) {
    const i = values.only !== undefined ? Number(values.only) : n;
    const input = inputAt(i);
    inputs++;
    chars += input.text.length;
    const all = values.only !== undefined;
    const failure: Failure | null = await runPipeline(input.text, { binary: all || i % binaryEvery === 0, html: all || i % htmlEvery === 0 });
    if (!failure) passed++;
    else {
      const k = knownCrash(input.text, failure);
      const sig = signature(failure);
      const seen = bySignature.get(sig) ?? 0;
      bySignature.set(sig, seen + 1);
      if (k) {
        known.set(k.id, (known.get(k.id) ?? 0) + 1);
        if (!seen) console.log(`KNOWN #${i} ${k.id}: ${sig}\n  ${k.reason}`);
      } else {
        failed++;
        const path = save(values.out!, `seed${seed}-input${i}`, input.text, `seed ${seed} input ${i}: ${sig}`);
        const shown = printed.get(sig) ?? 0;
        printed.set(sig, shown + 1);
        if (shown < 3) console.log(`CRASH #${i} [${input.applied.join(", ")}] from ${input.name}: ${sig}\n  saved ${path}`);
      }
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      const s = (lastReport - started) / 1000;
      console.log(`  ${inputs} inputs, ${(inputs / s).toFixed(0)} inputs/s, ${failed} failed, ${[...known.values()].reduce((a, b) => a + b, 0)} known`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${inputs} inputs (${(chars / 1e6).toFixed(1)} M characters) in ${seconds.toFixed(1)} s, ${(inputs / seconds).toFixed(0)} inputs/s, seed ${seed}`);
  for (const [sig, n] of bySignature) console.log(`  ${n} × ${sig}`);
  const knownTotal = [...known.values()].reduce((a, b) => a + b, 0);
  if (knownTotal) console.log(`${knownTotal} known failures, not counted (${[...known].map(([id, n]) => `${id} ${n}`).join(", ")}): see the KNOWN lines above`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
