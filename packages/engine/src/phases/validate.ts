import { runChecks, type CheckContext } from "../checks/index.js";
import type { Framework } from "../framework.js";
import type { Linked } from "../model.js";
import type { DiagnosticSink } from "../sink.js";
import { ClassKeeper } from "../class-keeper.js";

/** Phase 3: every static check of the registry, before anything is scored. */
export function validate(model: Linked, framework: Framework, sink: DiagnosticSink): void {
  contexts.use({ model, framework, sink }, runChecks);
}

/** The checks' context, made once per analysis: its class kept between analyses (decision 0221). */
const contexts = new ClassKeeper<CheckContext>();
