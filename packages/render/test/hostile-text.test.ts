import fc from "fast-check";
import { parse as parseHtml } from "parse5";
import { SaxesParser } from "saxes";
import JSZip from "jszip";
import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { buildReport, render, toDocx, toHtml, toXlsx } from "../src/index.js";
import { safeText } from "../src/text-safety.js";
import { docxTables, fromText, unzip, yongzhou } from "./helpers.js";

// Every character XML 1.0 forbids that the lexer lets into a string today.
// A lone low surrogate first and a lone high one last, so the two never pair up.
const bad = ["\uDC00", "\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001F", "\uFFFE", "\uFFFF", "\uD800"];
const all = bad.join("");
const q = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

/** One evaluation with the characters in every kind of text the report prints. */
const hostile = fromText(`evaluation "标题${q(all)}" { total 10 client "委托${q(all)}" grades { 优 >= 0 } }
indicator 甲 "一级${q(all)}" weight 6 {
  indicator 乙 "二级${q(all)}" weight 6 {
    explain "解释${q(all)}" criteria "标准${q(all)}" note "说明${q(all)}"
    deduct 1 "原因${q(all)}"
  }
}
indicator 丙 "另一${q(all)}" weight 4 { score 4 }
finding 问题一 on 乙 { unit "单位${q(all)}" project "项目${q(all)}" class "类${q(all)}" type "定性${q(all)}" issue "问题${q(all)}" description "描述${q(all)}" }
`);

/** Every XML part of an OOXML package, decoded as strict UTF-8 and parsed by a strict XML 1.0 parser. */
async function xmlErrors(bytes: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const errors: string[] = [];
  const parts = Object.values(zip.files).filter((f) => !f.dir && /\.(xml|rels)$/.test(f.name));
  expect(parts.length).toBeGreaterThan(3);
  for (const part of parts) {
    let xml: string;
    try {
      xml = new TextDecoder("utf-8", { fatal: true }).decode(await part.async("uint8array"));
    } catch {
      errors.push(`${part.name}: not UTF-8`);
      continue;
    }
    const p = new SaxesParser({ xmlns: true });
    p.on("error", (e) => errors.push(`${part.name}: ${e.message}`));
    try {
      p.write(xml).close();
    } catch (e) {
      errors.push(`${part.name}: ${(e as Error).message}`);
    }
  }
  return errors;
}

function htmlErrors(html: string): string[] {
  const errors: string[] = [];
  parseHtml(html, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  return errors;
}

describe("the 永州 example's HTML", () => {
  it("has no parse errors (the charts' font list no longer breaks the SVG style attributes)", () => {
    const html = toHtml(buildReport(yongzhou()));
    expect(htmlErrors(html)).toEqual([]);
    expect(html).toMatch(/<text [^>]*style="[^"]*font-family:'Noto Sans CJK SC'/);
  });
});

describe("characters XML forbids", () => {
  it("reach the result (the precondition: the lexer accepts them in strings)", () => {
    expect(hostile.title).toContain("\uFFFE");
    expect(hostile.indicators[0]!.children[0]!.deductions[0]!.reason).toContain("\u0001");
    expect(hostile.findings[0]!.description).toContain("\uD800");
  });

  it("become U+FFFD, and nothing else changes", () => {
    expect(safeText(`a${all}\t\n\r b`)).toBe(`a${"\uFFFD".repeat(bad.length)}\t\n\r b`);
    expect(safeText("\u0085\u009F\u007F\uFDD0\u{10FFFF}")).toBe("\uFFFD".repeat(5));
    const fine = "中文 𠮷 \u{1F600} \u202E\u200D ½ \uFFFD";
    expect(safeText(fine)).toBe(fine);
  });

  it("leave every part of the .docx well-formed", async () => {
    expect(await xmlErrors(await toDocx(buildReport(hostile)))).toEqual([]);
  });

  it("leave every part of the .xlsx well-formed", async () => {
    expect(await xmlErrors(await toXlsx(buildReport(hostile)))).toEqual([]);
  });

  it("are shown as U+FFFD in the cells, the surrounding text kept", async () => {
    const wb = XLSX.read((await render(hostile, "xlsx")) as Uint8Array, { type: "array" });
    const scores = wb.Sheets[wb.SheetNames.find((n) => n.startsWith("附件1"))!]!;
    expect(scores["A3"].v).toBe(`一级${"\uFFFD".repeat(bad.length)}`);
    expect(wb.Props?.Title).toBe(`标题${"\uFFFD".repeat(bad.length)}`);
  });

  it("leave the HTML free of parse errors", () => {
    const html = toHtml(buildReport(hostile));
    expect(htmlErrors(html)).toEqual([]);
    expect(html).toContain(`一级${"\uFFFD".repeat(bad.length)}`);
  });
});

describe("any text at all (property)", () => {
  // binary strings with the fragments that break XML, HTML, sheet names and bidi mixed in
  const fragment = fc.constantFrom("\uD800", "\uDC00", "\uFFFE", "\uFFFF", "\u0000", "\u000C", "\u0085", "\u{10FFFF}", "\u202E", "\u2069", "'", "<", "&", "]]>", "[", "*", "𠮷", "\r\n");
  const anyText = fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fragment), { maxLength: 8 }).map((parts) => parts.join(""));
  const base = hostile;

  it("gives well-formed docx and xlsx and HTML without parse errors", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 12, maxLength: 12 }), async (t) => {
        const root = base.indicators[0]!;
        const leaf = root.children[0]!;
        const result = {
          ...base,
          title: t[0]!,
          client: t[1]!,
          indicators: [
            { ...root, name: t[2]!, children: [{ ...leaf, name: t[3]!, explain: t[4]!, criteria: t[5]!, note: t[6]!, deductions: [{ ...leaf.deductions[0]!, reason: t[7]! }] }] },
            ...base.indicators.slice(1),
          ],
          findings: [{ ...base.findings[0]!, unit: t[8]!, project: t[9]!, type: t[10]!, description: t[11]! }],
        };
        const report = buildReport(result);
        expect(await xmlErrors(await toDocx(report))).toEqual([]);
        expect(await xmlErrors(await toXlsx(report))).toEqual([]);
        expect(htmlErrors(toHtml(report))).toEqual([]);
      }),
      { numRuns: 15, seed: 20261125 },
    );
  }, 300_000); // 15 documents in three formats; each Word report now rasterizes its chart (1–3 s)
});


describe("a line break written as a lone CR (old Mac files)", () => {
  const result = fromText(`evaluation "t" { total 1 }\nindicator a "甲" weight 1 { score 1 note "第一行\r第二行\r\n第三行" }\n`);

  it("reaches the result (the precondition)", () => {
    expect(result.indicators[0]!.note).toBe("第一行\r第二行\r\n第三行");
  });

  it("keeps a Markdown table row on one line (CommonMark ends a line at a lone CR)", async () => {
    const md = (await render(result, "md", { tables: ["scores"] })) as string;
    const row = md.split(/\r\n?|\n/).find((l) => l.includes("第一行"))!;
    expect(row).toMatch(/^\| 甲 \|.*第一行<br>第二行<br>第三行 \|$/);
  });

  it("is a line break in HTML and Word like LF and CRLF", async () => {
    expect(toHtml(buildReport(result))).toContain("第一行<br>第二行<br>第三行");
    const xml = await unzip((await render(result, "docx")) as Uint8Array, "word/document.xml");
    const cell = docxTables(xml).flatMap((t) => t.rows.flat()).find((c) => c.text.includes("第一行"))!;
    expect(cell.text).toBe("第一行\n第二行\n第三行");
  });
});
