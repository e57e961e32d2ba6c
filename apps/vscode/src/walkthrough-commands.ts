// The walkthrough's pure parts (no `vscode` import), so unit tests can load them.
import type { Locale } from "./messages.js";

/** The walkthrough's commands; every one is contributed in package.json (a unit test checks both ways). */
export const walkthroughCommands = ["perf.init", "perf.openExample"] as const;

/** The bundled copy of examples/yongzhou-2023/yongzhou-2023.perf, copied by scripts/build.mjs. */
export const examplePath = "media/walkthrough/yongzhou-2023.perf";

/** A folder name that needs no quoting in any shell: letters (汉字 too), digits, - and _. */
export function safeFolderName(name: string): boolean {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_-]*$/u.test(name);
}

/**
 * The terminal line: the configured CLI command (`perf.cli`, default `perf`), `init` and the new
 * folder; `perf init` asks the type, scope and name itself.
 */
export function initCommandLine(cli: unknown, folder: string, locale: Locale): string {
  const command = typeof cli === "string" && cli.trim() ? cli.trim() : "perf";
  if (!safeFolderName(folder)) throw new Error(`unsafe folder name: ${folder}`);
  return `${command} init ${folder}${locale === "en" ? " --lang en" : ""}`;
}
