import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const bin = join(root, "packages", "cli", "dist", "main.js");
const tmp = () => mkdtempSync(join(tmpdir(), "perf-enc-"));

/** GBK bytes for a text, as Windows Notepad saves it: the runtime's GBK decoder, run backwards. */
function toGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("gbk");
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const c = decoder.decode(Uint8Array.of(lead, trail));
      if (c.length === 1 && c !== "\uFFFD" && !table.has(c)) table.set(c, [lead, trail]);
    }
  const out: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else {
      const b = table.get(c);
      if (!b) throw new Error(`no GBK code for ${c}`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

/** The real binary, as a user runs it. */
function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function gbkWorkspace() {
  const dir = tmp();
  const bytes = toGbk(readFileSync(example, "utf8"));
  writeFileSync(join(dir, "gbk.perf"), bytes);
  return { dir, file: join(dir, "gbk.perf"), bytes };
}

describe("a GBK file (Windows Notepad's default)", () => {
  it("check exits 1 with PERF110 naming GB18030 and the way to re-save it", () => {
    const { dir } = gbkWorkspace();
    const r = cli(["check", "gbk.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("错误[PERF110]: gbk.perf:1:");
    expect(r.stdout).toContain("看起来是 GB18030");
    expect(r.stdout).toContain("iconv -f GB18030 -t UTF-8 gbk.perf");
    expect(r.stdout).toContain("通过编码保存");
    // one refusal, not dozens of garbled syntax errors
    expect(r.stdout.match(/\[PERF\d+\]/g)).toHaveLength(1);
  });

  it("fails check even when the GBK bytes sit only inside strings", async () => {
    const dir = tmp();
    const before = 'indicator a weight 100 { score 100 note "';
    writeFileSync(join(dir, "a.perf"), Buffer.concat([Buffer.from(`evaluation "t" { total 100 }\n${before}`), toGbk("资金到位率"), Buffer.from('" }\n')]));
    const r = await perf(["check", "a.perf", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.diagnostics).toMatchObject([{ code: "PERF110", range: { start: { line: 1, character: before.length } } }]);
  });

  it("fmt and fmt --check leave it byte for byte and exit 1 with the message", () => {
    const { dir, file, bytes } = gbkWorkspace();
    for (const args of [["fmt", "gbk.perf"], ["fmt", "--check", "gbk.perf"], ["fmt"], ["fmt", "--stdout", "gbk.perf"]]) {
      const r = cli(args, dir);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("PERF110");
      expect(r.stdout).toBe("");
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
    // four spawned binaries: 1.7 s with the whole suite on two cores, 9.5 s with three busy loops besides
  }, 120_000);

  it("score, render and diff refuse it in English too", async () => {
    const { dir } = gbkWorkspace();
    writeFileSync(join(dir, "utf8.perf"), readFileSync(example));
    for (const args of [["score", "gbk.perf"], ["render", "gbk.perf", "--format", "md"], ["diff", "utf8.perf", "gbk.perf"], ["diff", "gbk.perf", "utf8.perf"]]) {
      const r = await perf([...args, "--lang", "en"], dir);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("error[PERF110]: gbk.perf:1:");
      expect(r.stderr).toContain("it looks like GB18030");
      expect(r.stdout).toBe("");
    }
  });

  it("diff --git refuses a GBK blob in a revision and in the working tree", async () => {
    const repo = tmp();
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: repo });
    git("init", "-q");
    writeFileSync(join(repo, "y.perf"), toGbk(readFileSync(example, "utf8")));
    git("add", ".");
    git("commit", "-qm", "gbk");
    writeFileSync(join(repo, "y.perf"), readFileSync(example));
    const r = await perf(["diff", "--git"], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[PERF110]: HEAD:y.perf:1:");
    git("commit", "-qam", "utf8");
    writeFileSync(join(repo, "y.perf"), toGbk(readFileSync(example, "utf8")));
    const w = await perf(["diff", "--git"], repo);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain("[PERF110]: y.perf:1:");
  });

  it("diff --textconv never fails git diff: the refusal as a note, then the lines as they are", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), Buffer.concat([Buffer.from('indicator a weight 100 { score 90 note "'), toGbk("说明"), Buffer.from('" }\n')]));
    const r = await perf(["diff", "--textconv", "a.perf"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# perf: 错误\[PERF110\]: 文件不是 UTF-8 编码/);
    expect(r.stdout).toContain("indicator a weight 100 { score 90 note");
  });
});

describe("fmt keeps the file's own bytes around the layout", () => {
  const messy = ["indicator  a   weight 100{score 100}", "", "", "fact x=1", "// 注释", "", "fact y = 2", ""];
  const tidy = ["indicator a weight 100 { score 100 }", "", "fact x = 1", "// 注释", "", "fact y = 2", ""];

  for (const [name, eol] of [["LF", "\n"], ["CRLF", "\r\n"], ["lone CR", "\r"]] as const) {
    for (const bom of ["", "\uFEFF"]) {
      it(`${name}${bom ? " with a BOM" : ""}: same line endings and BOM, blank lines kept`, async () => {
        const dir = tmp();
        writeFileSync(join(dir, "a.perf"), bom + messy.join(eol));
        const r = await perf(["fmt", "a.perf"], dir);
        expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
        expect(readFileSync(join(dir, "a.perf"), "utf8")).toBe(bom + tidy.join(eol));
        expect(await perf(["fmt", "--check", "a.perf"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
      });
    }
  }

  it("mixed endings: the majority throughout, said with PERF116; --check lists the file", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), "fact x = 1\r\nfact y = 2\r\nfact z = 3\n");
    const check = await perf(["fmt", "--check", "a.perf"], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe("a.perf\n");
    const r = await perf(["fmt", "a.perf", "--lang", "en"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("info[PERF116]: a.perf\nmixed line endings (1 LF, 2 CRLF, 0 CR)");
    expect(readFileSync(join(dir, "a.perf"), "utf8")).toBe("fact x = 1\r\nfact y = 2\r\nfact z = 3\r\n");
  });
});
