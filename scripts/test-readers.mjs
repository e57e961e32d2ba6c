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
  check(charts.length === 2 && charts.every(([w, h]) => w > 300 && h > 150), `two charts drawn (${JSON.stringify(charts)})`);
  const bars = await page.$$eval("#chart-rates svg path", (ps) => ps.filter((p) => p.getAttribute("fill") === "#3a6ea5").length);
  check(bars === 11, `one bar per 二级 indicator in the rate chart (${bars})`);
  const total = await page.$eval("#scores tr.total", (tr) => tr.textContent);
  check(total.includes("82.46"), `评分表 合计 row shows 82.46 (${total})`);
  const leafRows = await page.$$eval("#scores tbody tr.data", (trs) => trs.length);
  check(leafRows === 27, `评分表 has 27 leaf rows (${leafRows})`);
  const span = await page.$eval("#scores tbody tr.data td", (td) => td.rowSpan);
  check(span === 6, `项目决策 spans its 6 leaves (${span})`);
  await page.screenshot({ path: join(out, "html-page.png"), fullPage: false });
  const chart = await page.$("#chart-rates svg");
  await chart.screenshot({ path: join(out, "html-chart-rates.png") });
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(out, "yongzhou-2023.html.pdf"), preferCSSPageSize: true, printBackground: true });
  if (updateImages) await chart.screenshot({ path: join(repo, "docs", "images", "report-chart.png") });

  const evilPage = await browser.newPage();
  await evilPage.goto(pathToFileURL(join(out, "evil.html")).href, { waitUntil: "load" });
  const scripts = await evilPage.$$eval("script", (s) => s.length);
  const shown = await evilPage.$eval("#scores tbody td", (td) => td.textContent);
  check(scripts === 0 && (await evilPage.title()) === "escape test", "a <script> in an indicator name does not run");
  check(shown === "<script>document.title='owned'</script>", `…and shows as text (${shown})`);
} finally {
  await browser.close();
}

// the print PDF: 评分表 and 问题清单 on landscape pages
const sizes = pageSizes(join(out, "yongzhou-2023.html.pdf"));
check(sizes.some(([w, h]) => w > h) && sizes.some(([w, h]) => h > w), `HTML print has portrait and landscape A4 pages (${sizes.length} pages)`);

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
execFileSync("pdftoppm", ["-r", "60", "-png", pdf, join(out, "docx-page")]);
// the first page of 附件1: the first landscape page
const first = docSizes.findIndex(([w, h]) => w > h) + 1;
if (first > 0) {
  execFileSync("pdftoppm", ["-r", "70", "-png", "-f", String(first), "-l", String(first), "-singlefile", pdf, join(out, "docx-scoresheet")]);
  if (updateImages) writeFileSync(join(repo, "docs", "images", "report-scoresheet.png"), readFileSync(join(out, "docx-scoresheet.png")));
}
for (const img of ["report-scoresheet.png", "report-chart.png"]) {
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
  const f = readdirSync(edited).find((n) => n.startsWith("edited-附件1"));
  check(!!f && /"?合计"?,100(\.00)?,,,,,,,83\.46/.test(readFileSync(join(edited, f), "utf8")), "after editing one leaf the 附件1 合计 formula gives 83.46");
}

console.log(`\nscreenshots and PDFs in ${out}`);
if (failures.length) {
  console.error(`test:readers: ${failures.length} check(s) failed`);
  process.exit(1);
}

/** [width, height] in points of every page, from pdfinfo. */
function pageSizes(file) {
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "999", file], { encoding: "utf8" });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}
