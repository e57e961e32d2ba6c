import { format } from "@perf/language";
import type { TextEdit } from "vscode-languageserver";
import type { FeatureContext } from "../context.js";
import { toRange } from "../convert.js";

/** `perf fmt` as one full-document edit; nothing when the file does not parse or is already formatted. */
export function formatting(ctx: FeatureContext): TextEdit[] {
  const text = ctx.parsed.lines.text;
  const result = format(text, { uri: ctx.uri, locale: ctx.locale });
  if (!result.ok || !result.changed || result.text === text) return [];
  return [{ range: toRange(ctx.parsed.lines.range(0, text.length)), newText: result.text }];
}
