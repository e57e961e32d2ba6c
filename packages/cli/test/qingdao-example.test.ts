import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

/**
 * examples/qingdao-2020 encodes seed 003 (青岛 2020), an audit-only evaluation: two report tables,
 * the 17 targets of 表1-3, the text's assertions. The published report's own errors are acknowledged
 * in the file, so the strict check is green while `--audit` still lists them, each where it is.
 */
const root = join(import.meta.dirname, "..", "..", "..");
const dir = join(root, "examples", "qingdao-2020");
const file = join(dir, "qingdao-2020.perf");
const text = readFileSync(file, "utf8");
const lines = text.split("\n");

/** The 1-based line of the example that starts with `start` (after indentation). */
function lineOf(start: string): number {
  const i = lines.findIndex((l) => l.trimStart().startsWith(start));
  if (i < 0) throw new Error(`no line of qingdao-2020.perf starts with ${start}`);
  return i + 1;
}

/** The 17 targets of 表1-3 as the file writes them: id and quoted name. */
const targets = [...text.matchAll(/^target (\S+) "([^"]+)"/gm)].map((m) => ({ id: m[1]!, name: m[2]! }));
/** The rows of 表1-2 (资金表): the sub-project name and the budget and spending cells. */
const budgetRows = [...text.slice(text.indexOf("table 资金表")).matchAll(/^\s*row \S+ \{ "[^"]*", "([^"]+)", ([\d.]+), ([\d.]+),/gm)].map((m) => ({ name: m[1]!, budget: m[2]!, spent: m[3]! }));

describe("examples/qingdao-2020 (seed 003)", () => {
  it("holds what the report prints: 17 targets, 23 budget rows", () => {
    expect(targets).toHaveLength(17);
    expect(budgetRows).toHaveLength(23);
  });

  it("passes perf check --strict", async () => {
    const r = await perf(["check", "--strict", "examples/qingdao-2020"], root);
    expect(r.stderr).toBe("");
    expect(r.code, r.stdout).toBe(0);
  });

  it("is judged as the report states it: no score, the targets' completion, the text's claims, the acknowledged errors", async () => {
    const r = await perf(["score", "examples/qingdao-2020/qingdao-2020.perf", "--json"], root);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    // audit-only: no total and no grade, not an invented "0 分 差"
    expect(result.total.score).toBeNull();
    expect(result.grade.name).toBeNull();
    // 表1-3: 17 targets, by class 数量 4, 质量 6, 时效 2, 效益 4 (社会效益), 满意度 1
    const byId = new Map<string, { class: string; actual: { text: string } | null; completion: string | null; met: boolean | null; deviationTooLarge: boolean; acknowledged: string | null }>(
      result.targets.map((t: { id: string }) => [t.id, t]),
    );
    expect(byId.size).toBe(17);
    const classes: Record<string, number> = {};
    for (const t of byId.values()) classes[t.class] = (classes[t.class] ?? 0) + 1;
    expect(classes).toEqual({ 数量: 4, 质量: 6, 时效: 2, 效益: 4, 满意度: 1 });
    // the three actual values the text gives; 1640 ÷ 1200 and 772 ÷ 600, not capped at 100%
    expect([...byId].filter(([, t]) => t.actual).map(([id]) => id)).toEqual(["云虚拟机采购数", "云存储采购数", "云中心巡检次数"]);
    expect(byId.get("云虚拟机采购数")).toMatchObject({ actual: { text: "1640 台" }, completion: "1.3667", met: true, deviationTooLarge: true });
    expect(byId.get("云存储采购数")).toMatchObject({ actual: { text: "772 T" }, completion: "1.2867", met: true, deviationTooLarge: true });
    expect(byId.get("云中心巡检次数")).toMatchObject({ completion: "1", met: true, deviationTooLarge: false });
    expect(byId.get("云虚拟机采购数")!.acknowledged).toContain("实际产出与计划偏离较大");
    // what the text says about its own figures holds
    expect(result.assertions.map((a: { id: string; holds: boolean }) => [a.id, a.holds])).toEqual([
      ["批复预算", true],
      ["总支出", true],
      ["子项目数", true],
      ["完成情况", true],
      ["未开展子项目", true],
      ["网站群监测划拨", true],
    ]);
    // 表1-1 counted by its text column 完成情况 (decision 0181): 23 rows, 4 printed "未开展", so 19 done
    const done = result.assertions.find((a: { id: string }) => a.id === "完成情况");
    expect(done.statements.map((s: { actual: string }) => s.actual)).toEqual(["23", "4", "19"]);
    // the report's errors: information (acknowledged), each at its line, with both figures
    type D = { code: string; severity: string; args: Record<string, string>; data?: { acknowledged?: string }; range: { start: { line: number } } };
    const diagnostics: D[] = result.diagnostics;
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const at = (d: D) => d.range.start.line + 1;
    const printed = diagnostics.filter((d) => d.code === "PERF207");
    expect(printed.map((d) => [d.severity, at(d), d.args.printed, d.args.computed])).toEqual([
      ["info", lineOf("printed total"), "4495.10", "4495.11"],
      ["info", lineOf("printed subtotal 共性应用软件升级维护资金"), "1087.80", "1087.81"],
    ]);
    expect(printed.every((d) => d.data?.acknowledged?.startsWith("表1-2"))).toBe(true);
    const deviations = diagnostics.filter((d) => d.code === "PERF240");
    expect(deviations.map((d) => [d.severity, at(d), d.args.actual, d.args.expected])).toEqual([
      ["info", lineOf("target 云虚拟机采购数"), "1640 台", "≥1200 台"],
      ["info", lineOf("target 云存储采购数"), "772 T", "≥600 T"],
    ]);
    // both tables, 23 rows each
    expect(result.tables.map((t: { id: string; rows: unknown[] }) => [t.id, t.rows.length])).toEqual([
      ["任务表", 23],
      ["资金表", 23],
    ]);
  });

  it("lists the report's own errors under --audit, each with its location", async () => {
    const r = await perf(["check", "--audit", "examples/qingdao-2020"], root);
    expect(r.code, r.stdout + r.stderr).toBe(0); // every audit finding is acknowledged
    const out = r.stdout;
    // the subtotal of the first spending area: printed 1,087.80, its 20 rows add up to 1,087.81
    const subtotal = `qingdao-2020.perf:${lineOf("printed subtotal 共性应用软件升级维护资金")}:`;
    expect(out).toContain(subtotal);
    const atSubtotal = out.slice(out.indexOf(subtotal), out.indexOf(subtotal) + 800);
    expect(atSubtotal).toMatch(/1,?087\.80/);
    expect(atSubtotal).toMatch(/1,?087\.81/);
    // and so the 合计 row: printed 4,495.10, 23 rows give 4,495.11
    const total = `qingdao-2020.perf:${lineOf("printed total")}:`;
    expect(out).toContain(total);
    expect(out.slice(out.indexOf(total), out.indexOf(total) + 800)).toMatch(/4,?495\.11/);
    // 1,640 cloud VMs bought against a target of ≥1,200: over-achieved beyond the 20% deviation
    const vms = lineOf("target 云虚拟机采购数");
    const vmsEnd = vms + lines.slice(vms - 1).findIndex((l) => l.startsWith("}"));
    const atVms = new RegExp(`qingdao-2020\\.perf:(${Array.from({ length: vmsEnd - vms + 1 }, (_, i) => vms + i).join("|")}):[^\\n]*`, "g");
    const vmLines = [...out.matchAll(atVms)].map((m) => out.slice(m.index, m.index + 800));
    expect(vmLines.some((s) => /1,?640/.test(s) && /1,?200/.test(s)), out).toBe(true);
    // the same for 772T of cloud storage against ≥600T
    expect(out).toMatch(/772/);
    // the acknowledgement reasons are listed with them
    expect(out).toContain("实际产出与计划偏离较大");
  });

  it("renders the 绩效目标完成情况表 with all 17 targets and both budget tables in Markdown", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "perf-qingdao-")), "q.md");
    const r = await perf(["render", "examples/qingdao-2020", "--format", "md", "-o", out], root);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(out, "utf8");
    // audit-only: no invented score or grade
    expect(md).not.toMatch(/0 分|得分.*\b0\.00\b|等级.*差/);
    const at = md.indexOf("绩效目标完成情况表");
    expect(at).toBeGreaterThanOrEqual(0);
    const targetTable = md.slice(at).split(/\n\n(?!\|)/)[0]!;
    for (const t of targets) expect(targetTable, t.name).toContain(t.name);
    expect(targetTable).toMatch(/1,?640/);
    expect(targetTable).toMatch(/136\.67%/); // 1640 ÷ 1200, not capped at 100%
    expect(targetTable).toMatch(/128\.67%/); // 772 ÷ 600
    // 表1-1, the 23 sub-projects
    expect(md).toContain("表1-1 项目工作任务和完成情况表");
    // 表1-2, both spending areas: every row, the printed subtotals and the total
    const budgetAt = md.indexOf("表1-2 项目资金投入和使用情况表");
    expect(budgetAt).toBeGreaterThanOrEqual(0);
    const budget = md.slice(budgetAt);
    for (const row of budgetRows) expect(budget, row.name).toContain(row.name);
    for (const figure of ["4,?600\\.00", "1,?191\\.00", "3,?409\\.00", "1,?087\\.80", "3,?407\\.30", "3,?380\\.30"]) expect(budget).toMatch(new RegExp(figure));
  });
});
