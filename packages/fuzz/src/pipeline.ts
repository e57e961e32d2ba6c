import { analyze, analyzeParsed, EvaluationResultSchema } from "@perf/engine";
import { comparePositions, format, isPosition, LineIndex, parse, type Range } from "@perf/language";
import { render, RenderLimitError, type Format } from "@perf/render";

/** What a run of the pipeline can find wrong with one input. */
export interface Failure {
  /** exception: something threw; schema: the JSON result fails the zod schema; range: a range outside the text; fmt: not idempotent or not score-preserving. */
  kind: "exception" | "schema" | "range" | "fmt";
  stage: string;
  message: string;
}

const URI = "file:///fuzz/input.perf";
const textFormats: Format[] = ["md", "html", "csv", "json"];
const binaryFormats: Format[] = ["docx", "xlsx"];

/** Every `{start, end}` position pair reachable from `root`, without recursion (the AST may be deep). */
function* rangesIn(root: unknown): Generator<Range> {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (o.start && typeof o.start === "object" && o.end && typeof o.end === "object" && isPosition(o.start) && isPosition(o.end)) yield o as never;
    else for (const x of Object.values(o)) stack.push(x);
  }
}

/** A range problem in words, or undefined: each end a place of the text (a line it has, a column inside that line), the start not after the end. */
export function rangeProblem(text: string, lines: LineIndex, root: unknown): string | undefined {
  for (const r of rangesIn(root)) {
    const { start, end } = r;
    for (const p of [start, end]) {
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= lines.lineCount) return `position ${p.line}:${p.character} outside the text's ${lines.lineCount} lines`;
      // the place the index gives for the position's offset must be the position itself (not past its line's end)
      const q = lines.positionAt(lines.offsetOf(p));
      if (q.line !== p.line || q.character !== p.character) return `position ${p.line}:${p.character} is not a place of the text (its offset reads ${q.line}:${q.character})`;
    }
    if (comparePositions(start, end) > 0) return `range ${start.line}:${start.character}..${end.line}:${end.character} ends before it starts`;
  }
  return undefined;
}

/** The result without source positions: what must not change when only the layout does. */
export function withoutPositions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPositions);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== "range" && k !== "nameRange")
        .map(([k, x]) => [k, withoutPositions(x)]),
    );
  return v;
}

/**
 * A result as fmt must keep it: without positions, and with the diagnostics as a multiset — fmt may
 * move a comment (and what is said about it) past a neighbouring token, which reorders them.
 */
function comparable(result: { diagnostics: unknown[] }): unknown {
  const plain = withoutPositions(result) as { diagnostics: unknown[] };
  return { ...plain, diagnostics: plain.diagnostics.map((d) => JSON.stringify(d)).sort() };
}

function asSpaces(text: string, ranges: Range[]): string {
  const lines = new LineIndex(text);
  let out = text;
  for (const r of ranges) {
    const start = lines.offsetOf(r.start);
    const end = lines.offsetOf(r.end);
    out = out.slice(0, start) + " ".repeat(end - start) + out.slice(end);
  }
  return out;
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * parse → analyze (result JSON checked against the schema, every range checked against the
 * text) → fmt (idempotent and score-preserving when it formats) → render. `binary` adds docx
 * and xlsx, `html: false` leaves out HTML (its chart is the slowest of the text formats);
 * `stopAfter` ends the run after the named stage (the minimiser needs no more). Returns the
 * first failure, or null.
 */
export async function runPipeline(text: string, options: { binary?: boolean; html?: boolean; stopAfter?: string } = {}): Promise<Failure | null> {
  let stage = "parse";
  const done = (next: string) => {
    if (options.stopAfter === stage) return true;
    stage = next;
    return false;
  };
  try {
    const parsed = parse(text, URI, { locale: "en" });
    const problem = rangeProblem(text, parsed.lines, [parsed.ast, parsed.diagnostics]);
    if (problem) return { kind: "range", stage, message: problem };

    if (done("analyze")) return null;
    const analysis = analyzeParsed(new Map([[URI, parsed]]), { locale: "en" });
    const json = JSON.stringify(analysis.result);
    const checked = EvaluationResultSchema.safeParse(JSON.parse(json));
    if (!checked.success) return { kind: "schema", stage, message: checked.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    const rangeIssue = rangeProblem(text, parsed.lines, analysis.result);
    if (rangeIssue) return { kind: "range", stage, message: rangeIssue };

    // fmt refuses a text with syntax errors without printing (the property tests hold it to
    // that); the fuzzer spends its time on the texts it would print.
    if (done("fmt")) return null;
    const once = parsed.diagnostics.some((d) => d.severity === "error") ? { ok: false, text } : format(text, { uri: URI });
    if (once.ok && once.text !== text) {
      const twice = format(once.text, { uri: URI });
      if (!twice.ok || twice.text !== once.text) return { kind: "fmt", stage, message: twice.ok ? "fmt is not idempotent" : `fmt refuses its own output: ${twice.diagnostics[0]?.code}` };
      const after = analyze([{ uri: URI, text: once.text }], { locale: "en" }).result;
      // fmt rewrites whitespace, and an invisible character standing as whitespace between tokens
      // (PERF102 there) goes with it: compare with the text where each is a plain space
      const invisible = analysis.result.diagnostics.filter((d) => d.code === "PERF102" && d.args?.whereEn === "whitespace");
      const before = invisible.length ? analyze([{ uri: URI, text: asSpaces(text, invisible.map((d) => d.range)) }], { locale: "en" }).result : analysis.result;
      if (JSON.stringify(comparable(after)) !== JSON.stringify(comparable(before))) return { kind: "fmt", stage, message: "fmt changed the result" };
    }

    const formats = textFormats.filter((f) => f !== "html" || options.html !== false);
    for (const f of options.binary ? [...formats, ...binaryFormats] : formats) {
      if (done(`render ${f}`)) return null;
      let out: string | Uint8Array;
      try {
        out = await render(analysis.result, f);
      } catch (e) {
        // a coded refusal (PERF120–PERF122: too many cells, a text or a table too wide for the format) is an answer, not a crash
        if (e instanceof RenderLimitError) continue;
        throw e;
      }
      if (typeof out === "string" ? out.length === 0 : out.byteLength === 0) return { kind: "exception", stage, message: "empty output" };
    }
    return null;
  } catch (e) {
    return { kind: "exception", stage, message: message(e) };
  }
}
