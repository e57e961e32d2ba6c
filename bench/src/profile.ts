#!/usr/bin/env node
// pnpm --filter @perf/bench profile [-- --leaves=10000 --top=20]
// CPU profiles (`node --cpu-prof`) of parse and of the full check on a generated document, and
// the functions with the most self time, mapped through the source maps to src/*.ts:line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { SourceMap } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.js";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

const option = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const repoRoot = join(fileURLToPath(import.meta.url), "..", "..", "..");
const maps = new Map<string, SourceMap | null>();

if (process.argv[2] === "--run") {
  // The profiled child: one warm-up, then the phase three times.
  const [, , , phase, file] = process.argv;
  const text = readFileSync(file, "utf8");
  const { parse } = await import("@perf/language");
  const { analyze } = await import("@perf/engine");
  const work = phase === "parse" ? () => parse(text, "bench.perf") : () => analyze([{ uri: "bench.perf", text }]);
  for (let i = 0; i < 4; i++) work();
} else {
  const leaves = option("leaves", 10000);
  const top = option("top", 20);
  const dir = mkdtempSync(join(tmpdir(), "perf-profile-"));
  try {
    const file = join(dir, "doc.perf");
    writeFileSync(file, generate({ leaves }).perf);
    for (const phase of ["parse", "check"]) {
      const out = join(dir, phase);
      const r = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${out}`, fileURLToPath(import.meta.url), "--run", phase, file], { stdio: "inherit" });
      if (r.status !== 0) throw new Error(`profiling ${phase} failed`);
      const profile = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), "utf8")) as Profile;
      console.log(`\n### ${phase}, ${leaves} leaves (warm-up + 3 runs)\n`);
      console.log(summarize(profile, top));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Self time per function (by name and original location), as a Markdown table. */
function summarize(profile: Profile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const key = where(byId.get(id)!);
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    "| self % | self ms | function | where |",
    "| ---: | ---: | --- | --- |",
    ...rows.map(([key, us]) => {
      const [name, at] = key.split("\t");
      return `| ${((us / total) * 100).toFixed(1)} | ${(us / 1000).toFixed(0)} | \`${name}\` | ${at} |`;
    }),
  ].join("\n");
}


function where(frame: CallFrame): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url.startsWith("file://")) return `${name}\t${frame.url || "(native)"}`;
  const path = fileURLToPath(frame.url);
  let map = maps.get(path);
  if (map === undefined) {
    map = existsSync(path + ".map") ? new SourceMap(JSON.parse(readFileSync(path + ".map", "utf8"))) : null;
    maps.set(path, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource) {
    const source = entry.originalSource.startsWith("file://") ? fileURLToPath(entry.originalSource) : join(path, "..", entry.originalSource);
    return `${name}\t${relative(repoRoot, source)}:${(entry.originalLine ?? 0) + 1}`;
  }
  return `${name}\t${relative(repoRoot, path)}:${frame.lineNumber + 1}`;
}
