import { diagnosticText } from "@perf/language";
import { displayPath } from "../files.js";
import { toGithubAnnotations } from "../github-format.js";
import type { CliIO } from "../io.js";
import { t } from "../messages.js";
import { toSarif, type LocatedDiagnostic } from "../sarif-format.js";
import type { AuditFinding, FileReport, ReportContext } from "../check-report.js";

/**
 * `perf check --audit`: every audit finding of the files (any code whose catalogue entry says
 * `audit: true`, whichever feature reports it), acknowledged or not, grouped per file, with the
 * acknowledgement's reason. Exit 0 when every finding is acknowledged and nothing else is an error.
 * The findings of each file come from its report (check-report.ts), in the order of the files.
 */
export function mergeAudit(files: string[], reports: FileReport[], missing: string[], ctx: ReportContext, io: CliIO): number {
  const L = ctx.locale;
  let otherErrors = missing.length;
  let open = 0;
  let acknowledged = 0;
  const groups: { file: string; findings: AuditFinding[] }[] = [];
  reports.forEach((r, i) => {
    if (!("audit" in r)) return;
    otherErrors += r.audit.otherErrors;
    for (const f of r.audit.findings) {
      if (f.reason !== undefined) acknowledged++;
      else if (f.diagnostic.severity !== "info") open++;
    }
    if (r.audit.findings.length) groups.push({ file: displayPath(files[i]!, io.cwd), findings: r.audit.findings });
  });
  const code = open > 0 || otherErrors > 0 ? 1 : 0;
  const located = (): (LocatedDiagnostic & { reason: string | undefined })[] =>
    groups.flatMap((g) => g.findings.map(({ diagnostic: d, reason }) => ({ diagnostic: d, path: d.uri === g.file ? g.file : displayPath(d.uri, io.cwd), reason })));

  if (ctx.format === "sarif") {
    const items = located();
    const sarif = toSarif(items, L) as { runs: { results: Record<string, unknown>[] }[] };
    // an acknowledged finding is a SARIF in-source suppression with the file's reason as its justification
    sarif.runs[0]!.results.forEach((r, i) => {
      const reason = items[i]!.reason;
      if (reason !== undefined) r.suppressions = [{ kind: "inSource", justification: reason }];
    });
    io.stdout(JSON.stringify(sarif, null, 2) + "\n");
  } else if (ctx.format === "github") {
    const lines = located().map((item) => {
      const line = toGithubAnnotations([item], L);
      return item.reason === undefined ? line : line.replace(/\n$/, `%0A${t(L, "auditAcknowledged", { reason: escapeData(item.reason) })}\n`);
    });
    io.stdout(lines.join(""));
  } else if (ctx.format === "json") {
    const out = groups.map((g) => ({
      file: g.file,
      findings: g.findings.map(({ diagnostic: d, reason }) => ({ ...d, ...diagnosticText(d, L), acknowledged: reason ?? null })),
    }));
    io.stdout(JSON.stringify({ files: out, findings: open + acknowledged, acknowledged, unacknowledged: open, otherErrors }, null, 2) + "\n");
  } else {
    const blocks: string[] = [];
    for (const g of groups) {
      blocks.push(t(L, "auditFile", { file: g.file, n: g.findings.length }));
      for (const f of g.findings) blocks.push(f.reason === undefined ? f.text! : `${f.text!}\n${t(L, "auditAcknowledged", { reason: f.reason })}`);
    }
    if (!groups.length) blocks.push(t(L, "auditNone"));
    let summary = t(L, "auditSummary", { files: files.length, n: open + acknowledged, acknowledged, open });
    if (otherErrors) summary += "\n" + t(L, "auditOtherErrors", { n: otherErrors });
    io.stdout(blocks.join("\n\n") + "\n\n" + summary + "\n");
  }
  return code;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
