import { ONE, decimalText } from "../decimal.js";
import { numberValue } from "../expression.js";
import type { Header } from "../model.js";
import { tallyValue, validCount } from "../survey-tally.js";
import { check, type Check } from "./check.js";

/** The smallest sample a survey may have without PERF265, unless the evaluation says `quorum N` (decision 0156). */
export const DEFAULT_QUORUM = 30;

/** The header's `quorum`: a whole number of respondents ≥ 1 (else PERF005, and the default applies). */
export function quorumOf(header: Header | undefined): number {
  const q = header?.decl.quorum;
  return q && validQuorum(q) ? Number(q.text) : DEFAULT_QUORUM;
}

const validQuorum = (q: { text: string; percent: boolean; unit?: string }) => !q.percent && !q.unit && /^\d+$/.test(q.text) && Number(q.text) >= 1 && Number.isSafeInteger(Number(q.text));

const valueText = (n: { text: string; percent: boolean; unit?: string }) => `${n.text}${n.percent ? "%" : ""}${n.unit ?? ""}`;

/**
 * Survey tallies (PERF261–PERF264) and samples (PERF265): a tally's counts are whole numbers,
 * its weights lie in 0–100%, it has answers, and it is not given beside a stated satisfaction;
 * a survey's respondents (stated or tallied) reach the quorum.
 */
export const tallyChecks: Check[] = [
  check("surveys", "evaluation", (header, { sink }) => {
    const q = header?.decl.quorum;
    if (q && !validQuorum(q)) sink.report("PERF005", header.uri, q.range, { text: `${q.text}${q.percent ? "%" : ""}${q.unit ?? ""}`, rule: "quorum" });
  }),
  check("surveys", "survey", (s, { sink, model }) => {
    const name = s.name.text;
    const t = s.tally;
    // a tally's own values carry its range (survey-tally.ts); others were written by hand
    const stated = (v: { range: unknown } | undefined) => v !== undefined && v.range !== t?.range;
    if (t) {
      if (stated(s.satisfaction) || stated(s.respondents)) sink.report("PERF261", s.uri, t.range, { name });
      for (const l of t.levels) {
        const c = l.count;
        if (c && !validCount(c)) sink.report("PERF262", s.uri, c.range, { name, level: l.name.text, value: valueText(c) });
        const w = l.weight;
        if (w && numberValue(w).value.greaterThan(ONE)) sink.report("PERF263", s.uri, w.range, { name, level: l.name.text, value: valueText(w) });
      }
      const v = tallyValue(t);
      if (v && v.satisfaction === null) sink.report("PERF264", s.uri, t.range, { name });
    }
    const r = s.respondents;
    const quorum = quorumOf(model.header);
    if (r && numberValue(r).value.greaterThan(0) && numberValue(r).value.lessThan(quorum))
      sink.report("PERF265", s.uri, r.range, { name, n: decimalText(numberValue(r).value), quorum });
  }),
];
