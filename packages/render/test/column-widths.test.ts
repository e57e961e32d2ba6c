import { describe, expect, it } from "vitest";
import type { Cell, Column, Table } from "../src/model.js";
import { columnWidths, headerLines, textWidth1, wraps } from "../src/writers/column-widths.js";

const em = 200;
const margins = 120;
const text = (t: string): Cell => ({ text: t, kind: "text" });
const col = (key: string, width: number): Column => ({ key, header: key, kind: "text", width });
const table = (columns: Column[], rows: string[][]): Table => ({
  id: "t",
  name: "findings",
  title: "t",
  columns,
  rows: rows.map((r) => ({ kind: "data", cells: r.map(text) })),
  orientation: "landscape",
  notes: [],
});
// a column's minimum: its header (up to four characters) or two, with the 15% slack
const minimum = (header: string) => Math.ceil(Math.max(Math.min(textWidth1(header, em), 4 * em), 2 * em) * 1.15) + margins;

describe("column widths from the content", () => {
  const issue = "个别项目上年结转资金未及时使用"; // 15 characters
  const t = table(
    [col("单位", 12), col("具体问题", 14), col("问题描述", 40)],
    [
      ["甲局", issue, ""],
      ["乙中心", "个别项目进度滞后", ""],
    ],
  );

  it("gives a column with no text nothing beyond its minimum", () => {
    const w = columnWidths(t, 12_000, em, margins);
    expect(w[2]).toBe(minimum("问题描述"));
    expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(12_000);
  });

  it("gives a short column what its longest text needs, and the rest to the others", () => {
    // too narrow for 具体问题 on one line: by the model's widths 单位 would get more than it needs
    const w = columnWidths(t, 5_000, em, margins);
    expect(w[0]).toBe(Math.ceil(textWidth1("乙中心", em) * 1.15) + margins);
    expect(w[1]).toBe(5_000 - w[0]! - w[2]!);
    expect(wraps(t, 1, w[1]!, em, margins)).toBe(true);
    // wide enough: on one line
    expect(wraps(t, 1, columnWidths(t, 6_000, em, margins)[1]!, em, margins)).toBe(false);
  });

  it("asks half its longest text for a column written in fewer than a quarter of the rows", () => {
    const title = "绩效目标编制质量不高"; // 10 characters, in one row of twenty
    const sentence = "个别项目在可行性研究报告报批前未组织专家"; // 20 characters, in every row
    const rows = (written: number) => Array.from({ length: 20 }, (_, i) => [i < written ? title : "", sentence]);
    const oneLine = (s: string) => Math.ceil(textWidth1(s, em) * 1.15) + margins;
    const half = Math.ceil((textWidth1(title, em) / 2) * 1.15) + margins;
    // room for the sentence on one line beside half the title, not beside all of it
    const width = half + oneLine(sentence);
    const sparse = table([col("问题定性", 12), col("具体问题", 14)], rows(1));
    const w = columnWidths(sparse, width, em, margins);
    expect(w[0]).toBe(half);
    expect(wraps(sparse, 1, w[1]!, em, margins)).toBe(false);
    // written in five rows of twenty (a quarter): the column asks its whole longest text, as before
    const dense = table([col("问题定性", 12), col("具体问题", 14)], rows(5));
    const d = columnWidths(dense, width, em, margins);
    expect(d[0]).toBeGreaterThan(half);
    expect(wraps(dense, 1, d[1]!, em, margins)).toBe(true);
  });

  it("never breaks a header inside a word or its unit: the column holds them, the line breaks before the unit", () => {
    const number = (header: string): Column => ({ key: header, header, kind: "percent", width: 6 });
    // a sentence too long for the page takes the free width: the number columns keep their minimum
    const t2 = table([number("Completion"), number("预算（万元）"), col("说明", 40)], [["", "", ""]]);
    t2.rows[0]!.cells = [{ text: "90%", kind: "percent", value: "0.9" }, { text: "1", kind: "decimal", value: "1" }, text("说".repeat(200))];
    const w = columnWidths(t2, 8_000, em, margins);
    expect(w[0]).toBeGreaterThanOrEqual(Math.ceil(textWidth1("Completion", em) * 1.15) + margins);
    expect(w[1]).toBeGreaterThanOrEqual(Math.ceil(textWidth1("（万元）", em) * 1.15) + margins);
    // too narrow for the whole header: the break goes before the unit
    expect(headerLines("预算（万元）", Math.ceil(textWidth1("（万元）", em) * 1.15) + margins, em, margins)).toBe("预算\n（万元）");
    expect(headerLines("预算（万元）", 10_000, em, margins)).toBe("预算（万元）");
    expect(headerLines("得分率", 100, em, margins)).toBe("得分率");
  });

  it("gives a text column its longest Latin word, which a reader does not break", () => {
    const place = "qingdao-2020.perf:136";
    const t2 = table([col("位置", 4), col("已知原因", 40)], [[place, "说".repeat(300)]]);
    const w = columnWidths(t2, 6_000, em, margins);
    expect(w[0]).toBeGreaterThanOrEqual(Math.ceil(textWidth1(place, em) * 1.15) + margins);
    // up to 16 em: a long address wraps rather than take the page
    const address = "https://example.org/" + "a".repeat(80);
    const url = table([col("证据", 4), col("说明", 40)], [[address, "说".repeat(300)]]);
    const u = columnWidths(url, 6_000, em, margins)[0]!;
    expect(u).toBeGreaterThanOrEqual(Math.ceil(16 * em * 1.15) + margins);
    expect(u).toBeLessThan(Math.ceil(textWidth1(address, em) * 1.15) + margins);
  });

  it("shares a width too small for every text by the model's widths", () => {
    const long = table([col("a", 10), col("b", 30)], [["说".repeat(40), "说".repeat(40)]]);
    const w = columnWidths(long, 4_000, em, margins);
    const free = 4_000 - 2 * minimum("a");
    expect(w[0]).toBe(minimum("a") + Math.floor(free / 4));
    expect(w[1]).toBe(minimum("b") + Math.floor((free * 3) / 4));
    expect(wraps(long, 0, w[0]!, em, margins)).toBe(true);
  });

  it("counts sentences, not names, as text that wraps (a column of names stays centred)", () => {
    const names = table([col("三级指标", 8)], [["信息化系统运行稳定性"], ["立项依据充分性"]]);
    expect(wraps(names, 0, 1_000, em, margins)).toBe(false);
    const sentences = table([col("具体问题", 8)], [["纳入评价范围的统筹集约建设项目预算执行率有待提高"]]);
    expect(wraps(sentences, 0, 1_000, em, margins)).toBe(true);
  });

  it("shares what is left when every text fits, among the columns with text", () => {
    const w = columnWidths(t, 30_000, em, margins);
    expect(w[2]).toBe(minimum("问题描述"));
    expect(w[0]! + w[1]! + w[2]!).toBeGreaterThan(30_000 - 3);
    expect(w[1]! / w[0]!).toBeGreaterThan(1);
  });
});
