import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

/**
 * `perf render --format pdf` as LibreOffice lays it out: the 目录 and the 表目录 are rebuilt
 * with the pages their headings and captions are printed on (a Word file's index holds no page
 * numbers until a word processor updates it). Read back with pdftotext, page by page.
 */
const root = join(import.meta.dirname, "..", "..", "..");
const onPath = (name: string) => (process.env.PATH ?? "").split(delimiter).find((d) => existsSync(join(d, name)));
const missing = ["soffice", "pdftotext"].filter((n) => !onPath(n));
if (missing.length) console.warn(`pdf tests skipped: ${missing.join(", ")} not on PATH (install LibreOffice and poppler-utils)`);

/** The example with its report text, rendered to PDF in a folder of its own. */
async function renderPdf(env: Record<string, string>, options: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "perf-pdf-"));
  cpSync(join(root, "examples", "yongzhou-2023"), dir, { recursive: true });
  const r = await perf(["render", "yongzhou-2023.perf", "--format", "pdf", "-o", "report.pdf", ...options], dir, env);
  return { ...r, pdf: join(dir, "report.pdf"), dir };
}

/** Each page's text by the number printed in its footer (—N—), squeezed of white space. */
function pagesByNumber(pdf: string): Map<number, string> {
  const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\f");
  const byNumber = new Map<number, string>();
  for (const page of pages) {
    const footer = /—\s*(\d+)\s*—\s*$/.exec(page.trimEnd());
    if (footer) byNumber.set(Number(footer[1]), page);
  }
  return byNumber;
}

/** The entries of an index page: "title……12" as [title, 12]. */
function entries(page: string): [string, number][] {
  return [...page.matchAll(/^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$/gm)].map((m) => [m[1]!.replace(/\s+/g, ""), Number(m[2])]);
}

const squeezed = (s: string) => s.replace(/\s+/g, "");

describe.skipIf(missing.length > 0)("perf render --format pdf", { timeout: 300_000 }, () => {
  it("lists every heading and every table in the 目录 and 表目录 with the page it is printed on", async () => {
    const r = await renderPdf({ PATH: process.env.PATH ?? "" });
    expect([r.code, r.stderr]).toEqual([0, "已写入 report.pdf\n"]);
    const pages = pagesByNumber(r.pdf);
    const contents = [...pages.values()].find((p) => /^\s*目\s*录\s*$/m.test(p))!;
    const tables = [...pages.values()].find((p) => /^\s*表\s*目\s*$/m.test(p))!;
    const toc = entries(contents);
    const tablesToc = entries(tables);
    // seven chapters, their sections and three 附件; the five tables of chapters 3 and 4
    expect(toc.length).toBeGreaterThanOrEqual(20);
    expect(toc.map(([t]) => t)).toEqual(expect.arrayContaining(["一、基本情况", "（一）项目决策情况", "七、其他需要说明的情况"]));
    expect(tablesToc.map(([t]) => t)).toEqual(["表3-1绩效评价得分情况表", "表4-1项目决策指标分析", "表4-2项目过程指标分析", "表4-3项目产出指标分析", "表4-4项目效益指标分析"]);
    for (const [title, page] of [...toc, ...tablesToc]) {
      expect(pages.has(page), `${title}: page ${page}`).toBe(true);
      expect(squeezed(pages.get(page)!), `${title} on page ${page}`).toContain(title);
    }
    // in the order of the document, so on pages that never go back
    const numbers = toc.map(([, n]) => n);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it("lists every heading with its page under a firm's template whose heading styles have no outline level", async () => {
    const r = await renderPdf({ PATH: process.env.PATH ?? "" }, ["--template", join(import.meta.dirname, "fixtures", "firm-template.docx")]);
    expect(r.code).toBe(0);
    const pages = pagesByNumber(r.pdf);
    const contents = [...pages.values()].find((p) => /^\s*目\s*录\s*$/m.test(p))!;
    const toc = entries(contents);
    expect(toc.length).toBeGreaterThanOrEqual(20);
    for (const [title, page] of toc) expect(squeezed(pages.get(page) ?? ""), `${title} on page ${page}`).toContain(title);
  });

  it("falls back to the plain conversion, and says the 目录 has no page numbers, when the macro writes nothing", async () => {
    // a LibreOffice that starts but runs no macro (as one that changed its Basic would)
    const bin = mkdtempSync(join(tmpdir(), "perf-soffice-"));
    const shim = join(bin, "soffice");
    writeFileSync(shim, `#!/bin/sh\nfor a in "$@"; do case "$a" in macro:*) exit 0;; esac; done\nexec "${onPath("soffice")}/soffice" "$@"\n`);
    chmodSync(shim, 0o755);
    const r = await renderPdf({ PATH: process.env.PATH ?? "", PERF_SOFFICE: shim });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("PDF 中的目录没有页码");
    const contents = [...pagesByNumber(r.pdf).values()].find((p) => /^\s*目\s*录\s*$/m.test(p))!;
    expect(squeezed(contents)).toContain("一、基本情况");
    expect(entries(contents)).toEqual([]);
  });
});
