import type { Args } from "@perf/language";
import type { SymbolKind } from "../symbols.js";
import { closest } from "../symbols.js";

const kindNames: Record<SymbolKind, readonly [string, string]> = {
  indicator: ["指标", "indicator"],
  fact: ["数据", "fact"],
  survey: ["调查", "survey"],
  finding: ["问题", "finding"],
  veto: ["否决", "veto"],
};

/** Candidates looked at per unknown name: "did you mean" must not make analysis quadratic. */
const SUGGESTION_BUDGET = 500;

/** PERF020's arguments: what was expected, and the closest name of that kind, if any. */
export function unknownReferenceArgs(name: string, expects: SymbolKind[], candidates: Iterable<string>): { args: Args; suggestion?: string } {
  const kind = expects[0]!;
  const args: Args = {
    name,
    kindZh: expects.length > 1 ? "数据或调查" : kindNames[kind][0],
    kindEn: expects.length > 1 ? "fact or survey" : kindNames[kind][1],
  };
  const suggestion = closest(name, candidates, SUGGESTION_BUDGET);
  if (suggestion) args.suggestion = suggestion;
  return suggestion ? { args, suggestion } : { args };
}
