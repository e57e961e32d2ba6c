import { runChecks } from "../checks/index.js";
import type { Framework } from "../framework.js";
import type { Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";

/** Phase 3: every static check of the registry, before anything is scored. */
export function validate(model: Linked, framework: Framework, sink: DiagnosticSink): void {
  runChecks({ model, framework, sink });
}
