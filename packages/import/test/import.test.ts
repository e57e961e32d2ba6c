import { analyze, type IndicatorResult } from "@perf/engine";
import { parse } from "@perf/language";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImportRefusal, importScoringTable, limits, readDocx } from "../src/index.js";
import { safeUnzip } from "../src/limits.js";

const zh = { fileName: "表.xlsx", locale: "zh" as const };

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function score(text: string) {
  const { result } = analyze([{ uri: "imported.perf", text }]);
  const nodes: IndicatorResult[] = [];
  const walk = (n: IndicatorResult) => (nodes.push(n), n.children.forEach(walk));
  result.indicators.forEach(walk);
  return { result, nodes };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ImportRefusal) return e.key;
    throw e;
  }
  throw new Error("not refused");
}

/** A minimal .docx: one table given as document.xml rows. */
function docx(rowsXml: string, title = "测试评价"): Uint8Array {
  const body = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>附件1</w:t></w:r></w:p><w:tbl>${rowsXml}</w:tbl></w:body></w:document>`;
  const core = `<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title></cp:coreProperties>`;
  return zipSync({ "word/document.xml": strToU8(body), "docProps/core.xml": strToU8(core), "[Content_Types].xml": strToU8("<Types/>") });
}
const tc = (text: string, props = "") => `<w:tc><w:tcPr>${props}</w:tcPr>${text.split("\n").map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join("")}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join("")}</w:tr>`;

describe("a workbook laid out differently", () => {
  // title row, columns reordered, synonyms in the headers (权重, 评分标准, 评价得分, 得分说明),
  // upper levels written once per group without merges, a 合计 row, a column nobody knows
  const bytes = workbook((wb) => {
    const ws = wb.addWorksheet("评分");
    ws.addRow(["某项目绩效评价评分表"]);
    ws.mergeCells("A1:I1");
    ws.addRow(["序号", "一级指标", "二级指标", "三级指标", "权重（分）", "评分标准", "评价 得分", "得分说明", "备用列"]);
    ws.addRow([1, "决策", "立项", "依据充分性", 6, "依据充分得满分", 5.5, "扣0.5分", ""]);
    ws.addRow([2, "", "", "程序规范性", 4, "程序规范得满分", "4分", "", ""]);
    ws.addRow([3, "产出", "数量", "完成率", 60, "按比例得分", 48, "完成80%", ""]);
    ws.addRow([4, "", "满意度", "满意度", 30, "满意度×分值", { formula: "30*0.9", result: 27 }, "", ""]);
    ws.addRow(["合计", "", "", "", 100, "", 84.5, "", ""]);
  });

  it("imports the tree with weights, texts, scores and the total, found by header names", async () => {
    const r = await importScoringTable(await bytes, zh);
    expect(r.kind).toBe("xlsx");
    const { result, nodes } = score(r.text);
    expect(result.summary.errors).toBe(0);
    expect(result.total.score).toBe("84.5");
    expect(result.total.declared).toBe("84.5");
    expect(nodes.map((n) => `${n.name}:${n.weight}:${n.score}`)).toEqual([
      "决策:10:9.5",
      "立项:10:9.5",
      "依据充分性:6:5.5",
      "程序规范性:4:4",
      "产出:90:75",
      "数量:60:48",
      "完成率:60:48",
      "满意度:30:27",
      "满意度:30:27",
    ]);
    const leaf = nodes.find((n) => n.name === "依据充分性")!;
    expect(leaf.criteria).toBe("依据充分得满分");
    expect(leaf.note).toBe("扣0.5分");
    expect(leaf.declared).toBe("5.5");
    // 满意度 is a keyword: the id is changed, the display name kept
    expect(r.text).toMatch(/indicator 满意度_指标 "满意度" weight 30/);
    expect(r.text).toContain("// TODO");
    // the unknown column is reported with its cell
    expect(r.problems).toEqual(["评分!A2：表头“序号”无法识别，该列未导入", "评分!I2：表头“备用列”无法识别，该列未导入"]);
  });

  it("reports what it cannot map, naming the cell, in English too", async () => {
    const b = await workbook((wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["一级指标", "分值", "二级指标", "分值", "得分"]);
      ws.addRow(["决策", 10, "立项", "十分", "好"]);
      ws.addRow(["决策", 10, "目标", 10, 8]);
    });
    const r = await importScoringTable(b, { fileName: "s.xlsx", locale: "en" });
    expect(r.problems).toContain("S!D2: “十分” is not a number (立项); not imported");
    expect(r.problems).toContain("S!E2: “好” is not a number (立项); not imported");
    expect(r.problems).toContain("S!E2: 立项 has no score; a TODO was added");
    expect(r.text).toContain("// TODO the table gives no score for this indicator");
    expect(parse(r.text, "s.perf").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("docx tables", () => {
  it("resolves vMerge and gridSpan merges", async () => {
    const restart = '<w:vMerge w:val="restart"/>';
    const cont = "<w:vMerge/>";
    const bytes = docx(
      tr(tc("一级指标"), tc("分值"), tc("二级指标"), tc("分值"), tc("评价标准"), tc("得分")) +
        tr(tc("决策", restart), tc("20", restart), tc("立项"), tc("12"), tc("①依据充分\n②程序规范"), tc("11")) +
        tr(tc("", cont), tc("", cont), tc("目标"), tc("8"), tc("目标明确"), tc("7.5")) +
        tr(tc("合计", '<w:gridSpan w:val="4"/>'), tc(""), tc("18.5")),
    );
    const grids = readDocx(bytes).grids;
    expect(grids[0]!.rows[2]![0]).toEqual({ text: "决策", master: { row: 1, col: 0 } });
    expect(grids[0]!.rows[3]!.map((c) => c.text)).toEqual(["合计", "合计", "合计", "合计", "", "18.5"]);
    const r = await importScoringTable(bytes, { fileName: "t.docx", locale: "zh" });
    const { result, nodes } = score(r.text);
    expect(r.text).toContain('evaluation "测试评价"');
    expect(nodes.map((n) => `${n.name}:${n.weight}:${n.score}`)).toEqual(["决策:20:18.5", "立项:12:11", "目标:8:7.5"]);
    expect(nodes[1]!.criteria).toBe("①依据充分\n②程序规范");
    expect(result.total.declared).toBe("18.5");
    expect(r.problems).toEqual([]);
  });

  it("refuses a document without a scoring table", async () => {
    expect(await refusal(importScoringTable(docx(tr(tc("序号"), tc("问题"))), zh))).toBe("noTable");
  });
});

describe("hostile input", () => {
  it("refuses a file that is not a zip, and an old .xls", async () => {
    expect(await refusal(importScoringTable(strToU8("一级指标,分值\n决策,10\n"), zh))).toBe("notZip");
    expect(await refusal(importScoringTable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), zh))).toBe("oldFormat");
    expect(await refusal(importScoringTable(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]), zh))).toBe("corrupt");
  });

  it("refuses a zip bomb before inflating it", async () => {
    const bomb = zipSync({ "word/document.xml": new Uint8Array(limits.entryBytes + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(importScoringTable(bomb, zh))).toBe("bomb");
  });

  it("inflates an entry that lies about its size only up to the declared size", () => {
    const honest = zipSync({ "word/document.xml": new Uint8Array(5_000_000).fill(32) }, { level: 9 });
    // declared uncompressed size: 100 bytes, in the local and the central header
    const lying = honest.slice();
    const view = new DataView(lying.buffer);
    for (let i = 0; i + 4 < lying.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) view.setUint32(i + 22, 100, true);
      if (sig === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
    expect(safeUnzip(lying)["word/document.xml"]!.length).toBe(100);
  });

  it("refuses a sheet with too many rows", async () => {
    const b = await workbook((wb) => {
      const ws = wb.addWorksheet("大表");
      ws.getCell("A1").value = "一级指标";
      ws.getCell(`A${limits.rows + 5}`).value = "x";
    });
    expect(await refusal(importScoringTable(b, zh))).toBe("tooManyCells");
  });

  it("counts the cells in the sheet XML before exceljs builds them", async () => {
    const b = await workbook((wb) => {
      const ws = wb.addWorksheet("宽表");
      ws.addRow(["一级指标", "分值"]);
      for (let r = 0; r < 30; r++) ws.addRow(["决策", 1]);
    });
    const saved = limits.cells;
    limits.cells = 50;
    try {
      const e = await importScoringTable(b, zh).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ImportRefusal);
      expect((e as ImportRefusal).args).toMatchObject({ name: "sheet1.xml", rows: 31, cells: 62 });
    } finally {
      limits.cells = saved;
    }
  });

  it("refuses a file over the size cap without unzipping it", async () => {
    const big = new Uint8Array(limits.fileBytes + 1);
    big[0] = 0x50;
    big[1] = 0x4b;
    expect(await refusal(importScoringTable(big, zh))).toBe("tooLarge");
  });
});
