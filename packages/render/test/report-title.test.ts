import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "@perf/engine";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildReport, render, reportTitle } from "../src/index.js";
import { coverTitleLines } from "../src/writers/docx.js";
import { fromText, repo } from "./helpers.js";

const titled = (title: string, locale: "zh" | "en" = "zh") =>
  reportTitle(buildReport(fromText(`evaluation ${JSON.stringify(title)} { total 10 }\nindicator a weight 10 { score 10 }\n`), { locale }));

describe("the report's title", () => {
  it("completes the evaluation's title to the report's name without saying a word twice", () => {
    expect(titled("2023年永州市公共服务信息化运维项目")).toBe("2023年永州市公共服务信息化运维项目绩效评价报告");
    expect(titled("2023年度长沙市信息化建设和运维项目绩效评价")).toBe("2023年度长沙市信息化建设和运维项目绩效评价报告");
    expect(titled("某项目绩效评价结果")).toBe("某项目绩效评价结果报告");
    expect(titled("某项目支出绩效")).toBe("某项目支出绩效评价报告");
    expect(titled("某项目绩效评价报告")).toBe("某项目绩效评价报告");
    expect(titled("某项目评价")).toBe("某项目评价报告");
    expect(titled("Road maintenance 2023", "en")).toBe("Road maintenance 2023: performance evaluation report");
    expect(titled("Road maintenance performance evaluation", "en")).toBe("Road maintenance performance evaluation report");
    expect(titled("Road maintenance evaluation report", "en")).toBe("Road maintenance evaluation report");
    // a Chinese title in an English report
    expect(titled("2023年度长沙市信息化建设和运维项目绩效评价", "en")).toBe("2023年度长沙市信息化建设和运维项目绩效评价: report");
    expect(titled("2023年永州市公共服务信息化运维项目", "en")).toBe("2023年永州市公共服务信息化运维项目: performance evaluation report");
  });

  it("breaks a long cover title before its report name", () => {
    expect(coverTitleLines("2023年永州市公共服务信息化运维项目绩效评价报告", "zh")).toEqual(["2023年永州市公共服务信息化运维项目", "绩效评价报告"]);
    expect(coverTitleLines("某市某项目资金使用情况的专项绩效评价结果报告", "zh")).toEqual(["某市某项目资金使用情况的专项", "绩效评价结果报告"]);
    // a title that fits one line of 二号, and one without a report name to break at, stay whole
    expect(coverTitleLines("某项目绩效评价报告", "zh")).toEqual(["某项目绩效评价报告"]);
    expect(coverTitleLines("某市某项目资金使用情况的专项审计调查结论汇编", "zh")).toEqual(["某市某项目资金使用情况的专项审计调查结论汇编"]);
    expect(coverTitleLines("Road maintenance 2023: performance evaluation report", "en")).toEqual(["Road maintenance 2023: performance evaluation report"]);
  });

  it("never repeats 绩效评价 on the cover of a bundled example's Word report", async () => {
    const examples = join(repo, "examples");
    const folders = readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(folders.length).toBeGreaterThanOrEqual(5);
    for (const folder of folders) {
      // each example folder is one evaluation, with its framework file where it has one
      const dir = join(examples, folder.name);
      const docs = readdirSync(dir)
        .filter((f) => f.endsWith(".perf"))
        .map((f) => ({ uri: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
      const analysis = analyze(docs);
      expect(analysis.result.summary.errors, folder.name).toBe(0);
      const bytes = (await render(analysis.result, "docx", {})) as Uint8Array;
      const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
      const text = xml.replace(/<[^>]+>/g, "");
      expect(text, folder.name).not.toMatch(/绩效评价绩效评价|评价绩效评价|报告报告/);
      expect(text, folder.name).toContain(reportTitle(buildReport(analysis.result)));
    }
    // five Word reports: 4 s alone, 21 s with the whole suite and three busy loops on two cores
  }, 180_000);
});
