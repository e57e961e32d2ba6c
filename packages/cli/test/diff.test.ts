import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyze } from "@perf/engine";
import { format } from "@perf/language";
import { describe, expect, it } from "vitest";
import { run } from "../src/index.js";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const original = readFileSync(example, "utf8");
const bin = join(root, "packages", "cli", "dist", "main.js");


const tmp = () => mkdtempSync(join(tmpdir(), "perf-diff-"));

/** 预算执行率 weight 2 → 3 (2 × 95.906% = 1.92 → 3 × 95.906% = 2.88, +0.96) and a 14th case for 制度执行有效性 (3.4 → 3.2). */
function edited(text: string): string {
  const out = text.replace(/(indicator 预算执行率[^\n]*?weight )2/, "$13") + '\nfinding 新增问题 on 制度执行有效性 {\n  type "合同管理不规范"\n}\n';
  expect(out).not.toBe(text + "\n");
  return out;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=perf-test", "-c", "user.email=perf@test.invalid", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
}

describe("perf diff --git", () => {
  it("reports exactly the changed weight and the added finding, with the new total and exit 2", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    writeFileSync(join(repo, "yongzhou.perf"), original);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "seed 000");
    const changed = edited(original);
    writeFileSync(join(repo, "yongzhou.perf"), changed);

    const r = await perf(["diff", "--git", "HEAD", "--format", "json", "--lang", "en"], repo);
    expect(r.code).toBe(2);
    const [d] = JSON.parse(r.stdout) as any[];
    expect(d.counts).toMatchObject({ weights: 1, rules: 0, findingsAdded: 1, findingsRemoved: 0, findingsChanged: 0, indicatorsAdded: 0, indicatorsRemoved: 0, facts: 0, texts: 0 });
    const leaves = d.nodes.filter((n: any) => n.leaf);
    expect(leaves.map((n: any) => n.id)).toEqual(["预算执行率", "制度执行有效性"]);
    expect(leaves[0].weight).toEqual({ old: "2", new: "3" });
    expect(leaves[0].score).toMatchObject({ old: "1.92", new: "2.88", delta: "0.96" });
    expect(leaves[1].score).toMatchObject({ old: "3.4", new: "3.2" });
    expect(leaves[1].causes).toEqual([{ kind: "findingAdded", finding: "新增问题", cases: 1 }]);
    expect(d.findings).toEqual([expect.objectContaining({ status: "added", id: "新增问题", on: ["制度执行有效性"] })]);
    // 82.46 + 0.96 − 0.20, and the engine agrees on the edited file.
    expect(d.total).toMatchObject({ old: "82.46", new: "83.22" });
    expect(analyze([{ uri: "x.perf", text: changed }]).result.total.score).toBe("83.22");
    expect(d.summary).toBe("1 weight changed, 1 finding added, total 82.46 → 83.22 (+0.76), 良 → 良");

    const text = await perf(["diff", "--git"], repo);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("~ 指标 项目过程 › 资金管理 › 预算执行率\n    分值 2 → 3\n    得分 1.92 → 2.88（+0.96）");
    expect(text.stdout).toContain("    + 问题 新增问题");
    expect(text.stdout).toContain("+ 问题 新增问题 关联 制度执行有效性");
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe("1 个分值变化，新增 1 个问题，总分 82.46 → 83.22（+0.76），良 → 良");

    // Committed, the working tree equals HEAD; HEAD~1..HEAD shows the same change.
    git(repo, "commit", "-qam", "edit");
    expect((await perf(["diff", "--git"], repo)).code).toBe(0);
    const range = await perf(["diff", "--git", "HEAD~1..HEAD", "--format", "json"], repo);
    expect(range.code).toBe(2);
    expect(JSON.parse(range.stdout)[0].total.new).toBe("83.22");
    const mergeBase = await perf(["diff", "--git", "HEAD~1...HEAD", "--format", "json"], repo);
    expect(mergeBase.code).toBe(2);
    expect(JSON.parse(mergeBase.stdout)[0].total).toMatchObject({ old: "82.46", new: "83.22" });
  }, 60_000);

  it("shows score lines in git diff through the textconv driver", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    writeFileSync(join(repo, ".gitattributes"), "*.perf diff=perf\n");
    git(repo, "config", "diff.perf.textconv", `node ${JSON.stringify(bin)} diff --textconv`);
    writeFileSync(join(repo, "yongzhou.perf"), original);
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "seed 000");
    writeFileSync(join(repo, "yongzhou.perf"), edited(original));
    const out = execFileSync("git", ["diff", "--no-color"], { cwd: repo, encoding: "utf8", env: { ...process.env, PERF_LANG: "en" } });
    expect(out).toContain("-indicator 项目过程/资金管理/预算执行率  weight 2  score 1.92  ratio 实际支出 / 到位资金");
    expect(out).toContain("+indicator 项目过程/资金管理/预算执行率  weight 3  score 2.88  ratio 实际支出 / 到位资金");
    expect(out).toContain("+indicator 项目过程/组织实施/制度执行有效性  weight 6  score 3.2  per finding deduct 0.2");
    expect(out).toContain("+finding 新增问题  on 制度执行有效性  count 1");
    expect(out).toContain("-total  weight 100  score 82.46  grade 良");
    expect(out).toContain("+total  weight 100  score 83.22  grade 良");
    // perf diff --git itself reads the raw blobs, not the textconv view.
    const r = await perf(["diff", "--git", "--format", "json"], repo);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)[0].total).toMatchObject({ old: "82.46", new: "83.22" });
  }, 60_000);

  it("fails with exit 1 outside a repository or on a bad revision", async () => {
    const dir = tmp();
    const r = await perf(["diff", "--git"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("git");
    git(dir, "init", "-q");
    expect((await perf(["diff", "--git", "no-such-rev"], dir)).code).toBe(1);
  });
});

describe("perf diff OLD NEW", () => {
  it("exits 0 and says so when only the layout changed", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    const formatted = format(original.replace(/\n\n/g, "\n\n\n"), { spelling: "zh" });
    expect(formatted.ok).toBe(true);
    writeFileSync(join(dir, "b.perf"), formatted.text);
    const r = await perf(["diff", "a.perf", "b.perf"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("无变化，总分 82.46，良");
  });

  it("detects a renamed indicator, an edited deduction, a changed fact and a removed finding", async () => {
    const dir = tmp();
    const a = [
      "fact 支出 = 80 万元",
      "fact 预算 = 100 万元",
      "indicator 决策 weight 10 {",
      '  indicator 方案 weight 4 { deduct 1 "方案不完整" }',
      "  indicator 执行 weight 6 { ratio 支出 / 预算 }",
      "}",
      "indicator 管理 weight 90 { per finding deduct 1 }",
      "finding 甲 on 管理",
      "finding 乙 on 管理",
    ].join("\n");
    const b = a
      .replace("indicator 方案 weight 4", "indicator 方案设计 weight 4")
      .replace("fact 支出 = 80", "fact 支出 = 90")
      .replace("finding 乙 on 管理", "");
    writeFileSync(join(dir, "a.perf"), a);
    writeFileSync(join(dir, "b.perf"), b);
    const r = await perf(["diff", "a.perf", "b.perf", "--format", "json", "--lang", "en"], dir);
    expect(r.code).toBe(2);
    const d = JSON.parse(r.stdout);
    expect(d.counts).toMatchObject({ indicatorsRenamed: 1, facts: 1, findingsRemoved: 1, weights: 0 });
    expect(d.nodes.find((n: any) => n.id === "方案设计")).toMatchObject({ status: "changed", oldId: "方案" });
    const exec = d.nodes.find((n: any) => n.id === "执行");
    expect(exec.score).toMatchObject({ old: "4.8", new: "5.4" });
    expect(exec.causes).toEqual([{ kind: "factChanged", fact: "支出", old: "80", new: "90", unit: "万元" }]);
    expect(d.nodes.find((n: any) => n.id === "管理").causes).toEqual([{ kind: "findingRemoved", finding: "乙", cases: 1 }]);

    // An edited judgement deduction is a cause of its own.
    writeFileSync(join(dir, "c.perf"), a.replace('deduct 1 "方案不完整"', 'deduct 0.5 "方案不完整"'));
    const e = JSON.parse((await perf(["diff", "a.perf", "c.perf", "--format", "json"], dir)).stdout);
    expect(e.nodes.find((n: any) => n.id === "方案").causes).toEqual([{ kind: "deductionEdited", reason: "方案不完整", old: "1", new: "0.5" }]);
    expect(e.summary).toBe("1 处扣分变化，总分 95.8 → 96.3（+0.50），优 → 优");
  });

  it("prints Markdown ready for a pull-request comment", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    writeFileSync(join(dir, "b.perf"), edited(original));
    const r = await perf(["diff", "a.perf", "b.perf", "--format", "md"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("弃用");
    expect(r.stdout).toContain("| | 指标 | 分值 | 得分 | 说明 |");
    expect(r.stdout).toContain("| `~` | 项目过程 › 资金管理 › 预算执行率 | 2 → 3 | 1.92 → 2.88 (+0.96) |  |");
    expect(r.stdout).toContain("```diff\n+ 问题 新增问题 关联 制度执行有效性\n```");
    expect(r.stdout).toContain("> 1 个分值变化，新增 1 个问题，总分 82.46 → 83.22（+0.76），良 → 良");
  });

  it("keeps the old `-o md` and `-o json` as formats, with a warning (issue 11: -o is a path everywhere)", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    writeFileSync(join(dir, "b.perf"), edited(original));
    for (const format of ["md", "json", "text"]) {
      const now = await perf(["diff", "a.perf", "b.perf", "--format", format, "--lang", "en"], dir);
      for (const old of [["-o", format], [`--output=${format}`]]) {
        const r = await perf(["diff", "a.perf", "b.perf", ...old, "--lang", "en"], dir);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe(now.stdout);
        expect(r.stderr).toBe(`perf: warning: diff -o ${format} is deprecated; use --format ${format}: -o is now the output path, as for render and import (for a file named ${format}, write -o ./${format})\n` + now.stderr);
      }
    }
    expect(existsSync(join(dir, "md"))).toBe(false);
    // with an explicit --format, -o md is a file named md
    expect((await perf(["diff", "a.perf", "b.perf", "--format", "json", "-o", "md"], dir)).code).toBe(2);
    expect(JSON.parse(readFileSync(join(dir, "md"), "utf8")).counts.findingsAdded).toBe(1);
  });

  it("writes the diff to -o PATH as render does: an existing file only with --force, never an input", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    writeFileSync(join(dir, "b.perf"), edited(original));
    const shown = await perf(["diff", "a.perf", "b.perf", "--format", "md", "--lang", "en"], dir);
    const r = await perf(["diff", "a.perf", "b.perf", "--format", "md", "-o", "review.md", "--lang", "en"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/\nwrote review\.md\n$/);
    expect(readFileSync(join(dir, "review.md"), "utf8")).toBe(shown.stdout);
    const again = await perf(["diff", "a.perf", "b.perf", "-o", "review.md", "--lang", "en"], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("perf: error: review.md exists; add --force to overwrite it\n");
    expect(readFileSync(join(dir, "review.md"), "utf8")).toBe(shown.stdout);
    expect((await perf(["diff", "a.perf", "b.perf", "-o", "review.md", "--force"], dir)).code).toBe(2);
    expect(readFileSync(join(dir, "review.md"), "utf8")).toBe((await perf(["diff", "a.perf", "b.perf"], dir)).stdout);
    const input = await perf(["diff", "a.perf", "b.perf", "-o", "b.perf", "--force"], dir);
    expect(input.code).toBe(1);
    expect(input.stderr).toContain("PERF114");
    expect(readFileSync(join(dir, "b.perf"), "utf8")).toBe(edited(original));
    // the old file is scored under the new one's name, but the refusal names the file it was read from
    const old = await perf(["diff", "a.perf", "b.perf", "-o", "a.perf", "--force", "--lang", "en"], dir);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain("the output a.perf is the input a.perf of this run");
    expect(readFileSync(join(dir, "a.perf"), "utf8")).toBe(original);
  });

  it("colours markers only when asked (TTY)", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    writeFileSync(join(dir, "b.perf"), edited(original));
    let out = "";
    await run(["diff", "a.perf", "b.perf"], { cwd: dir, stdout: (s) => (out += s), stderr: () => {}, color: true, env: {} });
    expect(out).toContain("\u001b[32m+ 问题 新增问题");
    expect((await perf(["diff", "a.perf", "b.perf"], dir)).stdout).not.toContain("\u001b[");
  });

  it("exits 1 on a missing file, a wrong argument count or an unknown output", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), original);
    expect((await perf(["diff", "a.perf", "missing.perf"], dir)).code).toBe(1);
    expect((await perf(["diff", "a.perf"], dir)).code).toBe(1);
    const xml = await perf(["diff", "a.perf", "a.perf", "--format", "xml", "--lang", "en"], dir);
    expect(xml.code).toBe(1);
    expect(xml.stderr).toBe("perf: error: --format xml: text|md|json\n");
    expect((await perf(["diff", "a.perf", "a.perf", "--no-such-option"], dir)).code).toBe(1);
  });

  it("never crashes on garbage and still diffs what parsed", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), "indicator a weight 2 { score 2 }\n");
    writeFileSync(join(dir, "b.perf"), "indicator a weight 2 { score 1 }\n}}}{{ \u0000 \"unterminated\n");
    const r = await perf(["diff", "a.perf", "b.perf"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("得分 2 → 1");
    expect(r.stderr).toContain("错误");
    const t = await perf(["diff", "--textconv", "b.perf"], dir);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^# perf: /);
  });
});

describe("perf diff of an evaluation that uses a framework", () => {
  it("scores each side against its own framework and reports a weight change's effect on every subject", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perf-diff-subjects-"));
    const framework = (a: number, b: number) => `framework f "两单位指标体系" { total 10 grades { 优 >= 9; 良 >= 8; 中 >= 6; 差 >= 0 } }
indicator 建设 weight ${a} { judgement }
indicator 运维 weight ${b} { judgement }
`;
    const evaluation = `evaluation "两单位评价" { use "framework.perf" }
subject 甲 "市数据局" {
  assess 建设 { deduct 0.5 "验收资料不全" }
  assess 运维 { deduct 1 "巡检记录缺失" }
}
subject 乙 "市大数据中心" {
  assess 建设 { deduct 1 "一个模块未上线" }
  assess 运维 { score 4 }
}
`;
    for (const [side, a, b] of [["old", 6, 4], ["new", 5, 5]] as const) {
      execFileSync("mkdir", ["-p", join(dir, side)]);
      writeFileSync(join(dir, side, "framework.perf"), framework(a, b));
      writeFileSync(join(dir, side, "evaluation.perf"), evaluation);
    }
    // worked by hand: 市数据局 5.5 + 3 = 8.5 → 4.5 + 4 = 8.5; 市大数据中心 5 + 4 = 9 优 → 4 + 4 = 8 良
    const r = await perf(["diff", "old/evaluation.perf", "new/evaluation.perf"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("~ 指标 建设\n    分值 6 → 5\n");
    expect(r.stdout).toContain("评价对象 市大数据中心\n  ~ 指标 建设\n      得分 5 → 4（−1.00）\n");
    expect(r.stdout).toContain("  总分 9 → 8（−1.00）  等级 优 → 良\n");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("2 个分值变化，市数据局 8.5 → 8.5（0.00），良 → 良；市大数据中心 9 → 8（−1.00），优 → 良");
    // -o PATH writes the same per-subject diff (issue 11), in any format
    const md = await perf(["diff", "old/evaluation.perf", "new/evaluation.perf", "--format", "md"], dir);
    const written = await perf(["diff", "old/evaluation.perf", "new/evaluation.perf", "--format", "md", "-o", "review.md"], dir);
    expect(written.code).toBe(2);
    expect(written.stdout).toBe("");
    expect(readFileSync(join(dir, "review.md"), "utf8")).toBe(md.stdout);
    expect(md.stdout).toContain("市大数据中心");
    const json = await perf(["diff", "old/evaluation.perf", "new/evaluation.perf", "--format", "json", "-o", "review.json"], dir);
    expect(json.code).toBe(2);
    const subjects = (JSON.parse(readFileSync(join(dir, "review.json"), "utf8")) as { subjects: { id: string }[] }).subjects;
    expect(subjects.map((s) => s.id)).toEqual(["甲", "乙"]);
  });
});

describe("perf diff --git of an evaluation that uses a framework", () => {
  const changsha = join(root, "examples", "changsha-2023");
  /** seed 004's framework with 预算执行率 10 → `rate` and 资金使用合规性 10 → `compliance`. */
  const reweighted = (rate: number, compliance: number) => {
    const text = readFileSync(join(changsha, "framework.perf"), "utf8");
    const out = text.replace(/(indicator 预算执行率 "预算执行率" +weight )10/, `$1${rate}`).replace(/(indicator 资金使用合规性 "资金使用合规性" weight )10/, `$1${compliance}`);
    expect(out).not.toBe(text);
    return out;
  };
  type Diff = { old: string; new: string; nodes: { id: string; weight?: { old: string; new: string } }[]; subjects: { name: string; total: { old: string; new: string } }[] };
  const json = async (args: string[], cwd: string) => {
    const r = await perf(["diff", "--format", "json", "--lang", "en", "--git", ...args], cwd);
    return { code: r.code, diffs: r.code === 1 ? [] : (JSON.parse(r.stdout) as Diff[]) };
  };
  const summary = (d: Diff) => [d.old, d.new, d.nodes.filter((n) => n.weight).map((n) => `${n.id} ${n.weight!.old}→${n.weight!.new}`), d.subjects.map((s) => `${s.name} ${s.total.old}→${s.total.new}`)];

  it("reads the framework at each revision when only the framework changed: its change once, then each unit's scores", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    execFileSync("mkdir", ["-p", join(repo, "changsha")]);
    for (const f of ["framework.perf", "changsha-2023.perf"]) writeFileSync(join(repo, "changsha", f), readFileSync(join(changsha, f), "utf8"));
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "seed 004");
    // 预算执行率 10 → 12, 资金使用合规性 10 → 8: 数据局 12 × 82.69% = 9.92 (+1.65), 8 − 2 = 6 (−2) → 86.63; 中心 11.80 (+1.96), 6.5 (−2) → 86.34
    writeFileSync(join(repo, "changsha", "framework.perf"), reweighted(12, 8));
    const expected = ["预算执行率 10→12", "资金使用合规性 10→8"];
    const work = await json([], repo);
    expect(work.code).toBe(2);
    expect(work.diffs.map(summary)).toEqual([["HEAD:changsha/changsha-2023.perf", "changsha/changsha-2023.perf (working tree)", expected, ["长沙市数据局 86.98→86.63", "长沙市大数据中心 86.38→86.34"]]]);
    const text = await perf(["diff", "--git"], join(repo, "changsha"));
    expect(text.stdout).toContain("评价对象 长沙市数据局");
    expect(text.stdout).toContain("  总分 86.38 → 86.34（−0.04）  等级 良\n");

    // committed: both sides are revisions, and neither reads the working tree (which now says 11 / 9)
    git(repo, "commit", "-qam", "reweigh");
    writeFileSync(join(repo, "changsha", "framework.perf"), reweighted(11, 9));
    const range = await json(["HEAD~1..HEAD"], repo);
    expect(range.diffs.map(summary)).toEqual([["HEAD~1:changsha/changsha-2023.perf", "HEAD:changsha/changsha-2023.perf", expected, ["长沙市数据局 86.98→86.63", "长沙市大数据中心 86.38→86.34"]]]);
    // the working tree against HEAD: 12 → 11 and 8 → 9
    expect((await json(["HEAD"], repo)).diffs.map((d) => summary(d)[2])).toEqual([["预算执行率 12→11", "资金使用合规性 8→9"]]);
    // the evaluation changed too: one diff, not two
    writeFileSync(join(repo, "changsha", "changsha-2023.perf"), readFileSync(join(changsha, "changsha-2023.perf"), "utf8").replace("declared 86.98", "declared 86.63"));
    const both = await json(["HEAD"], repo);
    expect(both.diffs.map((d) => summary(d)[0])).toEqual(["HEAD:changsha/changsha-2023.perf"]);
    // a path that leaves out the evaluation shows the framework alone, as before
    const alone = await json(["HEAD", "--", "changsha/framework.perf"], repo);
    expect(alone.diffs.map((d) => [d.old, d.subjects])).toEqual([["HEAD:changsha/framework.perf", undefined]]);
  }, 60_000);

  it("refuses a used framework a revision holds in another encoding, as a file on disk: an error of that side, not a crash", async () => {
    const repo = tmp();
    git(repo, "init", "-q");
    // `framework f "测" { }` in GBK
    writeFileSync(join(repo, "fw.perf"), Buffer.from([0x66, 0x72, 0x61, 0x6d, 0x65, 0x77, 0x6f, 0x72, 0x6b, 0x20, 0x66, 0x20, 0x22, 0xb2, 0xe2, 0x22, 0x20, 0x7b, 0x20, 0x7d, 0x0a]));
    writeFileSync(join(repo, "e.perf"), 'evaluation "e" { use "fw.perf" }\nsubject s { }\n');
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "gbk framework");
    writeFileSync(join(repo, "e.perf"), 'evaluation "e2" { use "fw.perf" }\nsubject s { }\n');
    const r = await perf(["diff", "--git", "--lang", "en"], repo);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("~ header changed: title");
    // each side's framework is refused at its `use` (PERF110, read from HEAD and from disk): one error each
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^perf: warning: HEAD:e\.perf: .*1/), expect.stringMatching(/^perf: warning: e\.perf \(working tree\): .*1/)]);
  }, 60_000);
});
