#!/usr/bin/env node
// Opens the rendered reports in real readers: the HTML in headless Chromium (playwright-core),
// the .docx in LibreOffice Writer (→ PDF → PNG pages with pdftoppm), the .xlsx in LibreOffice
// Calc with recalculation on load (→ CSV per sheet, then again after editing one leaf score).
// Asserts what a reader would see and leaves screenshots in out/readers/ to look at.
// `--update-images` also refreshes the two images of docs/render.md. Needs the build
// (pnpm build) and the Debian packages chromium, libreoffice-writer-nogui, poppler-utils and
// (for the xlsx checks, skipped with a message without it) libreoffice-calc-nogui.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(repo, "out", "readers");
const updateImages = process.argv.includes("--update-images");
const cli = join(repo, "packages", "cli", "dist", "main.js");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

function need(path, install) {
  if (!existsSync(path)) {
    console.error(`test:readers: ${path} is missing; install it with: apt-get install -y ${install}`);
    process.exit(1);
  }
}
need(cli, "(nothing: run `pnpm build` first)");
need(chromiumPath, "chromium");
const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find(existsSync) ?? "/usr/bin/soffice";
need(soffice, "libreoffice-writer-nogui");
need("/usr/bin/pdftoppm", "poppler-utils");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const example = join(repo, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const group = "项目绩效=项目产出,社会效益,服务对象满意度";
function perf(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`perf ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
}
perf(["render", example, "--format", "html", "--group", group, "-o", join(out, "yongzhou-2023.html")]);
perf(["render", example, "--format", "docx", "--group", group, "-o", join(out, "yongzhou-2023.docx")]);
perf(["render", example, "--format", "xlsx", "--group", group, "-o", join(out, "yongzhou-2023.xlsx")]);
// an indicator whose name is markup must show as text
const evil = join(out, "evil.perf");
writeFileSync(evil, `evaluation "escape test" { total 10 }\nindicator a "<script>document.title='owned'</script>" weight 10 { score 7 }\n`);
perf(["render", evil, "--format", "html", "-o", join(out, "evil.html")]);

// ---------------------------------------------------------------- HTML in Chromium
let htmlTables = [];
let xlsxFits = null;
const require = createRequire(join(repo, "packages", "render", "package.json"));
const { chromium } = require("playwright-core");
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  const requests = [];
  const errors = [];
  page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && requests.push(r.url()));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(join(out, "yongzhou-2023.html")).href, { waitUntil: "load" });
  check(requests.length === 0, `the HTML makes no network request (${requests.join(", ") || "none"})`);
  check(errors.length === 0, `no console errors (${errors.join("; ") || "none"})`);
  const charts = await page.$$eval("figure.chart svg", (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
  // the narrative (yongzhou-2023.report.md) names one overall chart ({{图:得分率}}); each root table has its own
  check(charts.length === 5 && charts.every(([w, h]) => w > 300 && h > 150), `five charts drawn: the one the narrative names and one per root (${JSON.stringify(charts)})`);
  // the narrative's chapters as a reader sees them: seven visible headings, each in the table of contents
  const chapters = await page.$$eval("h2.chapter", (hs) => hs.map((h) => ({ text: h.textContent, visible: h.getBoundingClientRect().height > 0, id: h.id })));
  check(chapters.map((c) => c.text.slice(0, 2)).join("") === "一、二、三、四、五、六、七、" && chapters.every((c) => c.visible), `the seven chapters are shown (${chapters.map((c) => c.text).join(" | ")})`);
  const tocLinks = await page.$$eval("nav.toc a", (as) => as.map((a) => a.getAttribute("href")));
  check(chapters.every((c) => tocLinks.includes(`#${c.id}`)), `the table of contents links every chapter (${tocLinks.length} entries)`);
  // a number quoted in the prose is drawn on one line (one client rect), wherever the line breaks
  const prose = await page.$$eval("p.text span.n", (ss) => ss.map((s) => ({ text: s.textContent, lines: s.getClientRects().length })));
  const splitProse = prose.filter((n) => n.lines !== 1);
  check(prose.some((n) => n.text === "82.46") && splitProse.length === 0, `every number of the prose stays on one line (${prose.length} numbers; split: ${splitProse.map((n) => n.text).join(", ") || "none"})`);
  // the same at a narrow width, where lines break often
  await page.setViewportSize({ width: 420, height: 900 });
  const narrow = await page.$$eval("p.text span.n", (ss) => ss.filter((s) => s.getClientRects().length !== 1).map((s) => s.textContent));
  check(narrow.length === 0, `…also in a 420 px window (${narrow.join(", ") || "none split"})`);
  await page.setViewportSize({ width: 1200, height: 900 });
  await (await page.$("#ch-3")).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(out, "html-chapter-3.png"), fullPage: false });
  const bars = await page.$$eval("#chart-rates svg path", (ps) => ps.filter((p) => p.getAttribute("fill") === "#3a6ea5").length);
  check(bars === 11, `one bar per 二级 indicator in the rate chart (${bars})`);
  const total = await page.$eval("#scores tr.total", (tr) => tr.textContent);
  check(total.includes("82.46"), `评分表 合计 row shows 82.46 (${total})`);
  const leafRows = await page.$$eval("#scores tbody tr.data", (trs) => trs.length);
  check(leafRows === 27, `评分表 has 27 leaf rows (${leafRows})`);
  const span = await page.$eval("#scores tbody tr.data td", (td) => td.rowSpan);
  check(span === 6, `项目决策 spans its 6 leaves (${span})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, "html-page.png"), fullPage: false });
  const chart = await page.$("#chart-rates svg");
  await chart.screenshot({ path: join(out, "html-chart-rates.png") });
  // what print needs to know about the tables: captions, header texts, whether a chart follows, numbers
  htmlTables = await page.$$eval("section", (ss) =>
    ss.map((s) => ({
      caption: s.querySelector("h2").textContent,
      header: s.querySelector("thead tr:last-child th").textContent,
      unit: s.querySelector("thead tr.unit th")?.textContent ?? null,
      chart: !!s.querySelector("figure"),
      numbers: [...s.querySelectorAll("td.num")].map((td) => td.textContent).filter(Boolean),
      // the last row's last number (the 合计 of a table of points), else its text: where the table ends
      last: [...s.querySelectorAll("tbody tr:last-child td")].map((td) => td.textContent).filter((x) => /\d/.test(x)).at(-1) ?? s.querySelector("tbody tr:last-child").textContent,
    })),
  );
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(out, "yongzhou-2023.html.pdf"), preferCSSPageSize: true, printBackground: true });
  // a heading pushed to the foot of a page (a spacer fills the page but the heading's height)
  // must move to the next page with its table, not stay alone
  for (const id of ["summary", "root-1"]) {
    await page.evaluate((id) => {
      document.querySelector(".spacer")?.remove();
      const d = document.createElement("div");
      d.className = "spacer";
      d.style.cssText = "break-before: page; height: 244mm";
      document.querySelector(`#${id} h2`).before(d);
    }, id);
    const file = join(out, `pushed-${id}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true });
    const caption = await page.$eval(`#${id} h2`, (h) => h.textContent);
    const pages = pageTexts(file).map((p) => p.split("\n").map((l) => l.replace(/\s+/g, "")).filter(Boolean));
    const at = pages.findIndex((lines) => lines.includes(caption.replace(/\s+/g, "")));
    check(at > 0 && pages[at].at(-1) !== caption.replace(/\s+/g, ""), `a heading pushed to a page's foot moves on with its table (${caption}: page ${at + 1}, ${pages[at]?.length} lines)`);
  }
  xlsxFits = await xlsxFacts(browser, join(out, "yongzhou-2023.xlsx"));
  if (updateImages) await chart.screenshot({ path: join(repo, "docs", "images", "report-chart.png") });

  const evilPage = await browser.newPage();
  await evilPage.goto(pathToFileURL(join(out, "evil.html")).href, { waitUntil: "load" });
  const scripts = await evilPage.$$eval("script", (s) => s.length);
  const shown = await evilPage.$eval("#scores tbody td", (td) => td.textContent);
  // the page's title is the report's ("escape test绩效评价报告"); the script would have made it "owned"
  check(scripts === 0 && (await evilPage.title()).startsWith("escape test"), "a <script> in an indicator name does not run");
  check(shown === "<script>document.title='owned'</script>", `…and shows as text (${shown})`);
} finally {
  await browser.close();
}

// the print PDF: 评分表 and 问题清单 on landscape pages
const htmlPdf = join(out, "yongzhou-2023.html.pdf");
const sizes = pageSizes(htmlPdf);
check(sizes.some(([w, h]) => w > h) && sizes.some(([w, h]) => h > w), `HTML print has portrait and landscape A4 pages (${sizes.length} pages)`);
check(sizes.length >= 12 && sizes.length <= 45, `HTML print has 12–45 pages (${sizes.length})`);
{
  const pages = pageTexts(htmlPdf);
  const squash = (t) => t.replace(/\s+/g, "");
  // the 目录 (a line 目　录, the page broken after it) names the appendices too: a caption is looked for after it
  const toc = pages.findIndex((p) => p.split("\n").some((l) => squash(l) === "目录"));
  const pageOf = (caption) => pages.findIndex((p, k) => k > toc && squash(p).includes(squash(caption)));
  const alone = htmlTables.filter((t) => {
    const lines = pages[pageOf(t.caption)]?.split("\n").map((l) => l.trim()).filter(Boolean) ?? [];
    return squash(lines.at(-1) ?? "") === squash(t.caption);
  });
  check(alone.length === 0, `no heading alone at the bottom of a printed page (${alone.map((t) => t.caption).join(", ") || "none"})`);
  // continuation pages of a table (pages after its caption's, before the next caption's) repeat its header row and unit
  const missing = [];
  let continued = 0;
  htmlTables.forEach((t, i) => {
    if (t.chart) return; // a chart may fill a page of its own
    // a table's pages: from its caption's to the one with its last row (prose may follow it, as in the narrative's chapters)
    const from = pageOf(t.caption);
    const next = i + 1 < htmlTables.length ? pageOf(htmlTables[i + 1].caption) : pages.length;
    const end = pages.findIndex((p, k) => k >= from && squash(p).includes(squash(t.last)));
    const to = end >= 0 ? Math.min(end + 1, next) : next;
    for (let p = from + 1; p < to; p++) {
      continued++;
      const text = squash(pages[p]);
      if (!text.includes(squash(t.header)) || (t.unit && !text.includes(squash(t.unit)))) missing.push(`${t.caption} p.${p + 1}`);
    }
  });
  check(continued > 0 && missing.length === 0, `header rows and unit repeated on all ${continued} continuation pages (${missing.join(", ") || "none missing"})`);
  const split = numbersSplit(htmlPdf, htmlTables.flatMap((t) => t.numbers));
  check(split.length === 0, `HTML print: every table number appears whole (${split.join(", ") || "none split"})`);
}

// ---------------------------------------------------------------- docx and xlsx in LibreOffice
// a throw-away profile that recalculates OOXML formulas on load (LibreOffice's default is never)
const profile = mkdtempSync(join(tmpdir(), "perf-lo-"));
mkdirSync(join(profile, "user"), { recursive: true });
writeFileSync(
  join(profile, "user", "registrymodifications.xcu"),
  `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
);
const office = (convertTo, file, outdir = out) =>
  execFileSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--convert-to", convertTo, "--outdir", outdir, file], { stdio: "pipe", timeout: 180_000 });
process.on("exit", () => rmSync(profile, { recursive: true, force: true }));
office("pdf", join(out, "yongzhou-2023.docx"));
const pdf = join(out, "yongzhou-2023.pdf");
check(existsSync(pdf), "LibreOffice converts the .docx to PDF");
const docSizes = pageSizes(pdf);
check(docSizes.some(([w, h]) => w > h), `the appendices are on landscape pages (${docSizes.filter(([w, h]) => w > h).length} of ${docSizes.length})`);
// LibreOffice spaces CJK from Latin ("附件 1") and wraps cells: compare without whitespace
const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
check(text.includes("附件1") && text.includes("82.46") && text.includes("立项依据充分性"), "the PDF text has 附件1, 立项依据充分性 and 82.46");
check(text.includes("未落实政府采购流程"), "the PDF text lists the findings (附件2)");
const docxSplit = numbersSplit(pdf, htmlTables.flatMap((t) => t.numbers));
check(docxSplit.length === 0, `docx → PDF: every table number appears whole (${docxSplit.join(", ") || "none split"})`);
check(docSizes.length >= 8 && docSizes.length <= 60, `docx → PDF has 8–60 pages (${docSizes.length})`);
execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(out, "docx-page")]);
// the first page of 附件1: the first landscape page
const first = docSizes.findIndex(([w, h]) => w > h) + 1;
if (first > 0) {
  execFileSync("pdftoppm", ["-r", "70", "-png", "-f", String(first), "-l", String(first), "-singlefile", pdf, join(out, "docx-scoresheet")]);
  if (updateImages) writeFileSync(join(repo, "docs", "images", "report-scoresheet.png"), readFileSync(join(out, "docx-scoresheet.png")));
}
for (const img of ["report-scoresheet.png", "report-chart.png", "xlsx-scoresheet.png"]) {
  const p = join(repo, "docs", "images", img);
  if (existsSync(p)) check(statSync(p).size < 300_000, `docs/images/${img} is under 300 KB (${Math.round(statSync(p).size / 1024)} KB)`);
}

// every sheet as CSV after LibreOffice recalculated every formula
const calc = existsSync("/usr/lib/libreoffice/program/libscalo.so") || existsSync("/usr/lib/libreoffice/program/libsclo.so");
if (!calc) console.log("skip xlsx checks: LibreOffice Calc is not installed (apt-get install -y libreoffice-calc-nogui)");
else {
  const csvFilter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";
  const sheets = join(out, "xlsx");
  mkdirSync(sheets);
  office(csvFilter, join(out, "yongzhou-2023.xlsx"), sheets);
  const sheet = (prefix) => {
    const f = readdirSync(sheets).find((n) => n.startsWith(`yongzhou-2023-${prefix}`));
    return f ? readFileSync(join(sheets, f), "utf8") : "";
  };
  const summary = sheet("表1");
  check(/"?小计"?,,70(\.00)?,57\.64,82\.34%/.test(summary), "xlsx 表1 recalculated in LibreOffice: 项目绩效 小计 70 → 57.64, 82.34%");
  check(/"?合计"?,,100(\.00)?,82\.46,82\.46%/.test(summary), "xlsx 表1 recalculated: 合计 100 → 82.46, 82.46%");
  check(/"?合计"?,100(\.00)?,,,,,,,82\.46/.test(sheet("附件1")), "xlsx 附件1 recalculated: 合计 82.46");
  // an evaluator raises 方案设计合理性 (I5) from 1 to 2: the SUM must follow
  const JSZip = require("jszip");
  const zip = await JSZip.loadAsync(readFileSync(join(out, "yongzhou-2023.xlsx")));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name).async("string");
    if (xml.includes("<f>SUM(I3:I29)</f>")) zip.file(name, xml.replace(/(<c r="I5"[^>]*>)<v>1<\/v>/, "$1<v>2</v>"));
  }
  writeFileSync(join(out, "edited.xlsx"), await zip.generateAsync({ type: "nodebuffer" }));
  const edited = join(out, "xlsx-edited");
  mkdirSync(edited);
  office(csvFilter, join(out, "edited.xlsx"), edited);
  // every sheet's 合计 score (the second number of its 合计 row) before and after the edit
  const totals = (dir, prefix) =>
    Object.fromEntries(
      readdirSync(dir)
        .filter((n) => n.startsWith(prefix) && n.endsWith(".csv"))
        .map((n) => {
          const row = readFileSync(join(dir, n), "utf8").split("\n").find((l) => /^"?合计"?,/.test(l)) ?? "";
          return [n.slice(prefix.length).replace(/\.csv$/, ""), Number((row.match(/-?\d+(?:\.\d+)?(?=%|,|$)/g) ?? [])[1])];
        })
        .filter(([, v]) => !Number.isNaN(v)),
    );
  const before = totals(sheets, "yongzhou-2023-");
  const after = totals(edited, "edited-");
  const changed = (name) => Math.round((after[name] - before[name]) * 100) / 100;
  const sheetNames = Object.keys(before);
  const follows = sheetNames.filter((n) => /^(附件1|表1|表2)/.test(n));
  const others = sheetNames.filter((n) => /^表[345]/.test(n));
  check(follows.length === 3 && follows.every((n) => changed(n) === 1), `after editing one leaf in 附件1 (1 → 2) every total that holds it rises by 1 after recalculation: ${follows.map((n) => `${n.split("：")[0]} ${before[n]} → ${after[n]}`).join(", ")}`);
  check(others.length === 3 && others.every((n) => changed(n) === 0), `…and the other roots' totals stay (${others.map((n) => `${n.split("：")[0]} ${after[n]}`).join(", ")})`);
  check(after[follows.find((n) => n.startsWith("附件1"))] === 83.46 && after[follows.find((n) => n.startsWith("表1"))] === 83.46, "附件1 and 表1 both say 83.46");
  // a data table (decision 0092): seed 003's 1,087.80 printed for rows that add up to 1,087.81
  const tablePerf = join(out, "table.perf");
  writeFileSync(
    tablePerf,
    `table 支出明细 "表2-1 项目支出明细（单位：万元）" {\n  columns { 名称 "项目" text; 预算 "预算数" 万元 }\n  row a { "政务云平台扩容", 320.50 }\n  row b { "网络安全等级保护", 767.31 }\n  printed total { 预算 1087.80 } acknowledged "原表如此"\n}\n`,
  );
  perf(["render", tablePerf, "--format", "xlsx", "-o", join(out, "table.xlsx")]);
  perf(["render", tablePerf, "--format", "docx", "-o", join(out, "table.docx")]);
  const tableSheets = join(out, "table-xlsx");
  mkdirSync(tableSheets);
  office(csvFilter, join(out, "table.xlsx"), tableSheets);
  const tableCsv = readdirSync(tableSheets).map((n) => readFileSync(join(tableSheets, n), "utf8")).find((c) => c.includes("政务云平台扩容")) ?? "";
  check(/"?合计"?,1087\.81/.test(tableCsv), "xlsx data table recalculated in LibreOffice: the printed total is a SUM of its rows, 1087.81");
  office("pdf", join(out, "table.docx"));
  const tableText = execFileSync("pdftotext", [join(out, "table.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  check(tableText.includes("表2-1项目支出明细") && tableText.includes("1087.80") && tableText.includes("各行相加为1087.81"), "docx data table: caption, the printed 1087.80 and the note with 1087.81");

  // the workbook as Calc prints it: rows tall enough, nothing drawn over anything, numbers whole
  check(xlsxFits !== null && xlsxFits.bad.length === 0 && xlsxFits.checked > 50, `xlsx rows fit their wrapped texts as Chromium lays them out in the fallback font (${xlsxFits?.checked} multi-line cells; ${xlsxFits?.bad.slice(0, 5).join("; ") || "none short"})`);
  const xlsxPdfDir = join(out, "xlsx-pdf");
  mkdirSync(xlsxPdfDir);
  office("pdf", join(out, "yongzhou-2023.xlsx"), xlsxPdfDir);
  const xlsxPdf = join(xlsxPdfDir, "yongzhou-2023.pdf");
  const xlsxSizes = pageSizes(xlsxPdf);
  check(xlsxSizes.length >= 8 && xlsxSizes.length <= 40, `Calc prints the workbook on 8–40 pages (${xlsxSizes.length}), landscape for 附件1/附件2 (${xlsxSizes.filter(([w, h]) => w > h).length})`);
  const overlaps = overlappingWords(xlsxPdf);
  check(overlaps.length === 0, `Calc's PDF: no text drawn over other text (${overlaps.slice(0, 5).join("; ") || "none"})`);
  const xlsxSplit = numbersSplit(xlsxPdf, xlsxFits.numbers);
  check(xlsxSplit.length === 0, `Calc's PDF: every table number appears whole (${xlsxSplit.join(", ") || "none split"})`);
  const footer = pageTexts(xlsxPdf).every((p, i) => p.replace(/\s+/g, "").includes(`第${i + 1}页`));
  check(footer, "Calc prints a page number in every page's footer");
  execFileSync("pdftoppm", ["-r", "60", "-png", xlsxPdf, join(out, "xlsx-page")]);
  const scoresPage = pageTexts(xlsxPdf).findIndex((p) => p.replace(/\s+/g, "").includes("附件1")) + 1;
  if (scoresPage > 0) {
    execFileSync("pdftoppm", ["-r", "70", "-png", "-f", String(scoresPage), "-l", String(scoresPage), "-singlefile", xlsxPdf, join(out, "xlsx-scoresheet")]);
    if (updateImages) writeFileSync(join(repo, "docs", "images", "xlsx-scoresheet.png"), readFileSync(join(out, "xlsx-scoresheet.png")));
  }
}

console.log(`\nscreenshots and PDFs in ${out}`);
// ---------------------------------------------------------------- several subjects: the comparison table
// seed 004 (changsha-2023): a framework and two units; the 得分对比表 in Chromium and in LibreOffice
{
  const changsha = join(repo, "examples", "changsha-2023");
  perf(["render", changsha, "--format", "html", "-o", join(out, "changsha-2023.html")]);
  perf(["render", changsha, "--format", "docx", "-o", join(out, "changsha-2023.docx")]);
  const browser2 = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  let numbers = [];
  try {
    const page = await browser2.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(out, "changsha-2023.html")).href, { waitUntil: "load" });
    const facts = await page.$eval("#comparison", (s) => {
      const table = s.querySelector("table");
      const rows = [...table.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map((td) => td.textContent));
      const nums = [...table.querySelectorAll("td.num")];
      // a number on more than one line, or wider than its cell
      const lines = (td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      };
      const wrapped = nums.filter((td) => lines(td) > 1 || td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent);
      return { tableWidth: table.getBoundingClientRect().width, sectionWidth: s.getBoundingClientRect().width, rows, wrapped, numbers: nums.map((td) => td.textContent).filter(Boolean) };
    });
    numbers = facts.numbers;
    const total = facts.rows.find((r) => r[0] === "合计") ?? [];
    check(total.includes("86.98") && total.includes("86.38"), `HTML 得分对比表: the 合计 row has 86.98 and 86.38 (${total.join(" | ")})`);
    check(facts.rows.some((r) => r[0] === "评价等级" && r.filter((c) => c === "良").length === 2), "HTML 得分对比表: both subjects graded 良");
    check(facts.tableWidth <= facts.sectionWidth + 1, `HTML 得分对比表 fits its page width (${Math.round(facts.tableWidth)} ≤ ${Math.round(facts.sectionWidth)} px)`);
    check(facts.wrapped.length === 0, `HTML 得分对比表: no number wraps (${facts.wrapped.join(", ") || "none"})`);
    // the 问题清单: 问题描述 and 关联指标 are empty in every row, so their width goes to 具体问题,
    // where each of the short problems stays on one line
    const issues = await page.$eval("#findings", (s) => {
      const table = s.querySelector("table");
      const head = [...table.querySelectorAll("thead th")].find((th) => th.textContent === "具体问题").getBoundingClientRect();
      const lines = (td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      };
      // the cells under the header, found by where they are: merged cells leave rows shorter
      return [...table.querySelectorAll("tbody td")]
        .filter((td) => Math.abs(td.getBoundingClientRect().left - head.left) < 1 && [...td.textContent].length <= 30)
        .map((td) => ({ text: td.textContent, lines: lines(td) }));
    });
    const wrappedIssues = issues.filter((i) => i.lines > 1).map((i) => i.text);
    check(issues.length >= 15 && wrappedIssues.length === 0, `HTML 问题清单: ${issues.length} short 具体问题, none wraps (${wrappedIssues.join(", ") || "none"})`);
    await page.emulateMedia({ media: "print" });
    const printed = join(out, "changsha-2023.html.pdf");
    await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
    const split = numbersSplit(printed, numbers);
    check(split.length === 0, `HTML print of 得分对比表: every number appears whole (${split.join(", ") || "none split"})`);
  } finally {
    await browser2.close();
  }
  office("pdf", join(out, "changsha-2023.docx"));
  const cpdf = join(out, "changsha-2023.pdf");
  const ctext = execFileSync("pdftotext", [cpdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  check(ctext.includes("各评价对象得分对比表") && ctext.includes("长沙市数据局") && ctext.includes("长沙市大数据中心评分表"), "docx → PDF has the 得分对比表 and a 评分表 per subject");
  const csplit = numbersSplit(cpdf, numbers);
  check(csplit.length === 0, `docx → PDF 得分对比表: every number appears whole (${csplit.join(", ") || "none split"})`);
  // the table's right edge stays inside the portrait page's text area (A4 595 pt, margins ≥ 56 pt)
  const bbox = execFileSync("pdftotext", ["-bbox", cpdf, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  // the page with the table itself (its 评价等级 row), not the 表目录 that names it
  const pageOfTable = bbox.split("<page ").slice(1).find((p) => p.includes("对比表") && p.includes(">评价等级<"));
  const widthOf = /width="([\d.]+)"/.exec(pageOfTable ?? "")?.[1];
  const right = Math.max(0, ...[...(pageOfTable ?? "").matchAll(/xMax="([\d.]+)"/g)].map((m) => +m[1]));
  check(!!pageOfTable && right <= Number(widthOf) - 40, `docx → PDF 得分对比表 fits the page width (right edge ${Math.round(right)} of ${widthOf} pt)`);
  execFileSync("pdftoppm", ["-r", "60", "-png", cpdf, join(out, "changsha-docx-page")]);
}

// ---------------------------------------------------------------- targets: values never wrap
// seed 003 (qingdao-2020): the 绩效目标完成情况表's 目标值/实际值 ("≤2020年11月底", "≥1200 台") in
// Chromium (a cell on one line) and in Calc's PDF of the workbook (each value whole on a line)
{
  const qingdao = join(repo, "examples", "qingdao-2020");
  perf(["render", qingdao, "--format", "html", "--table", "targets", "-o", join(out, "qingdao-targets.html")]);
  perf(["render", qingdao, "--format", "xlsx", "--table", "targets", "-o", join(out, "qingdao-targets.xlsx")]);
  const browser3 = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
  let values = [];
  try {
    // 600 px: where the date wrapped before value cells kept to one line
    const page = await browser3.newPage({ viewport: { width: 600, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(out, "qingdao-targets.html")).href, { waitUntil: "load" });
    const facts = await page.$$eval("td.value", (tds) => {
      const lines = (td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      };
      return tds.map((td) => ({ text: td.textContent, lines: lines(td) }));
    });
    values = facts.map((f) => f.text);
    const wrapped = facts.filter((f) => f.lines > 1).map((f) => f.text);
    check(values.includes("≤2020年11月底") && values.length >= 15, `HTML 绩效目标完成情况表: ${values.length} value cells, ≤2020年11月底 among them`);
    check(wrapped.length === 0, `HTML 绩效目标完成情况表 in a 600 px window: no value wraps (${wrapped.join(", ") || "none"})`);
    await page.screenshot({ path: join(out, "qingdao-targets.png"), fullPage: true });
  } finally {
    await browser3.close();
  }
  office("pdf", join(out, "qingdao-targets.xlsx"));
  const lines = execFileSync("pdftotext", ["-layout", join(out, "qingdao-targets.pdf"), "-"], { encoding: "utf8" }).split("\n").map((l) => l.replace(/\s+/g, ""));
  const broken = [...new Set(values)].filter((v) => !lines.some((l) => l.includes(v.replace(/\s+/g, ""))));
  check(values.length > 0 && broken.length === 0, `Calc's PDF of the targets sheet: every value whole on one line (${broken.join(", ") || "none broken"})`);
}

if (failures.length) {
  console.error(`test:readers: ${failures.length} check(s) failed`);
  process.exit(1);
}

/** [width, height] in points of every page, from pdfinfo. */
function pageSizes(file) {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", file], { encoding: "utf8" });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The text of every page, laid out (pdftotext -layout). */
function pageTexts(file) {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 }).split("\f").slice(0, -1);
}

/**
 * Numbers of the tables that a reader would see broken: each distinct number must appear as a
 * whole token (not inside a longer number) at least as often as the tables print it; a number
 * wrapped inside its cell ("82.4" / "6") is then missing once.
 */
function numbersSplit(file, numbers) {
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const found = new Map();
  for (const m of text.matchAll(/(?<![\d.])\d+(?:\.\d+)?%?(?![\d.])/g)) found.set(m[0], (found.get(m[0]) ?? 0) + 1);
  const wanted = new Map();
  // the cells set as numbers hold words too (a grade under the scores, "8.4 元"): only numbers are counted
  for (const n of numbers) if (/^\d+(?:\.\d+)?%?$/.test(n)) wanted.set(n, (wanted.get(n) ?? 0) + 1);
  return [...wanted].filter(([n, k]) => (found.get(n) ?? 0) < k).map(([n, k]) => `${n} ${found.get(n) ?? 0}/${k}`);
}

/** Words whose boxes overlap another word's on the same page by more than a third (pdftotext -bbox). */
function overlappingWords(file) {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  const bad = [];
  html.split("<page ").slice(1).forEach((page, p) => {
    const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], w: m[5] }));
    for (let i = 0; i < words.length; i++)
      for (let j = i + 1; j < words.length; j++) {
        const a = words[i], b = words[j];
        const ix = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        const iy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        if (ix <= 0 || iy <= 0) continue;
        const small = Math.min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
        if (ix * iy > small / 3) bad.push(`p.${p + 1} "${a.w}" / "${b.w}"`);
      }
  });
  return bad;
}

/**
 * Every string cell of the workbook laid out by Chromium in a box as wide as its (merged) columns,
 * in 宋体 with the fallbacks LibreOffice would use, at 10.5 pt: its lines × the writer's line
 * height must fit the height of its (merged) rows. Also returns every number as printed.
 */
async function xlsxFacts(browser, file) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file));
  const LINE_PT = 15.25;
  const cells = [];
  // every number as its format prints it (0.00, 0.00%, 0), from the engine's cached results
  const numbers = [];
  const shown = (v, fmt) => (fmt === "0.00%" ? `${(v * 100).toFixed(2)}%` : fmt === "0.00" ? v.toFixed(2) : String(v));
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = typeof cell.value === "number" ? cell.value : typeof cell.value?.result === "number" ? cell.value.result : null;
        if (v !== null) numbers.push(shown(v, cell.numFmt));
      }),
    );
    const merges = ws.model.merges.map((m) => m.split(":").map((a) => ws.getCell(a)));
    ws.eachRow((row, r) => {
      if (r < 2) return;
      row.eachCell((cell, c) => {
        if (typeof cell.value !== "string" || (cell.isMerged && cell.master !== cell)) return;
        const m = merges.find(([a]) => a.address === cell.address);
        const [r2, c2] = m ? [Number(m[1].row), Number(m[1].col)] : [r, c];
        let px = 0;
        for (let k = c; k <= c2; k++) px += Math.trunc(ws.getColumn(k).width * 7 + 5);
        let pt = 0;
        for (let k = r; k <= r2; k++) pt += ws.getRow(k).height ?? 15;
        cells.push({ at: `${ws.name.split("：")[0]}!${cell.address}`, text: cell.value, px: px - 5, pt, bold: !!cell.font?.bold });
      });
    });
  }
  const page = await browser.newPage();
  await page.setContent(`<!DOCTYPE html><style>div{font:10.5pt/normal "宋体","SimSun","Noto Serif CJK SC",serif;white-space:pre-wrap;overflow-wrap:anywhere;position:absolute}</style>`);
  const lines = await page.evaluate((cells) => {
    const d = document.createElement("div");
    document.body.append(d);
    d.textContent = "中";
    const one = d.getBoundingClientRect().height;
    return cells.map((c) => {
      d.style.width = `${c.px}px`;
      d.style.fontWeight = c.bold ? "bold" : "normal";
      d.textContent = c.text;
      return Math.round(d.getBoundingClientRect().height / one);
    });
  }, cells);
  await page.close();
  const bad = cells.filter((c, i) => lines[i] * LINE_PT > c.pt).map((c, i) => `${c.at} ${lines[cells.indexOf(c)]} lines in ${c.pt} pt`);
  return { checked: lines.filter((n) => n > 1).length, bad, numbers };
}
