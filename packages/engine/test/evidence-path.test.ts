import { describe, expect, it } from "vitest";
import { classifyEvidencePath, type EvidencePathReason } from "../src/index.js";

const refused: [string, EvidencePathReason][] = [
  ["../../etc/passwd", "escapes"],
  ["材料/../../x.pdf", "escapes"],
  ["..", "escapes"],
  ["/etc/passwd", "absolute"],
  ["\\Windows\\win.ini", "absolute"],
  ["//host/share/x.pdf", "unc"],
  ["\\\\host\\share\\x.pdf", "unc"],
  ["/\\host\\share", "unc"],
  ["C:\\x.pdf", "drive"],
  ["c:x.pdf", "drive"],
  ["file:///etc/passwd", "url"],
  ["https://example.com/a.pdf", "url"],
  ["smb://host/share", "url"],
  ["a\u0000.pdf", "control"],
  ["a\n.pdf", "control"],
  ["\u202Efdp.exe", "control"],
  ["材料/CON", "device"],
  ["nul.txt", "device"],
  ["COM1 ", "device"],
  ["", "empty"],
  ["   ", "empty"],
];

describe("evidence paths", () => {
  for (const [path, reason] of refused)
    it(`refuses ${JSON.stringify(path)}: ${reason}`, () => {
      expect(classifyEvidencePath(path)).toEqual({ ok: false, reason });
    });

  it("accepts relative paths inside the document's folder, normalised", () => {
    expect(classifyEvidencePath("材料/报告.pdf")).toEqual({ ok: true, segments: ["材料", "报告.pdf"], up: 0 });
    expect(classifyEvidencePath("./材料\\a/../报告.pdf")).toEqual({ ok: true, segments: ["材料", "报告.pdf"], up: 0 });
    expect(classifyEvidencePath("材料/a:b.pdf")).toEqual({ ok: true, segments: ["材料", "a:b.pdf"], up: 0 });
    expect(classifyEvidencePath("console.pdf")).toMatchObject({ ok: true });
  });

  it("lets a path climb only as far as the workspace folder above the document", () => {
    expect(classifyEvidencePath("../共享/制度.pdf")).toEqual({ ok: false, reason: "escapes" });
    expect(classifyEvidencePath("../共享/制度.pdf", { maxUp: 1 })).toEqual({ ok: true, segments: ["共享", "制度.pdf"], up: 1 });
    expect(classifyEvidencePath("../../共享/制度.pdf", { maxUp: 1 })).toEqual({ ok: false, reason: "escapes" });
    // Climbing and coming back down again stays inside.
    expect(classifyEvidencePath("a/../../x", { maxUp: 1 })).toEqual({ ok: true, segments: ["x"], up: 1 });
  });
});
