import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "@perf/language";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";


const messy = 'indicator  a   weight 100{score 100}// 注释\nfact x=1\n';
const tidy = "indicator a weight 100 { score 100 } // 注释\n\nfact x = 1\n";
const broken = 'indicator a weight 2 { explain "open\n';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "perf-fmt-"));
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "messy.perf"), messy);
  writeFileSync(join(dir, "sub", "tidy.perf"), tidy);
  return dir;
}

describe("perf fmt", () => {
  it("formats as the library printer does", () => {
    expect(format(messy).text).toBe(tidy);
  });

  it("--check lists unformatted files, writes nothing and exits 1", async () => {
    const dir = workspace();
    const r = await perf(["fmt", "--check", "."], dir);
    expect(r).toEqual({ code: 1, stdout: "messy.perf\n", stderr: "" });
    expect(readFileSync(join(dir, "messy.perf"), "utf8")).toBe(messy);
  });

  it("--check is silent with exit 0 when everything is formatted", async () => {
    const dir = workspace();
    expect(await perf(["fmt", "--check", "sub"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("rewrites in place, keeps the file mode and leaves no temporary file", async () => {
    const dir = workspace();
    chmodSync(join(dir, "messy.perf"), 0o640);
    const r = await perf(["fmt"], dir);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "messy.perf"), "utf8")).toBe(tidy);
    expect(statSync(join(dir, "messy.perf")).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["messy.perf", "sub"]);
    expect(await perf(["fmt", "--check"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("never rewrites a file that does not parse: error and exit 1, other files still formatted", async () => {
    const dir = workspace();
    writeFileSync(join(dir, "broken.perf"), broken);
    const r = await perf(["fmt", "."], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PERF003");
    expect(r.stderr).toContain("broken.perf 无法解析，未改写");
    expect(readFileSync(join(dir, "broken.perf"), "utf8")).toBe(broken);
    expect(readFileSync(join(dir, "messy.perf"), "utf8")).toBe(tidy);
  });

  it("--stdout prints instead of writing", async () => {
    const dir = workspace();
    expect(await perf(["fmt", "--stdout", "messy.perf"], dir)).toEqual({ code: 0, stdout: tidy, stderr: "" });
    expect(readFileSync(join(dir, "messy.perf"), "utf8")).toBe(messy);
  });

  it("reports a missing path with exit 1", async () => {
    const dir = workspace();
    const r = await perf(["fmt", "--lang", "en", "nope.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot read");
  });
});

describe("docs/hooks/pre-commit", () => {
  const root = join(import.meta.dirname, "..", "..", "..");
  const git = (cwd: string, env: Record<string, string>, ...args: string[]) =>
    spawnSync("git", ["-c", "user.name=perf-test", "-c", "user.email=perf@test.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });

  it("refuses an unformatted .perf file and accepts it once formatted", () => {
    const repo = workspace();
    const env = { PERF: `node ${join(root, "packages", "cli", "dist", "main.js")}` };
    git(repo, env, "init", "-q");
    copyFileSync(join(root, "docs", "hooks", "pre-commit"), join(repo, ".git", "hooks", "pre-commit"));
    chmodSync(join(repo, ".git", "hooks", "pre-commit"), 0o755);
    git(repo, env, "add", ".");
    const refused = git(repo, env, "commit", "-qm", "messy");
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("messy.perf");
    expect(refused.stderr).toContain("perf fmt");
    writeFileSync(join(repo, "messy.perf"), tidy);
    git(repo, env, "add", ".");
    const accepted = git(repo, env, "commit", "-qm", "tidy");
    expect(accepted.stderr).not.toContain("错误[");
    expect(accepted.status).toBe(0);
  }, 60_000);
});
