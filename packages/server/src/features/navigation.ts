import { keywordAliases, keywordSpellings, knownUnits } from "@perf/language";
import { DocumentHighlightKind, ResponseError, ErrorCodes, type DocumentHighlight, type Location, type Position, type Range, type WorkspaceEdit } from "vscode-languageserver";
import { offsetAt, type FeatureContext } from "../context.js";
import { toRange } from "../convert.js";
import { msg } from "../messages.js";
import { occurrencesOf, type Occurrence } from "../occurrences.js";

function occurrenceAt(ctx: FeatureContext, position: Position): Occurrence | undefined {
  return ctx.group.occurrences(ctx.uri).at(offsetAt(ctx, position));
}

/** Go to definition: from a use (or the declaration itself) to the declaring name. */
export function definition(ctx: FeatureContext, position: Position): Location[] {
  const o = occurrenceAt(ctx, position);
  if (!o) return [];
  const s = ctx.group.analysis.symbols.symbols.get(o.id);
  if (!s || s.kind !== o.kind) return [];
  return [{ uri: s.uri, range: toRange(s.nameRange) }];
}

/** Every use of the symbol under the cursor in its evaluation's files. */
export function references(ctx: FeatureContext, position: Position, includeDeclaration: boolean): Location[] {
  const o = occurrenceAt(ctx, position);
  if (!o || !o.resolved) return [];
  return allOccurrences(ctx, o.id)
    .filter((x) => includeDeclaration || !x.declaration)
    .map((x) => ({ uri: x.uri, range: toRange(x.range) }));
}

export function documentHighlights(ctx: FeatureContext, position: Position): DocumentHighlight[] {
  const o = occurrenceAt(ctx, position);
  if (!o) return [];
  return ctx.group
    .occurrences(ctx.uri)
    .all.filter((x) => x.id === o.id)
    .map((x) => ({ range: toRange(x.range), kind: x.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

function allOccurrences(ctx: FeatureContext, id: string): Occurrence[] {
  return occurrencesOf(id, (u) => ctx.group.occurrences(u), ctx.group.uris).filter((x) => x.resolved || x.declaration);
}

export function prepareRename(ctx: FeatureContext, position: Position): { range: Range; placeholder: string } | null {
  const o = occurrenceAt(ctx, position);
  if (!o || !o.resolved) return null;
  return { range: toRange(o.range), placeholder: o.id };
}

const identifier = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** Words the lexer never reads as an identifier: keywords in any spelling, and units. */
const reserved = new Set<string>([...Object.values(keywordSpellings).flat(), ...Object.values(keywordAliases).flat(), ...knownUnits]);

/** Why a name cannot be an identifier, or undefined when it can. */
export function invalidIdentifier(name: string, locale: "zh" | "en"): string | undefined {
  if (!identifier.test(name)) return msg(locale, "renameInvalid", { name });
  if (reserved.has(name)) return msg(locale, "renameKeyword", { name });
  return undefined;
}

/**
 * Renames a symbol everywhere it is declared or used in its evaluation's files. Refuses a
 * keyword, an invalid identifier or a name already taken (that would merge two symbols).
 */
export function rename(ctx: FeatureContext, position: Position, newName: string): WorkspaceEdit {
  const o = occurrenceAt(ctx, position);
  if (!o || !o.resolved) throw new ResponseError(ErrorCodes.InvalidRequest, msg(ctx.locale, "renameNothing"));
  const problem = invalidIdentifier(newName, ctx.locale);
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
  if (newName !== o.id && ctx.group.analysis.symbols.symbols.has(newName)) throw new ResponseError(ErrorCodes.InvalidParams, msg(ctx.locale, "renameExists", { name: newName }));
  const changes: WorkspaceEdit["changes"] = {};
  for (const x of allOccurrences(ctx, o.id)) (changes[x.uri] ??= []).push({ range: toRange(x.range), newText: newName });
  return { changes };
}
