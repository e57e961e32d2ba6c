// Runs the editor-level suite (out/suite/index.js) in a real VS Code workbench:
// code-server 4.100.3 serves VS Code 1.100.3 with a Node extension host, headless Debian
// Chromium driven by playwright-core opens it with the extensionDevelopmentPath /
// extensionTestsPath payload, and the suite's exit code becomes ours.
//   node scripts/run-code-server-tests.mjs [--screenshot <file.png>] [--vsix <file.vsix>]
// --vsix runs the suite against the packaged extension (unzipped) instead of this folder.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const sourceDir = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const repo = resolve(sourceDir, "../..");
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined;
};
const tools = process.env.PERF_TOOLS ?? join(repo, ".tools");
const entry = join(tools, "code-server-4.100.3/node_modules/code-server/out/node/entry.js");
const chromiumPath = process.env.PERF_CHROMIUM ?? "/usr/bin/chromium";
const workspace = join(repo, "examples/yongzhou-2023");
const testsEntry = join(sourceDir, "out/suite/index.js");
const screenshot = option("--screenshot");
const vsix = option("--vsix");
const suiteTimeoutMs = 240_000;

for (const [what, path] of [["code-server (run scripts/install-code-server.sh)", entry], ["Chromium", chromiumPath], ["the built suite (run the build)", testsEntry], ...(vsix ? [["the .vsix", vsix]] : [])]) {
  if (!existsSync(path)) {
    console.error(`perf e2e: ${what} not found at ${path}`);
    process.exit(2);
  }
}

const freePort = () =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });

const deadline = async (what, ms, probe) => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const tmp = mkdtempSync(join(tmpdir(), "perf-code-server-"));
// A .vsix is a zip whose extension/ folder is the installed extension.
if (vsix) execFileSync("unzip", ["-q", vsix, "extension/*", "-d", join(tmp, "vsix")]);
const extensionDir = vsix ? join(tmp, "vsix/extension") : sourceDir;
const port = await freePort();
mkdirSync(join(tmp, "data/User"), { recursive: true });
// Always an explicit config: without one code-server writes into ~/.config.
writeFileSync(join(tmp, "config.yaml"), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
writeFileSync(
  join(tmp, "data/User/settings.json"),
  JSON.stringify({
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "security.workspace.trust.enabled": false,
    "chat.commandCenter.enabled": false,
    "editor.minimap.enabled": false,
    "window.commandCenter": false,
    "git.openRepositoryInParentFolders": "never",
  }),
);

const server = spawn(
  process.execPath,
  [entry, "--config", join(tmp, "config.yaml"), "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", "--user-data-dir", join(tmp, "data"), "--extensions-dir", join(tmp, "exts")],
  // Its own process group, so the watcher and extension-host children die with it.
  { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...(screenshot ? { PERF_E2E_SCREENSHOT_DONE: join(tmp, "screenshot.done") } : {}) } },
);
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

let browser;
const cleanup = async () => {
  await browser?.close().catch(() => {});
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
  rmSync(tmp, { recursive: true, force: true });
};

let page;
let screenshotError;
let screenshotTaken = false;
/** The suite leaves the example open with the preview beside it; wait until both are drawn. */
async function takeScreenshot() {
  await deadline("the status bar total", 20_000, async () => (await page.locator(".statusbar").innerText()).includes("82.46"));
  await deadline("the preview tables", 20_000, async () => {
    for (const frame of page.frames()) {
      const text = await frame.locator("body").innerText({ timeout: 500 }).catch(() => "");
      if (text.includes("评分表") && text.includes("82.46")) return true;
    }
    return false;
  });
  await deadline("the code lens", 20_000, async () => (await page.locator(".monaco-editor .codelens-decoration").count()) > 0);
  await page.mouse.move(0, 0);
  mkdirSync(resolve(screenshot, ".."), { recursive: true });
  await page.screenshot({ path: screenshot });
  screenshotTaken = true;
  const size = statSync(screenshot).size;
  if (size > 400_000) console.warn(`perf e2e: the screenshot is ${Math.round(size / 1000)} KB, over the README's 400 KB budget`);
  console.log(`perf e2e: screenshot ${screenshot}`);
}

let exitCode = 1;
try {
  await deadline("code-server /healthz", 60_000, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction("codeAutomationLog", (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
    // The workbench's own complaints about the unreachable marketplace are noise here.
    if (text.includes("[perf e2e]") || (type === "error" && !/ENOTFOUND|open-vsx/.test(text))) console.log(text);
    if (text.includes("[perf e2e] ready for screenshot")) takeScreenshot().then(() => writeFileSync(join(tmp, "screenshot.done"), ""), (error) => { screenshotError = error; writeFileSync(join(tmp, "screenshot.done"), ""); });
  });
  await page.exposeFunction("codeAutomationExit", (code) => resolveExit(code));
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [["extensionDevelopmentPath", remote(extensionDir)], ["extensionTestsPath", remote(testsEntry)]];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  console.log(`perf e2e: VS Code 1.100.3 (code-server) on 127.0.0.1:${port}, workspace ${workspace}, extension ${vsix ?? extensionDir}`);
  await page.goto(url);
  exitCode = await Promise.race([
    exited,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`the suite did not finish within ${suiteTimeoutMs / 1000} s`)), suiteTimeoutMs)),
  ]);
  console.log(`perf e2e: code-server suite exited with ${exitCode}`);
  if (screenshotError) throw screenshotError;
  if (screenshot && exitCode === 0 && !screenshotTaken) throw new Error("the suite finished without asking for the screenshot");
} catch (error) {
  console.error(`perf e2e: ${error instanceof Error ? error.message : error}`);
  if (serverLog) console.error(`--- code-server log (tail) ---\n${serverLog.slice(-4000)}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
