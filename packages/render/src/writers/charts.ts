import * as echarts from "echarts";
import { percentText } from "@perf/engine";
import type { Chart } from "../model.js";

export const fontStack = `'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','WenQuanYi Micro Hei',sans-serif`;

/** Bar colours after the first (weights are light grey-blue): distinct in print and for the common colour blindnesses. */
const RATE_COLOURS = ["#3a6ea5", "#d08a2e", "#4f9a6b", "#8c6bb1", "#b8544f", "#5c5c5c"];

/**
 * A chart as an inline SVG string, drawn server-side by ECharts (no DOM, no script, no network).
 * `titled: false` leaves the title out, for Word, where the caption (图3-1 …) names the chart.
 */
export function chartSvg(chart: Chart, width = 720, titled = true): string {
  const percent = chart.unit === "percent";
  const n = chart.series.length;
  // one row of bars per category; several subjects put a bar each in it
  const height = percent ? Math.max(240, 60 + chart.categories.length * (n > 1 ? 14 * n + 14 : 30) + (n > 1 ? 30 : 0)) : 300;
  const c = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    const textStyle = { fontFamily: fontStack, fontSize: 12, color: "#222" };
    if (percent) {
      // every series (each subject's rates, when there are several), told apart by colour and a legend
      c.setOption({
        animation: false,
        textStyle,
        title: { show: titled, text: chart.title, left: "center", top: 4, textStyle: { ...textStyle, fontSize: 14, fontWeight: "bold" } },
        legend: { show: n > 1, bottom: 4, textStyle },
        grid: { left: 12, right: 70, top: 40, bottom: n > 1 ? 54 : 24, containLabel: true },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", inverse: true, data: chart.categories },
        series: chart.series.map((s, i) => ({
          type: "bar",
          name: s.name,
          barMaxWidth: n > 1 ? 12 : 18,
          itemStyle: { color: RATE_COLOURS[i % RATE_COLOURS.length] },
          data: s.values.map((v) => ({ value: Number(v) * 100, label: { show: true, position: "right", formatter: percentText(v) } })),
        })),
      });
    } else {
      c.setOption({
        animation: false,
        textStyle,
        title: { show: titled, text: chart.title, left: "center", top: 4, textStyle: { ...textStyle, fontSize: 14, fontWeight: "bold" } },
        legend: { bottom: 4, textStyle },
        grid: { left: 12, right: 12, top: 56, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: chart.categories },
        yAxis: { type: "value" },
        series: chart.series.map((s, i) => ({
          type: "bar",
          name: s.name,
          barMaxWidth: 36,
          itemStyle: { color: i === 0 ? "#b8c7d9" : RATE_COLOURS[(i - 1) % RATE_COLOURS.length] },
          data: s.values.map((v) => ({ value: Number(v), label: { show: true, position: "top", formatter: v } })),
        })),
      });
    }
    return c.renderToSVGString();
  } finally {
    c.dispose();
  }
}
