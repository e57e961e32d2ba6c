import JSZip from "jszip";
import { SaxesParser } from "saxes";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { render, sheetName, sheetRef } from "../src/index.js";
import { fromText, unzip } from "./helpers.js";

const names = (captions: string[]) => {
  const taken = new Set<string>();
  return captions.map((c) => sheetName(c, taken));
};

describe("sheet names", () => {
  it("drop the characters Excel forbids", () => {
    expect(names(["表1：a[b]c:d*e?f/g\\h"])).toEqual(["表1：abcdefgh"]);
  });

  it("are at most 31 units, never cut inside a surrogate pair", () => {
    const [a] = names(["表2：" + "长".repeat(40)]);
    expect(a).toBe("表2：" + "长".repeat(28));
    const [b] = names(["表2：" + "长".repeat(26) + "𠮷𠮷"]);
    expect(b!.length).toBeLessThanOrEqual(31);
    expect(b).toBe("表2：" + "长".repeat(26) + "𠮷");
    const [c] = names(["x".repeat(30) + "𠮷"]);
    expect(c).toBe("x".repeat(30));
  });

  it("never start or end with an apostrophe, even after clipping", () => {
    expect(names(["''It's''"])).toEqual(["It's"]);
    expect(names(["x".repeat(30) + "'abc"])).toEqual(["x".repeat(30)]);
    expect(names(["'''", ""])).toEqual(["Sheet", "Sheet 2"]);
  });

  it("are unique ignoring case after clipping, and never History", () => {
    const long = "附件1：" + "很长的表格名称".repeat(6);
    const [a, b, c] = names([long, long + "二", long.toUpperCase()]);
    expect(new Set([a, b, c].map((n) => n!.toLowerCase())).size).toBe(3);
    expect([a, b, c].every((n) => n!.length <= 31)).toBe(true);
    expect(b!.endsWith(" 2")).toBe(true);
    expect(names(["History", "history"])).toEqual(["History 2", "history 3"]);
  });

  it("are quoted with doubled apostrophes in references", () => {
    expect(sheetRef("It's")).toBe("'It''s'");
    expect(sheetRef("表1")).toBe("'表1'");
  });
});

describe("print titles of a workbook whose indicator names hold apostrophes", async () => {
  const result = fromText(`evaluation "t" { total 10 }
indicator a "It's" weight 6 { score 5 }
indicator b "'quoted'" weight 4 { score 4 }
`);
  const bytes = (await render(result, "xlsx")) as Uint8Array;
  const wb = XLSX.read(bytes, { type: "array" });

  it("names the sheets after the captions", () => {
    expect(wb.SheetNames).toContain("表2：It's指标分析");
    expect(wb.SheetNames).toContain("表3：'quoted'指标分析");
  });

  it("repeat row 2 of every sheet, with the sheet name quoted as Excel spells it", () => {
    const titles = (wb.Workbook?.Names ?? []).filter((n) => n.Name === "_xlnm.Print_Titles");
    expect(titles).toHaveLength(wb.SheetNames.length);
    for (const t of titles) expect(t.Ref).toBe(`${sheetRef(wb.SheetNames[t.Sheet!]!)}!$2:$2`);
    const its = titles.find((t) => wb.SheetNames[t.Sheet!] === "表2：It's指标分析")!;
    expect(its.Ref).toBe("'表2：It''s指标分析'!$2:$2");
    // SheetJS resolves the reference back to the sheet it names
    const [sheet, range] = its.Ref.split(/!(?=[^!]*$)/);
    expect(sheet!.slice(1, -1).replace(/''/g, "'")).toBe("表2：It's指标分析");
    expect(range).toBe("$2:$2");
  });

  it("keeps workbook.xml well-formed", async () => {
    const xml = await unzip(bytes, "xl/workbook.xml");
    const p = new SaxesParser();
    const errors: string[] = [];
    const defined: string[] = [];
    let inName: string | null = null;
    p.on("error", (e) => errors.push(e.message));
    p.on("opentag", (t) => (inName = t.name === "definedName" ? `${t.attributes.name}@${t.attributes.localSheetId}=` : null));
    p.on("text", (s) => inName !== null && defined.push(inName + s));
    p.write(xml).close();
    expect(errors).toEqual([]);
    expect(defined).toContain("_xlnm.Print_Titles@1='表2：It''s指标分析'!$2:$2");
    expect(defined).toContain("_xlnm.Print_Titles@2='表3：''quoted''指标分析'!$2:$2");
    expect(Object.keys((await JSZip.loadAsync(bytes)).files).filter((f) => f.startsWith("xl/worksheets/sheet"))).toHaveLength(wb.SheetNames.length);
  });
});

describe("the 问题清单 sheet's columns", () => {
  it("are as wide as their header where no finding has a text for them", async () => {
    const r = fromText(`evaluation "e" { total 10 }
indicator a weight 10 { score 10 }
finding f1 "个别项目上年结转资金未及时使用" { class "资金使用管理" }
finding f2 "纳入评价范围的统筹集约建设项目预算执行率有待提高" { class "资金使用管理"; description "说明" }`);
    const wb = XLSX.read(await render(r, "xlsx", { tables: ["findings"] }), { type: "array", cellStyles: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 }).find((row) => row.includes("具体问题"))!;
    const width = (name: string) => ws["!cols"]![header.indexOf(name)]!.wch ?? ws["!cols"]![header.indexOf(name)]!.width!;
    // 项目单位 and 关联指标 are empty in both rows; 问题描述 is not
    expect(width("项目单位")).toBeLessThan(width("问题描述"));
    expect(width("关联指标")).toBeLessThanOrEqual(12);
    expect(width("问题描述")).toBeGreaterThan(30);
    expect(width("具体问题")).toBeGreaterThan(width("项目单位"));
  });
});
