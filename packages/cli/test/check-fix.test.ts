import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPatch } from "diff";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
// without its stated total (`assert 评价结论 … total = 82.46`): a weight change makes that statement false
// as well, an audit finding no quick fix resolves, and these tests are about the `declared` values
const example = readFileSync(join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8").replace(/^assert 评价结论 .*\n/m, "");

/**
 * The case: two weights changed, so two branch sums are off; the seven `declared` values
 * that follow from them are folded into those two errors (one cause, one error).
 */
const twoWeightsChanged = example
  .replace("indicator 预算执行率 weight 2 {", "indicator 预算执行率 weight 3 {")
  .replace("indicator 项目建设完成率 weight 4 {", "indicator 项目建设完成率 weight 5 {");

/** Two sibling weights traded (4 + 4 → 5 + 3): the sums hold, and five `declared` values are off on their own. */
const weightsTraded = example
  .replace("indicator 项目建设完成率 weight 4 {", "indicator 项目建设完成率 weight 5 {")
  .replace("indicator 项目运维完成率 weight 4 {", "indicator 项目运维完成率 weight 3 {");

function copy(text: string | Buffer, name = "yongzhou.perf"): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "perf-fix-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { dir, file };
}

const codes = (stdout: string) => [...stdout.matchAll(/(?:错误|error)\[(PERF\d+)\]/g)].map((m) => m[1]);
const changedLines = (a: string, b: string) => {
  const x = a.split("\n");
  const y = b.split("\n");
  expect(y.length).toBe(x.length);
  return x.flatMap((line, i) => (line === y[i] ? [] : [[line, y[i]]]));
};

describe("perf check --fix", () => {
  it("leaves the two weight sums for a person, saying why; the declared values folded into them wait for that choice", async () => {
    const { dir, file } = copy(twoWeightsChanged);
    const before = await perf(["check", "yongzhou.perf"], dir);
    expect(codes(before.stdout)).toEqual(["PERF010", "PERF010"]);
    expect(before.stdout.match(/\[PERF040\]/g)).toHaveLength(7); // listed as consequences of the two causes

    const r = await perf(["check", "--fix", "yongzhou.perf", "--lang", "en"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("yongzhou.perf:145:25: not fixed PERF010 (a person must choose one): Set the weight of '资金管理' to 7 | Scale the children to sum to 6");
    expect(r.stdout).toContain("1 file(s): 0 fix(es) applied, 2 left for a person");
    expect(readFileSync(file, "utf8")).toBe(twoWeightsChanged);
  });

  it("fixes the five `declared` values that a trade of two weights leaves off", async () => {
    const { dir, file } = copy(weightsTraded);
    const before = await perf(["check", "yongzhou.perf"], dir);
    expect(codes(before.stdout)).toEqual(["PERF040", "PERF040"]); // the two leaves; their three ancestors folded in
    expect(before.stdout.match(/\[PERF040\]/g)).toHaveLength(5);

    const r = await perf(["check", "--fix", "yongzhou.perf", "--lang", "en"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/: fixed PERF040: Declare /g)).toHaveLength(5);
    expect(r.stdout).toContain("1 file(s): 5 fix(es) applied, 0 left for a person");

    const after = readFileSync(file, "utf8");
    const changes = changedLines(weightsTraded, after);
    expect(changes).toHaveLength(5);
    const declaredAsN = (line: string) => line.replace(/declared [\d.]+/, "declared N");
    for (const [old, now] of changes) expect(declaredAsN(now!)).toBe(declaredAsN(old!)); // only the number after `declared`
    expect(changes[0]).toEqual([`  declared 82.46   // 三、"最终评价得分82.46分，评价等级为“良”"`, `  declared 82.06   // 三、"最终评价得分82.46分，评价等级为“良”"`]);
    expect((await perf(["check", "yongzhou.perf"], dir)).stdout).toBe("");
  });

  it("is idempotent: a second --fix changes no byte", async () => {
    const { dir, file } = copy(twoWeightsChanged);
    await perf(["check", "--fix", "yongzhou.perf"], dir);
    const once = readFileSync(file);
    const again = await perf(["check", "--fix", "yongzhou.perf"], dir);
    expect(readFileSync(file).equals(once)).toBe(true);
    expect(again.stdout).toContain("1 个文件：修复 0 处，2 处需人工处理");
  });

  it("--dry-run prints a unified diff that turns the file into what --fix writes, and writes nothing", async () => {
    const { dir, file } = copy(weightsTraded);
    const mtime = statSync(file).mtimeMs;
    const dry = await perf(["check", "--fix", "--dry-run", "yongzhou.perf"], dir);
    expect(readFileSync(file, "utf8")).toBe(weightsTraded);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(dry.stdout).toMatch(/^--- a\/yongzhou\.perf\n\+\+\+ b\/yongzhou\.perf\n@@ /);
    expect(dry.stdout).toContain("-  declared 82.46");
    expect(dry.stdout).toContain("+  declared 82.06");
    expect(dry.stdout).toContain("将修复 5 处（未写入），0 处需人工处理");
    const patch = dry.stdout.slice(0, dry.stdout.indexOf("yongzhou.perf:26:"));
    await perf(["check", "--fix", "yongzhou.perf"], dir);
    expect(applyPatch(weightsTraded, patch)).toBe(readFileSync(file, "utf8"));
  });

  it("keeps the BOM and CRLF line endings, and every byte but the fixed numbers", async () => {
    const crlf = "\uFEFF" + weightsTraded.replace(/\n/g, "\r\n");
    const { dir, file } = copy(crlf);
    await perf(["check", "--fix", "yongzhou.perf"], dir);
    const lf = copy(weightsTraded);
    await perf(["check", "--fix", "yongzhou.perf"], lf.dir);
    const expected = Buffer.from("\uFEFF" + readFileSync(lf.file, "utf8").replace(/\n/g, "\r\n"));
    expect(readFileSync(file).equals(expected)).toBe(true);
  });

  it("does not touch a file with a syntax error, even where a fix is known", async () => {
    const text = `indicator a weight 100 { deduct 0.5 "x" declared 100 }\nindicator b weight {\n`;
    const { dir, file } = copy(text, "broken.perf");
    const r = await perf(["check", "--fix", "broken.perf", "--lang", "en"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/not fixed: broken\.perf: \d+ syntax error\(s\); not fixed/);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("does not read, let alone fix, a file that is not UTF-8", async () => {
    const gbk = Buffer.concat([Buffer.from("indicator a weight 100 { deduct 0.5 \""), Buffer.from([0xd6, 0xb8, 0xb1, 0xea]), Buffer.from("\" declared 100 }\n")]);
    const { dir, file } = copy(gbk, "gbk.perf");
    const r = await perf(["check", "--fix", "gbk.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("PERF110");
    expect(readFileSync(file).equals(gbk)).toBe(true);
  });

  it("leaves a lone fix that is not the preferred one (creating a missing fact) for a person", async () => {
    const text = `indicator a weight 100 { ratio 实际支出 / 到位资金 }\n`;
    const { dir, file } = copy(text, "facts.perf");
    const r = await perf(["check", "--fix", "facts.perf", "--lang", "en"], dir);
    expect(r.stdout).toContain("facts.perf:1:32: not fixed PERF020 (needs a person's confirmation): Create fact '实际支出'");
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("removes an evaluation's own total and grades beside a used framework (PERF171): the scores stay the framework's", async () => {
    const changsha = join(root, "examples", "changsha-2023");
    const { dir, file } = copy(readFileSync(join(changsha, "changsha-2023.perf"), "utf8").replace('  use "framework.perf"\n', '  use "framework.perf"\n  total 100\n  grades { 优秀 >= 90; 良好 >= 75; 合格 >= 60; 不合格 >= 0 }\n'), "changsha-2023.perf");
    writeFileSync(join(dir, "framework.perf"), readFileSync(join(changsha, "framework.perf")));
    const before = await perf(["check", "--lang", "en", "changsha-2023.perf"], dir);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain("'total' here is ignored: the used framework 'framework.perf' sets the same");
    expect(before.stdout).toContain("'grades' here is ignored: the used framework 'framework.perf' sets 优 ≥ 90; 良 ≥ 80; 中 ≥ 60; 差 ≥ 0");
    expect((await perf(["check", "--strict", "changsha-2023.perf"], dir)).code).toBe(1);
    const r = await perf(["check", "--fix", "changsha-2023.perf"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("changsha-2023.perf:16:3: 已修复 PERF171: 删除此处的总分（以框架为准）");
    expect(r.stdout).toContain("1 个文件：修复 2 处，0 处需人工处理");
    expect(readFileSync(file, "utf8")).toBe(readFileSync(join(changsha, "changsha-2023.perf"), "utf8"));
    expect((await perf(["score", "changsha-2023.perf"], dir)).stdout).toContain("合计 86.98 · 等级 良");
  });

  it("is silent with exit 0 on the clean examples", async () => {
    expect(await perf(["check", "--fix", "examples"], root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("writes its report to stderr when stdout carries JSON", async () => {
    const { dir } = copy(weightsTraded);
    const r = await perf(["check", "--fix", "--format", "json", "yongzhou.perf"], dir);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.stderr).toContain("修复 5 处");
  });
});
