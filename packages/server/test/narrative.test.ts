import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionItem, Hover, PublishDiagnosticsParams, TextEdit } from "vscode-languageserver-protocol";
import { evaluationUriOf, isNarrativeUri } from "../src/features/narrative.js";
import { LspClient, serverMain } from "./lsp-client.js";

if (!existsSync(serverMain)) throw new Error(`build the server first (pnpm turbo run build): ${serverMain} is missing`);

const perfText = `evaluation "试点项目" { total 10 }
fact 预算 = 100 万元
fact 支出 = 95 万元
indicator 过程 "项目过程" weight 10 {
  indicator 预算执行率 weight 4 { ratio 支出 / 预算 }
  indicator 制度 "制度执行有效性" weight 6 { deduct 1 "采购不规范" }
}
`;
const mdText = `# 三、综合评价情况及评价结论

最终评价得分{{总分}}分，预算执行率{{指标.预算执行率.比率}}，{{指标.不存在.得分}}。
`;

/** The narrative `NAME.report.md` in the editor, over stdio as VS Code drives it (language id markdown). */
describe("a report narrative beside a .perf file", () => {
  let client: LspClient;
  let dir: string;
  let perfUri: string;
  let mdUri: string;
  const lines = mdText.split("\n");
  const pos = (needle: string, after = 0) => {
    const line = lines.findIndex((l) => l.includes(needle));
    return { line, character: lines[line]!.indexOf(needle) + after };
  };
  const latest = (uri: string, version: number, test: (d: PublishDiagnosticsParams) => boolean = () => true) =>
    client.waitFor(`diagnostics for ${uri} v${version}`, () => [...client.diagnostics].reverse().find((d) => d.uri === uri && (d.version ?? 0) >= version && test(d)));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "perf-narrative-"));
    mkdirSync(join(dir, "评价"));
    writeFileSync(join(dir, "评价", "a.perf"), perfText);
    writeFileSync(join(dir, "评价", "a.report.md"), mdText);
    perfUri = pathToFileURL(join(dir, "评价", "a.perf")).href;
    mdUri = pathToFileURL(join(dir, "评价", "a.report.md")).href;
    client = new LspClient();
    await client.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: "w" }],
      initializationOptions: { language: "zh" },
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.connection.sendNotification("initialized", {});
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: mdUri, languageId: "markdown", version: 1, text: mdText } });
  });

  afterAll(async () => {
    if (client) expect(await client.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("knows a narrative by its name and finds the evaluation beside it", () => {
    expect(isNarrativeUri("file:///x/a.report.md")).toBe(true);
    expect(isNarrativeUri("file:///x/a.md")).toBe(false);
    expect(isNarrativeUri("file:///x/a.perf")).toBe(false);
    expect(evaluationUriOf("file:///x/%E8%AF%84/a.report.md")).toBe("file:///x/%E8%AF%84/a.perf");
  });

  it("reports an unknown reference where it is written, as perf check does, and nothing of the .perf grammar", async () => {
    const d = await latest(mdUri, 1);
    expect(d.diagnostics.map((x) => [x.code, x.range.start])).toEqual([["PERF151", pos("{{指标.不存在.得分}}")]]);
    expect(d.diagnostics[0]!.message).toContain("不存在");
  });

  it("hovers a reference with its value, computed from the evaluation on disk", async () => {
    const h = await client.connection.sendRequest<Hover>("textDocument/hover", { textDocument: { uri: mdUri }, position: pos("{{总分}}", 3) });
    expect((h.contents as { value: string }).value).toContain("→ **8.8**");
    const r = await client.connection.sendRequest<Hover>("textDocument/hover", { textDocument: { uri: mdUri }, position: pos("{{指标.预算执行率.比率}}", 5) });
    expect((r.contents as { value: string }).value).toContain("→ **95.00%**");
    const bad = await client.connection.sendRequest<Hover>("textDocument/hover", { textDocument: { uri: mdUri }, position: pos("{{指标.不存在", 4) });
    expect((bad.contents as { value: string }).value).toContain("PERF151");
    expect(await client.connection.sendRequest("textDocument/hover", { textDocument: { uri: mdUri }, position: { line: 0, character: 2 } })).toBeNull();
  });

  it("completes reference names inside {{…}}, with their values, and an indicator's fields after its name", async () => {
    const at = pos("{{指标.不存在", 5); // after "{{指标."
    const items = await client.connection.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri: mdUri }, position: at, context: { triggerKind: 2, triggerCharacter: "." } });
    const byLabel = new Map(items.map((i) => [i.label, i]));
    expect(byLabel.get("总分")?.detail).toBe("8.8");
    expect(byLabel.get("指标.制度")?.detail).toBe("5");
    expect(byLabel.get("事实.支出")?.detail).toBe("95.00万元");
    expect(byLabel.get("表:得分情况表")?.detail).toContain("summary");
    // the typed "指标." is replaced; the closing braces already there are kept
    expect((byLabel.get("指标.制度")!.textEdit as TextEdit).range).toEqual({ start: pos("{{指标.不存在", 2), end: at });
    expect((byLabel.get("指标.制度")!.textEdit as TextEdit).newText).toBe("指标.制度");
    const fields = await client.connection.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri: mdUri }, position: pos("{{指标.预算执行率.比率", 12) });
    expect(fields.find((i) => i.label === "指标.预算执行率.得分")?.detail).toBe("3.8");
    // a reference not yet closed gets its "}}"
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: mdUri, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: "等级为{{等" }] });
    const open = await client.connection.sendRequest<CompletionItem[]>("textDocument/completion", { textDocument: { uri: mdUri }, position: { line: 3, character: 6 } });
    expect(open.find((i) => i.label === "等级")).toMatchObject({ detail: "良", textEdit: { newText: "等级}}", range: { start: { line: 3, character: 5 }, end: { line: 3, character: 6 } } } });
    // outside a reference: nothing
    expect(await client.connection.sendRequest("textDocument/completion", { textDocument: { uri: mdUri }, position: { line: 0, character: 3 } })).toEqual([]);
    // no .perf feature answers for Markdown
    expect(await client.connection.sendRequest("textDocument/formatting", { textDocument: { uri: mdUri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    expect(await client.connection.sendRequest("textDocument/documentSymbol", { textDocument: { uri: mdUri } })).toEqual([]);
  });

  it("checks again as you type, and when the evaluation changes", async () => {
    const fixed = mdText.replace("{{指标.不存在.得分}}", "{{指标.制度.得分}}");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: mdUri, version: 3 }, contentChanges: [{ text: fixed }] });
    expect((await latest(mdUri, 3)).diagnostics).toEqual([]);
    // the evaluation opened and edited: 制度 renamed, so the narrative's reference breaks
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: perfUri, languageId: "perf", version: 1, text: perfText } });
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: perfUri, version: 2 }, contentChanges: [{ text: perfText.replace("indicator 制度 ", "indicator 制度执行 ") }] });
    const d = await latest(mdUri, 3, (x) => x.diagnostics.length > 0);
    expect(d.diagnostics.map((x) => x.code)).toEqual(["PERF151"]);
    expect(client.diagnostics.filter((x) => x.uri === perfUri).every((x) => x.diagnostics.every((y) => y.code !== "PERF002"))).toBe(true);
  });
});
