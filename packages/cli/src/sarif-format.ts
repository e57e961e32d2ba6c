import { catalogue, diagnosticDocs, diagnosticText, severityOf, type Diagnostic, type DiagnosticCode, type Locale } from "@perf/language";

/** A diagnostic and the path it is reported under (relative to the working directory). */
export interface LocatedDiagnostic {
  diagnostic: Diagnostic;
  path: string;
}

const levels = { error: "error", warning: "warning", info: "note" } as const;

/** Catalogue texts have placeholders (`${a.name}`); rule help shows them as "…". */
const placeholders = new Proxy({}, { get: () => "…" }) as Record<string, string>;

/** Paths as URI references relative to the SARIF base: forward slashes, each segment percent-encoded. */
export function uriReference(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDE viewers):
 * one run, one rule per catalogue code with its help text, 1-based lines and UTF-16 columns.
 */
export function toSarif(items: LocatedDiagnostic[], locale: Locale, version = "0.1.0"): object {
  const codes = Object.keys(catalogue) as DiagnosticCode[];
  const rules = codes.map((code) => {
    const e = catalogue[code];
    const { message, hint } = diagnosticText({ code, args: placeholders }, locale);
    return {
      id: code,
      name: e.title,
      shortDescription: { text: message },
      fullDescription: { text: hint ? `${message}${locale === "en" ? ". " : "。"}${hint}` : message },
      help: { text: hint ?? message, markdown: `**${code}** (${e.title}): ${message}${hint ? `\n\n${hint}` : ""}\n\nSee ${diagnosticDocs(code)}.` },
      defaultConfiguration: { level: levels[severityOf(code)] },
    };
  });
  const index = new Map(codes.map((c, i) => [c as string, i]));
  const results = items.map(({ diagnostic: d, path }) => {
    const r = d.range;
    const result: Record<string, unknown> = {
      ruleId: d.code,
      level: levels[d.severity],
      message: { text: [diagnosticText(d, locale).message, diagnosticText(d, locale).hint].filter(Boolean).join("\n") },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriReference(path), uriBaseId: "%SRCROOT%" },
            region: {
              startLine: r.start.line + 1,
              startColumn: r.start.character + 1,
              endLine: r.end.line + 1,
              endColumn: r.end.character + 1,
            },
          },
        },
      ],
    };
    if (d.related?.length)
      result.relatedLocations = d.related.map((r, id) => ({
        id,
        message: { text: `[${r.code}] ${diagnosticText(r, locale).message}` },
        physicalLocation: {
          artifactLocation: { uri: uriReference(r.uri === d.uri ? path : r.uri), uriBaseId: "%SRCROOT%" },
          region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
        },
      }));
    const i = index.get(d.code);
    if (i !== undefined) result.ruleIndex = i;
    return result;
  });
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "perf", version, semanticVersion: version, rules } },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "the directory perf check ran in" } } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}
