import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const bin = join(root, "packages", "cli", "dist", "main.js");
const hook = join(import.meta.dirname, "fixtures", "record-imports.mjs");
// the narrative module of @perf/render (references for `perf check`) is not a renderer: no docx, xlsx or charts
const renderers = /\/(docx|exceljs|echarts|zrender|@resvg)\/|\/packages\/render\/(?!dist\/narrative\/)/;

/** The URLs of every module `perf ARGS` imports, from a resolve hook. */
function imports(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "perf-imports-"));
  const log = join(dir, "imports.log");
  writeFileSync(log, "");
  writeFileSync(join(dir, "y.perf"), readFileSync(example));
  const r = spawnSync(process.execPath, ["--import", hook, bin, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, PERF_IMPORT_LOG: log }, timeout: 60_000 });
  expect(r.status, r.stderr).not.toBeNull();
  return readFileSync(log, "utf8").split("\n").filter(Boolean);
}

describe("lazy imports", () => {
  it("render loads the renderers (the hook sees them)", () => {
    expect(imports(["render", "y.perf", "--format", "md"]).filter((u) => renderers.test(u)).length).toBeGreaterThan(0);
  });

  for (const args of [["check", "y.perf"], ["score", "y.perf"], ["fmt", "--check", "y.perf"], ["diff", "y.perf", "y.perf"], ["--help"]]) {
    it(`perf ${args.join(" ")} loads no renderer`, () => {
      const loaded = imports(args);
      expect(loaded.some((u) => u.endsWith("/packages/cli/dist/main.js"))).toBe(true);
      expect(loaded.filter((u) => renderers.test(u))).toEqual([]);
    });
  }

  // decision 0170: resolving and compiling ~870 modules was most of the start-up; the binary
  // (main.cjs, which dist/main.js imports) reads the one bundle, perf.cjs, through a code cache (0185)
  for (const args of [["check", "y.perf"], ["--help"]]) {
    it(`perf ${args.join(" ")} loads the binary and Node's built-ins only`, () => {
      expect(imports(args).filter((u) => !u.startsWith("node:"))).toEqual([pathToFileURL(bin).href, pathToFileURL(bin.replace(/\.js$/, ".cjs")).href]);
    });
  }

  it("the bundle holds neither a renderer nor zod (the result schemas are built only where used)", () => {
    const inputs = JSON.parse(readFileSync(join(root, "packages", "cli", "dist", "main.inputs.json"), "utf8")) as string[];
    expect(inputs.some((i) => i.includes("/packages/engine/dist/analyze.js"))).toBe(true);
    expect(inputs.filter((i) => renderers.test(i) || /\/zod\//.test(i))).toEqual([]);
  });
});
