// The editor-level suite: `run()` executes inside the VS Code extension host with the full
// `vscode` API. The same entry serves @vscode/test-electron (desktop VS Code) and the
// code-server workbench driven by headless Chromium (scripts/run-code-server-tests.mjs).
// Every wait is an event or a poll with a deadline; nothing sleeps for a fixed time.
import * as assert from "node:assert/strict";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vscode from "vscode";
import type { PerfExtensionApi } from "../../src/extension.js";

const extensionId = "perf.perf-vscode";
const exampleName = "yongzhou-2023.perf";

function log(text: string): void {
  console.log(`[perf e2e] ${text}`);
}

/**
 * Resolves with the first truthy value of `probe`, re-checked whenever one of `events` fires
 * and at a short interval, or rejects after `timeoutMs` naming what it waited for.
 */
async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000, events: vscode.Event<unknown>[] = []): Promise<T> {
  const started = Date.now();
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (error: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearInterval(interval);
      clearTimeout(timer);
      subscriptions.forEach((s) => s.dispose());
      if (error) reject(error);
      else resolve(value as T);
    };
    let checking = false;
    const check = async () => {
      if (checking || done) return;
      checking = true;
      try {
        const value = await probe();
        if (value) finish(undefined, value);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      } finally {
        checking = false;
      }
    };
    const interval = setInterval(check, 100);
    const timer = setTimeout(() => finish(new Error(`timed out after ${Date.now() - started} ms waiting for ${what}`)), timeoutMs);
    for (const event of events) subscriptions.push(event(() => void check()));
    void check();
  });
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === "object" ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

function errorsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
}

function describe(ds: vscode.Diagnostic[]): string {
  return ds.map((d) => `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join("\n") || "(none)";
}

function labelText(hint: vscode.InlayHint): string {
  return typeof hint.label === "string" ? hint.label : hint.label.map((p) => p.value).join("");
}

/** Position of `needle` inside the first line matching `line`. */
function find(doc: vscode.TextDocument, line: RegExp, needle: RegExp): vscode.Range {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (!line.test(text)) continue;
    const m = needle.exec(text);
    assert.ok(m, `"${needle}" not found on line ${i + 1}: ${text}`);
    const start = m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0);
    return new vscode.Range(i, start, i, start + (m[1] ?? m[0]).length);
  }
  assert.fail(`no line matches ${line}`);
}

async function replace(doc: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), "workspace.applyEdit refused the edit");
}

/** Waits for a `perf/resultChanged` of `uri` with this total (the status bar's source). */
function waitForTotal(api: PerfExtensionApi, uri: vscode.Uri, total: string, timeoutMs = 20_000): Promise<unknown> {
  return waitFor(`perf/resultChanged with total ${total} for ${uri.path}`, () => api.lastResult(uri)?.total === total, timeoutMs, [api.onResult]);
}

async function exampleUri(): Promise<vscode.Uri> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const candidate of [exampleName, `examples/yongzhou-2023/${exampleName}`]) {
      const uri = vscode.Uri.joinPath(folder.uri, candidate);
      try {
        await vscode.workspace.fs.stat(uri);
        return uri;
      } catch {
        // not in this folder
      }
    }
  }
  throw new Error(`${exampleName} is not in the workspace (open examples/yongzhou-2023 or the repository)`);
}

/**
 * Screenshot only: fold comments and the leaves' long texts so the picture shows the tree
 * with its inlay scores, the header's code lens and the preview side by side.
 */
async function frameForScreenshot(api: PerfExtensionApi, doc: vscode.TextDocument): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.closeSidebar");
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const result = await api.requestResult(doc.uri);
  const leaves: number[] = [];
  const walk = (n: NonNullable<typeof result>["indicators"][number]) => (n.children.length ? n.children.forEach(walk) : leaves.push(n.range.start.line));
  result?.indicators.forEach(walk);
  await vscode.commands.executeCommand("editor.foldAllBlockComments");
  await vscode.commands.executeCommand("editor.fold", { levels: 1, direction: "down", selectionLines: leaves });
  const header = find(doc, /^evaluation /, /evaluation/).start.line;
  editor.selection = new vscode.Selection(header, 0, header, 0);
  editor.revealRange(new vscode.Range(header, 0, header, 0), vscode.TextEditorRevealType.AtTop);
}

type Step = [name: string, body: () => Promise<void>];

export async function run(): Promise<void> {
  let api!: PerfExtensionApi;
  let example!: vscode.TextDocument;
  let broken!: vscode.TextDocument;
  let original = "";
  /** Scratch documents: VS Code keeps them open (and their problems counted) after their editors close. */
  const scratch: vscode.TextDocument[] = [];
  /** Writes `text` to a new file in a temp folder and shows it. */
  const openScratch = async (name: string, text: string): Promise<vscode.Uri> => {
    const file = vscode.Uri.file(join(await mkdtemp(join(tmpdir(), "perf-e2e-")), name));
    await writeFile(file.fsPath, text);
    const doc = await vscode.workspace.openTextDocument(file);
    scratch.push(doc);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    return file;
  };

  const steps: Step[] = [
    ["activates on a .perf file and starts the server", async () => {
      const uri = await exampleUri();
      example = await vscode.workspace.openTextDocument(uri);
      assert.equal(example.languageId, "perf");
      await vscode.window.showTextDocument(example, vscode.ViewColumn.One);
      const ext = vscode.extensions.getExtension<PerfExtensionApi>(extensionId);
      assert.ok(ext, `extension ${extensionId} is not installed`);
      await waitFor("the extension to activate (onLanguage:perf)", () => ext.isActive, 30_000, [vscode.extensions.onDidChange]);
      api = ext.exports;
      await api.ready;
    }],

    ["the example scores 82.46 · 良 without errors", async () => {
      await waitForTotal(api, example.uri, "82.46", 30_000);
      assert.equal(api.lastResult(example.uri)?.grade, "良");
      const result = await api.requestResult(example.uri);
      assert.ok(result, "perf/evaluatedResult returned nothing");
      assert.equal(result.total.score, "82.46");
      assert.equal(result.summary.errors, 0, `engine errors:\n${result.diagnostics.map((d) => `${d.code} ${JSON.stringify(d.args)}`).join("\n")}`);
      // The server publishes diagnostics with each analysis; none of them may be an error.
      assert.deepEqual(errorsOf(example.uri), [], `error diagnostics in the editor:\n${describe(errorsOf(example.uri))}`);
    }],

    ["an inlay score on every indicator, 1.92 on 预算执行率", async () => {
      const indicatorLines: number[] = [];
      for (let i = 0; i < example.lineCount; i++) if (/^\s*(indicator|指标)\s/.test(example.lineAt(i).text)) indicatorLines.push(i);
      assert.ok(indicatorLines.length >= 30, `expected the 永州 tree (4 + 11 + 27 indicators), found ${indicatorLines.length}`);
      const whole = new vscode.Range(0, 0, example.lineCount, 0);
      const hints = await waitFor("inlay hints on every indicator", async () => {
        const hs = await vscode.commands.executeCommand<vscode.InlayHint[]>("vscode.executeInlayHintProvider", example.uri, whole);
        return hs && indicatorLines.every((l) => hs.some((h) => h.position.line === l)) ? hs : undefined;
      });
      const rate = find(example, /^\s*indicator 预算执行率 /, /weight (\d+)/);
      const onRate = hints.filter((h) => h.position.line === rate.start.line).map(labelText);
      assert.ok(onRate.some((l) => l.includes("1.92")), `inlay hints on 预算执行率: ${JSON.stringify(onRate)}`);
      log(`inlay hints: ${hints.length} on ${indicatorLines.length} indicators; 预算执行率 → ${onRate.join(" | ")}`);
    }],

    ["the code lens shows 82.46 · 良", async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", example.uri, 10);
      const titles = (lenses ?? []).map((l) => l.command?.title ?? "");
      const total = (lenses ?? []).find((l) => l.command?.title.includes("82.46 · 良"));
      assert.ok(total?.command, `code lenses: ${JSON.stringify(titles)}`);
      // Clicking it opens the preview of this document.
      assert.equal(total.command.command, "perf.preview");
      assert.deepEqual(total.command.arguments, [example.uri.toString()]);
    }],

    ["the status bar shows 82.46 · 良", async () => {
      await vscode.window.showTextDocument(example, vscode.ViewColumn.One);
      const status = await waitFor("the status bar total", () => (api.status().text.includes("82.46 · 良") ? api.status() : undefined), 10_000, [api.onResult, vscode.window.onDidChangeActiveTextEditor]);
      assert.ok(status.visible);
    }],

    ["perf: Restart language server brings the scores back", async () => {
      await vscode.commands.executeCommand("perf.restartServer");
      await waitForTotal(api, example.uri, "82.46", 30_000);
      await waitFor("the status bar after the restart", () => api.status().text.includes("82.46 · 良"), 10_000, [api.onResult]);
    }],

    ["a changed weight shows PERF010 at the weight (its parent's sum related), the quick fix restores it", async () => {
      // A copy outside the repository: the example itself is never modified.
      const dir = await mkdtemp(join(tmpdir(), "perf-e2e-"));
      const copy = vscode.Uri.file(join(dir, "broken.perf"));
      original = await readFile(example.uri.fsPath, "utf8");
      await writeFile(copy.fsPath, original);
      broken = await vscode.workspace.openTextDocument(copy);
      await vscode.window.showTextDocument(broken, vscode.ViewColumn.One);
      await waitForTotal(api, broken.uri, "82.46");

      const weight = find(broken, /^\s*indicator 项目立项 weight 6 /, /weight (6)/);
      const parentWeight = find(broken, /^\s*indicator 项目决策 weight 14 /, /weight (14)/);
      const edited = Date.now();
      await replace(broken, weight, "7");
      const errors = await waitFor("PERF010 on the changed weight", () => {
        const es = errorsOf(broken.uri).filter((d) => codeOf(d) === "PERF010");
        return es.length >= 1 ? es : undefined;
      }, 5_000, [vscode.languages.onDidChangeDiagnostics]);
      log(`PERF010 appeared ${Date.now() - edited} ms after the edit`);
      const at = (r: vscode.Range) => errors.find((d) => d.range.isEqual(r));
      const own = at(weight);
      assert.ok(own, `no PERF010 at ${weight.start.line + 1}:${weight.start.character + 1} (项目立项 weight 7 ≠ children 6):\n${describe(errors)}`);
      // one cause, one error: 项目决策's sum (its children now 15) follows from this weight and is listed with it
      assert.equal(errors.length, 1, `one PERF010, at the changed weight:\n${describe(errors)}`);
      assert.ok(
        own.relatedInformation?.some((r) => r.location.range.isEqual(parentWeight)),
        `项目决策's weight (children now sum to 15) is not related to the cause:\n${JSON.stringify(own.relatedInformation ?? [])}`,
      );
      assert.match(own.message, /项目立项/);
      await waitFor("the status bar to count the errors", () => api.status().text.includes("$(error) 1"), 5_000, [api.onResult]);

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>("vscode.executeCodeActionProvider", broken.uri, own.range, undefined, 10);
      const fixes = (actions ?? []).filter((a): a is vscode.CodeAction => "edit" in a || "diagnostics" in a || "kind" in a);
      const setToSum = fixes.find((a) => a.edit?.get(broken.uri).some((e) => e.newText === "6" && e.range.isEqual(weight)));
      assert.ok(setToSum?.edit, `no quick fix writing 6 over the weight; offered: ${JSON.stringify(fixes.map((a) => a.title))}`);
      log(`quick fix: ${setToSum.title}`);
      assert.ok(await vscode.workspace.applyEdit(setToSum.edit));
      await waitFor("the errors to clear after the quick fix", () => errorsOf(broken.uri).length === 0, 5_000, [vscode.languages.onDidChangeDiagnostics]);
      await waitForTotal(api, broken.uri, "82.46");
      assert.equal(broken.getText(), original, "the quick fix did not restore the original text");
    }],

    ["the preview renders the report and follows edits", async () => {
      await vscode.window.showTextDocument(broken, vscode.ViewColumn.One);
      await vscode.commands.executeCommand("perf.preview");
      const first = await waitFor("the preview of the copy", () => {
        const p = api.preview();
        return p?.uri === broken.uri.toString() && p.total === "82.46" ? p : undefined;
      }, 20_000, [api.onPreviewRender]);
      for (const text of ["评分表", "预算执行率", "82.46", "良", "问题清单"]) assert.ok(first.body.includes(text), `preview lacks "${text}"`);
      // The tab model reaches the extension host asynchronously.
      const viewTypes = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => (t.input instanceof vscode.TabInputWebview ? t.input.viewType : ""));
      await waitFor(`a preview tab (tabs: ${JSON.stringify(viewTypes())})`, () => viewTypes().some((v) => v.endsWith("perf.preview")), 10_000, [vscode.window.tabGroups.onDidChangeTabs]);

      // 方案设计合理性: deduct 1 → 2 lowers the total by one point while typing.
      const deduct = find(broken, /^\s*deduct 1 "部分项目存在前期规划不充分/, /deduct (1)/);
      await replace(broken, deduct, "2");
      await waitFor("the preview to show 81.46", () => api.preview()?.total === "81.46", 10_000, [api.onPreviewRender]);
      assert.ok(api.preview()!.body.includes("81.46"));
      await waitFor("the status bar to show 81.46", () => api.status().text.includes("81.46"), 10_000, [api.onResult]);
      await replace(broken, deduct, "1");
      await waitFor("the preview back at 82.46", () => api.preview()?.total === "82.46", 10_000, [api.onPreviewRender]);

      // The preview follows the active .perf editor.
      await vscode.window.showTextDocument(example, vscode.ViewColumn.One);
      await waitFor("the preview to follow the example", () => api.preview()?.uri === example.uri.toString(), 10_000, [api.onPreviewRender]);
      await vscode.window.showTextDocument(broken, vscode.ViewColumn.One);
      await waitFor("the preview to follow the copy", () => api.preview()?.uri === broken.uri.toString(), 10_000, [api.onPreviewRender]);
    }],

    ["perf.language reaches the server and the preview", async () => {
      const config = () => vscode.workspace.getConfiguration("perf");
      await config().update("language", "en", vscode.ConfigurationTarget.Global);
      try {
        await waitFor("the preview in English", () => api.preview()?.body.includes("Scoring table"), 10_000, [api.onPreviewRender]);
        const deduct = find(broken, /^\s*deduct 1 "部分项目存在前期规划不充分/, /deduct (1)/);
        await replace(broken, deduct, "2");
        const declared = await waitFor("PERF040 in English", () => errorsOf(broken.uri).find((d) => codeOf(d) === "PERF040" && /declared as/.test(d.message)), 10_000, [vscode.languages.onDidChangeDiagnostics]);
        log(`PERF040 (en): ${declared.message}`);
        await replace(broken, deduct, "1");
        await waitFor("the errors to clear", () => errorsOf(broken.uri).length === 0, 10_000, [vscode.languages.onDidChangeDiagnostics]);
      } finally {
        await config().update("language", undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor("the preview in Chinese again", () => api.preview()?.body.includes("评分表"), 10_000, [api.onPreviewRender]);
    }],

    ["perf.strict turns an unscored leaf into an error", async () => {
      const file = await openScratch("unscored.perf", 'evaluation "草稿" { total 2 }\nindicator 待评 weight 2 { }\n');
      const unscored = (severity: vscode.DiagnosticSeverity) => () =>
        vscode.languages.getDiagnostics(file).find((d) => codeOf(d) === "PERF030" && d.severity === severity);
      await waitFor("PERF030 as a warning", unscored(vscode.DiagnosticSeverity.Warning), 10_000, [vscode.languages.onDidChangeDiagnostics]);
      const config = () => vscode.workspace.getConfiguration("perf");
      await config().update("strict", true, vscode.ConfigurationTarget.Global);
      try {
        await waitFor("PERF030 as an error under perf.strict", unscored(vscode.DiagnosticSeverity.Error), 10_000, [vscode.languages.onDidChangeDiagnostics]);
      } finally {
        await config().update("strict", undefined, vscode.ConfigurationTarget.Global);
      }
      await waitFor("PERF030 a warning again", unscored(vscode.DiagnosticSeverity.Warning), 10_000, [vscode.languages.onDidChangeDiagnostics]);
    }],

    ["garbage input gets diagnostics, not a dead server", async () => {
      const file = await openScratch("garbage.perf", 'evaluation "未闭合 {\n\u0001\u0002 indicator }}} weight ((( 12.5.6 万元万元\n/* 未闭合注释');
      await waitFor("errors on the garbage file", () => errorsOf(file).length > 0, 10_000, [vscode.languages.onDidChangeDiagnostics]);
      await vscode.commands.executeCommand("perf.preview");
      const shown = await waitFor("a preview of the garbage file", () => (api.preview()?.uri === file.toString() ? api.preview() : undefined), 10_000, [api.onPreviewRender]);
      log(`preview of garbage: ${shown.body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 120)}`);
      // The server still answers for the example.
      assert.equal((await api.requestResult(example.uri))?.total.score, "82.46");
    }],

    ["leaves the example open with its preview beside it", async () => {
      // Scratch files get a clean evaluation so the workbench counts no leftover problems, and
      // are saved so closing cannot stop on a "save changes?" dialog (they live in a temp folder).
      for (const doc of scratch) {
        await replace(doc, new vscode.Range(0, 0, doc.lineCount, 0), 'evaluation "临时" { total 2 }\nindicator 甲 weight 2 { score 2 }\n');
        await doc.save();
      }
      await waitFor("no problems left in scratch files", () => scratch.every((d) => vscode.languages.getDiagnostics(d.uri).length === 0), 10_000, [vscode.languages.onDidChangeDiagnostics]);
      await broken.save();
      await vscode.commands.executeCommand("workbench.action.closeAllEditors");
      await vscode.window.showTextDocument(example, { viewColumn: vscode.ViewColumn.One, preview: false });
      const header = find(example, /^evaluation /, /evaluation/);
      vscode.window.activeTextEditor!.revealRange(new vscode.Range(header.start.line - 1, 0, header.start.line + 30, 0), vscode.TextEditorRevealType.AtTop);
      // Opened the way a user would: a click on the total's code lens.
      const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", example.uri, 10))?.find((l) => l.command?.command === "perf.preview");
      assert.ok(lens?.command);
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
      await waitFor("the preview of the example", () => api.preview()?.uri === example.uri.toString() && api.preview()?.total === "82.46", 20_000, [api.onPreviewRender]);
      await vscode.window.showTextDocument(example, vscode.ViewColumn.One);
      // The code-server runner photographs the workbench now (the extension host stops when
      // the suite returns); it creates this file when it is done.
      const shot = process.env.PERF_E2E_SCREENSHOT_DONE;
      if (shot) {
        await frameForScreenshot(api, example);
        log("ready for screenshot");
        await waitFor("the runner's screenshot", () => stat(shot).then(() => true, () => false), 60_000);
      }
    }],
  ];

  const failures: string[] = [];
  for (const [name, body] of steps) {
    const started = Date.now();
    try {
      await body();
      log(`✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      log(`✗ ${name}\n${text}`);
      failures.push(`${name}: ${text}`);
      break; // later steps build on earlier ones
    }
  }
  log(failures.length ? `FAILED ${failures.length}` : `all ${steps.length} steps passed`);
  if (failures.length) throw new Error(failures.join("\n"));
}
