import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../src/index.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");

async function perf(args: string[], cwd: string, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, env };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), "perf-render-"));

describe("perf render", () => {
  it("prints Markdown to stdout when no -o is given", async () => {
    const r = await perf(["render", example, "--format", "md", "--table", "summary", "--group", "项目绩效=项目产出,社会效益,服务对象满意度"], tmp());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| **小计** |  | **70** | **57.64** | **82.34%** |");
    expect(r.stdout).toContain("| **合计** |  | **100** | **82.46** | **82.46%** |");
    expect(r.stderr).toBe("");
  });

  it("writes docx into the working folder, then refuses to overwrite it without --force", async () => {
    const dir = tmp();
    const first = await perf(["render", example, "--format", "docx"], dir);
    expect(first.code).toBe(0);
    const out = join(dir, "yongzhou-2023.docx");
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    writeFileSync(out, "keep me");
    const second = await perf(["render", example, "--format", "docx"], dir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("已存在；加 --force 覆盖");
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await perf(["render", example, "--format", "docx", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // the file's first docx loads the Word writer: 2 s with the whole suite on two cores, 3–15 s with three busy loops besides
  }, 120_000);

  it("renders every .perf of a folder into -o with a progress line each", async () => {
    const dir = tmp();
    const r = await perf(["render", join(root, "examples"), "--format", "xlsx", "-o", "out/"], dir);
    expect(r.code).toBe(0);
    // one workbook per example (examples/ grows: yongzhou-2023, chinese-keywords, qingdao-2020, …)
    // a framework file (changsha-2023/framework.perf) is part of the evaluation that uses it, not a report of its own
    const framework = (f: string) => /^(framework|框架)\s/m.test(readFileSync(join(root, "examples", f), "utf8"));
    const names = readdirSync(join(root, "examples"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".perf") && !framework(f))
      .map((f) => f.replace(/^.*\//, "").replace(/\.perf$/, ".xlsx"));
    expect(names).toEqual(expect.arrayContaining(["yongzhou-2023.xlsx", "培训项目.xlsx", "qingdao-2020.xlsx"]));
    expect(readdirSync(join(dir, "out")).sort()).toEqual(names.sort());
    expect(r.stderr.match(new RegExp(`^\\[\\d+\\/${names.length}\\] .+ → out\\/.+\\.xlsx$`, "gm"))).toHaveLength(names.length);
  });

  it("treats -o NAME.ext as a file when a folder holds one .perf", async () => {
    const dir = tmp();
    const r = await perf(["render", join(root, "examples", "yongzhou-2023"), "--format", "docx", "-o", "report.docx"], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "report.docx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses a file that does not parse and writes nothing", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "bad.perf"), 'evaluation "x" { total 100 }\nindicator a weight { {{ \n');
    const r = await perf(["render", "bad.perf", "--format", "html", "-o", "bad.html"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("语法错误，未生成报告");
    expect(existsSync(join(dir, "bad.html"))).toBe(false);
  });

  it("renders a file with scoring errors but says so and exits 1", async () => {
    const dir = tmp();
    const text = readFileSync(example, "utf8").replace(/(indicator 预算执行率[^\n]*?weight )2/, "$13");
    writeFileSync(join(dir, "changed.perf"), text);
    const r = await perf(["render", "changed.perf", "--format", "md", "--lang", "en"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("# 2023年永州市公共服务信息化运维项目");
    expect(r.stderr).toMatch(/changed\.perf: \d+ error\(s\), \d+ warning\(s\); rendered anyway/);
  });

  it("rejects bad options with exit 2 and a message", async () => {
    const dir = tmp();
    expect((await perf(["render", example, "--format", "odt"], dir)).stderr).toContain("未知格式 odt");
    expect((await perf(["render", example, "--format", "odt"], dir)).code).toBe(2);
    const g = await perf(["render", example, "--format", "md", "--group", "X=社会效益"], dir);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain("服务对象满意度");
    const tbl = await perf(["render", example, "--format", "csv", "--table", "nope", "--lang", "en"], dir);
    expect(tbl.code).toBe(2);
    expect(tbl.stderr).toContain("unknown table nope");
    expect((await perf(["render", "--format", "md"], dir)).code).toBe(2);
  });

  it("refuses two inputs that would land on the same output file", async () => {
    const dir = tmp();
    for (const sub of ["a", "b"]) {
      mkdirSync(join(dir, "in", sub), { recursive: true });
      cpSync(example, join(dir, "in", sub, "same.perf"));
    }
    const r = await perf(["render", "in", "--format", "json", "-o", "out"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("会写到同一个文件");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("refuses a docx over the size limit with PERF120 and a fix, writes nothing, and goes on with the next file", async () => {
    const dir = tmp();
    // 6 300 findings of 8 cells each: just over the docx limit of 50 000 cells
    const findings = Array.from({ length: 6300 }, (_, i) => `finding f${i} on a { issue "问题${i}" }`).join("\n");
    writeFileSync(join(dir, "big.perf"), `evaluation "大" { total 1 }\nindicator a weight 1 { per finding deduct 0 }\n${findings}\n`);
    cpSync(example, join(dir, "small.perf"));
    const r = await perf(["render", "big.perf", "small.perf", "--format", "docx", "-o", "out/"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^perf: 错误\[PERF120\]: big\.perf: 报告的表格共有 \d+ 个单元格，超过 docx 格式的上限 50000；未生成任何内容$/m);
    expect(r.stderr).toMatch(/^修改：用 --table 只输出部分表格/m);
    expect(readdirSync(join(dir, "out"))).toEqual(["small.docx"]);
    const en = await perf(["render", "big.perf", "--format", "docx", "--lang", "en", "--table", "findings"], dir);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/^perf: error\[PERF120\]: big\.perf: the report's tables have \d+ cells, more than the docx limit of 50000; nothing was written\nfix: Render fewer tables/m);
    expect(existsSync(join(dir, "big.docx"))).toBe(false);
  });

  it("writes CSV with a BOM and JSON that is the engine result", async () => {
    const dir = tmp();
    expect((await perf(["render", example, "--format", "csv", "--table", "scores", "-o", "s.csv"], dir)).code).toBe(0);
    expect(readFileSync(join(dir, "s.csv"), "utf8").startsWith("\uFEFF一级指标,")).toBe(true);
    const j = await perf(["render", example, "--format", "json"], dir);
    expect(JSON.parse(j.stdout).total.score).toBe("82.46");
  });
});

describe("perf check and perf render with a narrative (NAME.report.md)", () => {
  const withNarrative = (edit: (md: string) => string = (s) => s) => {
    const dir = tmp();
    cpSync(join(root, "examples", "yongzhou-2023"), dir, { recursive: true });
    const md = join(dir, "yongzhou-2023.report.md");
    writeFileSync(md, edit(readFileSync(md, "utf8")));
    return dir;
  };

  it("check reports an unknown indicator in the Markdown with its file:line:col, and render refuses", async () => {
    const dir = withNarrative((s) => s.replace("{{指标.预算执行率.得分}}", "{{指标.预算执行律.得分}}"));
    const line = readFileSync(join(dir, "yongzhou-2023.report.md"), "utf8").split("\n").findIndex((l) => l.includes("预算执行律")) + 1;
    const check = await perf(["check", "."], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`error\\[PERF151\\]|错误\\[PERF151\\]`));
    expect(check.stdout).toContain(`yongzhou-2023.report.md:${line}:`);
    expect(check.stdout).toContain("是否指「预算执行率」");
    const render = await perf(["render", "yongzhou-2023.perf", "--format", "docx"], dir);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain("未生成报告");
    expect(existsSync(join(dir, "yongzhou-2023.docx"))).toBe(false);
  });

  it("check is silent on the example, whose narrative resolves", async () => {
    const r = await perf(["check", "."], withNarrative());
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "", ""]);
  });

  it("prints the narrative in Markdown with the computed numbers", async () => {
    const r = await perf(["render", "yongzhou-2023.perf", "--format", "md"], withNarrative());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## 三、综合评价情况及评价结论");
    expect(r.stdout).toContain("指标体系共设4个一级指标、11个二级指标和27个三级指标");
    expect(r.stdout).toContain("**表3-1　绩效评价得分情况表**");
  });

  it("says clearly that --format pdf needs LibreOffice when soffice is missing", async () => {
    const r = await perf(["render", example, "--format", "pdf"], tmp(), { PATH: "", PERF_SOFFICE: "/nonexistent/soffice" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("生成 PDF 需要 LibreOffice（soffice）");
  });

  it("refuses --template for a format other than docx/pdf, and a template that is not a .docx", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "firm.docx"), "not a zip");
    expect((await perf(["render", example, "--format", "md", "--template", "firm.docx"], dir)).stderr).toContain("--template 只用于 docx 或 pdf 格式");
    const r = await perf(["render", example, "--format", "docx", "--template", "firm.docx"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("无法读取模板 firm.docx");
    expect(existsSync(join(dir, "yongzhou-2023.docx"))).toBe(false);
  }, 60_000);
});
