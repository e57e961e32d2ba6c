import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "@perf/engine";
import { catalogue, diagnosticText } from "@perf/language";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { NarrativeError, render, resolveNarrative, type NarrativeBlock } from "../src/index.js";
import { fromText, repo, yongzhou } from "./helpers.js";

const dir = join(import.meta.dirname, "cases", "narrative");
const exampleDir = join(repo, "examples", "yongzhou-2023");
const exampleText = readFileSync(join(exampleDir, "yongzhou-2023.report.md"), "utf8");
const prose = (blocks: NarrativeBlock[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.runs.map((r) => r.text).join("")] : [])).join("\n");

describe("narrative diagnostics: one .md per code, located in the Markdown", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();
  it("covers every PERF15x code of the catalogue", () => {
    const codes = Object.keys(catalogue).filter((c) => c.startsWith("PERF15"));
    expect(codes.filter((c) => !files.some((f) => f.startsWith(c)))).toEqual([]);
  });
  for (const file of files) {
    it(file, () => {
      const text = readFileSync(join(dir, file), "utf8");
      const expected = [...text.matchAll(/<!-- expect: (PERF\d{3}) (\d+):(\d+) -->/g)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
      expect(expected[0]!.slice(0, 7)).toBe(file.slice(0, 7));
      const perf = join(dir, file.replace(/\.md$/, ".perf"));
      const result = existsSync(perf) ? fromText(readFileSync(perf, "utf8")) : yongzhou();
      for (const locale of ["zh", "en"] as const) {
        const { diagnostics } = resolveNarrative(text, result, file, locale);
        expect(diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual(expected);
        expect(diagnostics.every((d) => diagnosticText(d, locale).message.length > 0 && d.uri === file)).toBe(true);
      }
    });
  }
});

describe("references", () => {
  const result = yongzhou();
  const ref = (r: string) => prose(resolveNarrative(`x${r}y`, result, "t.md", "zh").blocks).slice(1, -1);

  it("resolve in Chinese and English spellings, printed as reports print numbers", () => {
    expect([ref("{{总分}}"), ref("{{total}}"), ref("{{等级}}"), ref("{{grade}}"), ref("{{满分}}")]).toEqual(["82.46", "82.46", "良", "良", "100"]);
    expect([ref("{{指标.项目过程.得分}}"), ref("{{indicator.项目过程.score}}"), ref("{{指标.项目过程.得分率}}"), ref("{{指标.项目过程.扣分}}")]).toEqual(["12.32", "12.32", "77.00%", "3.68"]);
    expect([ref("{{指标.预算执行率.比率}}"), ref("{{事实.实际支出}}"), ref("{{fact.到位资金}}")]).toEqual(["95.91%", "5191.10万元", "5412.69万元"]);
    // a fact holding a date prints as the report writes it, a date difference with its unit (decision 0180)
    const dated = fromText(`evaluation "t" { total 10 }\nfact 完工 = 2020年11月20日\nfact 计划 = 2020-11-30\nfact 提前 = 计划 - 完工\nfact 顺延 = 完工 + 3 个月\nindicator a weight 10 { score 10 }\n`);
    const dref = (r: string) => prose(resolveNarrative(`x${r}y`, dated, "t.md", "zh").blocks).slice(1, -1);
    expect([dref("{{事实.完工}}"), dref("{{事实.计划}}"), dref("{{事实.提前}}"), dref("{{fact.顺延}}")]).toEqual(["2020年11月20日", "2020-11-30", "10天", "2021年2月20日"]);
    expect([ref("{{一级指标数}}"), ref("{{二级指标数}}"), ref("{{count.level3}}"), ref("{{指标.项目产出.三级指标数}}")]).toEqual(["4", "11", "27", "12"]);
    expect([ref("{{问题数}}"), ref("{{问题数.政府采购管理不规范}}"), ref("{{findings.count.合同管理不规范}}")]).toEqual([String(result.findings.reduce((a, f) => a + f.count, 0)), "6", "5"]);
    expect(ref("\\{{总分}}")).toBe("{{总分}}");
    // a survey's satisfaction (stated here, or from a tally) and its sample (none stated: —)
    expect([ref("{{调查.智慧永州}}"), ref("{{调查.雪亮工程.满意度}}"), ref("{{survey.华为云.satisfaction}}"), ref("{{survey.华为云.respondents}}")]).toEqual(["96.92%", "87.78%", "98.56%", "—"]);
    const tallied = fromText(`evaluation "t" { total 10 }\nsurvey s { tally { 满意 179 × 100%; 不满意 21 × 0 } }\nindicator a weight 10 { satisfaction mean(s) }\n`);
    expect(prose(resolveNarrative("共回收问卷{{调查.s.样本}}份，满意度{{调查.s.满意度}}。", tallied, "t.md", "zh").blocks)).toBe("共回收问卷200份，满意度89.50%。");
    expect(resolveNarrative("{{调查.甲}}", tallied, "t.md", "zh").diagnostics.map((d) => d.code)).toEqual(["PERF151"]);
  });

  it("place tables and charts as blocks of their own, numbered by chapter", () => {
    const { blocks, diagnostics } = resolveNarrative("# 三、结论\n\n{{表:得分情况表}}\n\n{{chart:rates}}\n\n# 绩效评价指标分析\n\n{{表:项目决策}}\n", result, "t.md", "zh");
    expect(diagnostics).toEqual([]);
    expect(blocks.map((b) => `${b.kind}:${"chapter" in b ? b.chapter : ""}`)).toEqual(["heading:3", "table:3", "chart:3", "heading:4", "table:4"]);
    expect((blocks[3] as { text: string }).text).toBe("四、绩效评价指标分析");
    const en = resolveNarrative("# 3. Conclusion\n\n{{table:summary}}\n\n# Analysis\n", result, "t.md", "en").blocks;
    expect(en.map((b) => ("text" in b ? b.text : `${b.kind}:${"chapter" in b ? b.chapter : ""}`))).toEqual(["3. Conclusion", "table:3", "4. Analysis"]);
  });
});

describe("the 永州 example's narrative", () => {
  it("resolves without a diagnostic and corrects the seed's 3个一级指标、8个二级指标", () => {
    const { blocks, diagnostics } = resolveNarrative(exampleText, yongzhou(), "y.report.md", "zh");
    expect(diagnostics).toEqual([]);
    expect(blocks.filter((b) => b.kind === "heading" && b.level === 1).map((b) => (b as { text: string }).text.slice(0, 2))).toEqual(["一、", "二、", "三、", "四、", "五、", "六、", "七、"]);
    expect(prose(blocks)).toContain("指标体系共设4个一级指标、11个二级指标和27个三级指标，总分值设定为100分");
    expect(prose(blocks)).toContain("最终评价得分82.46分，评价等级为“良”");
  });

  it("changes its numbers when one weight changes, without touching the Markdown", () => {
    const perf = readFileSync(join(exampleDir, "yongzhou-2023.perf"), "utf8");
    const changed = perf.replace(/indicator 预算执行率 weight 2\b/, "indicator 预算执行率 weight 4");
    expect(changed).not.toBe(perf);
    const before = prose(resolveNarrative(exampleText, yongzhou(), "y.md", "zh").blocks);
    const result = analyze([{ uri: "y.perf", text: changed }]).result;
    const after = prose(resolveNarrative(exampleText, result, "y.md", "zh").blocks);
    expect(result.total.score).toBe("84.38");
    expect(before).toContain("最终评价得分82.46分");
    expect(after).toContain("最终评价得分84.38分");
    expect(after).toContain("预算执行率95.91%，得3.84分");
    expect(after).toContain("项目过程指标由2个二级指标、4个三级指标构成，权重分16分，实际得分14.24分");
  });

  it("makes render refuse a narrative with an unknown reference, saying where", async () => {
    const bad = exampleText.replace("{{指标.预算执行率.得分}}", "{{指标.预算执行律.得分}}");
    const e = await render(yongzhou(), "docx", { narrative: { text: bad, uri: "y.report.md" } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NarrativeError);
    const d = (e as NarrativeError).diagnostics[0]!;
    expect([d.code, d.uri, d.range.start.line + 1]).toEqual(["PERF151", "y.report.md", exampleText.split("\n").findIndex((l) => l.includes("{{指标.预算执行率.得分}}")) + 1]);
  });

  it("is the body of the HTML report: a table of contents, the chapters, captions by chapter, numbers kept whole", async () => {
    const html = (await render(yongzhou(), "html", { narrative: { text: exampleText, uri: "y.report.md" } })) as string;
    const chapters = [...html.matchAll(/<h2 class="chapter" id="(ch-\d+)">([^<]*)</g)].map((m) => [m[1], m[2]!.slice(0, 2)]);
    expect(chapters).toEqual(["一、", "二、", "三、", "四、", "五、", "六、", "七、"].map((t, i) => [`ch-${i + 1}`, t]));
    // every chapter and section heading has a TOC entry linking to it
    const toc = html.slice(html.indexOf('<nav class="toc">'), html.indexOf("</nav>"));
    for (const id of [...html.matchAll(/<h[23][^>]* id="(ch-[\d-]+)"/g)].map((m) => m[1])) expect(toc).toContain(`href="#${id}"`);
    const captions = [...html.matchAll(/<h2>(表[^<]*|附件[^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(captions).toEqual(["表3-1　绩效评价得分情况表", "表4-1　项目决策指标分析", "表4-2　项目过程指标分析", "表4-3　项目产出指标分析", "表4-4　项目效益指标分析", "附件1：项目绩效评价指标体系评分表", "附件2：问题清单", "附件3：核对事项"]);
    // the 目录 ends with the appendices, linked to their sections, and the title is the report's
    expect([...toc.matchAll(/<a href="#([^"]+)">(附件[^<]*)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["scores", "附件1：项目绩效评价指标体系评分表"],
      ["findings", "附件2：问题清单"],
      ["audit", "附件3：核对事项"],
    ]);
    expect(html).toContain("<h1>2023年永州市公共服务信息化运维项目绩效评价报告</h1>");
    expect(html).toContain("<figcaption>图3-1　各二级指标得分率</figcaption>");
    // the prose's numbers come from the result, each in a span that does not wrap
    expect(html).toContain('最终评价得分<span class="n">82.46</span>分');
    expect(html).toContain('共设<span class="n">4</span>个一级指标、<span class="n">11</span>个二级指标');
    // 扣分明细 is prose, as in Word, not a table
    expect(html).toMatch(/<p class="deduction head">（一）项目决策总分<span class="n">14<\/span>分/);
    expect(html).not.toContain('<section id="deductions"');
    // and refuses, as Word does, a narrative with an unknown reference
    const bad = exampleText.replace("{{总分}}", "{{总成绩}}");
    const e = await render(yongzhou(), "html", { narrative: { text: bad, uri: "y.report.md" } }).catch((x: unknown) => x);
    expect((e as NarrativeError).diagnostics.map((d) => d.code)).toEqual(["PERF150"]);
  });

  it("escapes the prose of the HTML report", async () => {
    const html = (await render(yongzhou(), "html", { narrative: { text: "# 一、<b>x</b>\n\n<script>alert(1)</script> & {{总分}}&#39;\n", uri: "y.report.md" } })) as string;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(<span class=\"n\">1</span>)&lt;/script&gt; &amp; <span class=\"n\">82.46</span>&amp;#<span class=\"n\">39</span>;");
    expect(html).toContain('<h2 class="chapter" id="ch-1">一、&lt;b&gt;x&lt;/b&gt;</h2>');
  });

  it("labels the captions of an English Word report Table and Figure, its 表目录 over SEQ Table", { timeout: 60_000 }, async () => {
    const bytes = (await render(yongzhou(), "docx", { narrative: { text: exampleText, uri: "y.report.md" }, locale: "en" })) as Uint8Array;
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    const captions = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?w:val="Caption"[\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ""));
    expect(captions.length).toBe(6);
    expect(captions[0]).toBe("Table 3-1 Score summary");
    expect(captions[1]).toMatch(/^Figure 3-1 /);
    expect(xml).toContain('w:instr="SEQ Table \\* ARABIC \\s 1 \\r 1"');
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC \\c &quot;Table&quot; \\h/);
    expect(xml).not.toMatch(/SEQ [表图]|>表3-1/);
    // the HTML report labels them as the Word one does
    const html = (await render(yongzhou(), "html", { narrative: { text: exampleText, uri: "y.report.md" }, locale: "en" })) as string;
    expect(html).toContain("<h2>Table 3-1 Score summary</h2>");
    expect(html).toMatch(/<figcaption>Figure 3-1 [^<\u3000]+<\/figcaption>/);
  });

  it("is the body of the Word report: headings, captions with SEQ fields, a TOC field, a chart image", { timeout: 60_000 }, async () => {
    const bytes = (await render(yongzhou(), "docx", { narrative: { text: exampleText, uri: "y.report.md" }, date: "2025年1月" })) as Uint8Array;
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC \\h \\o &quot;1-2&quot;/);
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)!.length).toBeGreaterThanOrEqual(9); // 7 chapters + 2 appendices
    expect(xml).toContain('w:instr="SEQ 表 \\* ARABIC \\s 1 \\r 1"');
    // 表目录: a TOC field over the SEQ 表 captions, with the entries already in it
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC \\c &quot;表&quot; \\h/);
    const captions = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?w:val="Caption"[\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ""));
    expect(captions).toEqual(["表3-1　绩效评价得分情况表", "图3-1　各二级指标得分率", "表4-1　项目决策指标分析", "表4-2　项目过程指标分析", "表4-3　项目产出指标分析", "表4-4　项目效益指标分析"]);
    expect(Object.keys(zip.files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    // the cover title, in two runs broken before 绩效评价报告
    expect(xml.replace(/<[^>]+>/g, "")).toContain("2023年永州市公共服务信息化运维项目绩效评价报告");
    expect(xml).toContain("指标体系共设4个一级指标、11个二级指标和27个三级指标");
  });
});
