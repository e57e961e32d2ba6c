import type { EvaluationResult, IndicatorResult } from "@perf/engine";
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { buildReport, cellLimits, checkSize, columnLimits, EXCEL_CELL_TEXT_MAX, render, RenderLimitError, reportCells, toDocx, toXlsx, type BuildOptions, type Report } from "../src/index.js";
import { fromText, yongzhou } from "./helpers.js";

const small = fromText(`evaluation "t" { total 10 }
indicator a "甲" weight 10 { deduct 1 "原因" }
finding f1 on a { unit "单位" project "项目" issue "问题" description "描述" }
`);

/** `small` with n findings: each adds one 8-cell row to 问题清单. */
const withFindings = (n: number): EvaluationResult => ({
  ...small,
  findings: Array.from({ length: n }, (_, i) => ({ ...small.findings[0]!, id: `f${i + 1}`, issue: `问题${i + 1}` })),
});

/** Reports with the smallest number of findings that takes them over `limit` cells, and one less. */
function justAbove(limit: number, options: BuildOptions = {}): { n: number; above: Report; below: Report } {
  const one = reportCells(buildReport(withFindings(1), options));
  const n = Math.floor((limit - one) / 8) + 2;
  const above = buildReport(withFindings(n), options);
  const below = buildReport(withFindings(n - 1), options);
  expect(reportCells(above)).toBeGreaterThan(limit);
  expect(reportCells(below)).toBeLessThanOrEqual(limit);
  return { n, above, below };
}

describe("size limits of docx and xlsx (PERF120)", () => {
  it("count header and body cells of every table", () => {
    const report = buildReport(yongzhou());
    const cells = report.tables.reduce((n, t) => n + (t.rows.length + 1) * t.columns.length, 0);
    expect(reportCells(report)).toBe(cells);
    expect(cells).toBeLessThan(cellLimits.docx / 10);
  });

  it("refuse a docx just above the limit, in the user's language, and accept one row less", async () => {
    const { n, above, below } = justAbove(cellLimits.docx);
    const err = await toDocx(above).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderLimitError);
    expect((err as RenderLimitError).code).toBe("PERF120");
    expect((err as RenderLimitError).message).toBe(`报告的表格共有 ${reportCells(above)} 个单元格，超过 docx 格式的上限 50000；未生成任何内容`);
    expect((err as RenderLimitError).hint).toContain("--table");
    const en = await render(withFindings(n), "docx", { locale: "en" }).catch((e: unknown) => e);
    expect((en as Error).message).toMatch(/^the report's tables have \d+ cells, more than the docx limit of 50000; nothing was written$/);
    expect(() => checkSize(below, "docx")).not.toThrow();
  });

  it("refuse an xlsx just above its own limit", async () => {
    const { above, below } = justAbove(cellLimits.xlsx, { tables: ["findings"] });
    await expect(toXlsx(above)).rejects.toThrow(RenderLimitError);
    expect(() => checkSize(below, "xlsx")).not.toThrow();
  }, 30_000); // builds two models of 62 500 findings

  it("leave the text formats alone", async () => {
    const md = (await render(withFindings(justAbove(cellLimits.docx).n), "md", { tables: ["findings"] })) as string;
    expect(md.split("\n").filter((l) => l.startsWith("| ")).length).toBeGreaterThan(6000);
  });

  it("let --table bring a report under the limit", async () => {
    const result = withFindings(justAbove(cellLimits.docx).n);
    const bytes = (await render(result, "docx", { tables: ["summary"] })) as Uint8Array;
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe("PK");
  });

  it("refuse an xlsx with a text longer than an Excel cell holds (PERF121), and keep one that fits whole", async () => {
    const withNote = (n: number) => fromText(`evaluation "t" { total 1 }\nindicator a "甲" weight 1 { score 1 note "${"长".repeat(n)}" }\n`);
    const err = await render(withNote(EXCEL_CELL_TEXT_MAX + 1), "xlsx").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderLimitError);
    expect((err as RenderLimitError).code).toBe("PERF121");
    expect((err as RenderLimitError).message).toBe(`「项目绩效评价指标体系评分表」第 1 行的文字「${"长".repeat(12)}…」有 32768 个字符，超过 Excel 单元格的上限 32767；未生成任何内容`);
    const bytes = (await render(withNote(EXCEL_CELL_TEXT_MAX), "xlsx")) as Uint8Array;
    const wb = XLSX.read(bytes, { type: "array" });
    const scores = wb.Sheets[wb.SheetNames.find((n) => n.startsWith("附件1"))!]!;
    expect(scores["F3"].v).toBe("长".repeat(EXCEL_CELL_TEXT_MAX));
    await expect(render(withNote(EXCEL_CELL_TEXT_MAX + 1), "docx")).resolves.toBeInstanceOf(Uint8Array);
  });

  it("refuse a docx whose scoring sheet is wider than a Word table (PERF122), not an xlsx", async () => {
    // a generated chain of `depth` levels: the scoring sheet has 2 columns per level and 4 more
    const deep = (depth: number): EvaluationResult => {
      const leaf = small.indicators[0]!;
      const chain = (level: number): IndicatorResult => ({ ...leaf, id: `n${level}`, name: `第${level}级`, level, children: level < depth ? [chain(level + 1)] : [] });
      return { ...small, indicators: [chain(1)] };
    };
    const depth = Math.ceil((columnLimits.docx + 1 - 4) / 2); // 30 levels: 64 columns
    const wide = buildReport(deep(depth), { tables: ["scores"] });
    expect(wide.tables[0]!.columns).toHaveLength(columnLimits.docx + 1);
    const err = await toDocx(wide).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RenderLimitError);
    expect((err as RenderLimitError).code).toBe("PERF122");
    expect((err as RenderLimitError).message).toBe("「项目绩效评价指标体系评分表」有 64 列，超过 docx 表格的上限 63 列；未生成任何内容");
    expect(() => checkSize(buildReport(deep(depth - 1), { tables: ["scores"] }), "docx")).not.toThrow();
    expect(() => checkSize(wide, "xlsx")).not.toThrow();
  });
});
