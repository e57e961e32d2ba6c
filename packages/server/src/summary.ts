import type { IndicatorDecl, PerfFile, Range } from "@perf/language";
import type { SymbolKind } from "@perf/engine";

export interface SymbolSummary {
  id: string;
  kind: SymbolKind | "evaluation";
  /** Display name when the declaration has one. */
  title?: string;
  /** The parent indicator's id. */
  container?: string;
  range: Range;
  nameRange: Range;
}

/** What the workspace index keeps of a closed file: its declarations and finding types. */
export interface FileSummary {
  uri: string;
  symbols: SymbolSummary[];
  findingTypes: string[];
}

export function summarize(ast: PerfFile): FileSummary {
  const symbols: SymbolSummary[] = [];
  const findingTypes = new Set<string>();
  const indicator = (d: IndicatorDecl, container?: string) => {
    symbols.push({ id: d.name.text, kind: "indicator", ...(d.title ? { title: d.title.value } : {}), ...(container ? { container } : {}), range: d.range, nameRange: d.name.range });
    for (const c of d.children) indicator(c, d.name.text);
  };
  for (const d of ast.declarations) {
    switch (d.kind) {
      case "evaluation":
        if (d.title) symbols.push({ id: d.title.value, kind: "evaluation", range: d.range, nameRange: d.title.range });
        break;
      case "indicator":
        indicator(d);
        break;
      case "finding":
        if (d.type?.value) findingTypes.add(d.type.value);
        symbols.push({ id: d.name.text, kind: d.kind, ...(d.title ? { title: d.title.value } : {}), range: d.range, nameRange: d.name.range });
        break;
      case "framework":
      case "override":
        break;
      case "subject":
        symbols.push({ id: d.name.text, kind: "subject", ...(d.title ? { title: d.title.value } : {}), range: d.range, nameRange: d.name.range });
        break;
      case "units":
      case "assert":
        break;
      default: {
        const title = "title" in d ? d.title?.value : undefined;
        symbols.push({ id: d.name.text, kind: d.kind, ...(title ? { title } : {}), range: d.range, nameRange: d.name.range });
      }
    }
  }
  return { uri: ast.uri, symbols, findingTypes: [...findingTypes] };
}
