// Renders the report preview from the server's EvaluationResult. Pure functions of data →
// HTML text: every piece of user text goes through `escapeHtml`, the document carries a
// strict CSP with a per-render nonce and loads nothing remote.
import type { EvaluationResult, ResultChangedParams } from "./protocol.js";
import { message, type Locale, type MessageKey } from "./messages.js";

type Indicator = EvaluationResult["indicators"][number];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** "0.9591" → "95.91%" by moving the decimal point: no binary floats touch a score. */
export function percentText(rate: string): string {
  const sign = rate.startsWith("-") ? "-" : "";
  const [int = "0", frac = ""] = rate.replace(/^-/, "").split(".");
  const padded = frac.padEnd(2, "0");
  const whole = (int + padded.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = padded.slice(2).replace(/0+$/, "");
  return `${sign}${whole}${rest ? "." + rest : ""}%`;
}

/** Same decimal value written differently ("2" vs "2.00")? */
function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s).replace(/^(-?)0+(?=\d)/, "$1");
  return norm(a) === norm(b);
}

/** "82.46 · 良", the form of the code lens and the status bar. */
export function totalAndGrade(total: string, grade: string | null): string {
  return grade ? `${total} · ${grade}` : total;
}

/**
 * The status bar's text for a result: "82.46 · 良"; with several subjects every subject's
 * ("市数据局 86.98 · 良 | 市大数据中心 86.38 · 良"); a published total only its declared total.
 */
export function statusText(r: ResultChangedParams): string {
  if (r.subjects?.length) return r.subjects.map((s) => `${s.name} ${totalAndGrade(s.total ?? "—", s.grade)}`).join(" | ");
  // nothing scored (a framework no evaluation uses yet): a dash, not a spinner that never stops
  return totalAndGrade(r.total ?? r.declared ?? "—", r.grade);
}

type Subject = { id: string; name: string; total: { weight: string; score: string | null; rate: string | null; declared: string | null }; grade: { name: string | null; vetoedBy: string | null }; indicators: Indicator[] };

/** The subjects of a result with subject blocks (decision 0091); empty otherwise. */
function subjectsOf(result: EvaluationResult): Subject[] {
  return (result as unknown as { subjects?: Subject[] }).subjects ?? [];
}

export function renderReportBody(result: EvaluationResult, locale: Locale): string {
  const t = (key: MessageKey) => escapeHtml(message(key, locale));
  const e = escapeHtml;
  const meta = (["period", "client", "evaluator", "subject"] as const)
    .filter((k) => result[k])
    .map((k) => `<div><span class="label">${t(k)}</span> ${e(result[k]!)}</div>`)
    .join("");

  const subjects = subjectsOf(result);
  if (subjects.length) return comparisonBody(result, subjects, locale, meta);

  const rows: string[] = [];
  const walk = (node: Indicator) => {
    const branch = node.children.length > 0;
    const declared =
      node.declared !== null && node.score !== null && !sameDecimal(node.declared, node.score)
        ? ` <span class="mismatch" title="${t("declared")}">≠ ${e(node.declared)}</span>`
        : "";
    rows.push(
      `<tr class="level-${node.level}${branch ? " branch" : ""}" data-line="${node.nameRange.start.line}">` +
        `<td class="name">${e(node.name)}</td>` +
        `<td class="num">${e(node.weight)}</td>` +
        `<td class="num">${node.score === null ? `<span class="muted">${t("unscored")}</span>` : e(node.score)}${declared}</td>` +
        `<td class="num">${node.rate === null ? "" : e(percentText(node.rate))}</td>` +
        `</tr>`,
    );
    node.children.forEach(walk);
  };
  result.indicators.forEach(walk);

  const grade = result.grade.name
    ? `${e(result.grade.name)}${result.grade.vetoedBy ? ` <span class="mismatch">(${t("vetoedBy")}${e(result.grade.vetoedBy)})</span>` : ""}`
    : "—";
  const findings = findingsTable(result, t);
  const targets = result.targets?.length ? `<h2>${t("targets")}</h2>${targetTable(result.targets, locale)}` : "";

  const { errors, warnings } = result.summary;
  const health = errors || warnings
    ? `<p class="${errors ? "mismatch" : "muted"}">${t("diagnostics")}: ${errors} ${t("errors")}, ${warnings} ${t("warnings")}</p>`
    : "";

  const published = result.total.score === null && result.indicators.length === 0;
  const shownTotal = result.total.score ?? result.total.declared;
  return (
    `<header><h1>${e(result.title)}</h1><div class="meta">${meta}</div>` +
    `<div class="total" id="perf-total"><span class="big">${shownTotal === null ? t("unscored") : e(shownTotal)}</span> / ${e(result.total.weight)}` +
    ` · <span class="label">${t("grade")}</span> <span class="big">${grade}</span></div>${health}</header>` +
    (published ? `<p class="muted" id="perf-not-published">${t("notPublished")}</p>` : scoreTable(result, rows, t)) +
    targets +
    `<h2>${t("findings")} (${result.findings.length})</h2>${findings}`
  );
}

function scoreTable(result: EvaluationResult, rows: string[], t: (key: MessageKey) => string): string {
  const e = escapeHtml;
  return (
    `<h2>${t("scoreTable")}</h2>` +
    `<table class="scores"><thead><tr><th>${t("indicator")}</th><th class="num">${t("weight")}</th><th class="num">${t("score")}</th><th class="num">${t("rate")}</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody>` +
    `<tfoot><tr><td>${t("total")}</td><td class="num">${e(result.total.weight)}</td><td class="num">${e(result.total.score ?? "—")}</td>` +
    `<td class="num">${result.total.rate === null ? "" : e(percentText(result.total.rate))}</td></tr></tfoot></table>`
  );
}

function findingsTable(result: EvaluationResult, t: (key: MessageKey) => string): string {
  const e = escapeHtml;
  return result.findings.length
    ? `<table class="findings"><thead><tr><th>${t("no")}</th><th>${t("unit")}</th><th>${t("project")}</th><th>${t("type")}</th><th>${t("issue")}</th><th>${t("on")}</th><th class="num">${t("count")}</th></tr></thead><tbody>` +
      result.findings
        .map(
          (f, i) =>
            `<tr><td class="num">${i + 1}</td><td>${e(f.unit ?? "")}</td><td>${e(f.project ?? "")}</td><td>${e(f.type ?? "")}</td>` +
            `<td>${e(f.issue ?? f.title ?? f.id)}</td><td>${e(f.on.join("、"))}</td><td class="num">${f.count}</td></tr>`,
        )
        .join("") +
      `</tbody></table>`
    : `<p class="muted">${t("noFindings")}</p>`;
}

/** Several subjects: every subject's total and grade, then one table of every indicator × subject (得分, 得分率). */
function comparisonBody(result: EvaluationResult, subjects: Subject[], locale: Locale, meta: string): string {
  const t = (key: MessageKey) => escapeHtml(message(key, locale));
  const e = escapeHtml;
  const index = subjects.map((s) => {
    const m = new Map<string, Indicator>();
    const walk = (n: Indicator) => (m.set(n.id, n), n.children.forEach(walk));
    s.indicators.forEach(walk);
    return m;
  });
  const grade = (s: Subject) => (s.grade.name ? e(s.grade.name) : "—") + (s.grade.vetoedBy ? ` <span class="mismatch">(${t("vetoedBy")}${e(s.grade.vetoedBy)})</span>` : "");
  const totals = subjects.map((s) => `<div class="total"><span class="label">${e(s.name)}</span> <span class="big">${s.total.score === null ? t("unscored") : e(s.total.score)}</span> / ${e(s.total.weight)} · <span class="big">${grade(s)}</span></div>`).join("");
  const cells = (score: string | null, rate: string | null) => `<td class="num">${score === null ? `<span class="muted">${t("unscored")}</span>` : e(score)}</td><td class="num">${rate === null ? "" : e(percentText(rate))}</td>`;
  const rows: string[] = [];
  const walk = (node: Indicator) => {
    rows.push(
      `<tr class="level-${node.level}${node.children.length ? " branch" : ""}" data-line="${node.nameRange.start.line}"><td class="name">${e(node.name)}</td><td class="num">${e(node.weight)}</td>` +
        index.map((m) => cells(m.get(node.id)?.score ?? null, m.get(node.id)?.rate ?? null)).join("") +
        `</tr>`,
    );
    node.children.forEach(walk);
  };
  result.indicators.forEach(walk);
  const head = subjects.map((s) => `<th class="num">${e(s.name)} ${t("score")}</th><th class="num">${t("rate")}</th>`).join("");
  const foot =
    `<tr><td>${t("total")}</td><td class="num">${e(result.total.weight)}</td>${subjects.map((s) => cells(s.total.score, s.total.rate)).join("")}</tr>` +
    `<tr><td>${t("grade")}</td><td></td>${subjects.map((s) => `<td class="num" colspan="2">${grade(s)}</td>`).join("")}</tr>`;
  return (
    `<header><h1>${e(result.title)}</h1><div class="meta">${meta}</div><div id="perf-total">${totals}</div></header>` +
    `<h2>${t("comparison")}</h2>` +
    `<table class="scores comparison"><thead><tr><th>${t("indicator")}</th><th class="num">${t("weight")}</th>${head}</tr></thead>` +
    `<tbody>${rows.join("")}</tbody><tfoot>${foot}</tfoot></table>` +
    `<h2>${t("findings")} (${result.findings.length})</h2>${findingsTable(result, t)}`
  );
}

/** 绩效目标完成情况表: completion not capped, ⚠ where the deviation is beyond the threshold. */
function targetTable(targets: NonNullable<EvaluationResult["targets"]>, locale: Locale): string {
  const t = (key: MessageKey) => escapeHtml(message(key, locale));
  const e = escapeHtml;
  const tier = { met: "tierMet", partial: "tierPartial", unmet: "tierUnmet" } as const;
  const rows = targets.map((x, i) => {
    let completion = x.completion === null ? "" : e(percentText(x.completion));
    if (x.deviationUnit === "days" && x.deviation !== null) completion = Number(x.deviation) > 0 ? t("daysLate").replace("{n}", e(x.deviation)) : t("onTime");
    else if (x.operator === "qualitative") completion = x.tier ? t(tier[x.tier]) : "";
    if (x.deviationTooLarge) completion += ` <span class="mismatch" title="${t("deviationTooLarge")}">⚠</span>`;
    const met = x.operator === "qualitative" && x.tier ? t(tier[x.tier]) : x.met === null ? "" : t(x.met ? "yes" : "notMet");
    return (
      `<tr data-line="${x.range.start.line}"><td class="num">${i + 1}</td><td>${e(x.name)}</td><td>${e(x.class ?? "")}</td><td>${e(x.expected.text)}</td>` +
      `<td>${e(x.actual?.text ?? "")}</td><td class="num">${completion}</td><td>${met}</td><td>${e(x.reason ?? "")}</td></tr>`
    );
  });
  return (
    `<table class="targets"><thead><tr><th>${t("no")}</th><th>${t("target")}</th><th>${t("targetClass")}</th><th>${t("expected")}</th><th>${t("actual")}</th>` +
    `<th class="num">${t("completion")}</th><th>${t("met")}</th><th>${t("deviationReason")}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
  );
}

/** A message line (loading, unavailable) in place of the report. */
export function renderNotice(key: MessageKey, locale: Locale): string {
  return `<p class="muted">${escapeHtml(message(key, locale))}</p>`;
}

const style = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; }
h1 { font-size: 1.3em; margin: 0.8em 0 0.3em; }
h2 { font-size: 1.1em; margin: 1.2em 0 0.4em; }
.meta { display: flex; flex-wrap: wrap; gap: 0.2em 1.2em; color: var(--vscode-descriptionForeground); }
.label { color: var(--vscode-descriptionForeground); }
.total { margin: 0.6em 0; font-size: 1.1em; }
.big { font-size: 1.5em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.35)); padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
tr[data-line] { cursor: pointer; }
tr[data-line]:hover td { background: var(--vscode-list-hoverBackground, rgba(128,128,128,.15)); }
th { white-space: nowrap; font-weight: 600; background: var(--vscode-editorWidget-background, transparent); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.level-1 td { font-weight: 700; background: var(--vscode-editorWidget-background, rgba(128,128,128,.08)); }
tr.level-2 td { font-weight: 600; }
${[1, 2, 3, 4, 5, 6].map((l) => `tr.level-${l} td.name { padding-left: ${(0.5 + (l - 1) * 1.5).toFixed(1)}em; }`).join("\n")}
tfoot td { font-weight: 700; border-top: 2px solid var(--vscode-foreground); }
.muted { color: var(--vscode-descriptionForeground); }
.mismatch { color: var(--vscode-errorForeground); }
`;

/**
 * The webview document (CSP: no inline style attributes, so layout lives in the stylesheet). Its only script (nonce-tagged) swaps in report bodies posted by the
 * extension, so typing updates the tables without reloading the page or losing the scroll.
 */
export function renderPreviewDocument(options: { nonce: string; cspSource: string; locale: Locale; body: string; title: string; uri?: string }): string {
  const { nonce, cspSource, locale, body, title, uri = "" } = options;
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${style}</style>
</head>
<body>
<main id="report" data-uri="${escapeHtml(uri)}">${body}</main>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const report = document.getElementById("report");
  // Kept by VS Code so the preview can be restored after a reload.
  vscode.setState({ uri: report.dataset.uri });
  // A click on an indicator row shows it in the editor.
  report.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-line]");
    if (row) vscode.postMessage({ type: "reveal", line: Number(row.dataset.line) });
  });
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (data && data.type === "report" && typeof data.html === "string") report.innerHTML = data.html;
  });
</script>
</body>
</html>`;
}
