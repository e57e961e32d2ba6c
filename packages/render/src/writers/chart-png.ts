import type { Chart } from "../model.js";
import { chartSvg } from "./charts.js";

/**
 * A chart as PNG for Word: the same ECharts SSR SVG the HTML shows, rasterized by resvg (a
 * Rust renderer shipped as a prebuilt binary per platform, no browser) at twice the size so it
 * stays sharp in print. Text uses the system's fonts; the SVG asks for a CJK sans-serif.
 */
export async function chartPng(chart: Chart, width = 720): Promise<{ png: Uint8Array; width: number; height: number }> {
  const svg = chartSvg(chart, width, false);
  // loaded on first use: a native module that only the Word report needs
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans CJK SC", sansSerifFamily: "Noto Sans CJK SC" },
  });
  const image = resvg.render();
  const png = new Uint8Array(image.asPng());
  return { png, width: image.width / 2, height: image.height / 2 };
}
