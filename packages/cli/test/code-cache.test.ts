import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// decision 0185: the binary runs the bundle through a V8 code cache that is only ever a speed-up
const root = join(import.meta.dirname, "..", "..", "..");
const dist = join(root, "packages", "cli", "dist");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");

/** A copy of the binary and its bundle in a folder of its own, with a user cache folder beside it. */
function install() {
  const dir = mkdtempSync(join(tmpdir(), "perf-code-cache-"));
  mkdirSync(join(dir, "bin"));
  for (const f of ["main.cjs", "perf.cjs"]) copyFileSync(join(dist, f), join(dir, "bin", f));
  writeFileSync(join(dir, "y.perf"), readFileSync(example));
  return dir;
}

function perf(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(dir, "bin", "main.cjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, XDG_CACHE_HOME: join(dir, "xdg"), NODE_DEBUG: "perf-code-cache", PERF_CODE_CACHE: "", ...env },
  });
  const cache = r.stderr.split("\n").filter((l) => l.startsWith("perf-code-cache: "));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split("\n").filter((l) => !l.startsWith("perf-code-cache: ")).join("\n"), cache: cache.map((l) => l.slice(17)) };
}

const cacheFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith(".bin"));

describe("the code cache", () => {
  it("the build leaves a cache for this Node beside the bundle, and the binary takes it", () => {
    expect(cacheFiles(join(dist, ".code-cache")).filter((f) => f.includes(`-${process.version}-`))).toHaveLength(1);
    const r = spawnSync(process.execPath, [join(dist, "main.cjs"), "--version"], { encoding: "utf8", timeout: 60_000, env: { ...process.env, NODE_DEBUG: "perf-code-cache", PERF_CODE_CACHE: "" } });
    const { version } = JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")) as { version: string };
    expect([r.status, r.stdout.trim(), r.stderr]).toEqual([0, `perf ${version}`, "perf-code-cache: accepted\n"]);
  });

  it("is written by a first run, then accepted, and changes nothing the user sees", () => {
    const dir = install();
    const plain = perf(dir, ["score", "y.perf"], { PERF_CODE_CACHE: "0" });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("82.46");
    expect(plain.cache).toEqual(["none"]);
    expect(readdirSync(join(dir, "bin"))).toEqual(["main.cjs", "perf.cjs"]); // PERF_CODE_CACHE=0 writes nothing

    const first = perf(dir, ["score", "y.perf"]);
    expect(first.cache).toEqual(["none", `written to ${join(dir, "bin", ".code-cache", cacheFiles(join(dir, "bin", ".code-cache"))[0]!)}`]);
    const second = perf(dir, ["score", "y.perf"]);
    expect(second.cache).toEqual(["accepted"]);
    for (const r of [first, second]) expect([r.code, r.stdout, r.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a damaged cache is rejected and replaced; the run is as without one", () => {
    const dir = install();
    perf(dir, ["--version"]);
    const [file] = cacheFiles(join(dir, "bin", ".code-cache"));
    writeFileSync(join(dir, "bin", ".code-cache", file!), Buffer.alloc(4096, 7));
    const damaged = perf(dir, ["check", "y.perf"]);
    expect(damaged.code).toBe(0);
    expect(damaged.stderr).toBe("");
    expect(damaged.cache).toEqual(["rejected", `written to ${join(dir, "bin", ".code-cache", file!)}`]);
    expect(perf(dir, ["check", "y.perf"]).cache).toEqual(["accepted"]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("goes to the user's cache folder when the bundle's folder cannot take it, and is no failure when neither can", () => {
    const dir = install();
    writeFileSync(join(dir, "bin", ".code-cache"), ""); // a file where the folder would go (root may write anywhere)
    const first = perf(dir, ["check", "y.perf"]);
    expect(first.code).toBe(0);
    const [file] = cacheFiles(join(dir, "xdg", "perf", "code-cache"));
    expect(first.cache).toEqual(["none", `written to ${join(dir, "xdg", "perf", "code-cache", file!)}`]);
    expect(perf(dir, ["check", "y.perf"]).cache).toEqual(["accepted"]);

    rmSync(join(dir, "xdg"), { recursive: true });
    writeFileSync(join(dir, "xdg"), "");
    const nowhere = perf(dir, ["check", "y.perf"]);
    expect([nowhere.code, nowhere.stderr, nowhere.cache]).toEqual([0, "", ["none", "not written"]]);
    rmSync(dir, { recursive: true, force: true });
  });
});
