import type * as A from "@perf/language";
import type { ParseResult, Range } from "@perf/language";
import type { Collected } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import type { PerfSymbol, SymbolKind } from "../symbols.js";

/**
 * Phase 1: gathers the declarations of every document and defines their names. Reports a
 * second header (PERF007) and a name defined twice (PERF021); nothing is resolved yet.
 */
export function collect(parsed: Map<string, ParseResult>, sink: DiagnosticSink): Collected {
  const model: Collected = { parsed, roots: [], facts: [], surveys: [], findings: [], vetoes: [], targets: [], symbols: new Map() };
  const define = (kind: SymbolKind, name: A.Name, uri: string, range: Range, node: PerfSymbol["node"], parent?: string) => {
    if (model.symbols.has(name.text)) {
      sink.report("PERF021", uri, name.range, { name: name.text });
      return;
    }
    const s: PerfSymbol = { kind, id: name.text, uri, nameRange: name.range, range, node };
    if (parent) s.parent = parent;
    model.symbols.set(name.text, s);
  };
  const defineIndicator = (d: A.IndicatorDecl, uri: string, parent: string | undefined) => {
    define("indicator", d.name, uri, d.range, d, parent);
    for (const c of d.children) defineIndicator(c, uri, d.name.text);
  };
  for (const [uri, p] of parsed) {
    sink.list.push(...p.diagnostics);
    for (const d of p.ast.declarations) {
      switch (d.kind) {
        case "evaluation":
          if (model.header) sink.report("PERF007", uri, d.keywordRange);
          else model.header = { decl: d, uri };
          break;
        case "fact":
          model.facts.push({ ...d, uri });
          define("fact", d.name, uri, d.range, d);
          break;
        case "survey":
          model.surveys.push({ ...d, uri });
          define("survey", d.name, uri, d.range, d);
          break;
        case "indicator":
          model.roots.push({ ...d, uri });
          defineIndicator(d, uri, undefined);
          break;
        case "finding":
          model.findings.push({ ...d, uri });
          define("finding", d.name, uri, d.range, d);
          break;
        case "veto":
          model.vetoes.push({ ...d, uri });
          define("veto", d.name, uri, d.range, d);
          break;
        case "target":
          model.targets.push({ ...d, uri });
          define("target", d.name, uri, d.range, d);
          break;
      }
    }
  }
  return model;
}
