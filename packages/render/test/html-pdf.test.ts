import { describe, expect, it } from "vitest";
import { buildReport, findChromium, htmlToPdf, PdfEngineError, toHtml } from "../src/index.js";
import { yongzhou } from "./helpers.js";

const chromium = findChromium();
if (!chromium) console.log("html-pdf: Chromium printing not tested: no Chromium here (apt-get install chromium, or set CHROMIUM_PATH)");

describe("PDF from the HTML through Chromium", () => {
  it("says clearly, in the report's language, when there is no Chromium", async () => {
    await expect(htmlToPdf("<p>x</p>", { chromium: "/nonexistent/chromium", locale: "en" })).rejects.toThrow(PdfEngineError);
    await expect(htmlToPdf("<p>x</p>", { chromium: "/nonexistent/chromium" })).rejects.toThrow(/Chromium 未能生成 PDF/);
    const missing = new PdfEngineError("missing", "zh");
    expect(missing.message).toContain("CHROMIUM_PATH");
  });

  it.skipIf(!chromium)("prints A4 pages, portrait and the landscape appendices", { timeout: 120_000 }, async () => {
    const pdf = Buffer.from(await htmlToPdf(toHtml(buildReport(yongzhou()))));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const a4 = ([w, h]: number[]) => Math.abs(Math.min(w!, h!) - 595) < 1 && Math.abs(Math.max(w!, h!) - 842) < 1;
    expect(boxes.length).toBeGreaterThan(5);
    expect(boxes.every(a4)).toBe(true);
    expect(boxes.some(([w, h]) => w! > h!)).toBe(true);
    expect(boxes.some(([w, h]) => h! > w!)).toBe(true);
  });
});
