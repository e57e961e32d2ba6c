export * from "./ast.js";
export * from "./range.js";
export * from "./keywords.js";
export * from "./diagnostics.js";
export { parse, unquote, type ParseResult } from "./parse.js";
export { allTokens, keywordTokens, perfLexer } from "./lexer.js";
export { format, majoritySpelling, displayWidth, type FormatOptions, type FormatResult } from "./printer.js";
export { translator, type Bilingual } from "./i18n.js";
export { decodeSource, encodeSource, toLf, eolName, countLineEndings, maxSourceBytes, type Eol, type LineEndingCounts, type SourceText, type SourceRefusal } from "./source-text.js";
