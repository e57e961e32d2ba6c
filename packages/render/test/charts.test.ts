import { describe, expect, it } from "vitest";
import { chartSvg } from "../src/index.js";
import type { Chart } from "../src/model.js";

const fills = (svg: string) => new Set([...svg.matchAll(/fill="(#[0-9a-f]{6})"/gi)].map((m) => m[1]!.toLowerCase()));

describe("charts", () => {
  const rates: Chart = {
    id: "rates",
    title: "各二级指标得分率",
    unit: "percent",
    categories: ["立项程序规范性", "预算执行率"],
    series: [
      { name: "长沙市数据局", values: ["0.7", "0.827"] },
      { name: "长沙市大数据中心", values: ["0.8", "0.984"] },
    ],
  };

  it("draws every subject's rates, each in its own colour, with a legend", () => {
    const svg = chartSvg(rates);
    for (const label of ["70.00%", "82.70%", "80.00%", "98.40%", "长沙市数据局", "长沙市大数据中心"]) expect(svg).toContain(label);
    expect(fills(svg)).toContain("#3a6ea5");
    expect(fills(svg)).toContain("#d08a2e");
  });

  it("draws one series of rates without a legend", () => {
    const svg = chartSvg({ ...rates, series: [rates.series[0]!] });
    expect(svg).toContain("82.70%");
    expect(svg).not.toContain("长沙市大数据中心");
    expect(svg).not.toContain("98.40%");
  });

  it("gives each subject's scores beside the weights a colour of its own", () => {
    const svg = chartSvg({
      id: "roots",
      title: "一级指标权重与得分",
      unit: "points",
      categories: ["项目立项", "资金管理"],
      series: [
        { name: "权重", values: ["15", "20"] },
        { name: "长沙市数据局", values: ["13.5", "16.27"] },
        { name: "长沙市大数据中心", values: ["12", "18.34"] },
      ],
    });
    const f = fills(svg);
    for (const c of ["#b8c7d9", "#3a6ea5", "#d08a2e"]) expect(f).toContain(c);
  });
});
