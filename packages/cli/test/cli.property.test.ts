import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { perf } from "./run-perf.js";

/**
 * `perf check` answers every file with exit 0 (clean) or 1 (diagnostics), whatever the bytes
 * and whatever the output format: never 2, never an exception, never a stack trace, and the
 * machine formats stay parseable.
 */
const root = join(import.meta.dirname, "..", "..", "..");
const examples = [join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf"), join(root, "examples", "chinese-keywords", "培训项目.perf")].map((p) => readFileSync(p, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "perf-check-property-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostile = fc.constantFrom("\u0000", "\r", "\n", "\uFEFF", "\uFFFE", "\u202E", "\u200D", "\uD842", "\uDFB7", "𠮷", '"', "{", "}", "(", ")", "/*", "//", "%", "指标", "weight", "on", "deduct -", "99999999999999999999999999999999999999");
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** An example, untouched or with a few slices replaced: both exit codes are reachable. */
const damagedExample = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.nat(40), fc.oneof(hostile, fc.constant(""))), { maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, [permille, len, insert]) => {
      const at = Math.floor((permille / 1000) * t.length);
      return t.slice(0, at) + insert + t.slice(at + len);
    }, text),
  );
const document = fc.oneof(damagedExample, fc.string({ maxLength: 300, unit: fc.oneof(codeUnit, hostile) }));
const options = fc.record({
  format: fc.constantFrom("text", "json", "sarif", "github"),
  strict: fc.boolean(),
  lang: fc.constantFrom("zh", "en"),
});

describe("perf check exits 0 or 1 only", () => {
  it("in-process, on damaged examples and arbitrary text, in every format", async () => {
    let n = 0;
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(document, options, async (text, o) => {
        const file = join(dir, `doc${n++ % 4}.perf`);
        writeFileSync(file, text);
        const args = ["check", "--format", o.format, "--lang", o.lang, ...(o.strict ? ["--strict"] : []), file];
        const { code, stdout, stderr } = await perf(args, dir);
        codes.add(code);
        expect([0, 1], `${args.join(" ")}\n${stderr}`).toContain(code);
        expect(stderr + stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        if (o.format === "json" || o.format === "sarif") expect(() => JSON.parse(stdout), stdout.slice(0, 500)).not.toThrow();
      }),
      { numRuns: Number(process.env.CHECK_RUNS ?? 150) },
    );
    // Not vacuous: clean files and files with errors were both among the inputs.
    expect([...codes].sort()).toEqual([0, 1]);
  }, 180_000);

  it("as a process, on a folder of 30 generated files", () => {
    const folder = join(dir, "folder");
    mkdirSync(folder, { recursive: true });
    const samples = fc.sample(document, { numRuns: 30, seed: 20261125 });
    samples.forEach((text, i) => writeFileSync(join(folder, `f${i}.perf`), text));
    for (const format of ["text", "json"]) {
      const r = spawnSync(process.execPath, [join(root, "packages", "cli", "dist", "main.js"), "check", "--format", format, folder], { encoding: "utf8", timeout: 120_000 });
      expect([0, 1], r.stderr).toContain(r.status);
      expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      if (format === "json") expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  }, 180_000);
});

describe("perf fmt loses no byte", () => {
  it("leaves a file it refuses byte for byte, and formats the others to a fixed point keeping BOM and line ends", async () => {
    let n = 0;
    const seen = new Set<number>();
    const variant = fc.record({ bom: fc.boolean(), crlf: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(damagedExample, variant, async (text, v) => {
        const file = join(dir, `fmt${n++ % 4}.perf`);
        const source = (v.bom ? "\uFEFF" : "") + (v.crlf ? text.replace(/\r?\n/g, "\r\n") : text);
        writeFileSync(file, source);
        const before = readFileSync(file);
        const { code, stderr } = await perf(["fmt", file], dir);
        expect([0, 1], stderr).toContain(code);
        seen.add(code);
        const after = readFileSync(file);
        if (code === 1) {
          expect(after.equals(before), "a refused file was rewritten").toBe(true);
          return;
        }
        const written = after.toString("utf8");
        expect(written.startsWith("\uFEFF")).toBe(v.bom);
        if (v.crlf) expect(written.replace(/\r\n/g, "")).not.toMatch(/\n/);
        expect((await perf(["fmt", "--check", file], dir)).code).toBe(0);
        expect(readFileSync(file).equals(after)).toBe(true);
      }),
      { numRuns: Number(process.env.FMT_CLI_RUNS ?? 40) },
    );
    expect([...seen].sort(), "both refused and formatted files were among the inputs").toEqual([0, 1]);
  }, 180_000);
});
