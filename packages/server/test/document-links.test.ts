import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, setup } from "./helpers.js";

const casesDir = join(repoRoot, "packages", "engine", "test", "cases", "diagnostics");

describe("evidence links", () => {
  const text = [
    'indicator a weight 100 { score 100 evidence "材料/合同.pdf" evidence "../../etc/passwd" evidence "/etc/passwd" }',
    'finding f { evidence "//host/share/x.pdf" evidence "\\\\\\\\host\\\\share\\\\x.pdf" evidence "C:\\\\Windows\\\\win.ini" evidence "file:///etc/passwd" evidence "a\u0000b" evidence "../共享/制度.pdf" evidence "" }',
    "",
  ].join("\n");

  it("links only relative paths that stay inside the workspace folder", () => {
    const s = setup(text, { uri: "file:///ws/eval/a.perf", files: {} });
    const links = s.service.documentLinks(s.uri);
    expect(links.map((l) => l.target)).toEqual(["file:///ws/eval/%E6%9D%90%E6%96%99/%E5%90%88%E5%90%8C.pdf", "file:///ws/%E5%85%B1%E4%BA%AB/%E5%88%B6%E5%BA%A6.pdf"]);
    expect(links.map((l) => s.doc.getText(l.range))).toEqual(["材料/合同.pdf", "../共享/制度.pdf"]);
  });

  it("warns on every other path with PERF125 and the reason, in the user's language", () => {
    const s = setup(text, { uri: "file:///ws/eval/a.perf", files: {} });
    const perf125 = s.service.diagnostics(s.uri).filter((d) => d.code === "PERF125");
    expect(perf125.map((d) => s.doc.getText(d.range))).toEqual([
      '"../../etc/passwd"',
      '"/etc/passwd"',
      '"//host/share/x.pdf"',
      '"\\\\\\\\host\\\\share\\\\x.pdf"',
      '"C:\\\\Windows\\\\win.ini"',
      '"file:///etc/passwd"',
      '"a\u0000b"',
    ]);
    expect(perf125.every((d) => d.severity === 2 && d.source === "perf")).toBe(true);
    expect(perf125[0]!.message).toMatch(/^佐证材料路径「\.\.\/\.\.\/etc\/passwd」不生成链接：用 '\.\.' 跳出了评价文件夹\n/);
    expect(perf125[6]!.message).toContain("「a\\u0000b」");
    s.service.ws.setSettings({ ...s.service.ws.settings, locale: "en" });
    expect(s.service.diagnostics(s.uri).find((d) => d.code === "PERF125")!.message).toMatch(/^evidence path '\.\.\/\.\.\/etc\/passwd' is not linked: '\.\.' leads out of the evaluation's folder\n/);
  });

  it("keeps a document outside the workspace to its own folder", () => {
    const s = setup(text, { uri: "file:///elsewhere/eval/a.perf" });
    expect(s.service.documentLinks(s.uri).map((l) => l.target)).toEqual(["file:///elsewhere/eval/%E6%9D%90%E6%96%99/%E5%90%88%E5%90%8C.pdf"]);
    expect(s.service.diagnostics(s.uri).filter((d) => d.code === "PERF125")).toHaveLength(8);
  });

  // The engine's diagnostics test leaves this case file to the server until the engine raises PERF125.
  it("raises exactly what the PERF125 case file expects", () => {
    const file = readdirSync(casesDir).find((f) => f.startsWith("PERF125"))!;
    const source = readFileSync(join(casesDir, file), "utf8");
    const expected = [...source.matchAll(/^\/\/ expect: (PERF\d{3}) (\d+):(\d+)$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`);
    const s = setup(source);
    const actual = s.service.diagnostics(s.uri).map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);
    expect(expected).toEqual(["PERF125 3:41"]);
    expect(actual).toEqual(expected);
  });
});
