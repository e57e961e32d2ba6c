import { analyze } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { generate, generateModel, renderPerf } from "../src/generate.js";

describe("generate", () => {
  const doc = generate({ leaves: 1000 });
  const analysis = analyze([{ uri: "g.perf", text: doc.perf }]);
  const leaves = [...analysis.indicators.values()].filter((i) => i.children.length === 0);

  it("is deterministic for a seed and differs between seeds", () => {
    expect(renderPerf(generateModel({ leaves: 40, seed: 5 }))).toBe(renderPerf(generateModel({ leaves: 40, seed: 5 })));
    expect(renderPerf(generateModel({ leaves: 40, seed: 5 }))).not.toBe(renderPerf(generateModel({ leaves: 40, seed: 6 })));
  });

  it("checks clean, three levels deep, with the declared total equal to the computed one", () => {
    expect(analysis.result.summary).toMatchObject({ errors: 0, warnings: 0, leaves: 1000, scoredLeaves: 1000 });
    expect(analysis.result.indicators).toHaveLength(4);
    expect(new Set(leaves.map((l) => l.level))).toEqual(new Set([3]));
    expect(analysis.result.total.declared).toBe(analysis.result.total.score);
  });

  it("uses every scoring method and attaches findings with descriptions to per-finding leaves", () => {
    expect(new Set(leaves.map((l) => l.method.kind))).toEqual(new Set(["fixed", "judgement", "ratio", "perFinding", "bands", "satisfaction"]));
    const findings = analysis.result.findings;
    expect(findings.length).toBeGreaterThan(100);
    for (const f of findings) {
      expect(f.description!.length).toBeGreaterThan(50);
      expect(analysis.indicators.get(f.on[0])!.method.kind).toBe("perFinding");
    }
  });

  it("writes report-length texts, about 2 KB a leaf", () => {
    const bytes = Buffer.byteLength(doc.perf) / 1000;
    expect(bytes).toBeGreaterThan(1500);
    expect(bytes).toBeLessThan(2500);
    expect(leaves.every((l) => (l.note?.length ?? 0) >= 200 && (l.explain?.length ?? 0) >= 60)).toBe(true);
  });

  it("gives the JSON twin the same strings and numbers", () => {
    const json = JSON.parse(doc.json);
    const first = json.indicators[0].children[0].children[0];
    const result = analysis.indicators.get(first.id)!;
    expect([first.explain, first.criteria, first.note]).toEqual([result.explain, result.criteria, result.note]);
    expect(first.weight).toBe(Number(result.weight));
    expect(first.declared).toBe(Number(result.score));
    expect(json.findings).toHaveLength(analysis.result.findings.length);
  });
});
