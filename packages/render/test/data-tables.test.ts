import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { buildReport, render, toCsv, toMarkdown } from "../src/index.js";
import { docxTables, fromText, unzip } from "./helpers.js";

// seed 003's kind of budget table, with its 1,087.80 total for rows that add up to 1,087.81
const result = fromText(`evaluation "测试" { total 100 }
table 支出明细 "表2-1 2020年项目支出明细（单位：万元）" {
  columns { 名称 "项目" text; 预算 "预算数" 万元; 支出 "实际支出" 万元; 完成 "完成率" percent }
  row 云平台 { "政务云平台扩容", 320.50, 318.00, 99% }
  row 安全 { "网络安全等级保护", 767.31, 79.5, - }
  row 维修 { "空调维修", 0, 8.4 元, 100% }
  printed total { 预算 1087.80; 支出 397.50 } acknowledged "原表合计行如此"
}
fact 预算合计 = sum(支出明细.预算)
indicator 执行 "执行" weight 100 { ratio 预算合计 / 预算合计 }
`);

describe("data tables", () => {
  it("are appendices with the caption, cells as printed and the printed total", () => {
    const t = buildReport(result).tables.find((x) => x.id === "table-支出明细")!;
    expect(t.title).toBe("表2-1 2020年项目支出明细（单位：万元）");
    // the caption states the unit, so the headers do not repeat it
    expect(t.columns.map((c) => c.header)).toEqual(["项目", "预算数", "实际支出", "完成率"]);
    expect(t.rows.map((r) => [r.kind, ...r.cells.map((c) => c.text)])).toEqual([
      ["data", "政务云平台扩容", "320.50", "318.00", "99%"],
      ["data", "网络安全等级保护", "767.31", "79.5", ""],
      ["data", "空调维修", "0", "8.4 元", "100%"],
      ["total", "合计", "1087.80", "397.50", ""],
    ]);
    expect(t.notes).toEqual(["注：原表合计「预算数」印为 1087.80，各行相加为 1087.81（原表合计行如此）。", "注：原表合计「实际支出」印为 397.50，各行相加为 397.50084（原表合计行如此）。"]);
    const md = toMarkdown(buildReport(result));
    expect(md).toContain("## 附件3：表2-1 2020年项目支出明细（单位：万元）");
    expect(md).toContain("| **合计** | **1087.80** | **397.50** |  |");
    expect(toCsv(buildReport(result))).toContain("政务云平台扩容,320.50,318.00,99%");
  });

  it("a unit column's header names its unit when the caption does not", async () => {
    const r = fromText(`table t "费用" {\n columns { 名称 "项目" text; 金额 "金额" 万元 }\n row a { "甲", 1 }\n}`);
    expect(buildReport(r).tables.find((x) => x.id === "table-t")!.columns.map((c) => c.header)).toEqual(["项目", "金额（万元）"]);
    // where the header wraps, its unit wraps as one piece
    expect(await render(r, "html", {})).toContain('<th scope="col">金额<span class="nobr">（万元）</span></th>');
  });

  it("xlsx: the total is a SUM formula over the rows, its cached value the rows' sum", async () => {
    const bytes = (await render(result, "xlsx")) as Uint8Array;
    const wb = XLSX.read(bytes, { type: "array", cellFormula: true });
    const name = wb.SheetNames.find((n) => wb.Sheets[n]!.A1?.v?.toString().includes("表2-1"))!;
    const ws = wb.Sheets[name]!;
    expect(ws.B6.f).toBe("SUM(B3:B5)");
    expect(ws.B6.v).toBe(1087.81);
    expect(ws.B3.v).toBe(320.5);
    // the cell written in another unit stays text, as the report printed it
    expect(ws.C5.v).toBe("8.4 元");
  });

  it("docx: the table with its total row", async () => {
    const bytes = (await render(result, "docx")) as Uint8Array;
    const tables = docxTables(await unzip(bytes, "word/document.xml"));
    const t = tables.find((x) => x.rows.some((r) => r[0]?.text === "政务云平台扩容"))!;
    expect(t.rows.map((r) => r.map((c) => c.text))).toContainEqual(["合计", "1087.80", "397.50", ""]);
  });
});

describe("a value printed in another unit", () => {
  // "8.4 元" in a column of 万元 stays text, but is set where the figures above and below it are
  it("is set to the right like its column's numbers, in Word, Excel and HTML", async () => {
    const xml = await unzip((await render(result, "docx")) as Uint8Array, "word/document.xml");
    const jc = (t: string) => new RegExp(`<w:tc>(?:(?!</w:tc>).)*?<w:jc w:val="(\\w+)"/>(?:(?!</w:tc>).)*?<w:t(?: [^>]*)?>${t}</w:t>`, "s").exec(xml)?.[1];
    expect([jc("8.4 元"), jc("318.00"), jc("空调维修")]).toEqual(["right", "right", "center"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await render(result, "xlsx")) as Uint8Array) as unknown as ArrayBuffer);
    const cell = wb.worksheets.flatMap((ws) => { const found: ExcelJS.Cell[] = []; ws.eachRow((r) => r.eachCell((c) => { if (c.value === "8.4 元") found.push(c); })); return found; })[0]!;
    expect(cell.alignment.horizontal).toBe("right");
    const html = (await render(result, "html", {})) as string;
    expect(html).toContain('<td class="num">8.4 元</td>');
  });

  it("is not a heading row spanning the table from a number column (扣分明细's 序号)", async () => {
    const r = fromText(`evaluation "t" { total 10 }\nindicator a "甲" weight 10 {\n  indicator b "乙" weight 10 { score 8 }\n}\n`);
    const html = (await render(r, "html", { tables: ["deductions"] })) as string;
    const heading = /<td([^>]*)>（一）甲总分10分/.exec(html);
    expect(heading).not.toBeNull();
    expect(heading![1]).toContain("colspan");
    expect(heading![1]).not.toContain('class="num"');
  });
});

describe("a narrow table's caption in xlsx", () => {
  it("wraps inside the table's width, before its unit, its row as tall as its lines", async () => {
    const r = fromText(`table 费用 "2018年项目已发生费用构成（单位：万元）" {\n columns { 名称 "费用项目" text; 金额 "金额" 万元 }\n row a { "中国电信软硬件建设费", 1835 }\n row b { "监理公司监理费", 38 }\n}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await render(r, "xlsx")) as Uint8Array) as unknown as ArrayBuffer);
    const ws = wb.worksheets.find((w) => String(w.getCell(1, 1).value).includes("费用构成"))!;
    expect(ws.getCell(1, 1).alignment.wrapText).toBe(true);
    // broken before its unit, as a typesetter would, not inside it
    expect(String(ws.getCell(1, 1).value)).toMatch(/费用构成\n（单位：万元）$/);
    // two columns of about 20 characters in all: a 25-character caption at 14 pt takes two lines
    expect(ws.getRow(1).height!).toBeGreaterThanOrEqual(2 * 14 * 1.2);
  });
});

describe("xlsx column widths", () => {
  it("give a column written in fewer than a quarter of the rows half its longest text, as Word does", async () => {
    const findings = (typed: number) =>
      Array.from({ length: 8 }, (_, i) => (i < typed ? `finding f${i} "绩效目标编制质量不高的问题" { issue "具体问题${i}" }` : `finding f${i} "问题${i}"`)).join("\n");
    const widthOfType = async (typed: number) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from((await render(fromText(`evaluation "t" { total 10 }\nindicator a weight 10 { score 8 }\n${findings(typed)}\n`), "xlsx", { tables: ["findings"] })) as Uint8Array) as unknown as ArrayBuffer);
      return wb.worksheets[0]!.getColumn(5).width!;
    };
    // one row of eight holds a 问题定性 (the title): half; three of eight: the model's width
    expect(await widthOfType(1)).toBeLessThan(await widthOfType(3));
  });
});

describe("the HTML unit line", () => {
  it("says 单位：分 above tables of points, not above a data table of money", async () => {
    const html = (await render(result, "html", {})) as string;
    const sections = html.split("<section ").slice(1);
    const data = sections.find((s) => s.includes("支出明细"))!;
    expect(data).toBeDefined();
    expect(data).not.toContain("单位：分");
    expect(sections.find((s) => s.startsWith('id="scores"'))).toContain("单位：分");
  });
});

describe("printed subtotals and totals", () => {
  it("come as a report prints them: the subtotals, then the total, whatever the file's order", () => {
    const r = fromText(`evaluation "测试" { total 100 }
indicator a weight 100 { score 100 }
table 资金 "资金表" {
  columns { 名称 "名称" text; 金额 "金额" 万元 }
  row a { "甲", 1 }
  row b { "乙", 2 }
  row c { "丙", 4 }
  printed total { 金额 7 }
  printed subtotal 一 rows [a, b] { 金额 3 }
  printed subtotal 二 rows [c] { 金额 4 }
}
`);
    const t = buildReport(r).tables.find((x) => x.name === "data")!;
    expect(t.rows.map((row) => [row.kind, row.cells[0]!.text])).toEqual([
      ["data", "甲"],
      ["data", "乙"],
      ["data", "丙"],
      ["subtotal", "小计 一"],
      ["subtotal", "小计 二"],
      ["total", "合计"],
    ]);
  });
});
