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
