import * as XLSX from "xlsx";
import { describe, expect, it } from "vitest";
import { buildReport, render, toHtml, toMarkdown } from "../src/index.js";
import { isolate } from "../src/text-safety.js";
import { fromText, unzip } from "./helpers.js";

const RLO = "\u202E";
const PDI = "\u2069";

/**
 * How many explicit embeddings, overrides and isolates are open before s[at], by the rules
 * X1–X8 of UAX #9 (without the depth overflow): 0 means nothing the text said earlier can
 * reorder what comes at `at`.
 */
function openAt(s: string, at: number): number {
  const stack: ("embedding" | "isolate")[] = [];
  for (let i = 0; i < at; i++) {
    const c = s[i]!;
    if ("\u202A\u202B\u202D\u202E".includes(c)) stack.push("embedding");
    else if (c === "\u202C") {
      if (stack.at(-1) === "embedding") stack.pop();
    } else if ("\u2066\u2067\u2068".includes(c)) stack.push("isolate");
    else if (c === PDI && stack.includes("isolate")) while (stack.pop() !== "isolate");
  }
  return stack.length;
}

const openBefore = (s: string, sub: string) => {
  const at = s.indexOf(sub);
  expect(at).toBeGreaterThanOrEqual(0);
  return openAt(s, at);
};

// A root name and a leaf name ending in an unterminated right-to-left override.
const result = fromText(`evaluation "t" { total 10 }
indicator a "甲${RLO}" weight 10 {
  indicator b "乙${RLO}" weight 10 { deduct 1 "原因${RLO}" }
}
finding f on b { issue "问题" }
`);

describe("isolate", () => {
  it("leaves text without bidi controls as it is", () => {
    expect(isolate("项目决策 abc 123")).toBe("项目决策 abc 123");
  });

  it("closes what the text opens, even when the text holds a PDI that closes nothing", () => {
    for (const s of [`a${RLO}b`, `${PDI}${RLO}x`, `${PDI}${PDI}\u2067y${RLO}`, `\u2066\u2066${RLO}`]) {
      const wrapped = isolate(s) + "总分";
      expect(openBefore(wrapped, "总分")).toBe(0);
      expect(openAt(wrapped, wrapped.indexOf(s) + s.length - 1)).toBeGreaterThan(0);
      expect(wrapped).toContain(s);
    }
  });
});

describe("a right-to-left override in a name", () => {
  it("reaches the result (the precondition)", () => {
    expect(result.indicators[0]!.name).toBe(`甲${RLO}`);
  });

  it("cannot reorder the numbers and words the report writes after it", () => {
    // each Markdown line is a paragraph of its own: look inside the line
    const line = (sub: string) => toMarkdown(buildReport(result)).split("\n").find((l) => l.includes(sub))!;
    expect(line("总分10分")).toContain(`甲${RLO}`);
    expect(openBefore(line("总分10分"), "总分10分，实得9分")).toBe(0);
    expect(openBefore(line("指标分析"), "指标分析")).toBe(0);
    const related = buildReport(fromText(`evaluation "t" { total 2 }
indicator a "甲${RLO}" weight 1 { per finding deduct 0 }
indicator b "乙" weight 1 { per finding deduct 0 }
finding f on a, b { issue "问题" }
`), { tables: ["findings"] }).tables[0]!.rows[0]!.cells.at(-1)!.text;
    expect(related).toContain(`甲${RLO}`);
    expect(openBefore(related, "、乙")).toBe(0);
  });

  it("cannot reorder the rest of a 扣分明细 sentence in Word", async () => {
    const xml = await unzip((await render(result, "docx")) as Uint8Array, "word/document.xml");
    const paragraphs = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, "")).join(""));
    const sentence = paragraphs.find((p) => p.startsWith("1. "))!;
    expect(sentence).toContain(`乙${RLO}`);
    expect(openBefore(sentence, "，扣1分。")).toBe(0);
  });

  it("stays as written where it fills a cell of its own (docx, xlsx)", async () => {
    const wb = XLSX.read((await render(result, "xlsx")) as Uint8Array, { type: "array" });
    const scores = wb.Sheets[wb.SheetNames.find((n) => n.startsWith("附件1"))!]!;
    expect(scores["A3"].v).toBe(`甲${RLO}`);
    expect(scores["C3"].v).toBe(`乙${RLO}`);
    const xml = await unzip((await render(result, "docx")) as Uint8Array, "word/document.xml");
    expect(xml).toMatch(new RegExp(`<w:t(?: [^>]*)?>乙${RLO}</w:t>`));
  });

  it("is isolated per cell in HTML", () => {
    const html = toHtml(buildReport(result));
    expect(html).toMatch(/th, td \{[^}]*unicode-bidi: isolate;/);
    const cell = /<td[^>]*>([^<]*总分10分[^<]*)<\/td>/.exec(html)![1]!;
    expect(openBefore(cell, "总分10分")).toBe(0);
  });
});
