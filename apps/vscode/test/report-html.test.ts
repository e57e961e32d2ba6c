// The preview's HTML, rendered from a real engine result: escaping, CSP and the tables.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { analyzeText } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { escapeHtml, percentText, renderPreviewDocument, renderReportBody, totalAndGrade } from "../src/report-html.js";

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
