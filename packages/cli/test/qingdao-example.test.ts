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
