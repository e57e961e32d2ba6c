import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

/** `perf check` warns, as the editor does, about evidence paths that may not become links (PERF125). */
const root = join(import.meta.dirname, "..", "..", "..");
const example = readFileSync(join(root, "examples", "chinese-keywords", "培训项目.perf"), "utf8");
const original = '"evidence/第二期签到表.pdf"';

/** A workspace with the example one folder down, its evidence path replaced by `path`. */
function workspace(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), "perf-evidence-"));
  mkdirSync(join(dir, "sub"));
  expect(example).toContain(original);
  writeFileSync(join(dir, "sub", "a.perf"), example.replace(original, JSON.stringify(path)));
  return dir;
}

describe("perf check: evidence paths (PERF125)", () => {
  it("an absolute path is a located warning; the exit code stays 0", async () => {
    const r = await perf(["check", "sub/a.perf"], workspace("/etc/passwd"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/警告\[PERF125\]: sub\/a\.perf:\d+:\d+/);
    expect(r.stdout).toContain("是绝对路径");
  });

  it("'..' may climb to the folder checked, not above it", async () => {
    const inside = workspace("../材料/x.pdf");
    expect((await perf(["check", "."], inside)).stdout).not.toContain("PERF125");
    const outside = workspace("../../x.pdf");
    const r = await perf(["check", ".", "--lang", "en"], outside);
    expect(r.stdout).toContain("warning[PERF125]");
    expect(r.stdout).toContain("'..' leads out of the evaluation's folder");
    // checked from inside sub/, the workspace is sub/: one '..' already leaves it
    expect((await perf(["check", "a.perf"], join(inside, "sub"))).stdout).toContain("PERF125");
  });

  it("a relative path inside the folder is no warning; JSON and SARIF carry the warning", async () => {
    expect((await perf(["check", "sub/a.perf"], workspace("材料/x.pdf"))).stdout).toBe("");
    const json = JSON.parse((await perf(["check", "--format", "json", "sub/a.perf"], workspace("C:\\x.pdf"))).stdout) as { warnings: number; diagnostics: { code: string }[] };
    expect(json.warnings).toBe(1);
    expect(json.diagnostics.map((d) => d.code)).toEqual(["PERF125"]);
    const sarif = JSON.parse((await perf(["check", "--format", "sarif", "sub/a.perf"], workspace("https://x.example/a.pdf"))).stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toEqual(["PERF125"]);
  });
});
