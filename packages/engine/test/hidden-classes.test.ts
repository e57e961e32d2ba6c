import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../../../bench/src/generate.js";

/**
 * The declarations `collect` gives their document share a hidden class per kind (decision 0220).
 * In V8 (Node 20), `{ ...node, uri }` — a key the source does not have, written after a spread —
 * makes a new hidden class for every object: each of the 525 facts and 318 findings of the bench's
 * 1 000-leaf document had its own, so every read of one was megamorphic and every analysis made
 * 850 classes. `{ uri, ...node }` shares one. V8's own `%HaveSameMap` says which, in a child
 * process started with natives syntax.
 */

const dist = join(import.meta.dirname, "..", "dist");

describe("hidden classes of the collected model", () => {
  it("are shared by the declarations of one kind", () => {
    expect(existsSync(join(dist, "phases", "collect.js")), "the engine is built before the tests").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "perf-hidden-classes-"));
    const docFile = join(dir, "doc.perf");
    writeFileSync(docFile, generate({ leaves: 300 }).perf);
    const script = `
      const { collect } = await import(${JSON.stringify(pathToFileURL(join(dist, "phases", "collect.js")).href)});
      const { DiagnosticSink } = await import(${JSON.stringify(pathToFileURL(join(dist, "sink.js")).href)});
      const { parse } = await import("@perf/language");
      const { readFileSync } = await import("node:fs");
      const parsed = parse(readFileSync(${JSON.stringify(docFile)}, "utf8"), "doc.perf");
      const out = {};
      // twice: the first collect runs before V8 has feedback for the copying functions
      for (let round = 0; round < 2; round++) {
        const model = collect(new Map([["doc.perf", parsed]]), new DiagnosticSink());
        for (const kind of ["facts", "findings", "surveys", "roots"]) {
          const list = model[kind];
          let sharing = 0;
          for (let i = 1; i < list.length; i++) if (%HaveSameMap(list[0], list[i])) sharing++;
          // what the parser gave them: copies cannot share more than their sources did
          const sources = parsed.ast.declarations.filter((d) => d.kind === list[0].kind);
          let sourcesSharing = 0;
          for (let i = 1; i < sources.length; i++) if (%HaveSameMap(sources[0], sources[i])) sourcesSharing++;
          out[kind] = { count: list.length, sharing, sourcesSharing, uri: list.every((d) => d.uri === "doc.perf") };
        }
      }
      console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8", cwd: join(import.meta.dirname, "..") });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, { count: number; sharing: number; sourcesSharing: number; uri: boolean }>;
    for (const [kind, { count, sharing, sourcesSharing, uri }] of Object.entries(out)) {
      // a document that lost a kind would make this a test of nothing
      expect(count, kind).toBeGreaterThan(3);
      expect(uri, `${kind} carry their document`).toBe(true);
      expect(sourcesSharing, `the parser's ${kind} share one class`).toBe(count - 1);
      expect(sharing, `collected ${kind} sharing the first one's hidden class`).toBe(count - 1);
    }
  }, 60_000);

  it("are not made anew by every analysis", () => {
    // V8's map log names every hidden class made and where. No place should make one per object:
    // collect's old spread made one per fact, finding and survey (≈ 290 per analysis of this
    // document), so four more analyses made 1 160 more, 600 of them at the facts' copy.
    expect(existsSync(join(dist, "index.js")), "the engine is built before the tests").toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "perf-map-log-"));
    const docsFile = join(dir, "docs.json");
    // the generated document alone: every method, facts, surveys and findings by the hundred, and
    // no diagnostic (the examples' failing assertions make argument objects per failure, not per node)
    const docs = [{ uri: "file:///generated.perf", text: generate({ leaves: 300 }).perf }];
    writeFileSync(docsFile, JSON.stringify(docs));
    /** Hidden classes made, by where and for which key (`map,Transition,…,line,column,reason,key`). */
    const maps = (rounds: number): Map<string, number> => {
      const log = join(dir, `maps-${rounds}.log`);
      const script = `
        const { analyze } = await import(${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)});
        const { readFileSync } = await import("node:fs");
        const docs = JSON.parse(readFileSync(${JSON.stringify(docsFile)}, "utf8"));
        for (let i = 0; i < ${rounds}; i++) for (const d of docs) analyze([d]);`;
      const r = spawnSync(process.execPath, ["--log-maps", `--logfile=${log}`, "--no-logfile-per-isolate", "--input-type=module", "-e", script], { encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const made = new Map<string, number>();
      for (const l of readFileSync(log, "utf8").split("\n")) {
        if (!l.startsWith("map,")) continue;
        const f = l.split(",");
        const key = `${f[1]} ${f[6]}:${f[7]} ${f.slice(9).join(",")}`;
        made.set(key, (made.get(key) ?? 0) + 1);
      }
      return made;
    };
    try {
      const two = maps(2);
      const six = maps(6);
      // the log works: loading the modules alone makes thousands
      expect([...two.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
      // A class whose objects all died is made again after a collection: a few per place, as many
      // as the collections that happened to run. One class per object makes one per fact, finding
      // or survey at one place: hundreds over four analyses.
      const most = [...six].map(([key, n]) => [key, n - (two.get(key) ?? 0)] as const).sort((a, b) => b[1] - a[1])[0];
      expect(most, "the place that made the most hidden classes in analyses 3–6 of a generated document").toBeDefined();
      expect(most![1], `hidden classes made at ${most![0]} by analyses 3–6`).toBeLessThan(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // two child processes logging every map: 36 s with the whole suite running on two cores, 47 s
    // with three busy loops besides; 120 s left too little room
  }, 300_000);
});
