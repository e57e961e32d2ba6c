import { diagnosticText, type Diagnostic } from "@perf/language";
import { label, type LabelKey, type RenderLocale } from "./labels.js";

/** A mistake in the render options (a group or table name), reported in the user's language. */
export class RenderOptionError extends Error {
  constructor(
    readonly key: LabelKey,
    readonly args: Record<string, string | number>,
    locale: RenderLocale,
  ) {
    super(label(locale, key, args));
    this.name = "RenderOptionError";
  }
}

/** A narrative with unresolved references: nothing is written; the diagnostics say where. */
export class NarrativeError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.uri}:${d.range.start.line + 1}:${d.range.start.character + 1} ${diagnosticText(d).message}`).join("\n"));
    this.name = "NarrativeError";
  }
}
