import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import type { Locale } from "@perf/language";
import { runCheck } from "./commands/check.js";
import { runDiff } from "./commands/diff.js";
import { runFmt } from "./commands/fmt.js";
import { runScore } from "./commands/score.js";
import type { CliIO } from "./io.js";
import { closest } from "./closest.js";
import { t, type MessageKey } from "./messages.js";

export type { CliIO } from "./io.js";
export { checkFiles } from "./commands/check.js";
export { scoreTable } from "./commands/score.js";

/** Runs `perf` with the arguments after the program name; returns the exit code. */
export function run(argv: string[], io: CliIO): number | Promise<number> {
  // `perf diff --git REV -- paths`: what follows `--` are git pathspecs.
  const dashdash = argv.includes("diff") ? argv.indexOf("--") : -1;
  const afterDashdash = dashdash > argv.indexOf("diff") ? argv.slice(dashdash + 1) : [];
  if (dashdash > argv.indexOf("diff")) argv = argv.slice(0, dashdash);
  const envLocale: Locale = io.env.PERF_LANG?.toLowerCase().startsWith("en") ? "en" : "zh";
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (e) {
    // the message in the language asked for, even though the arguments did not parse
    const langAt = argv.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
    const lang = langAt < 0 ? undefined : argv[langAt]!.includes("=") ? argv[langAt]!.split("=")[1] : argv[langAt + 1];
    const locale: Locale = lang ? (lang.toLowerCase().startsWith("en") ? "en" : "zh") : envLocale;
    const command = argv.find((a) => commands.includes(a));
    return usageError(parseError(e as NodeJS.ErrnoException, argv, locale), command, locale, io);
  }
  const { values, positionals } = parsed;
  const locale: Locale = values.lang ? (values.lang.toLowerCase().startsWith("en") ? "en" : "zh") : envLocale;
  let [command, ...rest] = positionals;
  if (values.version) {
    io.stdout(`perf ${version()}\n`);
    return 0;
  }
  if (command === "help") {
    [command, ...rest] = rest;
    if (!command) {
      io.stdout(t(locale, "usage"));
      return 0;
    }
    if (!commands.includes(command)) return unknownCommand(command, locale, io);
    io.stdout(commandHelp(command, locale));
    return 0;
  }
  if (values.help || !command) {
    if (command && commands.includes(command)) io.stdout(commandHelp(command, locale));
    else (values.help ? io.stdout : io.stderr)(t(locale, "usage"));
    return values.help ? 0 : 2;
  }
  const common = { locale, strict: values.strict };
  switch (command) {
    case "check": {
      const jobs = values.jobs === undefined ? undefined : jobsOf(values.jobs);
      if (jobs === null) return usageError(t(locale, "jobsInvalid", { value: values.jobs! }), "check", locale, io);
      const format = values.format === "json" || values.format === "sarif" || values.format === "github" ? values.format : "text";
      return runCheck(rest, { ...common, format, fix: values.fix || values["dry-run"], dryRun: values["dry-run"], audit: values.audit, jobs }, io);
    }
    case "score":
      return runScore(rest, { ...common, json: values.json || values.format === "json" }, io);
    case "render": {
      // docx, exceljs and echarts load only here: check, score, fmt and diff stay fast
      const options = { format: values.format ?? "text", tables: values.table ?? [], groups: values.group ?? [], output: values.output, force: values.force, template: values.template };
      const followSymlinks = values["follow-symlinks"];
      return import("./commands/render.js").then(({ runRender }) => runRender(rest, { ...common, ...options, followSymlinks }, io));
    }
    case "fmt":
      return runFmt(rest, { ...common, check: values.check, stdout: values.stdout }, io);
    case "diff": {
      let { output, format = "text" } = values;
      // `-o md` was diff's format before -o meant an output path everywhere (decision 0171): kept, with a warning
      if (output !== undefined && values.format === undefined && isDiffFormat(output)) {
        io.stderr(`perf: ${t(locale, "warning")}: ${t(locale, "diffOutputDeprecated", { format: output })}\n`);
        [format, output] = [output, undefined];
      }
      if (!isDiffFormat(format)) {
        io.stderr(`perf: ${t(locale, "error")}: --format ${format}: text|md|json\n`);
        return 1;
      }
      const options = { format, output, force: values.force, followSymlinks: values["follow-symlinks"], git: values.git, textconv: values.textconv, paths: afterDashdash };
      return runDiff(rest, { ...common, ...options }, io);
    }
    case "init":
      return import("./commands/init.js").then((m) => m.runInit(rest, { ...common, type: values.type, scope: values.scope, name: values.name, yes: values.yes, force: values.force }, io));
    case "import":
      return import("./commands/import.js").then((m) => m.runImport(rest, { ...common, output: values.output, force: values.force }, io));
    default:
      return unknownCommand(command, locale, io);
  }
}

const isDiffFormat = (f: string): f is "text" | "md" | "json" => f === "text" || f === "md" || f === "json";

const commands = ["check", "score", "render", "fmt", "diff", "init", "import"];

const options = {
  strict: { type: "boolean", default: false },
  // no default: diff tells an explicit --format from the old `-o md`; each command has its own default
  format: { type: "string" },
  json: { type: "boolean", default: false },
  lang: { type: "string" },
  table: { type: "string", multiple: true },
  group: { type: "string", multiple: true },
  output: { type: "string", short: "o" },
  template: { type: "string" },
  force: { type: "boolean", default: false },
  "follow-symlinks": { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", default: false },
  check: { type: "boolean", default: false },
  stdout: { type: "boolean", default: false },
  git: { type: "boolean", default: false },
  textconv: { type: "boolean", default: false },
  type: { type: "string" },
  scope: { type: "string" },
  name: { type: "string" },
  yes: { type: "boolean", short: "y", default: false },
  fix: { type: "boolean", default: false },
  "dry-run": { type: "boolean", default: false },
  audit: { type: "boolean", default: false },
  jobs: { type: "string", short: "j" },
} as const;

function commandHelp(command: string, locale: Locale): string {
  const key = { check: "helpCheck", score: "helpScore", render: "helpRender", fmt: "helpFmt", diff: "helpDiff", init: "initUsage", import: "importUsage" }[command] as MessageKey;
  return t(locale, key);
}

/** A usage error: the message, where to see the usage, exit 2 (1 for diff, where 2 means "changes"). */
function usageError(message: string, command: string | undefined, locale: Locale, io: CliIO): number {
  io.stderr(`perf: ${t(locale, "error")}: ${message}${t(locale, "seeHelp", { what: command ? `help ${command}` : "--help" })}\n`);
  return command === "diff" ? 1 : 2;
}

/** `--jobs N`: a positive integer written in decimal digits, or null. */
function jobsOf(value: string): number | null {
  return /^[0-9]+$/.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value)) ? Number(value) : null;
}

function unknownCommand(command: string, locale: Locale, io: CliIO): number {
  const near = closest(command, [...commands, "help"]);
  const hint = near ? t(locale, "didYouMean", { suggestion: near }) : "";
  io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "unknownCommand")} '${command}'${hint}${t(locale, "seeHelp", { what: "--help" })}\n`);
  return 2;
}

/** parseArgs' English errors, in the user's language, with the nearest option for a typo. */
function parseError(e: NodeJS.ErrnoException, argv: string[], locale: Locale): string {
  const option = /'(-[^',]+)/.exec(e.message)?.[1] ?? "";
  // `--jobs -1`: parseArgs takes the value for an option of its own
  if (/ambiguous/.test(e.message) && (option === "--jobs" || option === "-j")) return t(locale, "jobsInvalid", { value: argv[argv.indexOf(option) + 1] ?? "" });
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...("short" in o ? [`-${o.short}`] : [])]);
    const near = closest(option, names);
    return t(locale, "unknownOption", { option }) + (near ? t(locale, "didYouMean", { suggestion: near }) : "");
  }
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const long = /--[\w-]+/.exec(e.message)?.[0] ?? option;
    return t(locale, /argument missing/.test(e.message) ? "optionNeedsValue" : "optionTakesNoValue", { option: long });
  }
  return e.message;
}

function version(): string {
  return (createRequire(import.meta.url)("../package.json") as { version: string }).version;
}
