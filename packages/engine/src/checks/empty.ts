import { hasAuditContent } from "../audit.js";
import { check, type Check } from "./check.js";

const start = { line: 0, character: 0, offset: 0 };

/** An evaluation without a single indicator has no score and no grade (PERF035; an error under --strict). */
export const emptyChecks: Check[] = [
  check("empty", "evaluation", (header, { model, sink }) => {
    if (model.roots.length || hasAuditContent(model)) return;
    if (header) sink.report("PERF035", header.uri, header.decl.keywordRange);
    else {
      const uri = [...model.parsed.keys()][0];
      if (uri !== undefined) sink.report("PERF035", uri, { start, end: start });
    }
  }),
];
