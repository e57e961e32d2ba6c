// The getting-started walkthrough's commands (package.json contributes.walkthroughs):
// `perf.init` runs the perf CLI's `perf init` in a terminal (the CLI is not bundled: the
// `perf.cli` setting names it, see media/walkthrough/cli.md), `perf.openExample` opens the
// bundled 永州 example as an untitled document, so nothing is written until the user saves.
import * as vscode from "vscode";
import type { Locale } from "./messages.js";
import { examplePath, initCommandLine, safeFolderName } from "./walkthrough-commands.js";

const text = {
  pickFolder: { zh: "选择新评价所在的文件夹", en: "Choose the folder for the new evaluation" },
  askName: { zh: "新评价的文件夹名（perf init 会在其中创建 名称.perf 和 README.md）", en: "Folder name of the new evaluation (perf init creates NAME.perf and README.md in it)" },
  badName: { zh: "只能包含文字、数字、- 和 _", en: "letters, digits, - and _ only" },
} satisfies Record<string, Record<Locale, string>>;

export function registerWalkthrough(context: vscode.ExtensionContext, locale: () => Locale): void {
  context.subscriptions.push(
    vscode.commands.registerCommand("perf.init", async () => {
      const L = locale();
      const folder = await chooseFolder(L);
      if (!folder) return;
      const name = await vscode.window.showInputBox({ prompt: text.askName[L], value: L === "en" ? "evaluation" : "绩效评价", validateInput: (v) => (safeFolderName(v) ? undefined : text.badName[L]) });
      if (!name) return;
      const terminal = vscode.window.createTerminal({ name: "perf init", cwd: folder });
      terminal.show();
      terminal.sendText(initCommandLine(vscode.workspace.getConfiguration("perf").get("cli"), name, L));
    }),
    vscode.commands.registerCommand("perf.openExample", async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, examplePath));
      const doc = await vscode.workspace.openTextDocument({ language: "perf", content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside }); // the walkthrough stays in view
    }),
  );
}

/** The only workspace folder, one picked among several, or one chosen in a dialog. */
async function chooseFolder(locale: Locale): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0]!.uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: text.pickFolder[locale] }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, title: text.pickFolder[locale] });
  return picked?.[0];
}
