import type { Collected } from "./model.js";

/**
 * Whether an evaluation states something to audit besides scores: assertions, tables and
 * performance targets (issue 9). An evaluation with no indicators but with audit
 * content is an audit-only file: valid, with no total and no grade (never an invented "0 分 差").
 */
export function hasAuditContent(model: Pick<Collected, "assertions" | "tables" | "targets">): boolean {
  return model.assertions.length > 0 || (model.tables?.length ?? 0) > 0 || model.targets.length > 0;
}

/** An audit-only evaluation: nothing to score, something to check. */
export function isAuditOnly(model: Pick<Collected, "assertions" | "tables" | "targets" | "roots" | "subjects">): boolean {
  return model.roots.length === 0 && model.subjects.length === 0 && hasAuditContent(model);
}
