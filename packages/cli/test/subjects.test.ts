import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EvaluationResultSchema } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const changsha = join(root, "examples", "changsha-2023");

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "perf-subjects-"));
}

describe("perf score with subjects (seed 004)", () => {
  it("prints each unit's tree, then both side by side, with the published totals and grades", async () => {
    const r = await perf(["score", "examples/changsha-2023"], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("■ 长沙市数据局");
    expect(r.stdout).toContain("■ 长沙市大数据中心");
    expect(r.stdout).toContain("合计 86.98 · 等级 良");
    expect(r.stdout).toContain("合计 86.38 · 等级 良");
    // the comparison: one row per indicator, a column per unit; 预算执行率 is computed from each unit's facts
    expect(r.stdout).toMatch(/预算执行率\s+10\s+8\.27\s+9\.84/);
    expect(r.stdout).toMatch(/合计\s+100\s+86\.98\s+86\.38/);
  });

  it("--json holds both trees and the comparison and validates against the schema", async () => {
    const r = await perf(["score", "--json", "examples/changsha-2023"], root);
    expect(r.code).toBe(0);
    const result = EvaluationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.total.score).toBeNull();
    expect(result.framework?.id).toBe("长沙信息化2023");
    expect(result.subjects?.map((s) => [s.id, s.total.score, s.total.declared, s.grade.name])).toEqual([
      ["市数据局", "86.98", "86.98", "良"],
      ["市数据中心", "86.38", "86.38", "良"],
    ]);
    expect(result.findings).toHaveLength(19);
    expect(result.findings.filter((f) => f.subject).map((f) => [f.id, f.subject])).toEqual([["绩效目标编制粗糙", "市数据中心"]]);
    expect(result.comparison?.find((row) => row.id === "预算执行率")?.cells.map((c) => c.score)).toEqual(["8.27", "9.84"]);
  });

  it("reports a unit's total that no longer matches at its `declared`, in the evaluation file", async () => {
    const dir = tmp();
    cpSync(changsha, dir, { recursive: true });
    const file = join(dir, "changsha-2023.perf");
    const text = readFileSync(file, "utf8");
    const changed = text.replace('assess 产出数量与时效 { deduct 1.5 "个别项目进度滞后" }', 'assess 产出数量与时效 { deduct 2 "个别项目进度滞后" }');
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    const r = await perf(["check", "--lang", "en", dir], dir);
    expect(r.code).toBe(1);
    // one cause, one error: the total's mismatch; the grade 良 still fits 86.48
    expect(r.stdout.match(/error\[PERF\d+\]/g)).toEqual(["error[PERF040]"]);
    expect(r.stdout).toContain("'长沙市数据局' is declared as 86.98 but computes to 86.48");
    expect(r.stdout).toContain("changsha-2023.perf:");
  });

  it("a mistyped indicator in `assess` is one error, at the assess", async () => {
    const dir = tmp();
    cpSync(changsha, dir, { recursive: true });
    const file = join(dir, "changsha-2023.perf");
    writeFileSync(file, readFileSync(file, "utf8").replace("assess 项目效益 {\n    deduct 1 ", "assess 项目效果 {\n    deduct 1 "));
    const r = await perf(["check", "--lang", "en", "changsha-2023.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/(error|warning)\[PERF\d+\]/g)).toEqual(["error[PERF020]"]);
    expect(r.stdout).toContain("unknown indicator '项目效果'");
    // its consequences, under it: 项目效益 is unassessed, so the unit's total no longer matches
    expect(r.stdout).toContain("PERF169");
    expect(r.stdout).toContain("PERF040");
  });

  it("checks the framework alone as a framework: no score, no error", async () => {
    const r = await perf(["check", "--strict", "examples/changsha-2023/framework.perf"], root);
    // silent on stdout; stderr says what was checked and which evaluations of its folder use it
    expect(r).toEqual({
      code: 0,
      stdout: "",
      stderr:
        "perf: 提示: examples/changsha-2023/framework.perf 是指标框架：单独检查时只检查其指标体系，不评分；引用它的评价：examples/changsha-2023/changsha-2023.perf（perf check examples/changsha-2023 连同框架一并检查）\n",
    });
    // machine formats and folders stay as they were
    expect((await perf(["check", "--format", "json", "examples/changsha-2023/framework.perf"], root)).stderr).toBe("");
    expect(await perf(["check", "--strict", "examples/changsha-2023"], root)).toEqual({ code: 0, stdout: "", stderr: "" });
    const dir = tmp();
    writeFileSync(join(dir, "fw.perf"), 'framework f { total 1 }\nindicator a weight 1 { judgement }\n');
    writeFileSync(join(dir, "single.perf"), 'evaluation "s" { total 1 }\nindicator a weight 1 { score 1 }\n');
    const alone = await perf(["check", "--lang", "en", "fw.perf"], dir);
    expect(alone.stderr).toBe("perf: note: fw.perf is a framework: checked alone, only its tree is checked and nothing is scored; no evaluation in its folder uses it\n");
    // an evaluation checked alone gets no note
    expect(await perf(["check", "single.perf"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
    const json = await perf(["score", "--json", "examples/changsha-2023/framework.perf"], root);
    const result = EvaluationResultSchema.parse(JSON.parse(json.stdout));
    expect(result.total.score).toBeNull();
    expect(result.grade.name).toBeNull();
  });

  it("refuses a `use` that leaves the folder given, and a missing framework, at the use clause", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "eval"));
    writeFileSync(join(dir, "framework.perf"), 'framework f { total 1 }\nindicator a weight 1 { judgement }\n');
    writeFileSync(join(dir, "eval", "e.perf"), 'evaluation "e" { use "../framework.perf" }\nsubject s { assess a { } }\n');
    writeFileSync(join(dir, "eval", "m.perf"), 'evaluation "m" { use "missing.perf" }\n');
    const r = await perf(["check", "--lang", "en", "eval"], dir);
    expect(r.code).toBe(1);
    // the missing tree is the one error: its indicators in `assess` are not reported unknown
    expect(r.stdout.match(/(error|warning)\[PERF\d+\]: \S+/g)).toEqual(["error[PERF162]: eval/e.perf:1:18", "error[PERF160]: eval/m.perf:1:18"]);
    expect(r.stdout).toContain("cannot read the used file 'missing.perf': ENOENT");
    // from the parent folder, the framework is inside the workspace
    const ok = await perf(["score", "eval/e.perf"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("合计 1 · 等级 优");
  });
});

describe("overrides and folders", () => {
  it("check lists every override of the framework, and the scores follow it", async () => {
    const dir = tmp();
    cpSync(changsha, dir, { recursive: true });
    const file = join(dir, "changsha-2023.perf");
    const text = readFileSync(file, "utf8").replace(
      "// ---------------------------------------------------------------- the two units",
      'override 立项依据充分性 weight 4 "立项 is worth less this year"\noverride 立项程序规范性 weight 6 "and procedure more"\n',
    );
    writeFileSync(file, text);
    const r = await perf(["check", "--lang", "en", dir], dir);
    expect(r.stdout.match(/info\[PERF165\]/g)).toHaveLength(2);
    expect(r.stdout).toContain("this evaluation overrides the framework's weight of '立项依据充分性': 5 → 4 (立项 is worth less this year)");
    // a balanced trade: 立项依据充分性 loses 1 and 立项程序规范性 gains 1 for each unit, so both totals still hold
    expect(r.code).toBe(0);
    const score = await perf(["score", dir], dir);
    expect(score.stdout).toMatch(/立项依据充分性\s+4\s+4\s+4/);
    expect(score.stdout).toMatch(/立项程序规范性\s+6\s+4\.5\s+5/);
    expect(score.stdout).toMatch(/合计\s+100\s+86\.98\s+86\.38/);
  });

  it("score on a folder with several evaluations asks for one", async () => {
    const r = await perf(["score", "examples"], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("examples 中的评价不止一个或没有评价");
  });
});

describe("a published total only (seed 001)", () => {
  it("scores as the published total and grade, and says the table was not published", async () => {
    const r = await perf(["score", "--lang", "en", "examples/yiyang-2018"], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("the scoring table was not published");
    expect(r.stdout).toContain("total 83 · grade 良好");
    const json = EvaluationResultSchema.parse(JSON.parse((await perf(["score", "--json", "examples/yiyang-2018/yiyang-2018.perf"], root)).stdout));
    expect(json.total).toEqual({ weight: "100", score: null, rate: null, declared: "83" });
    expect(json.grade.name).toBe("良好");
    expect(json.indicators).toEqual([]);
  });

  it("is an error when the published grade is not the band of the published total", async () => {
    const dir = tmp();
    const text = readFileSync(join(root, "examples", "yiyang-2018", "yiyang-2018.perf"), "utf8").replace("declared 83", "declared 93");
    writeFileSync(join(dir, "y.perf"), text);
    const r = await perf(["check", "--lang", "en", "y.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error[PERF164]");
    expect(r.stdout).toContain("the published grade is '良好' but the total 93 falls in '优秀'");
  });
});
