import { publishedTotalOnly } from "../model.js";
import { hasAuditContent } from "../audit.js";
import { check, type Check } from "./check.js";

const start = { line: 0, character: 0, offset: 0 };

/** An evaluation without a single indicator has no score and no grade (PERF035; an error under --strict), unless it states only its published total. */
export const emptyChecks: Check[] = [
  check("empty", "evaluation", (header, { model, sink }) => {
    // with `use`, the missing tree is the used file's (PERF160–PERF162, PERF170 say why);
    // an audit-only file (tables, assertions, decision 0092) has no score by design, not by omission
    if (model.roots.length || publishedTotalOnly(model) || model.header?.decl.use || hasAuditContent(model)) return;
    if (header) sink.report("PERF035", header.uri, header.decl.keywordRange);
    else {
      const uri = [...model.parsed.keys()][0];
      if (uri !== undefined) sink.report("PERF035", uri, { start, end: start });
    }
  }),
];
