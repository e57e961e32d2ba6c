import { parseArgs } from "node:util";
import type { Locale } from "@perf/language";
import { runCheck } from "./commands/check.js";
import { runDiff } from "./commands/diff.js";
import { runFmt } from "./commands/fmt.js";
import { runRender } from "./commands/render.js";
import { runScore } from "./commands/score.js";
import type { CliIO } from "./io.js";
import { t } from "./messages.js";

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
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        strict: { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        json: { type: "boolean", default: false },
        lang: { type: "string" },
        table: { type: "string", multiple: true },
        group: { type: "string", multiple: true },
        output: { type: "string", short: "o" },
        template: { type: "string" },
        force: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        check: { type: "boolean", default: false },
        stdout: { type: "boolean", default: false },
        git: { type: "boolean", default: false },
        textconv: { type: "boolean", default: false },
        type: { type: "string" },
        scope: { type: "string" },
        name: { type: "string" },
        yes: { type: "boolean", short: "y", default: false },
      },
    });
  } catch (e) {
    io.stderr(`perf: ${t(envLocale, "error")}: ${(e as Error).message}\n${t(envLocale, "usage")}`);
    // For diff, 2 means "changes": a usage error there is 1.
    return argv.includes("diff") ? 1 : 2;
  }
  const { values, positionals } = parsed;
  const locale: Locale = values.lang ? (values.lang.toLowerCase().startsWith("en") ? "en" : "zh") : envLocale;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.stdout : io.stderr)(t(locale, "usage"));
    return values.help ? 0 : 2;
  }
  const common = { locale, strict: values.strict };
  switch (command) {
    case "check": {
      const format = values.format === "json" || values.format === "sarif" || values.format === "github" ? values.format : "text";
      return runCheck(rest, { ...common, format }, io);
    }
    case "score":
      return runScore(rest, { ...common, json: values.json || values.format === "json" }, io);
    case "render":
      return runRender(rest, { ...common, format: values.format, tables: values.table ?? [], groups: values.group ?? [], output: values.output, force: values.force, template: values.template }, io);
    case "fmt":
      return runFmt(rest, { ...common, check: values.check, stdout: values.stdout }, io);
    case "diff": {
      const output = values.output ?? (values.format === "json" ? "json" : "text");
      if (output !== "text" && output !== "md" && output !== "json") {
        io.stderr(`perf: ${t(locale, "error")}: -o ${output}: text|md|json\n`);
        return 1;
      }
      return runDiff(rest, { ...common, output, git: values.git, textconv: values.textconv, paths: afterDashdash }, io);
    }
    case "init":
      return import("./commands/init.js").then((m) => m.runInit(rest, { ...common, type: values.type, scope: values.scope, name: values.name, yes: values.yes, force: values.force }, io));
    case "import":
      return import("./commands/import.js").then((m) => m.runImport(rest, { ...common, output: values.output, force: values.force }, io));
    default:
      io.stderr(`perf: ${t(locale, "error")}: ${t(locale, "unknownCommand")} '${command}'\n${t(locale, "usage")}`);
      return 2;
  }
}
