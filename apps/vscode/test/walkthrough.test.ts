// The getting-started walkthrough: every step's media exists, every command it links to or waits
// for is contributed and registered, its settings exist, and the bundled example is the real one.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { examplePath, initCommandLine, walkthroughCommands } from "../src/walkthrough-commands.js";

const here = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const manifest = JSON.parse(readFileSync(here("package.json"), "utf8"));
const walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[] = manifest.contributes.walkthroughs;
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
/** Every registerCommand("…") in the extension's sources. */
const registered = new Set(
  readdirSync(here("src"))
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...readFileSync(here(`src/${f}`), "utf8").matchAll(/registerCommand\(\s*"([^"]+)"/g)].map((m) => m[1]!)),
);
/** VS Code's own commands the walkthrough may link to. */
const builtIn = new Set(["workbench.action.openSettings"]);
const steps = walkthroughs.flatMap((w) => w.steps);

describe("walkthrough", () => {
  it("is contributed with the steps init, example, scores and preview", () => {
    expect(walkthroughs.map((w) => w.id)).toEqual(["perf.gettingStarted"]);
    expect(steps.map((s) => s.id)).toEqual(["cli", "init", "example", "scores", "preview"]);
  });

  it("has a Markdown media file for every step, shipped in the package", () => {
    const shipped = readFileSync(here(".vscodeignore"), "utf8").split("\n");
    expect(shipped).toContain("!media/**");
    for (const s of steps) {
      expect(s.media.markdown, s.id).toMatch(/^media\/walkthrough\/[\w-]+\.md$/);
      expect(existsSync(here(s.media.markdown!)), s.media.markdown).toBe(true);
      expect(readFileSync(here(s.media.markdown!), "utf8")).toMatch(/^# \S/);
    }
  });

  it("links to and waits for commands that are contributed and registered", () => {
    const linked = steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!));
    const awaited = steps.flatMap((s) => (s.completionEvents ?? []).filter((e) => e.startsWith("onCommand:")).map((e) => e.slice("onCommand:".length)));
    expect(new Set(linked)).toEqual(new Set(["workbench.action.openSettings", "perf.init", "perf.openExample", "perf.preview"]));
    for (const c of [...linked, ...awaited]) {
      if (builtIn.has(c)) continue;
      expect(contributed.has(c), `${c} contributed`).toBe(true);
      expect(registered.has(c), `${c} registered`).toBe(true);
    }
    for (const c of walkthroughCommands) expect([contributed.has(c), registered.has(c)], c).toEqual([true, true]);
  });

  it("every contributed command is registered by the extension", () => {
    for (const c of contributed) expect(registered.has(c), c).toBe(true);
  });

  it("waits only for settings that exist", () => {
    const watched = steps.flatMap((s) => (s.completionEvents ?? []).filter((e) => e.startsWith("onSettingChanged:")).map((e) => e.split(":")[1]!));
    expect(watched).toEqual(["perf.cli"]);
    for (const s of watched) expect(settings.has(s), s).toBe(true);
    expect(manifest.contributes.configuration.properties["perf.cli"].default).toBe("perf");
  });

  it("bundles the 永州 example byte for byte", () => {
    expect(readFileSync(here(examplePath)).equals(readFileSync(here("../../examples/yongzhou-2023/yongzhou-2023.perf")))).toBe(true);
  });
});

describe("perf init command line", () => {
  it("runs the configured CLI with the new folder, in the chosen language", () => {
    expect(initCommandLine(undefined, "绩效评价", "zh")).toBe("perf init 绩效评价");
    expect(initCommandLine("  ", "绩效评价", "zh")).toBe("perf init 绩效评价");
    expect(initCommandLine("node /opt/perf/packages/cli/dist/main.js", "eval-2024", "en")).toBe("node /opt/perf/packages/cli/dist/main.js init eval-2024 --lang en");
  });

  it("refuses a folder name a shell would interpret", () => {
    for (const name of ["a b", "x; rm -rf ~", "$(id)", "-rf", "../up", ""]) expect(() => initCommandLine("perf", name, "zh"), name).toThrow(/unsafe folder name/);
  });
});
