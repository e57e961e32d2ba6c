import { diagnosticText, type Locale } from "@perf/language";
import type { LocatedDiagnostic } from "./sarif-format.js";

const commands = { error: "error", warning: "warning", info: "notice" } as const;

/** GitHub workflow-command escaping: data escapes %, CR, LF; property values also ':' and ','. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=PERF010::message`, one per diagnostic. */
export function toGithubAnnotations(items: LocatedDiagnostic[], locale: Locale = "zh"): string {
  return items
    .map(({ diagnostic: d, path }) => {
      const r = d.range;
      const props = [
        `file=${escapeProperty(path.replace(/\\/g, "/"))}`,
        `line=${r.start.line + 1}`,
        `col=${r.start.character + 1}`,
        `endLine=${r.end.line + 1}`,
        `endColumn=${r.end.character + 1}`,
        `title=${escapeProperty(d.code)}`,
      ].join(",");
      const { message: text, hint } = diagnosticText(d, locale);
      const related = (d.related ?? []).map((r) => `${r.range.start.line + 1}:${r.range.start.character + 1} [${r.code}] ${diagnosticText(r, locale).message}`);
      const message = [text, ...(hint ? [hint] : []), ...related].join("\n");
      return `::${commands[d.severity]} ${props}::${escapeData(message)}\n`;
    })
    .join("");
}
