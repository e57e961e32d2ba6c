import { describe, expect, it } from "vitest";
import { insideRoot, loadEvaluation, Project, resolveUse, type ProjectHost } from "../src/index.js";

function host(files: Record<string, string>, root = "file:///ws"): ProjectHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    root,
    reads,
    read(uri) {
      reads.push(uri);
      const text = files[uri];
      return text === undefined ? { refusal: { code: "PERF160", args: { reason: "ENOENT" } } } : { text };
    },
  };
}

const fw = 'framework f "F" { total 10 }\nindicator a "A" weight 10 { judgement }\n';
const ev = (use = "fw.perf", deduct = "1") => `evaluation "e" { use "${use}" }\nsubject s "S" { assess a { deduct ${deduct} "x" } }\n`;
const total = (p: Project, uri: string) => p.analyze(uri).result.subjects?.[0]?.total.score;

describe("resolveUse", () => {
  it("resolves relative to the using file, for file: URIs and plain paths", () => {
    expect(resolveUse("file:///ws/eval/e.perf", "../shared/fw.perf")).toBe("file:///ws/shared/fw.perf");
    expect(resolveUse("file:///ws/e.perf", "框架.perf")).toBe("file:///ws/%E6%A1%86%E6%9E%B6.perf");
    expect(resolveUse("/ws/eval/e.perf", "../shared/./fw.perf")).toBe("/ws/shared/fw.perf");
    expect(resolveUse("eval/e.perf", "fw.perf")).toBe("eval/fw.perf");
  });

  it("knows what lies inside a root", () => {
    expect(insideRoot("file:///ws/a/b.perf", "file:///ws")).toBe(true);
    expect(insideRoot("file:///wsx/b.perf", "file:///ws")).toBe(false);
    expect(insideRoot("/ws/../etc/x.perf", "/ws")).toBe(false);
  });
});

describe("loadEvaluation", () => {
  it("follows use: the entry first, then what it uses", () => {
    const h = host({ "file:///ws/e.perf": ev(), "file:///ws/fw.perf": fw });
    const loaded = loadEvaluation("file:///ws/e.perf", h);
    expect(loaded.documents.map((d) => d.uri)).toEqual(["file:///ws/e.perf", "file:///ws/fw.perf"]);
    expect(loaded.diagnostics).toEqual([]);
  });

  it("reports a missing file at the use clause, with the host's reason", () => {
    const loaded = loadEvaluation("file:///ws/e.perf", host({ "file:///ws/e.perf": ev("nope.perf") }));
    expect(loaded.diagnostics.map((d) => [d.code, d.uri, d.range.start.character, d.args])).toEqual([["PERF160", "file:///ws/e.perf", 17, { path: "nope.perf", reason: "ENOENT" }]]);
  });

  it("reports a path leaving the root without reading it", () => {
    const h = host({ "file:///ws/e.perf": ev("../other/fw.perf"), "file:///other/fw.perf": fw });
    const loaded = loadEvaluation("file:///ws/e.perf", h);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["PERF162"]);
    expect(h.reads).toEqual(["file:///ws/e.perf"]);
  });

  it("reports a cycle where it closes, naming its files, and terminates", () => {
    const a = 'evaluation "a" { use "b.perf" }\n';
    const b = 'evaluation "b" { use "a.perf" }\n';
    const loaded = loadEvaluation("file:///ws/a.perf", host({ "file:///ws/a.perf": a, "file:///ws/b.perf": b }));
    expect(loaded.diagnostics.map((d) => [d.code, d.uri, d.args.cycle])).toEqual([["PERF161", "file:///ws/b.perf", "a.perf → b.perf → a.perf"]]);
  });

  it("reads a file used twice (a diamond) once", () => {
    const h = host({ "file:///ws/a.perf": 'evaluation "a" { use "fw.perf" }\n', "file:///ws/fw.perf": fw });
    loadEvaluation("file:///ws/a.perf", h);
    expect(h.reads).toEqual(["file:///ws/a.perf", "file:///ws/fw.perf"]);
  });

  it("passes a refused entry on as its diagnostic", () => {
    const loaded = loadEvaluation("file:///ws/none.perf", host({}));
    expect(loaded.documents).toEqual([]);
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["PERF160"]);
  });
});

describe("Project", () => {
  it("caches an analysis while no involved document changes version", () => {
    const h = host({ "file:///ws/e.perf": ev(), "file:///ws/fw.perf": fw });
    const p = new Project(h);
    const first = p.analyze("file:///ws/e.perf");
    expect(p.analyze("file:///ws/e.perf")).toBe(first);
    expect(h.reads).toEqual(["file:///ws/e.perf", "file:///ws/fw.perf"]);
    expect(total(p, "file:///ws/e.perf")).toBe("9");
  });

  it("re-analyses when the evaluation or its framework gets a new version", () => {
    const p = new Project(host({ "file:///ws/e.perf": ev(), "file:///ws/fw.perf": fw }));
    const first = p.analyze("file:///ws/e.perf");
    p.setDocument("file:///ws/e.perf", 1, ev("fw.perf", "2"));
    expect(total(p, "file:///ws/e.perf")).toBe("8");
    const second = p.analyze("file:///ws/e.perf");
    expect(second).not.toBe(first);
    p.setDocument("file:///ws/fw.perf", 1, fw.replace("total 10", "total 12").replace("weight 10", "weight 12"));
    expect(total(p, "file:///ws/e.perf")).toBe("10");
    // the same version again is no change
    const third = p.analyze("file:///ws/e.perf");
    p.setDocument("file:///ws/fw.perf", 1, fw.replace("total 10", "total 12").replace("weight 10", "weight 12"));
    expect(p.analyze("file:///ws/e.perf")).toBe(third);
  });

  it("entriesUsing: a framework edit reaches every evaluation using it", () => {
    const p = new Project(host({ "file:///ws/e.perf": ev(), "file:///ws/g.perf": ev(), "file:///ws/fw.perf": fw, "file:///ws/alone.perf": 'evaluation "x" {}\nindicator a weight 100 { score 100 }\n' }));
    for (const e of ["file:///ws/e.perf", "file:///ws/g.perf", "file:///ws/alone.perf"]) p.analyze(e);
    expect(p.entriesUsing("file:///ws/fw.perf")).toEqual(["file:///ws/e.perf", "file:///ws/g.perf"]);
    expect(p.entriesUsing("file:///ws/alone.perf")).toEqual(["file:///ws/alone.perf"]);
  });

  it("a file that was missing is picked up once it is set", () => {
    const p = new Project(host({ "file:///ws/e.perf": ev() }));
    expect(p.analyze("file:///ws/e.perf").result.diagnostics.map((d) => d.code)).toEqual(["PERF160"]);
    expect(p.entriesUsing("file:///ws/fw.perf")).toEqual(["file:///ws/e.perf"]);
    p.setDocument("file:///ws/fw.perf", 1, fw);
    expect(total(p, "file:///ws/e.perf")).toBe("9");
    p.removeDocument("file:///ws/fw.perf");
    expect(p.analyze("file:///ws/e.perf").result.diagnostics.map((d) => d.code)).toEqual(["PERF160"]);
  });
});
