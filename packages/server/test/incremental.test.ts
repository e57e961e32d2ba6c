import { analyze } from "@perf/engine";
import { describe, expect, it } from "vitest";
import { edit, setup, yongzhouText, yongzhouUri } from "./helpers.js";

/** Decision 0195: after an edit the workspace re-parses only the declaration it falls inside. */
describe("analysis after an edit", () => {
  it("equals a fresh analysis and shares the untouched part of the previous tree", () => {
    const s = setup(yongzhouText, { uri: yongzhouUri });
    const first = s.service.ws.analysisFor(s.uri)!;
    expect(first.texts.get(s.uri)).toBe(yongzhouText);
    // a character typed into the note of a leaf in the second half, then a weight's digit changed
    const at = yongzhouText.indexOf('"', yongzhouText.indexOf("note ", yongzhouText.length >> 1)) + 1;
    const typed = { start: s.doc.positionAt(at), end: s.doc.positionAt(at) };
    edit(s, [{ range: typed, newText: "改" }]);
    const second = s.service.ws.analysisFor(s.uri)!;
    expect(second).not.toBe(first);
    const fresh = analyze([{ uri: s.uri, text: s.doc.getText() }]);
    expect(second.analysis.result).toStrictEqual(fresh.result);
    expect(second.analysis.parsed.get(s.uri)!.ast).toStrictEqual(fresh.parsed.get(s.uri)!.ast);
    const before = first.analysis.parsed.get(s.uri)!.ast.declarations;
    const after = second.analysis.parsed.get(s.uri)!.ast.declarations;
    expect(after[0]).toBe(before[0]);
    // a note is read by no score: the previous analysis was carried over, its position-free parts shared
    expect(second.analysis.result.summary).toBe(first.analysis.result.summary);
    // every declaration that ends before the edit is the previous one, not a copy; and, the edit
    // adding no line, so is every one that starts on a later line than the edited one ends (decision 0225)
    const lines = first.analysis.parsed.get(s.uri)!.lines;
    const edited = before.find((d) => lines.offsetOf(d.range.start) < at && at < lines.offsetOf(d.range.end))!;
    const untouchedBefore = before.filter((d) => lines.offsetOf(d.range.end) < at).length;
    const untouchedAfter = before.filter((d) => d.range.start.line > edited.range.end.line).length;
    expect(untouchedBefore).toBeGreaterThan(5);
    expect(untouchedAfter).toBeGreaterThan(5);
    expect(after.filter((d, i) => d === before[i]).length).toBe(untouchedBefore + untouchedAfter);

    const deduct = s.doc.getText().indexOf("deduct 1 ", s.doc.getText().length >> 1) + "deduct ".length;
    edit(s, [{ range: { start: s.doc.positionAt(deduct), end: s.doc.positionAt(deduct + 1) }, newText: "2" }]);
    const third = s.service.ws.analysisFor(s.uri)!;
    expect(third.analysis.result).toStrictEqual(analyze([{ uri: s.uri, text: s.doc.getText() }]).result);
    expect(third.analysis.result.total.score).not.toBe(second.analysis.result.total.score);
    expect(third.analysis.result.summary).not.toBe(second.analysis.result.summary);
    expect(third.analysis.parsed.get(s.uri)!.ast.declarations[0]).toBe(before[0]);
  });

  it("parses the whole text again when the edit breaks the syntax, and recovers after", () => {
    const s = setup(yongzhouText, { uri: yongzhouUri });
    s.service.ws.analysisFor(s.uri);
    const at = yongzhouText.indexOf("note ", yongzhouText.length >> 1);
    edit(s, [{ range: { start: s.doc.positionAt(at), end: s.doc.positionAt(at) }, newText: "}" }]);
    const broken = s.service.ws.analysisFor(s.uri)!;
    expect(broken.analysis.result).toStrictEqual(analyze([{ uri: s.uri, text: s.doc.getText() }]).result);
    expect(broken.analysis.result.summary.errors).toBeGreaterThan(0);
    edit(s, [{ range: { start: s.doc.positionAt(at), end: s.doc.positionAt(at + 1) }, newText: "" }]);
    expect(s.service.ws.analysisFor(s.uri)!.analysis.result).toStrictEqual(analyze([{ uri: s.uri, text: yongzhouText }]).result);
  });
});
