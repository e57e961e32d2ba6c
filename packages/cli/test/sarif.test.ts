import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalogue } from "@perf/language";
import { describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";
import { sarifValidator } from "./sarif-schema.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");


/** A copy of the example with two errors: 预算执行率 weight 2 → 3 (PERF010 on 资金管理, PERF040s). */
function brokenCopy(): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), "perf-sarif-"));
  const text = readFileSync(example, "utf8").replace(/(indicator 预算执行率[^\n]*?weight )2/, "$13");
  const file = join(dir, "sub", "评价.perf");
  mkdirSync(join(dir, "sub"));
  writeFileSync(file, text);
  return { dir, file, text };
}

describe("perf check --format sarif", () => {
  it("validates against the SARIF 2.1.0 schema and points at the right places", async () => {
    const { dir, text } = brokenCopy();
    const r = await perf(["check", "--format", "sarif", "sub"], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } }; results: any[] }[] };
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    // The schema does catch mistakes: a 0-based line is rejected.
    const wrong = structuredClone(log);
    wrong.runs[0]!.results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(wrong)).toBe(false);

    const run0 = log.runs[0]!;
    expect(run0.tool.driver.rules.map((x) => x.id)).toEqual(Object.keys(catalogue));
    expect(run0.tool.driver.rules.find((x) => x.id === "PERF010")!.help.text).toContain("分值");
    const r010 = run0.results.find((x) => x.ruleId === "PERF010");
    const loc = r010.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe(encodeURIComponent("sub") + "/" + encodeURIComponent("评价.perf"));
    const line = text.split("\n").findIndex((l) => /indicator 资金管理 /.test(l)) + 1;
    expect(loc.region.startLine).toBe(line);
    expect(loc.region.startColumn).toBe(text.split("\n")[line - 1]!.indexOf("weight 6") + "weight ".length + 1);
    expect(run0.tool.driver.rules[r010.ruleIndex]!.id).toBe("PERF010");
  });

  it("is a valid empty log for a clean file", async () => {
    const r = await perf(["check", "--format", "sarif", example], root);
    expect(r.code).toBe(0);
    const validate = sarifValidator();
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe("perf check --format github", () => {
  it("prints one workflow command per diagnostic with escaped text", async () => {
    const { dir, text } = brokenCopy();
    const r = await perf(["check", "--format", "github", "--lang", "en", "sub"], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=PERF\d{3}::[^\n]+$/);
    const line = text.split("\n").findIndex((l) => /indicator 资金管理 /.test(l)) + 1;
    const col = text.split("\n")[line - 1]!.indexOf("weight 6") + "weight ".length + 1;
    const hit = lines.find((l) => l.includes("title=PERF010"))!;
    expect(hit).toContain(`file=sub/评价.perf,line=${line},col=${col},endLine=${line},endColumn=${col + 1},title=PERF010::`);
    expect(hit).toContain("children sum to 7");
    expect(hit).toContain("%0A"); // the hint, on its own line
  });
});
