import { analyze, reanalyze, type Analysis } from "@perf/engine";
import { parse } from "@perf/language";
import type { Figure } from "./figures.js";
import type { GeneratedDocument } from "./generate.js";
import { cleanHeap, interleaved, MiB, processCpu, retainedBytes, stats, type Stats } from "./measure.js";

export const uri = "bench.perf";

export function check(text: string) {
  return analyze([{ uri, text }]);
}

/** The analysis of an edited text from the analysis of the text before the edit, as the language server makes it. */
export function recheck(last: Analysis, texts: ReadonlyMap<string, string>, text: string): Analysis {
  return reanalyze(last, texts, [{ uri, text }]);
}

/** The clean result the generator promises; a benchmark of a broken document measures nothing. */
function assertClean(doc: GeneratedDocument, analysis: ReturnType<typeof check>): void {
  const { summary } = analysis.result;
  if (summary.errors !== 0 || summary.leaves !== doc.leaves) {
    throw new Error(`the ${doc.leaves}-leaf document checks with ${summary.errors} errors and ${summary.leaves} leaves`);
  }
}

export interface CoreTimes {
  json: Stats;
  parse: Stats;
  check: Stats;
  /** The re-check of the text with one character typed, from the analysis before it, when asked for. */
  edit?: Stats;
}

/** parse and the full check against JSON.parse of the JSON twin, interleaved in one process. */
export async function parseAndCheck(doc: GeneratedDocument, rounds: number, { withEdit = false, warmup = 1 } = {}): Promise<{ times: CoreTimes; figures: Figure[] }> {
  const edited = withEdit ? oneCharacterEdit(doc).text : undefined;
  const tasks: Record<string, () => unknown> = {
    json: () => JSON.parse(doc.json),
    parse: () => parse(doc.perf, uri),
    check: () => assertClean(doc, check(doc.perf)),
  };
  if (edited !== undefined) {
    // What the server does per edit (decision 0195): the next analysis from the last one and the text it read.
    const last = check(doc.perf);
    const texts = new Map([[uri, doc.perf]]);
    tasks.edit = () => recheck(last, texts, edited);
    // a fast re-check that differs from a fresh one measures nothing
    if (JSON.stringify(recheck(last, texts, edited).result) !== JSON.stringify(check(edited).result)) throw new Error("the re-check after an edit differs from a fresh check");
  }
  const times = (await interleaved(tasks, rounds, warmup, processCpu, { json: 5 })) as unknown as CoreTimes;
  const n = doc.leaves;
  const figures: Figure[] = [
    { id: `parse-vs-json-${n}`, label: `parse ÷ JSON.parse, ${n} leaves`, value: times.parse.median / times.json.median, unit: "×", target: { op: "<=", limit: 10 }, better: "lower", stats: times.parse, clock: "CPU", detail: `JSON.parse ${times.json.median.toFixed(1)} ms` },
    { id: `check-vs-json-${n}`, label: `full check (analyze) ÷ JSON.parse, ${n} leaves`, value: times.check.median / times.json.median, unit: "×", target: { op: "<=", limit: 15 }, better: "lower", stats: times.check, clock: "CPU" },
  ];
  return { times, figures };
}

export function scaling(small: { leaves: number; check: Stats }, large: { leaves: number; check: Stats }): Figure {
  const factor = large.leaves / small.leaves;
  return {
    id: "scaling",
    label: `scaling: check ${large.leaves} ÷ check ${small.leaves} leaves (${factor}× the size)`,
    value: large.check.median / small.check.median,
   
    unit: "×",
    target: { op: "<=", limit: factor * 1.1 },
    better: "lower",
  };
}

/** Retained heap of a kept analysis against the kept JSON twin (full gc before each reading). */
export function heap(doc: GeneratedDocument): { figure: Figure; jsonBytes: number } {
  const jsonBytes = retainedBytes(() => JSON.parse(doc.json), { copies: Math.max(1, Math.min(20, Math.round((64 * MiB) / doc.json.length))) });
  // A tiny check first, so what the shared parser keeps of the last input is counted.
  const analysisBytes = retainedBytes(() => check(doc.perf), { reset: () => check("") });
  return {
    jsonBytes,
    figure: {
      id: "heap-vs-json",
      label: `heap of a kept analysis ÷ kept JSON, ${doc.leaves} leaves`,
      value: analysisBytes / jsonBytes,
      unit: "×",
      target: { op: "<=", limit: 10 },
      better: "lower",
      detail: `${(analysisBytes / MiB).toFixed(0)} MiB vs ${(jsonBytes / MiB).toFixed(0)} MiB`,
    },
  };
}

/** One character typed into the note of the middle leaf (a line break: the edit adds a line). */
export function oneCharacterEdit(doc: GeneratedDocument, typed = "改"): { text: string; offset: number } {
  const middle = leafAt(doc, 0.5);
  const offset = doc.perf.indexOf('note "', doc.perf.indexOf(`indicator ${middle} `)) + 'note "'.length;
  return { text: doc.perf.slice(0, offset) + typed + doc.perf.slice(offset), offset };
}

/** The id of the leaf at a fraction of the document. */
export function leafAt(doc: GeneratedDocument, fraction: number): string {
  const leaves = doc.model.indicators.flatMap((r) => r.children.flatMap((b) => b.children));
  return leaves[Math.floor(leaves.length * fraction)].id;
}

/**
 * Re-check after a one-character edit against a cold check, from the `edit` and `check` timings
 * of `parseAndCheck`: `reanalyze` from the analysis before the edit, the server's path per edit.
 */
export function editRecheck(leaves: number, times: CoreTimes): Figure {
  const edit = times.edit!;
  return {
    id: "edit-vs-cold",
    label: `one-character edit re-check ÷ cold check, ${leaves} leaves`,
    value: edit.median / times.check.median,
   
    unit: "×",
    target: { op: "<=", limit: 0.25 },
    better: "lower",
    stats: edit,
    clock: "CPU",
    detail: "reanalyze from the last analysis, as the server does",
  };
}

/**
 * The same one-character edit re-checked `runs` times after one another from one analysis, with
 * no forced collection and no other task between (after `warmup` such calls): context for
 * `editRecheck`, whose edits each follow a cold check and a full `gc()` and so also pay for the
 * memory that check's garbage gave back (docs/performance.md, "cold heap"). Shown, not judged.
 */
export function editsInARow(doc: GeneratedDocument, runs = 5, warmup = 2, typed = "改"): Stats {
  const last = check(doc.perf);
  const texts = new Map([[uri, doc.perf]]);
  const { text } = oneCharacterEdit(doc, typed);
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = processCpu();
    recheck(last, texts, text);
    if (i >= warmup) samples.push(processCpu() - t0);
  }
  return stats(samples);
}

/** `editsInARow` against the interleaved cold check: a figure for context, without a target. */
export function editInARowFigure(leaves: number, inARow: Stats, times: CoreTimes): Figure {
  return {
    id: "edit-in-a-row-vs-cold",
    label: `  the same edit, ${inARow.runs} in a row, no gc() between ÷ cold check`,
    value: inARow.median / times.check.median,
    unit: "×",
    stats: inARow,
    clock: "CPU",
    detail: `context for the figure above (${leaves} leaves), not judged`,
  };
}

/**
 * A line break typed at the same place, `editsInARow` against the interleaved cold check: an edit
 * that adds a line moves every position after it (decision 0225 shares what follows only when no
 * line was added or removed). Shown, not judged: the target is for a one-character edit.
 */
export function newlineEditFigure(leaves: number, inARow: Stats, times: CoreTimes): Figure {
  return {
    id: "newline-edit-in-a-row-vs-cold",
    label: `  a line break typed there, ${inARow.runs} in a row ÷ cold check`,
    value: inARow.median / times.check.median,
    unit: "×",
    stats: inARow,
    clock: "CPU",
    detail: `adds a line, so what follows moves (decision 0225); context (${leaves} leaves), not judged`,
  };
}

/**
 * The check and JSON.parse each run `batch` times back to back, with no collection forced between
 * (after one such batch of each to warm up), `rounds` times: the CPU per call with the collector's
 * work amortised over the batch. `parseAndCheck` starts every call on a settled heap, so a call
 * whose garbage fits in the young generation (the 1 000-leaf check's 12 MiB) pays for no collection
 * at all and one that does not (the 10 000-leaf check's) pays for every one: this is the same ratio
 * with each call paying its share. Shown for context, not judged (decision 0224).
 */
export async function backToBack(doc: GeneratedDocument, batch: number, rounds: number): Promise<{ check: Stats; json: Stats }> {
  const each = (f: () => unknown): number => {
    const t0 = processCpu();
    for (let i = 0; i < batch; i++) f();
    return (processCpu() - t0) / batch;
  };
  const checks: number[] = [];
  const jsons: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    await cleanHeap();
    const c = each(() => check(doc.perf));
    await cleanHeap();
    const j = each(() => JSON.parse(doc.json));
    if (r === 0) continue;
    checks.push(c);
    jsons.push(j);
  }
  return { check: stats(checks), json: stats(jsons) };
}

/** `backToBack` as figures: the check ÷ JSON.parse at each size, and the scaling between them. */
export function backToBackFigures(small: { leaves: number; batch: number; times: { check: Stats; json: Stats } }, large: { leaves: number; batch: number; times: { check: Stats; json: Stats } }): Figure[] {
  const ratio = (d: typeof small): Figure => ({
    id: `back-to-back-check-vs-json-${d.leaves}`,
    label: `  check ÷ JSON.parse, ${d.batch} back to back, ${d.leaves} leaves`,
    value: d.times.check.median / d.times.json.median,
    unit: "×",
    stats: d.times.check,
    clock: "CPU",
    detail: `per call, collections amortised; JSON.parse ${d.times.json.median.toFixed(1)} ms; context, not judged`,
  });
  return [
    ratio(small),
    ratio(large),
    {
      id: "back-to-back-scaling",
      label: `  scaling, back to back: ${large.leaves} ÷ ${small.leaves} leaves`,
      value: large.times.check.median / small.times.check.median,
      unit: "×",
      detail: "context, not judged",
    },
  ];
}
