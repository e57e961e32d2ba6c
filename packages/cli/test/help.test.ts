import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const bin = join(root, "packages", "cli", "dist", "main.js");
const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string };

describe("help, version and mistyped arguments", () => {
  it("perf --version prints the package version with exit 0 (the built binary)", () => {
    const r = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`perf ${version}\n`);
  });

  it("perf help render and perf render --help print render's own help with exit 0", async () => {
    for (const args of [["help", "render"], ["render", "--help"], ["render", "-h"]]) {
      const r = await perf(args, root);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^用法：perf render /);
      expect(r.stdout).toContain("--follow-symlinks");
      expect(r.stdout).not.toContain("perf score");
    }
    const en = await perf(["help", "fmt", "--lang", "en"], root);
    expect(en.stdout).toMatch(/^usage: perf fmt /);
    for (const command of ["check", "score", "diff"]) expect((await perf(["help", command], root)).stdout).toMatch(new RegExp(`^用法：perf ${command} `));
    // -o is an output path for every command; diff's format is --format (issue 11)
    const diffHelp = (await perf(["help", "diff", "--lang", "en"], root)).stdout;
    expect(diffHelp).toContain("--format text|md|json");
    expect(diffHelp).toContain("-o, --output PATH");
    expect(diffHelp).not.toContain("-o text|md|json");
  });

  it("an unknown flag is one line in the chosen language with the nearest option, not Node's parser error", async () => {
    const zh = await perf(["render", "x.perf", "--forse"], root);
    expect(zh).toEqual({ code: 2, stdout: "", stderr: "perf: 错误: 未知选项 --forse；是否想用 --force？（perf help render 查看用法）\n" });
    const en = await perf(["diff", "a", "b", "--gti", "--lang", "en"], root);
    expect(en).toEqual({ code: 1, stdout: "", stderr: "perf: error: unknown option --gti; did you mean --git? (perf help diff shows the usage)\n" });
    const missing = await perf(["render", "-o"], root, { PERF_LANG: "en" });
    expect(missing.stderr).toBe("perf: error: option --output needs a value (perf help render shows the usage)\n");
    expect((await perf(["check", "-x"], root)).stderr).toBe("perf: 错误: 未知选项 -x（perf help check 查看用法）\n");
  });

  it("an unknown command suggests the nearest one", async () => {
    const r = await perf(["chek", "a.perf"], root);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "perf: 错误: 未知命令 'chek'；是否想用 check？（perf --help 查看用法）\n" });
  });
});
