import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { buildReport, toCsv, toDocx, toHtml, toMarkdown, toXlsx } from "../src/index.js";
import { valueWidth } from "../src/writers/xlsx-layout.js";
import JSZip from "jszip";
import { docxTables, fromText } from "./helpers.js";

const source = `evaluation "青岛" { total 10 }
fact 台数 = 1640 台
target 云主机 "新增云主机数量" { class 数量; expect 不低于 1200 台; actual 台数; reason "按峰值采购" } acknowledged "报告自认偏差过大"
target 上线 "系统上线时间" { class 时效; expect <= 2020年11月底; actual 2020-12-15 }
target 排名 "全国排名" { class 效益; expect "全国前五名"; actual "全国第七"; tier 部分达成 }
target 时长 "响应时长" { class 时效; expect ≤ 2 小时; actual 3 小时 }
indicator a "产出" weight 10 { targets [云主机, 上线, 排名, 时长] }`;
const result = fromText(source);

describe("绩效目标完成情况表", () => {
  const report = buildReport(result);
  const t = report.tables.find((x) => x.name === "targets")!;

  it("has one row per target with completion not capped, deadlines in days and tiers", () => {
    expect(t.title).toBe("绩效目标完成情况表");
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "绩效目标", "类别", "目标值", "实际值", "完成率", "是否完成", "偏差原因"]);
    expect(t.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ["1", "新增云主机数量", "数量", "不低于1200 台", "1640 台", "136.67%", "是", "按峰值采购"],
      ["2", "系统上线时间", "时效", "≤2020年11月底", "2020-12-15", "逾期15天", "否", ""],
      ["3", "全国排名", "效益", "全国前五名", "全国第七", "部分达成", "部分达成", ""],
      ["4", "响应时长", "时效", "≤2 小时", "3 小时", "66.67%", "否", ""],
    ]);
    expect(t.rows[0]!.cells[5]).toMatchObject({ kind: "percent", value: "1.3667" });
    expect(t.notes).toEqual(["偏差超过阈值、目标设定不合理：新增云主机数量（136.67%）"]);
  });

  it("scores the indicator from the targets: (1 + 0 + 0.5 + 2/3) × 10 / 4 = 5.42", () => {
    expect(result.indicators[0]!.score).toBe("5.42");
  });

  it("is in English with --lang en", () => {
    const en = buildReport(result, { locale: "en" }).tables.find((x) => x.name === "targets")!;
    expect(en.columns.map((c) => c.header)).toEqual(["No.", "Target", "Class", "Expected", "Actual", "Rate", "Met", "Reason for deviation"]);
    expect(en.rows[1]!.cells[5]!.text).toBe("15 days late");
  });

  it("is printed by md, csv and docx (in the default chapters)", async () => {
    expect(toMarkdown(report)).toContain("| 1 | 新增云主机数量 | 数量 | 不低于1200 台 | 1640 台 | 136.67% | 是 | 按峰值采购 |");
    expect(toCsv(report)).toContain("新增云主机数量,数量,不低于1200 台,1640 台,136.67%,是,按峰值采购");

    const zip = await JSZip.loadAsync(await toDocx(report));
    const xml = await zip.file("word/document.xml")!.async("string");
    const found = docxTables(xml).find((tb) => JSON.stringify(tb).includes("新增云主机数量"));
    expect(found).toBeDefined();
  });

  it("a file without targets has no such table", () => {
    expect(buildReport(fromText(`evaluation "x" { total 1 }\nindicator a weight 1 { score 1 }`)).tables.some((x) => x.name === "targets")).toBe(false);
  });
});

describe("per-subject 绩效目标完成情况表 (decision 0182)", () => {
  const subjects = fromText(`evaluation "两区县" { total 10 }
target 完工 "项目完工时间" { class 时效; expect <= 2020年11月底 }
indicator 产出 "产出" weight 10 { targets [完工] }
subject 甲 "甲县" { fact 完工日期 = 2020年11月20日; target 完工 { actual 完工日期 } }
subject 乙 "乙县" { target 完工 { actual 2020年12月5日; reason "设备到货延迟" } }`);
  it("prints one table per subject, each with that subject's actual values", () => {
    const tables = buildReport(subjects).tables.filter((x) => x.name === "targets");
    expect(tables.map((x) => [x.id, x.title])).toEqual([
      ["targets-1", "甲县绩效目标完成情况表"],
      ["targets-2", "乙县绩效目标完成情况表"],
    ]);
    expect(tables.map((x) => x.rows.map((r) => r.cells.slice(3, 8).map((c) => c.text)))).toEqual([
      [["≤2020年11月底", "2020年11月20日", "提前10天", "是", ""]],
      [["≤2020年11月底", "2020年12月5日", "逾期5天", "否", "设备到货延迟"]],
    ]);
    expect(buildReport(subjects, { locale: "en" }).tables.filter((x) => x.name === "targets").map((x) => x.title)).toEqual(["Performance targets of 甲县", "Performance targets of 乙县"]);
  });
  it("measures the value columns so that no target or actual value wraps", () => {
    const t = buildReport(subjects).tables.find((x) => x.id === "targets-1")!;
    expect(t.columns.filter((c) => c.values).map((c) => c.key)).toEqual(["expected", "actual"]);
  });
});

describe("value columns of the targets table are measured", async () => {
  const { columnWidths, isValueText, textWidth1 } = await import("../src/writers/column-widths.js");
  it("a short figure is a value, a sentence is not", () => {
    expect(["≤2020年11月底", "≥1200 台", "2 次/天", "1640 台"].every(isValueText)).toBe(true);
    expect(["全国前五名", "较上年提高，达到省级平均水平以上2个百分点以上"].some(isValueText)).toBe(false);
  });
  it("the 目标值 column is at least as wide as its widest value (in twips, 10.5 pt)", () => {
    const t = buildReport(result).tables.find((x) => x.name === "targets")!;
    const em = 210;
    const j = t.columns.findIndex((c) => c.key === "expected");
    const need = Math.ceil(textWidth1("≤2020年11月底", em)) + 216;
    expect(columnWidths(t, 10_000, em, 216)[j]!).toBeGreaterThanOrEqual(need);
    // without the measure, at a width where the text columns cannot all have their longest text on
    // one line, they share what is left and the date wraps
    const unmeasured = { ...t, columns: t.columns.map((c) => ({ ...c, values: false })) };
    expect(columnWidths(unmeasured, 10_000, em, 216)[j]!).toBeLessThan(need);
  });
});

describe("the value measure reaches xlsx and HTML too", () => {
  it("xlsx: the 目标值 and 实际值 columns are as wide as their widest value", async () => {
    // a qualitative actual that is still a value (15 characters, a figure, no punctuation): wider than the column's default
    const long = "2020年11月底前已全部完成";
    const r = fromText(source.replace('actual 2020-12-15', `actual "${long}"`));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await toXlsx(buildReport(r, { tables: ["targets"] }))) as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => (w.getRow(2).values as unknown[]).includes("目标值"))!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const width = (name: string) => ws.getColumn(header.indexOf(name) + 1).width!;
    expect(width("实际值")).toBeGreaterThanOrEqual(valueWidth(long));
    expect(width("实际值")).toBeGreaterThan(width("目标值"));
    expect(width("目标值")).toBeGreaterThanOrEqual(valueWidth("≤2020年11月底"));
  });
  it("HTML: a value cell does not wrap; a sentence may", () => {
    const html = toHtml(buildReport(result, { tables: ["targets"] }));
    expect(html).toContain('<td class="value">≤2020年11月底</td>');
    expect(html).toMatch(/td\.value \{ white-space: nowrap; \}/);
    expect(html).not.toContain('<td class="value">全国前五名</td>');
  });
});
