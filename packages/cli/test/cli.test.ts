import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EvaluationResultSchema } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { run, type CliIO } from "../src/index.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");

function perf(args: string[], cwd = root, env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, env };
  const code = run(args, io);
  return { code, stdout, stderr };
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), "perf-cli-"));
}

describe("perf check", () => {
  it("is silent with exit 0 on the clean examples", () => {
    expect(perf(["check", "examples"])).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("names the parent whose children no longer sum, with line and column", () => {
    const dir = tmp();
    const copy = join(dir, "yongzhou.perf");
    const text = readFileSync(example, "utf8");
    // 预算执行率 weight 2 → 3: 资金管理 (6) no longer equals its children (7)
    const changed = text.replace(/(indicator 预算执行率[^\n]*?weight )2/, "$13");
    expect(changed).not.toBe(text);
    writeFileSync(copy, changed);
    const r = perf(["check", copy], dir);
    expect(r.code).toBe(1);
    const line = changed.split("\n").findIndex((l) => /indicator 资金管理 /.test(l)) + 1;
    const col = changed.split("\n")[line - 1]!.indexOf("weight 6") + "weight ".length + 1;
    expect(r.stdout).toContain(`error[PERF010]`.replace("error", "错误"));
    expect(r.stdout).toContain(`yongzhou.perf:${line}:${col}`);
    expect(r.stdout).toContain("指标「资金管理」分值为 6，但其下级指标分值合计为 7");
    // carets sit under the weight on the quoted source line
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.includes(`yongzhou.perf:${line}:${col}`));
    expect(lines[at + 2]).toContain("indicator 资金管理");
    expect(lines[at + 3]).toMatch(/\^$/);
  });

  it("reports in English with --lang en or PERF_LANG=en", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), "indicator a weight 100 { score 120 }");
    const en = perf(["check", "a.perf", "--lang", "en"], dir);
    expect(en.stdout).toContain("error[PERF012]");
    expect(en.stdout).toContain("indicator 'a' scores 120, outside [0, 100]");
    expect(perf(["check", "a.perf"], dir, { PERF_LANG: "en" }).stdout).toContain("outside [0, 100]");
  });

  it("--strict turns unscored leaves into errors", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), "indicator a weight 100 { }");
    expect(perf(["check", "a.perf"], dir).code).toBe(0);
    expect(perf(["check", "a.perf", "--strict"], dir).code).toBe(1);
  });

  it("--format json lists every diagnostic", () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), 'indicator a weight 100 { score 120 }\nfact 无用 = 1 个\n"');
    const r = perf(["check", "a.perf", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.diagnostics.map((d: { code: string }) => d.code).sort()).toEqual(["PERF003", "PERF012", "PERF080"]);
    expect(j).toMatchObject({ errors: 2, warnings: 1 });
  });

  it("garbage gives diagnostics, never a stack trace", () => {
    const dir = tmp();
    writeFileSync(join(dir, "binary.perf"), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 97 + 3) % 256)));
    writeFileSync(join(dir, "string.perf"), 'evaluation "没有结束\n');
    writeFileSync(join(dir, "empty.perf"), "");
    let deep = "";
    for (let i = 0; i < 50; i++) deep += `indicator n${i} weight 100 {\n`;
    writeFileSync(join(dir, "deep.perf"), deep + "score 100\n" + "}\n".repeat(50));
    const r = perf(["check", "."], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stdout).toContain("binary.perf:1:");
    expect(r.stdout).toContain("string.perf:1:12");
    expect(r.stdout).not.toContain("deep.perf");
    // An empty file has no score and no grade: a warning (PERF035), an error under --strict.
    expect(r.stdout).toContain("警告[PERF035]: empty.perf:1:1");
  });

  it("a missing path is an error, not a crash", () => {
    const r = perf(["check", "no/such/file.perf"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no/such/file.perf");
  });
});

describe("perf score", () => {
  it("prints the tree with every subtotal and 82.46 良", () => {
    const r = perf(["score", example]);
    expect(r.code).toBe(0);
    for (const [name, score] of [["项目决策", "12.5"], ["项目过程", "12.32"], ["项目产出", "31.2"], ["项目效益", "26.44"], ["预算执行率", "1.92"]]) {
      expect(r.stdout).toMatch(new RegExp(`${name}\\s+\\d+\\s+${score.replace(".", "\\.")}\\s`));
    }
    expect(r.stdout).toContain("合计 82.46 · 等级 良");
  });

  it("--json prints the schema-valid result without losing digits", () => {
    const r = perf(["score", example, "--json"]);
    const result = EvaluationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.total.score).toBe("82.46");
    expect(result.facts.find((f) => f.id === "实际支出")?.value).toBe("5191.1");
  });

  it("the built binary runs from the repository root as `pnpm perf`", () => {
    const bin = join(root, "packages", "cli", "dist", "main.js");
    const r = spawnSync(process.execPath, [bin, "score", "examples/yongzhou-2023/yongzhou-2023.perf"], { cwd: root, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("82.46");
    const piped = spawnSync("sh", ["-c", `node ${bin} score --json examples/yongzhou-2023/yongzhou-2023.perf | head -c 10`], { cwd: root, encoding: "utf8" });
    expect(piped.stderr).toBe("");
  });

  it("needs exactly one file", () => {
    expect(perf(["score"]).code).toBe(2);
  });
});

describe("usage", () => {
  it("prints help and rejects unknown commands", () => {
    expect(perf(["--help"]).stdout).toMatch(/check .*score/s);
    const bad = perf(["frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("frobnicate");
  });
  it("keeps a copy untouched", () => {
    const dir = tmp();
    cpSync(example, join(dir, "x.perf"));
    const before = readFileSync(join(dir, "x.perf"), "utf8");
    perf(["check", "x.perf"], dir);
    perf(["score", "x.perf"], dir);
    expect(readFileSync(join(dir, "x.perf"), "utf8")).toBe(before);
  });
});
