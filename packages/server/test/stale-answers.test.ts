import { describe, expect, it } from "vitest";
import type { Position, Range } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { EditMap, editOf } from "../src/edit-map.js";
import { PerfLanguageService } from "../src/service.js";
import { memoryFileSystem, problems, yongzhouText, yongzhouUri } from "./helpers.js";

describe("EditMap", () => {
  it("maps offsets around an insertion, a replacement and a deletion, and not inside them", () => {
    const m = new EditMap();
    m.add({ start: 10, end: 10, length: 3 }); // "abc" inserted at 10
    expect([m.forward(5), m.forward(10), m.forward(10, "start"), m.forward(11)]).toEqual([5, 10, 13, 14]);
    expect([m.back(5), m.back(10), m.back(13), m.back(14)]).toEqual([5, 10, 10, 11]);
    expect([m.back(12), m.back(12, "start"), m.back(12, "end")]).toEqual([undefined, 10, 10]);
    m.add({ start: 20, end: 30, length: 5 }); // in the text after the insertion: [20, 30) → 5 characters
    expect([m.forward(16), m.forward(17), m.forward(22), m.forward(27)]).toEqual([19, 20, undefined, 25]);
    expect([m.forward(22, "start"), m.forward(22, "end")]).toEqual([20, 25]);
    expect([m.back(20), m.back(25), m.back(23), m.back(23, "end")]).toEqual([17, 27, undefined, 27]);
    m.add({ start: 0, end: 4, length: 0 }); // the first four characters deleted
    expect([m.forward(2), m.forward(4, "end"), m.forward(8), m.back(0), m.back(4)]).toEqual([undefined, 0, 4, 0, 8]);
  });
});

/**
 * A large document (here: any, the threshold lowered) edited after its analysis answers from
 * that analysis through the edits, without analyzing again; where the edit changes nothing
 * the analysis sees (blank lines), the answers equal a fresh analysis's.
 */
describe("answers from the last analysis while edits are pending", () => {
  function setup() {
    const service = new PerfLanguageService(memoryFileSystem({}));
    service.ws.staleAnswersAboveChars = 0;
    let doc = TextDocument.create(yongzhouUri, "perf", 1, yongzhouText);
    service.ws.open(doc);
    expect(problems(service.diagnostics(yongzhouUri))).toEqual([]);
    const edit = (range: Range, text: string) => {
      service.ws.recordEdit(doc.uri, editOf(doc, { range, text }));
      doc = TextDocument.update(doc, [{ range, text }], doc.version + 1);
      service.ws.change(doc);
    };
    const at = (needle: string, plus = 0): Position => doc.positionAt(doc.getText().indexOf(needle) + plus);
    return { service, edit, at, doc: () => doc };
  }

  /** Every feature the stale path serves, at positions before and after the edit. */
  function answers(service: PerfLanguageService, at: (needle: string, plus?: number) => Position) {
    const uri = yongzhouUri;
    return {
      hoverBefore: service.hover(uri, at("fact 实际支出", 6)),
      hoverAfter: service.hover(uri, at("indicator 立项依据充分性", 11)),
      inlay: service.inlayHints(uri),
      inlayRange: service.inlayHints(uri, { start: at("indicator 绩效目标 "), end: at("indicator 资金投入 ") }),
      symbols: service.documentSymbols(uri),
      lenses: service.codeLenses(uri),
      tokens: service.semanticTokens(uri),
      tokensRange: service.semanticTokens(uri, { start: at("indicator 项目立项"), end: at("indicator 绩效目标 ") }),
      completion: service.completion(uri, at("indicator 立项依据充分性", 0)),
    };
  }

  it("blank lines inserted: every answer equals a fresh analysis's, and none analyzes", () => {
    const { service, edit, at } = setup();
    const before = service.ws.analysesRun;
    edit({ start: at("indicator 项目决策"), end: at("indicator 项目决策") }, "\n\n");
    edit({ start: at("indicator 绩效目标 "), end: at("indicator 绩效目标 ") }, "\n");
    const stale = answers(service, at);
    expect(service.ws.analysesRun).toBe(before);
    expect(stale.hoverAfter?.contents).toMatchObject({ value: expect.stringContaining("立项依据充分性") });
    expect(stale.inlay.length).toBeGreaterThan(20);
    expect(stale.tokens.data.length).toBeGreaterThan(100);
    service.diagnostics(yongzhouUri);
    expect(service.ws.analysesRun).toBe(before + 1);
    expect(stale).toEqual(answers(service, at));
  });

  it("a position inside an edited region answers nothing; results there are left out", () => {
    const { service, edit, at } = setup();
    const name = at("项目立项 weight");
    edit({ start: name, end: { line: name.line, character: name.character + 4 } }, "项目立项甲");
    const before = service.ws.analysesRun;
    expect(service.hover(yongzhouUri, { line: name.line, character: name.character + 2 })).toBeNull();
    expect(service.hover(yongzhouUri, at("indicator 立项依据充分性", 11))?.contents).toMatchObject({ value: expect.stringContaining("立项依据充分性") });
    // The renamed indicator's name token touched the edit: no token starts there any more.
    let line = 0;
    let character = 0;
    const starts: string[] = [];
    const data = service.semanticTokens(yongzhouUri).data;
    for (let i = 0; i < data.length; i += 5) {
      character = data[i] === 0 ? character + data[i + 1]! : data[i + 1]!;
      line += data[i]!;
      starts.push(`${line}:${character}`);
    }
    expect(starts).not.toContain(`${name.line}:${name.character}`);
    expect(starts).toContain(`${name.line}:${name.character - "indicator ".length}`);
    expect(service.ws.analysesRun).toBe(before);
  });

  it("completion reads the typed line from the editor's text", () => {
    const { service, edit, at } = setup();
    const inside = at("indicator 立项依据充分性");
    edit({ start: inside, end: inside }, "\n      关联 ");
    const before = service.ws.analysesRun;
    const cursor = { line: inside.line + 1, character: 9 };
    const stale = service.completion(yongzhouUri, cursor, " ");
    expect(service.ws.analysesRun).toBe(before);
    expect(stale.map((c) => c.label)).toContain("立项依据充分性");
    expect(stale[0]?.textEdit).toEqual({ range: { start: cursor, end: cursor }, newText: expect.any(String) });
  });

  it("a document that grew over perf.maxFileSize answers nothing, not its last analysis", () => {
    const { service, edit, at } = setup();
    service.ws.setSettings({ ...service.ws.settings, maxFileBytes: Buffer.byteLength(yongzhouText) + 10 });
    expect(problems(service.diagnostics(yongzhouUri))).toEqual([]);
    const hoverAt = at("indicator 立项依据充分性", 11);
    expect(service.hover(yongzhouUri, hoverAt)).not.toBeNull();
    edit({ start: at("indicator 项目决策"), end: at("indicator 项目决策") }, "// ".repeat(20) + "\n");
    expect(service.diagnostics(yongzhouUri).map((d) => d.code)).toEqual(["PERF126"]);
    expect(service.hover(yongzhouUri, { line: hoverAt.line + 1, character: hoverAt.character })).toBeNull();
  });

  it("a whole-text replacement leaves nothing to map: the feature analyzes", () => {
    const { service, doc } = setup();
    service.ws.recordEdit(yongzhouUri, undefined);
    service.ws.change(TextDocument.update(doc(), [{ text: yongzhouText }], 2));
    const before = service.ws.analysesRun;
    expect(service.inlayHints(yongzhouUri).length).toBeGreaterThan(20);
    expect(service.ws.analysesRun).toBe(before + 1);
  });
});
