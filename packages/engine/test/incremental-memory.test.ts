import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { analyze, reanalyze, type Analysis } from "../src/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Indicators with notes long enough that V8 keeps them as slices of the text they were read from. */
function document(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`indicator 指标${i} "显示名称${i}" weight 1 {\n  score 1\n  note "这是一段足够长的评价说明文字，第${i}条。"\n}\n`);
  return parts.join("");
}

describe("reanalyze lets go of the texts it read", () => {
  it("keeps no copy of the document per edited declaration", () => {
    const uri = "file:///memory.perf";
    let text = document(20_000);
    const textBytes = text.length * 2; // two-byte: the text holds Chinese
    let analysis: Analysis = analyze([{ uri, text }]);
    const heapAfter = (edits: number): number => {
      for (let i = 0; i < edits; i++) {
        // a character typed into the note of a different indicator each time
        const at = text.indexOf('note "', Math.floor(((i * 0.37 + 0.11) % 1) * text.length)) + 'note "'.length;
        const next = text.slice(0, at) + "改" + text.slice(at);
        analysis = reanalyze(analysis, new Map([[uri, text]]), [{ uri, text: next }]);
        text = next;
      }
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Measured from the eighth edit on, not the first: what one edit leaves once (the text the
    // first analysis read stays alive through the tree's strings, and heapUsed after the first
    // edits moved by about one text from run to run — a heap snapshot showed the same live
    // objects) is not what this test is about.
    const eight = heapAfter(8);
    const fifteen = heapAfter(7);
    // Each re-parsed note used to be a slice of the whole text of its edit: seven more texts alive.
    expect(fifteen - eight).toBeLessThan(textBytes);
  }, 120_000);
});
