import { diagnosticText, isAuditCode, type Diagnostic } from "@perf/language";
import { displayPath } from "../files.js";
import { formatDiagnostic } from "../format-diagnostic.js";
import { toGithubAnnotations } from "../github-format.js";
import type { CliIO } from "../io.js";
import { t } from "../messages.js";
import { toSarif, type LocatedDiagnostic } from "../sarif-format.js";
import type { CheckedFile, CheckOptions } from "./check.js";

/** Why the file acknowledges an audit finding (`acknowledged "…"`), if it does. */
function reasonOf(d: Diagnostic): string | undefined {
  const r = d.data?.acknowledged;
  return typeof r === "string" ? r : undefined;
}

/**
 * `perf check --audit`: every audit finding of the files (any code whose catalogue entry says
 * `audit: true`, whichever feature reports it), acknowledged or not, grouped per file, with the
 * acknowledgement's reason. Exit 0 when every finding is acknowledged and nothing else is an error.
 */
export function reportAudit(checked: CheckedFile[], missing: string[], options: CheckOptions, io: CliIO): number {
  const L = options.locale;
  let otherErrors = missing.length;
  let open = 0;
  let acknowledged = 0;
  const groups: { file: string; findings: Diagnostic[] }[] = [];
  for (const c of checked) {
    const shown = displayPath(c.file, io.cwd);
    if (!c.analysis) {
      otherErrors++;
      continue;
    }
    const findings: Diagnostic[] = [];
    for (const d of c.analysis.result.diagnostics) {
      if (isAuditCode(d.code)) {
        findings.push(d);
        if (reasonOf(d) !== undefined) acknowledged++;
        else if (d.severity !== "info") open++;
      } else if (d.severity === "error") otherErrors++;
    }
    if (findings.length) groups.push({ file: shown, findings });
  }
  const code = open > 0 || otherErrors > 0 ? 1 : 0;
  const located = (): (LocatedDiagnostic & { reason: string | undefined })[] =>
    groups.flatMap((g) => g.findings.map((d) => ({ diagnostic: d, path: d.uri === g.file ? g.file : displayPath(d.uri, io.cwd), reason: reasonOf(d) })));

  if (options.format === "sarif") {
    const items = located();
    const sarif = toSarif(items, L) as { runs: { results: Record<string, unknown>[] }[] };
    // an acknowledged finding is a SARIF in-source suppression with the file's reason as its justification
    sarif.runs[0]!.results.forEach((r, i) => {
      const reason = items[i]!.reason;
      if (reason !== undefined) r.suppressions = [{ kind: "inSource", justification: reason }];
    });
    io.stdout(JSON.stringify(sarif, null, 2) + "\n");
  } else if (options.format === "github") {
    const lines = located().map((item) => {
      const line = toGithubAnnotations([item], L);
      return item.reason === undefined ? line : line.replace(/\n$/, `%0A${t(L, "auditAcknowledged", { reason: escapeData(item.reason) })}\n`);
    });
    io.stdout(lines.join(""));
  } else if (options.format === "json") {
    const files = groups.map((g) => ({
      file: g.file,
      findings: g.findings.map((d) => ({ ...d, ...diagnosticText(d, L), acknowledged: reasonOf(d) ?? null })),
    }));
    io.stdout(JSON.stringify({ files, findings: open + acknowledged, acknowledged, unacknowledged: open, otherErrors }, null, 2) + "\n");
  } else {
    const blocks: string[] = [];
    for (const g of groups) {
      blocks.push(t(L, "auditFile", { file: g.file, n: g.findings.length }));
      for (const d of g.findings) {
        const c = checked.find((x) => x.analysis?.parsed.has(d.uri));
        const lines = c?.analysis?.parsed.get(d.uri)?.lines;
        const text = lines ? formatDiagnostic(d, lines, displayPath(d.uri, io.cwd), L, { color: io.color }, (u) => displayPath(u, io.cwd)) : diagnosticText(d, L).message;
        const reason = reasonOf(d);
        blocks.push(reason === undefined ? text : `${text}\n${t(L, "auditAcknowledged", { reason })}`);
      }
    }
    if (!groups.length) blocks.push(t(L, "auditNone"));
    let summary = t(L, "auditSummary", { files: checked.length, n: open + acknowledged, acknowledged, open });
    if (otherErrors) summary += "\n" + t(L, "auditOtherErrors", { n: otherErrors });
    io.stdout(blocks.join("\n\n") + "\n\n" + summary + "\n");
  }
  return code;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
