import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "@perf/engine";
import { render } from "../src/index.js";
import { repo, yongzhou } from "./helpers.js";

/**
 * Layout facts of the Word report as LibreOffice lays it out (docx → PDF → pdftotext), not only
 * our own XML read back: page count, captions, TOC, and no number split across lines.
 */
const onPath = (name: string) => (process.env.PATH ?? "").split(delimiter).some((d) => existsSync(join(d, name)));
const missing = ["soffice", "pdftotext", "pdfinfo"].filter((n) => !onPath(n));
if (missing.length) console.warn(`pdf-layout tests skipped: ${missing.join(", ")} not on PATH (install LibreOffice and poppler-utils)`);

const decimals = (s: string) => s.match(/(?<![\d.])\d+\.\d+(?![\d.])/g) ?? [];
const tally = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());

describe.skipIf(missing.length > 0)("the 永州 Word report laid out by LibreOffice", { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "perf-pdf-test-"));
  let docx: Uint8Array;
  let text = "";
  let pages = 0;
  const toPdf = (bytes: Uint8Array, name: string) => {
    const input = join(dir, `${name}.docx`);
    writeFileSync(input, bytes);
    spawnSync("soffice", [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--convert-to", "pdf", "--outdir", dir, input], { timeout: 240_000 });
    return join(dir, `${name}.pdf`);
  };

  beforeAll(async () => {
    const narrative = readFileSync(join(repo, "examples", "yongzhou-2023", "yongzhou-2023.report.md"), "utf8");
    docx = (await render(yongzhou(), "docx", { narrative: { text: narrative, uri: "y.report.md" }, date: "2025年1月" })) as Uint8Array;
    const pdf = toPdf(docx, "y");
    text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has a plausible page count", () => {
    // 7 chapters, 5 tables, a chart, 附件1 (27 leaves, landscape) and 附件2 (38 findings): 37 pages today
    expect(pages).toBeGreaterThanOrEqual(25);
    expect(pages).toBeLessThanOrEqual(50);
  });

  it("prints the cover, the TOC and the captions numbered by chapter", () => {
    const flat = text.replace(/\s+/g, "");
    expect(flat).toContain("2023年永州市公共服务信息化运维项目绩效评价报告");
    expect(flat).toContain("目录一、基本情况");
    // the cover's title breaks before its report name, not inside it
    const cover = text.split("\f")[0]!.split("\n").map((l) => l.replace(/\s+/g, ""));
    expect(cover).toContain("2023年永州市公共服务信息化运维项目");
    expect(cover).toContain("绩效评价报告");
    for (const c of ["表3-1绩效评价得分情况表", "图3-1各二级指标得分率", "表4-1", "表4-2", "表4-3", "表4-4项目效益指标分析", "附件1：项目绩效评价指标体系评分表", "附件2：问题清单"]) expect(flat).toContain(c);
    // the 目录 says what each appendix is, as the seed report's does (it once listed a bare "附件1")
    const toc = text.split("\f").find((p) => p.replace(/\s+/g, "").includes("目录一、基本情况"))!.replace(/\s+/g, "");
    for (const a of ["附件1：项目绩效评价指标体系评分表", "附件2：问题清单", "附件3：核对事项"]) expect(toc).toMatch(new RegExp(`${a}\\.{3,}`));
  });

  it("leaves no head of the 扣分明细 alone at the foot of a page", () => {
    const heads = /^（[一二三四五六七八九十]+）\S+总分[\d.]+分，实得[\d.]+分，扣[\d.]+分。$/;
    const pages = text.split("\f").map((p) => p.split("\n").map((l) => l.replace(/\s+/g, "")).filter((l) => l && !/^—\d+—$/.test(l)));
    // the heads are there to be found: four roots
    expect(pages.flat().filter((l) => heads.test(l)).length).toBe(4);
    expect(pages.filter((p) => p.length && heads.test(p.at(-1)!)).map((p) => p.at(-1))).toEqual([]);
  });

  it("splits no number across lines: every decimal of the document appears whole as often as it was written", async () => {
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    const paragraphs = (xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => p.replace(/<[^>]+>/g, ""));
    const written = tally(paragraphs.flatMap(decimals));
    const printed = tally(decimals(text));
    expect(written.get("82.46")).toBeGreaterThanOrEqual(2);
    const lost = [...written].filter(([n, k]) => (printed.get(n) ?? 0) < k).map(([n, k]) => `${n}: written ${k}, printed ${printed.get(n) ?? 0}`);
    expect(lost).toEqual([]);
  });

  it("wraps no target or actual value of the 青岛 targets table (≤2020年11月底 stays on one line)", async () => {
    const q = analyze([{ uri: "qingdao-2020.perf", text: readFileSync(join(repo, "examples", "qingdao-2020", "qingdao-2020.perf"), "utf8") }]).result;
    const bytes = (await render(q, "docx", { tables: ["targets"] })) as Uint8Array;
    const lines = execFileSync("pdftotext", ["-layout", toPdf(bytes, "q"), "-"], { encoding: "utf8" }).split("\n").map((l) => l.replace(/\s+/g, ""));
    const values = q.targets!.flatMap((t) => [t.expected.text, t.actual?.text ?? ""]).filter((v) => /\d/.test(v));
    expect(values).toContain("≤2020年11月底");
    expect(values.filter((v) => !lines.some((l) => l.includes(v.replace(/\s+/g, ""))))).toEqual([]);
  });

  it("gives a 问题清单's empty columns no width: every short 具体问题 of 长沙 stays on one line", async () => {
    const dir = join(repo, "examples", "changsha-2023");
    const docs = ["changsha-2023.perf", "framework.perf"].map((f) => ({ uri: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
    const c = analyze(docs).result;
    const bytes = (await render(c, "docx", { tables: ["findings"] })) as Uint8Array;
    const lines = execFileSync("pdftotext", ["-layout", toPdf(bytes, "c"), "-"], { encoding: "utf8" }).split("\n").map((l) => l.replace(/\s+/g, ""));
    // 问题描述 and 关联指标 are empty in every row of this example: the columns the width goes to are the written ones
    const issues = c.findings.map((f) => f.issue ?? f.title ?? f.id).filter((t) => [...t].length <= 30);
    expect(issues.length).toBeGreaterThanOrEqual(15);
    expect(issues.filter((t) => !lines.some((l) => l.includes(t)))).toEqual([]);
  });

  it("opens a report made with a firm's template, its header on the body pages", async () => {
    const { Document, Header, Packer, Paragraph } = await import("docx");
    const template = new Uint8Array(
      await Packer.toBuffer(
        new Document({
          sections: [
            { children: [new Paragraph("{{标题}}")] },
            { headers: { default: new Header({ children: [new Paragraph("某某会计师事务所有限公司")] }) }, children: [new Paragraph("x")] },
          ],
        }),
      ),
    );
    const bytes = (await render(yongzhou(), "docx", { template })) as Uint8Array;
    const t = execFileSync("pdftotext", ["-layout", toPdf(bytes, "t"), "-"], { encoding: "utf8" });
    expect(t.split("\f")[0]!.replace(/\s+/g, "")).toContain("2023年永州市公共服务信息化运维项目绩效评价报告");
    expect(t.split("\f").filter((p) => p.includes("某某会计师事务所有限公司")).length).toBeGreaterThan(10);
  });
});
