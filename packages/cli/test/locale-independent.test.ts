import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EvaluationResultSchema } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { perf as inProcess } from "./run-perf.js";

/** The built binary, spawned: the result is data, words are chosen when printing. */
const root = join(import.meta.dirname, "..", "..", "..");
const bin = join(root, "packages", "cli", "dist", "main.js");
const perf = (args: string[], cwd = root) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, LANG: "C" } });

describe("results do not depend on --lang", () => {
  it("perf score --json is byte-identical under --lang zh and --lang en, with diagnostics and every kind of deduction", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perf-lang-"));
    // a ratio, a satisfaction, a judgement, a per-finding rule with a 2-case finding, bands, a fixed score and diagnostics
    writeFileSync(
      join(dir, "x.perf"),
      `evaluation "x" { total 18 }
fact 计划 = 5 个
fact 实际 = 3 个
fact 闲置 = 1 个
survey 公众 { satisfaction 90% }
indicator a weight 3 { ratio 实际 / 计划 }
indicator b weight 3 { satisfaction mean(公众) }
indicator c weight 3 { deduct 1 "方案不完整" }
indicator d weight 3 { per finding deduct 0.5 }
indicator e weight 3 { bands 实际 { >= 5 个: 3; else: 1 } }
indicator f weight 3 { score 2 declared 2.5 }
finding p on d { issue "合同签订不及时" count 2 }
`,
    );
    const zh = perf(["score", "x.perf", "--json", "--lang", "zh"], dir);
    const en = perf(["score", "x.perf", "--json", "--lang", "en"], dir);
    expect(zh.status).toBe(1); // PERF040 on f
    expect(zh.stdout.length).toBeGreaterThan(1000);
    expect(en.stdout).toBe(zh.stdout);
    const result = EvaluationResultSchema.parse(JSON.parse(zh.stdout));
    expect(result.diagnostics.map((d) => d.code)).toEqual(["PERF080", "PERF040"]);
    expect(result.diagnostics.every((d) => d.message === undefined && d.args !== undefined)).toBe(true);
    const kinds = result.indicators.flatMap((i) => i.deductions.map((d) => d.because?.kind));
    expect(kinds).toEqual(["ratio", "satisfaction", "judgement", "finding", "bands", "fixed"]);
    // the text output is where the words are chosen
    expect((await inProcess(["check", "x.perf", "--lang", "en"], dir)).stdout).toContain("'f' is declared as 2.5 but computes to 2");
    expect((await inProcess(["check", "x.perf", "--lang", "zh"], dir)).stdout).toContain("「f」报告得分为 2.5，计算得分为 2");
  }, 120_000);

  it("the 永州 example's JSON is identical in both languages", async () => {
    const zh = await inProcess(["score", "examples/yongzhou-2023/yongzhou-2023.perf", "--json", "--lang", "zh"], root);
    const en = await inProcess(["score", "examples/yongzhou-2023/yongzhou-2023.perf", "--json", "--lang", "en"], root);
    expect(zh.code).toBe(0);
    expect(en.stdout).toBe(zh.stdout);
    expect(JSON.parse(zh.stdout).total.score).toBe("82.46");
  });
});
