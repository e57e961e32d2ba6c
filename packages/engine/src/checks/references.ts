import type { Args } from "@perf/language";
import type { SymbolKind } from "../symbols.js";
import { closest } from "../symbols.js";

/** Candidates looked at per unknown name: "did you mean" must not make analysis quadratic. */
const SUGGESTION_BUDGET = 500;

/** PERF020's arguments: the name, what kind was expected, and the closest name of that kind, if any. */
export function unknownReferenceArgs(name: string, expects: SymbolKind[], candidates: Iterable<string>): { args: Args; suggestion?: string } {
  const args: Args = { name, kind: expects.length > 1 ? "factOrSurvey" : expects[0]! };
  const suggestion = closest(name, candidates, SUGGESTION_BUDGET);
  if (suggestion) args.suggestion = suggestion;
  return suggestion ? { args, suggestion } : { args };
}
