import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { maxSourceBytes } from "@perf/language";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../src/index.js";
import { autoBytesPerWorker, autoJobs, filesInFlight, jobsCap, testVariable } from "../src/jobs.js";
import { perf } from "./run-perf.js";

// `perf check --jobs N` (decision 0210). The worker threads run the built binary (dist/main.cjs):
// turbo builds the package before its tests.

const root = join(import.meta.dirname, "..", "..", "..");

/** A file whose report claims 2 roots (it has 1) and a total of 9 (it is 8): two audit findings, one acknowledged when asked. */
const claims = (ack: string) => `evaluation "t" { total 10 }
indicator a weight 10 { indicator a1 weight 10 { score 8 } }
assert 指标数 "2个一级指标" { indicators level 1 = 2 }${ack}
assert 结论 "总分8分" { total = 8 }
`;

/**
 * A workspace with every case a check meets: the examples (a framework and its user, a narrative,
 * acknowledged audit findings) twice; a framework whose weights do not add up, used by two
 * evaluations (its error is reported once); weights, scores and an unscored leaf (a --strict
 * error); a syntax error; an open audit finding; a narrative with an unknown reference; a `use`
 * of a missing file; GBK bytes and a file over the size limit; named on the command line besides
 * the folder (a folder's walk takes regular files only): a FIFO, a folder named .perf and a path
 * that does not exist.
 */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "perf-jobs-"));
  cpSync(join(root, "examples"), join(dir, "a-examples"), { recursive: true });
  cpSync(join(root, "examples"), join(dir, "z-examples"), { recursive: true });
  const files: Record<string, string> = {
    "fw/framework.perf": `framework 共用 "共用框架" { total 100 }\nindicator 产出 weight 60 { indicator 数量 weight 30 { judgement } indicator 质量 weight 20 { judgement } }\nindicator 效益 weight 40 { indicator 满意 weight 40 { judgement } }\n`,
    "fw/one.perf": `evaluation "一" { use "framework.perf" }\nsubject 甲 "甲单位" { assess 数量 { deduct 2 "进度滞后" } assess 质量 { } assess 满意 { score 38 } }\n`,
    "fw/two.perf": `evaluation "二" { use "framework.perf" }\nsubject 乙 "乙单位" { assess 数量 { deduct 1 "少一项" } }\n`,
    "sums.perf": `evaluation "合计" { total 10 }\nindicator a weight 6 { indicator a1 weight 3 { score 3 } indicator a2 weight 4 { score 5 } }\nindicator b weight 4 { indicator b1 weight 4 { } }\n`,
    "syntax.perf": `evaluation "坏" { total 10 }\nindicator a weight 10 { score 8 \n`,
    "claims.perf": claims(""),
    "claims-ack.perf": claims(` acknowledged "原文如此"`),
    "story.perf": `evaluation "正文" { total 10 }\nindicator a weight 10 { score 8 }\n`,
    "story.report.md": `总分{{总分}}，另见{{指标.不存在.得分}}。\n`,
    "missing-use.perf": `evaluation "缺" { use "nowhere.perf" }\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, "gbk.perf"), Buffer.concat([Buffer.from('evaluation "'), Buffer.from([0xd6, 0xb8, 0xb1, 0xea]), Buffer.from('" { total 1 }\n')]));
  execFileSync("mkfifo", [join(dir, "pipe.perf")]);
  writeFileSync(join(dir, "huge.perf"), "");
  truncateSync(join(dir, "huge.perf"), maxSourceBytes + 1);
  mkdirSync(join(dir, "folder.perf"));
  return dir;
}

/** What every run checks: the folder, and the paths its walk does not take. */
const paths = [".", "pipe.perf", "folder.perf", "gone.perf"];

/** Test-only (jobs.ts): the workers check every file, the main thread none. */
const workersOnly = { [testVariable]: "workers-only" };

const variants: string[][] = [];
for (const format of ["text", "json", "sarif", "github"]) {
  variants.push(["--format", format], ["--format", format, "--strict"], ["--format", format, "--audit"]);
}

describe("perf check --jobs", () => {
  const dir = workspace();

  it("prints byte for byte what --jobs 1 prints, in every format, with --strict and --audit", async () => {
    for (const v of variants) {
      const one = await perf(["check", ...paths, ...v, "--jobs", "1"], dir);
      // as users run it (the main thread checks files too), and with the workers checking every file
      const two = await perf(["check", ...paths, ...v, "--jobs", "2"], dir);
      const twoWorkers = await perf(["check", ...paths, ...v, "--jobs", "3"], dir, workersOnly);
      const threeOne = await perf(["check", ...paths, ...v, "-j", "1", "--lang", "en"], dir);
      const three = await perf(["check", ...paths, ...v, "-j", "3", "--lang", "en"], dir, workersOnly);
      expect(two, v.join(" ")).toEqual(one);
      expect(twoWorkers, v.join(" ")).toEqual(one);
      expect(three, v.join(" ")).toEqual(threeOne);
      expect(one.code, v.join(" ")).toBe(1);
    }
    // 60 runs with worker threads: 19 s with the whole suite on two cores, 59 s with three busy loops besides
  }, 300_000);

  it("checks every case of the workspace (the comparison above is not between two empty outputs)", async () => {
    const r = await perf(["check", ...paths, "--jobs", "2"], dir);
    expect(r.stderr).toBe(`perf: 错误: 无法读取 ${join(dir, "gone.perf")}\n`);
    for (const code of ["PERF010", "PERF110", "PERF111", "PERF112", "PERF220"]) expect(r.stdout).toContain(`[${code}]`);
    // the framework's weights (60 = 30 + 20 is wrong) are reported once, not once per user
    expect(r.stdout.match(/fw\/framework\.perf:2:\d+/g)).toHaveLength(1);
    expect(r.stdout).toContain("syntax.perf:");
    expect(r.stdout).toContain("story.report.md:");
    expect(r.stdout).toContain("nowhere.perf");
    expect(r.stdout).toContain("[PERF169]"); // a subject's unassessed judgement leaf
    const files = r.stdout.match(/(\d+) 个文件/)![1];
    expect(Number(files)).toBe(JSON.parse((await perf(["check", ...paths, "--format", "json"], dir)).stdout).files.length);
  });

  it("really checks in worker threads (NODE_DEBUG=perf-jobs says which thread did what)", async () => {
    const r = await perf(["check", ".", "--jobs", "2"], dir, { NODE_DEBUG: "perf-jobs" });
    expect(r.stderr).toMatch(/perf-jobs: worker 1: first answer at \d+ ms/);
    const main = Number(/main thread checked (\d+) file/.exec(r.stderr)![1]);
    const total = JSON.parse((await perf(["check", ".", "--format", "json"], dir)).stdout).files.length;
    expect(main).toBeLessThan(total);
    const only = await perf(["check", ".", "--jobs", "3"], dir, { NODE_DEBUG: "perf-jobs", ...workersOnly });
    expect(only.stderr).toContain("main thread checked 0 file(s)");
    expect(only.stderr).toMatch(/worker 2: first answer/);
  });

  it("caps a huge --jobs at the number of files", async () => {
    const one = await perf(["check", ".", "--jobs", "1"], dir);
    const huge = await perf(["check", ".", "--jobs", "100000"], dir, { NODE_DEBUG: "perf-jobs" });
    expect(huge.stdout).toBe(one.stdout);
    expect(huge.code).toBe(one.code);
    const workers = new Set(huge.stderr.match(/worker \d+/g)).size;
    expect(workers).toBeGreaterThan(0);
    expect(workers).toBeLessThanOrEqual(jobsCap(100000) - 1);
    // two files: one worker at most, whatever was asked
    const small = await perf(["check", "claims.perf", "sums.perf", "--jobs", "100000"], dir, { NODE_DEBUG: "perf-jobs" });
    expect(new Set(small.stderr.match(/worker \d+/g)).size).toBe(1);
  });

  it("checks a small set in process, synchronously, without being asked", () => {
    let stdout = "";
    const io: CliIO = { cwd: dir, stdout: (s) => (stdout += s), stderr: () => {}, color: false, env: {} };
    const code = run(["check", "claims.perf", "sums.perf"], io);
    expect(code).toBe(1);
    expect(stdout).toContain("[PERF010]");
  });

  it("chooses its threads by the bytes to check: the main thread alone below the threshold, at most one per core and per file", () => {
    expect(autoJobs(6, 124_000)).toBe(1); // the examples
    expect(autoJobs(1000, autoBytesPerWorker - 1)).toBe(1);
    expect(autoJobs(1000, autoBytesPerWorker)).toBe(Math.min(2, availableParallelism()));
    expect(autoJobs(1000, 100 * autoBytesPerWorker)).toBe(availableParallelism());
    expect(autoJobs(1, 100 * autoBytesPerWorker)).toBe(1);
    expect(jobsCap(3)).toBe(Math.min(3, 4 * availableParallelism()));
  });

  it("refuses a --jobs that is not a positive whole number, in Chinese and in English", async () => {
    for (const bad of [["--jobs", "0"], ["--jobs", "abc"], ["--jobs", "1.5"], ["-j", "-1"], ["--jobs=-2"], ["--jobs", "1e3"], ["--jobs", ""]]) {
      const zh = await perf(["check", ".", ...bad], dir);
      expect(zh.code, bad.join(" ")).toBe(2);
      expect(zh.stdout).toBe("");
      expect(zh.stderr, bad.join(" ")).toMatch(/^perf: 错误: --jobs 的值须为正整数（如 --jobs 2），不能是 .*（perf help check 查看用法）\n$/);
      const en = await perf(["check", ".", ...bad, "--lang", "en"], dir);
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/^perf: error: --jobs takes a positive whole number \(e\.g\. --jobs 2\), not .* \(perf help check shows the usage\)\n$/);
    }
    const missing = await perf(["check", ".", "--jobs"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("选项 --jobs 需要一个值");
  });

  it("leaves --fix sequential: --fix --dry-run prints the same with any --jobs", async () => {
    const d = mkdtempSync(join(tmpdir(), "perf-jobs-fix-"));
    // a declared score that no longer matches: the one fix perf applies without asking
    for (let i = 0; i < 4; i++) writeFileSync(join(d, `f${i}.perf`), `evaluation "t${i}" { total 10 }\nindicator a weight 10 { score ${i + 5} declared 9 }\n`);
    const one = await perf(["check", ".", "--fix", "--dry-run", "--jobs", "1"], d);
    expect(one.stdout).toContain("+++ b/f3.perf");
    expect(await perf(["check", ".", "--fix", "--dry-run", "--jobs", "3"], d, { NODE_DEBUG: "perf-jobs" })).toEqual(one);
  });

  describe("a worker that fails", () => {
    // A test-only switch (jobs.ts): the worker fails on the first file it is given; the main
    // thread hands the first files out before it checks any, so that is the first file.
    const faulty = (kind: string) => ({ [testVariable]: `${kind}:` });

    for (const kind of ["throw", "exit", "start"]) {
      it(`(${kind}) leaves its files to the main thread: the output of --jobs 1, and a note`, async () => {
        for (const v of [["--format", "text"], ["--format", "json"], ["--audit"]]) {
          const one = await perf(["check", ".", ...v, "--jobs", "1"], dir);
          const r = await perf(["check", ".", ...v, "--jobs", "2"], dir, faulty(kind));
          expect(r.stdout).toBe(one.stdout);
          expect(r.code).toBe(one.code);
          // the worker held the files handed to it at its start, the first of them the one it failed on
          expect(r.stderr).toMatch(new RegExp(`^perf: 提示: 工作线程失败（.+），其余 ${filesInFlight} 个文件改在主线程中检查\\n$`));
          // both workers fail at their first file, and the main thread, which checked none, checks them all
          const both = await perf(["check", ".", ...v, "--jobs", "3"], dir, { [testVariable]: `workers-only,${kind}:` });
          expect(both.stdout).toBe(one.stdout);
          expect(both.code).toBe(one.code);
          expect(both.stderr).toMatch(/^perf: 提示: 工作线程失败（.+），其余 \d+ 个文件改在主线程中检查\n$/);
        }
      });
    }

    it("on a file in the middle: the other worker goes on, the main thread checks what the failed one held", async () => {
      const one = await perf(["check", ".", "--jobs", "1"], dir);
      const r = await perf(["check", ".", "--jobs", "3"], dir, { [testVariable]: "workers-only,throw:sums.perf", NODE_DEBUG: "perf-jobs" });
      expect(r.stdout).toBe(one.stdout);
      expect(r.code).toBe(one.code);
      expect(r.stderr).toMatch(/worker \d failed after \d+ file\(s\): Error: injected worker fault/);
      expect(r.stderr).toContain("perf: 提示: 工作线程失败（Error: injected worker fault），其余");
      // the main thread's last count (a line that goes on " in N ms") is the files the failed worker held
      const held = Number(/其余 (\d+) 个文件改在主线程中检查/.exec(r.stderr)![1]);
      expect(held).toBeGreaterThan(0);
      expect([...r.stderr.matchAll(/main thread checked (\d+) file/g)].map((m) => Number(m[1])).at(-1)).toBe(held);
    });

    it("(out of memory) reports the file it was checking as not checked, and the others as usual", async () => {
      const d = mkdtempSync(join(tmpdir(), "perf-jobs-oom-"));
      for (let i = 0; i < 6; i++) writeFileSync(join(d, `f${i}.perf`), i === 0 ? claims(` acknowledged "原文如此"`) : readFileSync(join(dir, "sums.perf")));
      const one = await perf(["check", ".", "--jobs", "1", "--lang", "en"], d);
      const r = await perf(["check", ".", "--jobs", "2", "--lang", "en"], d, faulty("oom"));
      expect(r.code).toBe(1);
      const [first, ...rest] = r.stdout.split("\n\n");
      expect(first).toBe("perf: error: cannot check f0.perf: the worker thread checking it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)");
      // f0 is clean: the other files' blocks are those of --jobs 1, with one more error in the summary
      expect(rest.slice(0, -1)).toEqual(one.stdout.split("\n\n").slice(0, -1));
      const count = (s: string) => Number(/(\d+) error/.exec(s)![1]);
      expect(count(rest.at(-1)!)).toBe(count(one.stdout.split("\n\n").at(-1)!) + 1);
      expect(r.stderr).toContain("ERR_WORKER_OUT_OF_MEMORY");
      const jsonRun = await perf(["check", ".", "--jobs", "2", "--format", "json"], d, faulty("oom"));
      // outside text format the line about the file goes to stderr, besides the note
      expect(jsonRun.stderr).toContain("perf: 错误: 无法检查 f0.perf: 检查它的工作线程内存不足（ERR_WORKER_OUT_OF_MEMORY）\n");
      const json = JSON.parse(jsonRun.stdout);
      expect(json.files).toHaveLength(6);
      expect(json.errors).toBe(JSON.parse((await perf(["check", ".", "--jobs", "1", "--format", "json"], d)).stdout).errors + 1);
    });
  });
});
