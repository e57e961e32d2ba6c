import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Figure } from "./figures.js";
import { generate } from "./generate.js";
import { childrenCpu, interleaved, now } from "./measure.js";

const cliPackage = join(dirname(fileURLToPath(import.meta.resolve("@perf/cli"))), "..");
/** The `perf` binary, as package.json's `bin` names it: what a user runs. */
export const cliMain = join(cliPackage, (JSON.parse(readFileSync(join(cliPackage, "package.json"), "utf8")) as { bin: { perf: string } }).bin.perf);

/** `perf check` of a small file against `node -e 0`, both spawned, interleaved. */
export async function cliStartup(rounds: number): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), "perf-bench-"));
  try {
    const file = join(dir, "small.perf");
    writeFileSync(file, generate({ leaves: 30, seed: 7 }).perf);
    const run = (args: string[]) => () => {
      const r = spawnSync(process.execPath, args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stdout}${r.stderr}`);
    };
    // CPU time of the children where /proc has it: start-up is what is compared, not the queue for a core.
    const times = await interleaved({ node: run(["-e", "0"]), check: run([cliMain, "check", file]) }, rounds, 1, childrenCpu ?? now);
    return {
      id: "cli-vs-node",
      label: "perf check of a small file (30 leaves) ÷ node -e 0",
      value: times.check.median / times.node.median,
     
      unit: "×",
      target: { op: "<=", limit: 3 },
      better: "lower",
      stats: times.check,
      clock: childrenCpu ? "CPU" : "wall",
      detail: `node -e 0 ${times.node.median.toFixed(0)} ms ${childrenCpu ? "CPU" : "wall"}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
