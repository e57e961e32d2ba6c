import { Decimal, EvaluationResultSchema, resultWithOffsets } from "@perf/engine";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { buildReport, parseGrouping, render, toCsv, toHtml, toMarkdown } from "../src/index.js";
import { docxTables, expectGolden, fromText, gridColumns, unzip, yongzhou, yongzhouFixture, yongzhouFixtureAnalysis } from "./helpers.js";

const result = yongzhou();
const groups = [parseGrouping("项目绩效=项目产出,社会效益,服务对象满意度")];

// An indicator name, a reason and a finding that try to inject markup or spreadsheet formulas.
const evil = fromText(`evaluation "评价<b>标题</b>" { total 10 }
indicator 甲 "<script>alert(1)</script>" weight 6 { deduct 1 "=HYPERLINK(\\"http://x\\")" }
indicator 乙 "a|b*c_" weight 4 { score 4 }
finding 问题一 on 甲 { unit "+单位" project "@项目" issue "-问题" description "<img src=x onerror=alert(1)>" }
`);

describe("golden files (UPDATE_GOLDEN=1 to regenerate)", () => {
  const result = yongzhouFixture();
  it("markdown", async () => expectGolden("yongzhou-2023.md", (await render(result, "md", { groups })) as string));
  it("csv", async () => expectGolden("yongzhou-2023.csv", (await render(result, "csv", { groups })) as string));
  it("json is the engine result, each position with its offset", async () => {
    const withOffsets = resultWithOffsets(yongzhouFixtureAnalysis());
    const json = (await render(withOffsets, "json")) as string;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(withOffsets)));
    expect(EvaluationResultSchema.safeParse(JSON.parse(json)).success).toBe(true);
    expectGolden("yongzhou-2023.json", json);
  });
});

describe("markdown", () => {
  it("escapes markup in names", () => {
    const md = toMarkdown(buildReport(evil));
    expect(md).not.toContain("<script>");
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("a\\|b\\*c\\_");
    expect(md).not.toContain("<img");
  });

  it("speaks English on request", () => {
    const md = toMarkdown(buildReport(result, { locale: "en", tables: ["summary"] }));
    expect(md).toContain("- Conclusion: Total score 82.46 of 100; grade “良”.");
    expect(md).toContain("## Table 1: Score summary");
    expect(md).toContain("| **Total** |  | **100** | **82.46** | **82.46%** |");
  });
});

describe("csv", () => {
  it("starts with a BOM, neutralises formulas and fills merged cells down", () => {
    const csv = toCsv(buildReport(evil, { tables: ["findings"] }));
    expect(csv.startsWith("\uFEFF序号,")).toBe(true);
    const row = csv.split("\r\n")[1]!;
    expect(row).toContain(",'+单位,'@项目,");
    expect(row).toContain(",'-问题,");
    const ded = toCsv(buildReport(evil, { tables: ["deductions"] }));
    // the reason is inside the worded sentence now ("甲：=HYPERLINK(…)，扣1分。"), so the cell starts with the name
    expect(ded).toContain(`：=HYPERLINK(""http://x"")，扣1分。"`);
    expect(ded).not.toMatch(/,"?=HYPERLINK/);
    const scores = toCsv(buildReport(result, { tables: ["scores"] })).split("\r\n");
    expect(scores[2]!.startsWith("项目决策,14,项目立项,6,立项程序规范性,2,")).toBe(true);
  });
});

describe("html", () => {
  const html = toHtml(buildReport(result, { groups }));

  it("sets cells as Word does: names centred, sentences from the left, numbers to the right", () => {
    const scores = /<section id="scores" class="wide">[\s\S]*?<\/section>/.exec(html)![0];
    expect(html).toContain("td { text-align: center; }");
    expect(scores).toContain("<td>立项依据充分性</td>");
    expect(scores).toContain("<td class=\"long\">预算资金是否按照计划执行，");
    expect(scores).toContain('<td class="num">82.46</td>');
    // the 合计 row's label is centred, as in Word, not set as a sentence
    expect(scores).toMatch(/<tr class="total"><td( colspan="\d+")?>合计<\/td>/);
  });

  it("is one self-contained file with inline SVG charts (two overall, one per root) and no script", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|url\(http/i);
    expect(html.match(/<figure class="chart"[^>]*><svg /g)).toHaveLength(2 + 4);
    expect(html).toContain("@page wide { size: A4 landscape;");
    expect(html).toMatch(/<section id="scores" class="wide">/);
    expect(html).toContain('<td rowspan="6">项目决策</td>');
    expect(html).toContain("<td class=\"num\">82.46</td>");
    const rates = /<figure class="chart" id="chart-rates">([\s\S]*?)<\/figure>/.exec(html)![1]!;
    expect(rates).toContain("组织实施");
    expect(rates).toContain("64.00%");
    expect(rates.match(/<path d="M/g)!.length).toBeGreaterThanOrEqual(11); // one bar per branch
    const roots = /<figure class="chart" id="chart-roots">([\s\S]*?)<\/figure>/.exec(html)![1]!;
    expect(roots).toContain("26.44");
    // 项目产出 (root 3): its 二级 indicators' weights and scores summed from its leaves
    const root3 = /<section id="root-3">[\s\S]*?<figure class="chart" id="chart-root-3">([\s\S]*?)<\/figure>\s*<\/section>/.exec(html)![1]!;
    for (const name of ["产出数量", "产出质量", "产出时效", "产出成本"]) expect(root3).toContain(name);
  });

  it("keeps headings with what follows and repeats the header rows and the unit on every printed page", () => {
    expect(html).toMatch(/h2 \{[^}]*break-after: avoid/);
    expect(html).toMatch(/thead \{ display: table-header-group;/);
    const head = /<section id="scores" class="wide">[\s\S]*?<thead>([\s\S]*?)<\/thead>/.exec(html)![1]!;
    expect(head).toMatch(/^<tr class="unit"><th colspan="10">单位：分<\/th><\/tr><tr><th scope="col">一级指标/);
    const findings = /<section id="findings" class="wide">[\s\S]*?<thead>([\s\S]*?)<\/thead>/.exec(html)![1]!;
    expect(findings).not.toContain("单位：分");
  });

  it("shows a <script> in an indicator name as text, in tables and charts", () => {
    const evilHtml = toHtml(buildReport(evil));
    expect(evilHtml).not.toMatch(/<script|<img|<b>/i);
    expect(evilHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(evilHtml).toContain("<title>评价&lt;b&gt;标题&lt;/b&gt;绩效评价报告</title>");
  });
});

describe("docx read back from its XML", async () => {
  const bytes = (await render(result, "docx", { groups })) as Uint8Array;
  const xml = await unzip(bytes, "word/document.xml");
  const tables = docxTables(xml);
  const scoreTable = tables.find((t) => t.rows[0]!.map((c) => c.text).join("|") === "一级指标|分值|二级指标|分值|三级指标|分值|指标解释|评价标准|得分|评价说明")!;
  const findingTable = tables.find((t) => t.rows[0]![0]!.text === "序号" && t.rows[0]![1]!.text === "项目单位")!;

  it("has the 附件1 table with 27 leaves, a repeated header row and 82.46", () => {
    expect(scoreTable).toBeDefined();
    expect(scoreTable.header[0]).toBe(true);
    expect(scoreTable.header.slice(1).every((h) => !h)).toBe(true);
    const body = scoreTable.rows.slice(1);
    expect(body).toHaveLength(28);
    const leaves = body.slice(0, 27).map(gridColumns);
    expect(leaves.every((r) => r.length === 10)).toBe(true);
    const total = leaves.reduce((a, r) => a.plus(new Decimal(r[8]!.text)), new Decimal(0));
    expect(total.toFixed()).toBe("82.46");
    const last = gridColumns(body[27]!);
    expect(last[0]!.text).toBe("合计");
    expect(last[8]!.text).toBe("82.46");
    expect(xml.indexOf("附件1")).toBeLessThan(xml.indexOf("立项依据充分性</w:t>", xml.indexOf("附件1")));
  });

  it("merges 一级 and 二级 cells vertically (vMerge) and the 合计 row horizontally (gridSpan)", () => {
    const body = scoreTable.rows.slice(1, 28).map(gridColumns);
    const col = (c: number) => body.map((r) => r[c]!.vMerge ?? "none");
    expect(col(0).filter((v) => v === "restart")).toHaveLength(4);
    expect(col(0).filter((v) => v === "continue")).toHaveLength(23);
    expect(col(2).filter((v) => v === "restart")).toHaveLength(8); // 11 branches, three of them one row high
    expect(col(4).every((v) => v === "none")).toBe(true);
    const restarts = body.map((r) => (r[0]!.vMerge === "restart" ? r[0]!.text : null)).filter(Boolean);
    expect(restarts).toEqual(["项目决策", "项目过程", "项目产出", "项目效益"]);
    expect(scoreTable.rows[28]!.some((c) => c.gridSpan === 6)).toBe(true);
  });

  it("lists every finding in 附件2 and lays the appendices out landscape", () => {
    expect(findingTable.rows).toHaveLength(result.findings.length + 1);
    const issues = findingTable.rows.slice(1).map((r) => gridColumns(r)[5]!.text);
    expect(issues).toEqual(expect.arrayContaining(result.findings.map((f) => f.issue ?? f.title ?? f.id)));
    // 附件1 评分表, 附件2 问题清单 and 附件3 核对事项
    expect(xml.match(/w:orient="landscape"/g)?.length).toBe(3);
    // fonts every Windows and WPS install has (not 仿宋_GB2312 / 方正小标宋简体)
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).not.toMatch(/GB2312|方正/);
  });

  it("writes 扣分明细 as numbered prose, like the reports", () => {
    const paragraphs = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, "")).join(""));
    expect(paragraphs).toContain("（一）项目决策总分14分，实得12.5分，扣1.5分。");
    expect(paragraphs).toContain("（四）项目效益总分30分，实得26.44分，扣3.56分。");
    expect(paragraphs.some((p) => p.startsWith("1. 方案设计合理性：部分项目存在前期规划不充分"))).toBe(true);
    expect(paragraphs).toContain("3. 制度执行有效性：政府采购管理不规范5例、合同管理不规范5例、项目建设管理不规范1例、资产管理欠规范2例，每例扣0.2分，共13例，扣2.6分。");
  });

  it("escapes text", async () => {
    const evilXml = await unzip((await render(evil, "docx")) as Uint8Array, "word/document.xml");
    expect(evilXml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(docxTables(evilXml).some((t) => t.rows.some((r) => r.some((c) => c.text === "<script>alert(1)</script>")))).toBe(true);
  });
});

describe("docx rows across pages", () => {
  it("keeps a short row of a landscape table whole and lets a tall one break", async () => {
    const xml = await unzip((await render(yongzhou(), "docx", { tables: ["findings"] })) as Uint8Array, "word/document.xml");
    const rows = (/<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)![0].match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? []).slice(1);
    const chars = (tr: string) => (tr.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).join("").replace(/<[^>]+>/g, "").length;
    const whole = (tr: string) => /<w:cantSplit\/>|<w:cantSplit w:val="(true|1|on)"\/>/.test(tr);
    // 附件2's findings: some of a line or two, some whose 问题描述 runs to ten lines
    const short = rows.filter((tr) => chars(tr) < 100);
    const long = rows.filter((tr) => chars(tr) > 300);
    expect(short.length).toBeGreaterThan(3);
    expect(long.length).toBeGreaterThan(0);
    expect(short.every(whole)).toBe(true);
    expect(long.some(whole)).toBe(false);
  });
});

describe("xlsx read back with SheetJS", async () => {
  const bytes = (await render(result, "xlsx", { groups })) as Uint8Array;
  const wb = XLSX.read(bytes, { type: "array", cellFormula: true, cellNF: true });

  /** A reference as the writer spells it ('sheet'!A1:B2 or A1): the sheet it is on and the range. */
  const parseRef = (ws: XLSX.WorkSheet, ref: string): [XLSX.WorkSheet, string] => {
    const m = /^'((?:[^']|'')+)'!(.+)$/.exec(ref);
    if (!m) return [ws, ref];
    const other = wb.Sheets[m[1]!.replace(/''/g, "'")];
    if (!other) throw new Error(`no sheet in ${ref}`);
    return [other, m[2]!];
  };
  const cellValue = (ws: XLSX.WorkSheet, ref: string): number => {
    const [sheet, at] = parseRef(ws, ref);
    const c = sheet[at];
    return c?.f ? evaluate(sheet, c.f) : typeof c?.v === "number" ? c.v : 0;
  };
  /** Recomputes a SUM/IF/reference formula from the workbook's cells, so a wrong reference fails. */
  const evaluate = (ws: XLSX.WorkSheet, f: string): number => {
    const sum = /^SUM\((.*)\)$/.exec(f);
    if (sum)
      return sum[1]!.split(",").reduce((acc, part) => {
        const [sheet, range] = parseRef(ws, part);
        const [a, b = a] = range.split(":");
        const r = XLSX.utils.decode_range(`${a}:${b}`);
        if (!/^[A-Z]+\d+$/.test(a!) || !/^[A-Z]+\d+$/.test(b)) throw new Error(`unexpected range ${part}`);
        for (let R = r.s.r; R <= r.e.r; R++)
          for (let C = r.s.c; C <= r.e.c; C++) acc = acc.plus(new Decimal(cellValue(sheet, XLSX.utils.encode_cell({ r: R, c: C }))));
        return acc;
      }, new Decimal(0)).toNumber();
    const ratio = /^IF\((\w+)=0,"",(\w+)\/(\w+)\)$/.exec(f);
    if (ratio) return cellValue(ws, ratio[2]!) / cellValue(ws, ratio[3]!);
    if (/^('(?:[^']|'')+'!)?[A-Z]+\d+$/.test(f)) return cellValue(ws, f);
    throw new Error(`unexpected formula ${f}`);
  };

  it("has one sheet per table", () => {
    expect(wb.SheetNames).toEqual(["表1：绩效评价得分情况表", "表2：项目决策指标分析", "表3：项目过程指标分析", "表4：项目产出指标分析", "表5：项目效益指标分析", "表6：扣分明细", "附件1：项目绩效评价指标体系评分表", "附件2：问题清单", "附件3：核对事项"]);
  });

  it("keeps the 评分表 numbers, merges and a SUM over the 27 leaves", () => {
    const ws = wb.Sheets["附件1：项目绩效评价指标体系评分表"]!;
    expect(ws["A2"].v).toBe("一级指标");
    expect(ws["A3"].v).toBe("项目决策");
    const merges = (ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m));
    expect(merges).toEqual(expect.arrayContaining(["A3:A8", "B3:B8", "C3:C5", "A9:A12", "A13:A24", "A25:A29"]));
    const total = ws["I30"];
    expect(total.f).toBe("SUM(I3:I29)");
    expect(total.v).toBe(82.46);
    expect(evaluate(ws, total.f)).toBeCloseTo(82.46, 10);
    expect(ws["I5"].v).toBe(1);
    expect(ws["I5"].z).toBe("0.00");
    expect(ws["B30"].f).toBe("SUM(B3,B9,B13,B25)");
    expect(evaluate(ws, ws["B30"].f)).toBe(100);
  });

  it("computes 小计, 合计 and 得分率 with formulas that agree with the engine", () => {
    const ws = wb.Sheets["表1：绩效评价得分情况表"]!;
    const rows = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: true }) as unknown[][];
    const sub = rows.findIndex((r) => r[0] === "小计" && r[2] === 70) + 1;
    expect(ws[`D${sub}`].f).toBe(`SUM(D${sub - 3}:D${sub - 1})`);
    expect(evaluate(ws, ws[`D${sub}`].f)).toBeCloseTo(57.64, 10);
    const tot = rows.findIndex((r) => r[0] === "合计") + 1;
    expect(ws[`D${tot}`].v).toBe(82.46);
    expect(evaluate(ws, ws[`D${tot}`].f)).toBeCloseTo(82.46, 10);
    expect(ws[`E${tot}`].f).toBe(`IF(C${tot}=0,"",D${tot}/C${tot})`);
    expect(evaluate(ws, ws[`E${tot}`].f)).toBeCloseTo(0.8246, 10);
    expect(ws[`E${tot}`].z).toBe("0.00%");
  });

  it("takes the summary and per-root numbers from 附件1, so editing a leaf there updates every sheet", () => {
    const scores = "附件1：项目绩效评价指标体系评分表";
    const s1 = wb.Sheets["表1：绩效评价得分情况表"]!;
    const rows = XLSX.utils.sheet_to_json<string[]>(s1, { header: 1, raw: true }) as unknown[][];
    const first = rows.findIndex((r) => r[0] === "项目决策") + 1;
    expect(s1[`C${first}`].f).toBe(`'${scores}'!D3`);
    expect(s1[`D${first}`].f).toBe(`SUM('${scores}'!I3:I5)`);
    const root = wb.Sheets["表2：项目决策指标分析"]!;
    expect(root["D3"].f).toBe(`SUM('${scores}'!I3)`);
    const totals = () =>
      wb.SheetNames.flatMap((name) => {
        const ws = wb.Sheets[name]!;
        const tr = (XLSX.utils.sheet_to_json<string[]>(ws, { header: 1, raw: true }) as unknown[][]).findIndex((r) => r[0] === "合计") + 1;
        if (tr === 0) return [];
        const col = name.startsWith("附件1") ? "I" : "D";
        return [[name, evaluate(ws, ws[`${col}${tr}`].f)] as const];
      });
    const before = new Map(totals());
    expect(before.get(scores)).toBeCloseTo(82.46, 10);
    expect(before.get("表1：绩效评价得分情况表")).toBeCloseTo(82.46, 10);
    const leaf = wb.Sheets[scores]!["I5"]!;
    const old = leaf.v;
    leaf.v = (old as number) + 1;
    try {
      const after = new Map(totals());
      expect(after.get(scores)).toBeCloseTo(83.46, 10);
      expect(after.get("表1：绩效评价得分情况表")).toBeCloseTo(83.46, 10);
      expect(after.get("表2：项目决策指标分析")! - before.get("表2：项目决策指标分析")!).toBeCloseTo(1, 10);
      expect(after.get("表3：项目过程指标分析")).toBeCloseTo(before.get("表3：项目过程指标分析")!, 10);
    } finally {
      leaf.v = old;
    }
  });

  it("keeps the engine's numbers as values when the workbook has no 附件1 to point at", async () => {
    const alone = XLSX.read((await render(result, "xlsx", { groups, tables: ["summary"] })) as Uint8Array, { type: "array", cellFormula: true });
    const ws = alone.Sheets[alone.SheetNames[0]!]!;
    expect(ws["C3"].f).toBeUndefined();
    expect(ws["D3"].f).toBeUndefined();
    expect(ws["D3"].v).toBe(5);
    expect(ws["E3"].f).toBe('IF(C3=0,"",D3/C3)');
  });

  it("freezes the header row and keeps text as typed", async () => {
    const sheetXml = await unzip(bytes, "xl/worksheets/sheet7.xml");
    expect(sheetXml).toMatch(/<pane[^>]*ySplit="2"[^>]*state="frozen"/);
    expect(await unzip(bytes, "xl/workbook.xml")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    const evilWb = XLSX.read((await render(evil, "xlsx")) as Uint8Array, { type: "array", cellFormula: true });
    const scores = evilWb.Sheets[evilWb.SheetNames.find((n) => n.startsWith("附件1"))!]!;
    expect(scores["A3"].v).toBe("<script>alert(1)</script>");
    const ded = evilWb.Sheets[evilWb.SheetNames.find((n) => n.includes("扣分明细"))!]!;
    const reasons = Object.values(ded).filter((c) => typeof c === "object" && c && "v" in c && String(c.v).includes('=HYPERLINK("http://x")'));
    expect(reasons).toHaveLength(1);
    expect(reasons[0]!.f).toBeUndefined();
  });
});
