import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";
import { sarifValidator } from "./sarif-schema.js";

const root = join(import.meta.dirname, "..", "..", "..");

/** A scored file whose report claims 2 roots (it has 1) and a total of 9 (it is 8). */
const claims = (ack: string) => `evaluation "t" { total 10 }
indicator a weight 10 { indicator a1 weight 10 { score 8 } }
assert 指标数 "2个一级指标" { indicators level 1 = 2 }${ack}
assert 结论 "总分8分" { total = 8 }
`;

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), "perf-audit-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe("perf check --audit", () => {
  it("lists the acknowledged 3/8/27 claim of the 永州 example with its location, and exits 0", async () => {
    const r = await perf(["check", "--audit", "examples"], root);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("== examples/yongzhou-2023/yongzhou-2023.perf：2 项核对发现");
    expect(r.stdout).toContain("perf: 提示[PERF220]: examples/yongzhou-2023/yongzhou-2023.perf:50:3");
    expect(r.stdout).toContain("一级 4（称 3）✗，二级 11（称 8）✗，三级 27 ✓");
    expect(r.stdout).toContain("已知：报告正文二（二）如此；附件1实为4个一级指标、11个二级指标");
    // every example's audit findings are acknowledged (永州's claim, 益阳's 8.4 元, 青岛's tables and targets)
    expect(r.stdout).toMatch(/\d+ 个文件：(\d+) 项核对发现，\1 项已知，0 项未说明/);
  });

  it("exits 1 while a finding is not acknowledged, 0 once it is", async () => {
    const open = await perf(["check", "--audit", "--lang", "en", "a.perf"], dir({ "a.perf": claims("") }));
    expect(open.code).toBe(1);
    expect(open.stdout).toContain("== a.perf: 1 audit finding(s)");
    expect(open.stdout).toContain("assertion '指标数' is false: 2 indicators at level 1, but the true value is 1");
    expect(open.stdout).toContain("1 file(s): 1 audit finding(s), 0 acknowledged, 1 not acknowledged");
    const closed = await perf(["check", "--audit", "a.perf"], dir({ "a.perf": claims(` acknowledged "原文如此"`) }));
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain("已知：原文如此");
    // plain check agrees: the acknowledged finding is information
    expect((await perf(["check", "a.perf"], dir({ "a.perf": claims(` acknowledged "原文如此"`) }))).code).toBe(0);
  });

  it("exits 1 on any other error even when every finding is acknowledged", async () => {
    const broken = claims(` acknowledged "原文如此"`).replace("score 8", "score 12");
    const r = await perf(["check", "--audit", "a.perf"], dir({ "a.perf": broken }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/另有 \d+ 个其他错误/);
  });

  it("says so when there is nothing to audit", async () => {
    const r = await perf(["check", "--audit", "a.perf"], dir({ "a.perf": `evaluation "t" { total 1 }\nindicator a weight 1 { score 1 }\n` }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("没有核对发现");
  });

  it("--format json groups the findings per file with the reason", async () => {
    const r = await perf(["check", "--audit", "--format", "json", "a.perf", "b.perf"], dir({ "a.perf": claims(` acknowledged "原文如此"`), "b.perf": claims("") }));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ findings: 2, acknowledged: 1, unacknowledged: 1, otherErrors: 0 });
    expect(out.files.map((f: any) => [f.file, f.findings.map((d: any) => [d.code, d.severity, d.acknowledged, d.range.start.line])])).toEqual([
      ["a.perf", [["PERF220", "info", "原文如此", 2]]],
      ["b.perf", [["PERF220", "error", null, 2]]],
    ]);
  });

  it("--format sarif marks acknowledged findings as in-source suppressions and stays valid SARIF", async () => {
    const r = await perf(["check", "--audit", "--format", "sarif", "a.perf", "b.perf"], dir({ "a.perf": claims(` acknowledged "原文如此"`), "b.perf": claims("") }));
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((x: any) => [x.ruleId, x.level, x.suppressions ?? null])).toEqual([
      ["PERF220", "note", [{ kind: "inSource", justification: "原文如此" }]],
      ["PERF220", "error", null],
    ]);
  });

  it("--format github annotates each finding, with the reason", async () => {
    const r = await perf(["check", "--audit", "--format", "github", "a.perf"], dir({ "a.perf": claims(` acknowledged "原文如此"`) }));
    expect(r.stdout).toMatch(/^::notice file=a\.perf,line=3,col=/);
    expect(r.stdout).toContain("%0A已知：原文如此\n");
  });
});
