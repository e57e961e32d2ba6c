import { Document, Footer, Header, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { render, TemplateError } from "../src/index.js";
import { yongzhou } from "./helpers.js";

/** A firm's template as Word would save one: its own heading style, header, footer, and a cover section with fields. */
async function firmTemplate(): Promise<Uint8Array> {
  const doc = new Document({
    styles: { default: { heading1: { run: { font: "Arial", color: "FF0000", size: 40 } } } },
    sections: [
      { children: [new Paragraph({ children: [new TextRun("{{标题}}")] }), new Paragraph({ children: [new TextRun("委托方：{{委托单位}}　{{日期}}")] })] },
      {
        headers: { default: new Header({ children: [new Paragraph("某某会计师事务所有限公司")] }) },
        footers: { default: new Footer({ children: [new Paragraph("内部资料 注意保密")] }) },
        children: [new Paragraph("正文从这里开始")],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("--template firm.docx", { timeout: 60_000 }, () => {
  it("takes the firm's styles, header, footer and cover", async () => {
    const bytes = (await render(yongzhou(), "docx", { template: await firmTemplate(), date: "2025年1月" })) as Uint8Array;
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:color w:val="FF0000"\/>/);
    // the firm's headings, saved without an outline level, get one: LibreOffice builds the 目录 from levels
    expect(styles).toMatch(/w:styleId="Heading1"[^>]*>(?:(?!<\/w:style>)[\s\S])*<w:pPr><w:outlineLvl w:val="0"\/><\/w:pPr>/);
    expect(styles).toMatch(/w:styleId="Heading2"[^>]*>(?:(?!<\/w:style>)[\s\S])*<w:outlineLvl w:val="1"\/>/);
    expect(styles).toContain('w:styleId="Caption"'); // ours, added because the template lacks it
    const xml = await zip.file("word/document.xml")!.async("string");
    const sects = xml.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)!;
    const rels = await zip.file("word/_rels/document.xml.rels")!.async("string");
    const headerPath = [...rels.matchAll(/Id="([^"]+)" Type="[^"]*\/header" Target="([^"]+)"/g)].find((m) => m[2]!.startsWith("tpl-"))!;
    expect(await zip.file(`word/${headerPath[2]}`)!.async("string")).toContain("某某会计师事务所有限公司");
    // every section after the cover carries the firm's header
    for (const s of sects.slice(1)) expect(s).toContain(`r:id="${headerPath[1]}"`);
    expect(sects[0]).not.toContain(`r:id="${headerPath[1]}"`);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain(`PartName="/word/${headerPath[2]}"`);
    // the cover is the template's first section with its fields filled in
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text.startsWith("2023年永州市公共服务信息化运维项目绩效评价报告委托方：永州市财政局　2025年1月")).toBe(true);
    expect(text).not.toContain("{{");
  });

  it("refuses a template that is not a Word document", async () => {
    const e = await render(yongzhou(), "docx", { template: new TextEncoder().encode("not a zip") }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TemplateError);
  });
});
