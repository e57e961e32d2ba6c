import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildReport, render, toXlsx } from "../src/index.js";
import { LINE_PT, lineCount } from "../src/writers/xlsx-layout.js";
import { fromText, unzip, yongzhou } from "./helpers.js";

const groups = [{ name: "项目绩效", members: ["项目产出", "社会效益", "服务对象满意度"] }];

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Column pixel width as Excel draws it (Calibri 11: 7 px a unit, 5 px of margins). */
const px = (ws: ExcelJS.Worksheet, from: number, to: number) => {
  let w = 0;
  for (let c = from; c <= to; c++) w += Math.trunc(ws.getColumn(c).width! * 7 + 5);
  return w;
};

/**
 * A lower bound of the lines a text needs, independent of the writer's wrapping: its total
 * advance (CJK 1 em, anything else half an em at 10.5 pt = 14 px) over the cell's inner width.
 */
const minLines = (text: string, width: number) =>
  text.split("\n").reduce((a, p) => a + Math.max(1, Math.ceil([...p].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 14 : 7), 0) / (width - 7))), 0);

describe("xlsx print layout", async () => {
  const wb = await read((await render(yongzhou(), "xlsx", { groups })) as Uint8Array);
  const scores = wb.worksheets.find((w) => w.name.startsWith("附件1"))!;
  const findings = wb.worksheets.find((w) => w.name.startsWith("附件2"))!;

  it("gives every wrapped cell, merged ones included, the height its lines need", () => {
    let checked = 0;
    for (const ws of wb.worksheets) {
      const merges = (ws.model as { merges: string[] }).merges.map((m) => {
        const [a, b] = m.split(":");
        return [ws.getCell(a!), ws.getCell(b!)] as const;
      });
      ws.eachRow((row, r) => {
        if (r < 2) return;
        row.eachCell((cell, c) => {
          if (typeof cell.value !== "string" || cell.isMerged && cell.master !== cell) return;
          const m = merges.find(([a]) => a.address === cell.address);
          const [r2, c2] = m ? [Number(m[1].row), Number(m[1].col)] : [r, c];
          let height = 0;
          for (let k = r; k <= r2; k++) height += ws.getRow(k).height ?? 15;
          const lines = minLines(cell.value, px(ws, c, c2));
          expect(lines * LINE_PT, `${ws.name}!${cell.address} (${lines} lines in ${height} pt)`).toBeLessThanOrEqual(height);
          if (lines > 1) checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("grows the rows under a merged name too long for them", async () => {
    const long = "很长的一级指标名称".repeat(12);
    const r = fromText(`evaluation "t" { total 10 }\nindicator a "${long}" weight 10 {\n  indicator b "乙" weight 5 { score 5 }\n  indicator c "丙" weight 5 { score 4 }\n}\n`);
    const ws = (await read(await toXlsx(buildReport(r, { tables: ["scores"] })))).worksheets[0]!;
    expect(ws.getCell("A3").value).toBe(long);
    const need = lineCount(long, px(ws, 1, 1)) * LINE_PT;
    expect(need).toBeGreaterThan(2 * 20);
    expect(ws.getRow(3).height! + ws.getRow(4).height!).toBeGreaterThanOrEqual(need);
  });

  it("prints in 宋体 with a GB2312 charset, never the default Calibri", async () => {
    for (const ws of wb.worksheets)
      ws.eachRow((row) => row.eachCell((cell) => expect([cell.font?.name, cell.font?.charset]).toEqual(["宋体", 134])));
    expect(scores.getCell("I30").numFmt).toBe("0.00");
    expect(wb.worksheets[0]!.getCell("E3").numFmt).toBe("0.00%");
  });

  it("sets up each sheet for print: orientation, a readable scale, header rows repeated, page numbers", async () => {
    expect(scores.pageSetup.orientation).toBe("landscape");
    expect(findings.pageSetup.orientation).toBe("landscape");
    expect(wb.worksheets[0]!.pageSetup.orientation).toBe("portrait");
    const deductions = wb.worksheets.find((w) => w.name.includes("扣分明细"))!;
    expect(deductions.pageSetup.orientation).toBe("portrait");
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.oddFooter).toContain("&P");
      // fitted to the width only when the scale stays at least 70 %: the printed width over the page
      const width = px(ws, 1, ws.columnCount);
      const page = (ws.pageSetup.orientation === "landscape" ? 11.69 - 1 : 8.27 - 1) * 96;
      if (ws.pageSetup.fitToPage) expect(page / width, ws.name).toBeGreaterThanOrEqual(0.7);
      else expect(ws.pageSetup.scale).toBe(100);
    }
    const workbook = await unzip((await render(yongzhou(), "xlsx", { groups })) as Uint8Array, "xl/workbook.xml");
    const titles = [...workbook.matchAll(/<definedName name="_xlnm.Print_Titles"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(titles).toHaveLength(wb.worksheets.length);
    expect(titles.every((t) => t!.endsWith("!$2:$2"))).toBe(true);
  });

  it("aligns a merge over several rows at its top (Calc centres it where the merge's middle falls, maybe on the next page under the header)", () => {
    expect(scores.getCell("A3").alignment.vertical).toBe("top");
    expect(scores.getCell("C3").alignment.vertical).toBe("top");
    expect(scores.getCell("E3").alignment.vertical).toBe("middle");
    expect(scores.getCell("I3").alignment.vertical).toBe("middle");
  });

  it("freezes the indicator columns of 附件1 and the header row of every sheet", () => {
    expect(scores.views[0]).toMatchObject({ state: "frozen", xSplit: 6, ySplit: 2 });
    expect(findings.views[0]).toMatchObject({ state: "frozen", xSplit: 0, ySplit: 2 });
  });

  it("prints wide trees across pages at 100 % with the indicator columns repeated, not shrunk", async () => {
    // 12 levels: 24 name/weight columns, far wider than a landscape page at 70 %
    let text = "";
    for (let l = 0; l < 12; l++) text += `${"  ".repeat(l)}indicator n${l} "第${l + 1}级" weight 10 {\n`;
    text += `${"  ".repeat(12)}score 8\n`;
    for (let l = 11; l >= 0; l--) text += `${"  ".repeat(l)}}\n`;
    const bytes = await toXlsx(buildReport(fromText(`evaluation "t" { total 10 }\n${text}`), { tables: ["scores"] }));
    const ws = (await read(bytes)).worksheets[0]!;
    expect(ws.pageSetup.fitToPage).toBeFalsy();
    expect(ws.pageSetup.scale).toBe(100);
    expect(await unzip(bytes, "xl/workbook.xml")).toMatch(/_xlnm\.Print_Titles[^>]*>[^<]*!\$A:\$X,[^<]*!\$2:\$2</);
  });
});
