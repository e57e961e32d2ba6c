import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";
import { sarifValidator } from "./sarif-schema.js";

/** One mistyped fact in the example: one error, its consequences printed under it in every format. */
const root = join(import.meta.dirname, "..", "..", "..");
const text = readFileSync(join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8").replace("ratio 实际支出 / 到位资金", "ratio 实际之出 / 到位资金");

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), "perf-related-"));
  writeFileSync(join(dir, "y.perf"), text);
  return dir;
}

describe("consequences travel with their cause", () => {
  it("text: one error, the consequences listed under it, in the chosen language", async () => {
    const dir = copy();
    const zh = await perf(["check", "y.perf"], dir);
    expect(zh.code).toBe(1);
    expect(zh.stdout.match(/^perf: /gm)).toHaveLength(1);
    expect(zh.stdout).toContain("错误[PERF020]: y.perf:155:");
    expect(zh.stdout).toContain("  = 连带：y.perf:147:14 [PERF040] 「资金管理」报告得分为 5.92，计算得分为 4");
    // the stated total (assert 评价结论) is a consequence too; 实际支出 stays used by assert 预算执行率
    expect(zh.stdout).toContain("  = 连带：y.perf:56:39 [PERF220] 核对「评价结论」不成立：总分 82.46，实际为 80.54");
    const en = await perf(["check", "y.perf", "--lang", "en"], dir);
    expect(en.stdout).toContain("  = consequence: y.perf:147:14 [PERF040] '资金管理' is declared as 5.92 but computes to 4");
  });

  it("SARIF: relatedLocations, valid against the 2.1.0 schema", async () => {
    const r = await perf(["check", "--format", "sarif", "y.perf"], copy());
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(log.runs[0].results).toHaveLength(1);
    const related = log.runs[0].results[0].relatedLocations;
    expect(related.map((l: any) => l.physicalLocation.region.startLine)).toEqual([147, 144, 26, 56]);
    expect(related[0].message.text).toBe("[PERF040] 「资金管理」报告得分为 5.92，计算得分为 4");
  });

  it("GitHub annotations and JSON: one annotation with the consequences; JSON keeps them as data plus the words", async () => {
    const dir = copy();
    const gh = await perf(["check", "--format", "github", "y.perf"], dir);
    expect(gh.stdout.trim().split("\n")).toHaveLength(1);
    expect(gh.stdout).toContain("%0A147:14 [PERF040]");
    const json = JSON.parse((await perf(["check", "--format", "json", "--lang", "en", "y.perf"], dir)).stdout);
    expect(json.diagnostics).toHaveLength(1);
    expect(json.diagnostics[0]).toMatchObject({ code: "PERF020", message: "unknown fact or survey '实际之出'", hint: "Did you mean '实际支出'?" });
    expect(json.diagnostics[0].related.map((r: { code: string }) => r.code)).toEqual(["PERF040", "PERF040", "PERF040", "PERF220"]);
  });
});
