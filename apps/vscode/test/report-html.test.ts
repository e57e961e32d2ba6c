// The preview's HTML, rendered from a real engine result: escaping, CSP and the tables.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyzeText } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { escapeHtml, percentText, renderPreviewDocument, renderReportBody, statusText, totalAndGrade } from "../src/report-html.js";

const example = fileURLToPath(new URL("../../../examples/yongzhou-2023/yongzhou-2023.perf", import.meta.url));

describe("report preview HTML", () => {
  it("renders the 永州 scoring table, total, grade and findings", () => {
    const { result } = analyzeText(readFileSync(example, "utf8"), "file:///yongzhou-2023.perf");
    const body = renderReportBody(result, "zh");
    expect(body).toContain("评分表");
    expect(body).toMatch(/<tr class="level-3" data-line="\d+"><td class="name">预算执行率<\/td><td class="num">2<\/td><td class="num">1\.92<\/td><td class="num">96%<\/td><\/tr>/);
    expect(body).toContain(`<span class="big">${result.total.score}</span>`);
    expect(result.total.score).toBe("82.46");
    expect(body).toContain(`问题清单 (${result.findings.length})`);
    // one row per indicator, one per finding
    const count = (re: RegExp) => (body.match(re) ?? []).length;
    let indicators = 0;
    const walk = (n: (typeof result.indicators)[number]): void => void (indicators++, n.children.forEach(walk));
    result.indicators.forEach(walk);
    expect(count(/<tr class="level-/g)).toBe(indicators);
    expect(count(/<tr><td class="num">\d+<\/td>/g)).toBe(result.findings.length);
    expect(renderReportBody(result, "en")).toContain("Scoring table");
  });

  it("renders the 绩效目标完成情况表 with completion not capped and ⚠ on a deviation beyond the threshold", () => {
    const { result } = analyzeText(
      `evaluation "t" { total 1 }\ntarget vm "新增<云主机>" { class 数量; expect >= 1200 台; actual 1640 台 }\ntarget d "上线" { expect <= 2020年11月底; actual 2020-12-15 }\nindicator a weight 1 { targets [vm, d] }`,
      "file:///t.perf",
    );
    const body = renderReportBody(result, "zh");
    expect(body).toContain("<h2>绩效目标完成情况表</h2>");
    expect(body).toContain(`<td>新增&lt;云主机&gt;</td><td>数量</td><td>≥1200 台</td><td>1640 台</td><td class="num">136.67% <span class="mismatch" title="偏差超过阈值：目标设定不合理">⚠</span></td><td>是</td>`);
    expect(body).toContain(`<td class="num">逾期15天</td><td>否</td>`);
    expect(renderReportBody(result, "en")).toContain("Performance targets");
  });

  it("escapes every piece of user text", () => {
    const hostile = `evaluation "<img src=x onerror=alert(1)>" { total 2 }
indicator a "<script>alert('x')</script>" weight 2 { score 1 }
finding f on a { issue "\\"><iframe src=//evil>" unit "&amp;" }`;
    const { result } = analyzeText(hostile, "file:///hostile.perf");
    const body = renderReportBody(result, "zh");
    expect(body).not.toMatch(/<(img|script|iframe)/i);
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(body).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(body).toContain("&amp;amp;");
    expect(escapeHtml(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  });

  it("wraps the body in a strict CSP with a nonce and nothing remote", () => {
    const html = renderPreviewDocument({ nonce: "abc123", cspSource: "vscode-webview://x", locale: "zh", body: "<p>x</p>", title: "报告预览 <t>" });
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    expect(csp).toBe("default-src 'none'; style-src vscode-webview://x 'nonce-abc123'; script-src 'nonce-abc123'; img-src vscode-webview://x data:; font-src vscode-webview://x");
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script nonce="abc123">`]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/ style="/);
    expect(html).toContain("<title>报告预览 &lt;t&gt;</title>");
  });

  it("writes rates as percentages without binary floats", () => {
    expect(percentText("0.9591")).toBe("95.91%");
    expect(percentText("1")).toBe("100%");
    expect(percentText("0.5")).toBe("50%");
    expect(percentText("0.0042")).toBe("0.42%");
    expect(percentText("0.12345")).toBe("12.345%");
    expect(percentText("0")).toBe("0%");
    expect(totalAndGrade("82.46", "良")).toBe("82.46 · 良");
    expect(totalAndGrade("82.46", null)).toBe("82.46");
  });
});

/** Two subjects scored against one tree (the result shape of decision 0091), from two engine results. */
function twoSubjects() {
  const tree = (a: string, b: string) => `evaluation "两单位" { total 10 }\nindicator 立项 weight 4 { ${a} }\nindicator 质量 weight 6 { ${b} }\n`;
  const x = analyzeText(tree('deduct 1 "未评估"', "score 6"), "file:///e.perf").result;
  const y = analyzeText(tree("score 4", 'deduct 0.5 "延期"'), "file:///e.perf").result;
  const subject = (id: string, name: string, r: typeof x) => ({ id, name, total: r.total, grade: r.grade, indicators: r.indicators, findings: [] });
  return { ...x, total: { ...x.total, score: null, rate: null }, grade: { name: null, vetoedBy: null }, subjects: [subject("甲", "市数据局", x), subject("乙", "市大数据中心", y)] } as unknown as typeof x;
}

describe("preview and status bar with several subjects", () => {
  it("shows every subject's total and grade and a comparison table (worked: 3 + 6 = 9 优, 4 + 5.5 = 9.5 优)", () => {
    const body = renderReportBody(twoSubjects(), "zh");
    expect(body).toContain("各评价对象得分对比");
    expect(body).toMatch(/<td class="name">立项<\/td><td class="num">4<\/td><td class="num">3<\/td><td class="num">75%<\/td><td class="num">4<\/td><td class="num">100%<\/td>/);
    expect(body).toContain('<span class="label">市数据局</span> <span class="big">9</span> / 10');
    expect(body).toContain('<span class="label">市大数据中心</span> <span class="big">9.5</span> / 10');
    expect(body).toContain(`<tr><td>评价等级</td><td></td><td class="num" colspan="2">优</td><td class="num" colspan="2">优</td></tr>`);
    expect(body).not.toContain("null");
  });

  it("puts every subject's total in the status bar, and a published total when nothing is scored", () => {
    expect(statusText({ uri: "u", total: null, grade: null, subjects: [{ id: "甲", name: "市数据局", total: "86.98", grade: "良", vetoedBy: null }, { id: "乙", name: "市大数据中心", total: "86.38", grade: "良", vetoedBy: null }] })).toBe(
      "市数据局 86.98 · 良 | 市大数据中心 86.38 · 良",
    );
    expect(statusText({ uri: "u", total: null, declared: "83", grade: "良好" })).toBe("83 · 良好");
    expect(statusText({ uri: "u", total: null, grade: null })).toBe("—");
    expect(statusText({ uri: "u", total: "82.46", grade: "良" })).toBe("82.46 · 良");
  });

  it("says the scoring table was not published for a published total only", () => {
    const r = analyzeText(`evaluation "益阳" { total 100 }\n`, "file:///y.perf").result;
    const published = { ...r, total: { ...r.total, score: null, declared: "83" }, grade: { name: "良好", vetoedBy: null } } as unknown as typeof r;
    const body = renderReportBody(published, "zh");
    expect(body).toContain('<span class="big">83</span> / 100');
    expect(body).toContain("报告未公布评分表。");
    expect(body).not.toContain("<table class=\"scores");
    expect(body).not.toContain("null");
  });
});
