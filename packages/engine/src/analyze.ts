import { parse, type Locale, type ParseResult } from "@perf/language";
import { implicitSubject, resolveFramework, scoreSubject } from "./framework.js";
import { collect } from "./phases/collect.js";
import { link } from "./phases/link.js";
import { buildResult } from "./phases/result.js";
import { validate } from "./phases/validate.js";
import type { EvaluationResult, IndicatorResult } from "./schema.js";
import { DiagnosticSink } from "./sink.js";
import { evaluateTargets } from "./targets.js";
import type { SymbolTable } from "./symbols.js";

export { sortDiagnostics } from "./phases/result.js";

export interface SourceDocument {
  uri: string;
  text: string;
}

export interface AnalyzeOptions {
  /** Ignored: results are the same in every locale; printers word them (`diagnosticText`, `deductionText`). */
  locale?: Locale;
  /** Each code's `--strict` severity (an unscored leaf, an empty evaluation… become errors). */
  strict?: boolean;
}

/** Everything one analysis knows: the result for printers, and what editors need to navigate. */
export interface Analysis {
  result: EvaluationResult;
  parsed: Map<string, ParseResult>;
  symbols: SymbolTable;
  /** Indicator results by id, for hovers and hints. */
  indicators: Map<string, IndicatorResult>;
}

/** parse → collect → link → validate → score → grade → result, over the documents of one evaluation. Pure. */
export function analyze(documents: SourceDocument[], options: AnalyzeOptions = {}): Analysis {
  const parsed = new Map<string, ParseResult>();
  for (const d of documents) parsed.set(d.uri, parse(d.text, d.uri, { strict: options.strict }));
  return analyzeParsed(parsed, options);
}

export function analyzeParsed(parsed: Map<string, ParseResult>, options: AnalyzeOptions = {}): Analysis {
  const sink = new DiagnosticSink(options.strict);
  const model = link(collect(parsed, sink), sink);
  const framework = resolveFramework(model, sink);
  validate(model, framework, sink);
  const subject = implicitSubject(model);
  if (model.targets.length) subject.targets = evaluateTargets(model, subject.lookup, sink);
  const scored = scoreSubject(framework, subject, sink);
  const result = buildResult(model, framework, scored, sink.diagnostics());
  if (subject.targets) result.targets = [...subject.targets.values()].map((t) => t.result);
  return { result, parsed, symbols: { symbols: model.symbols, references: model.references }, indicators: scored.byId };
}

/** One-file convenience. */
export function analyzeText(text: string, uri = "untitled.perf", options: AnalyzeOptions = {}): Analysis {
  return analyze([{ uri, text }], options);
}
