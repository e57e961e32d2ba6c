export * from "./ast.js";
export * from "./range.js";
export * from "./keywords.js";
export * from "./diagnostics.js";
export { parse, unquote, type ParseResult } from "./parse.js";
export { allTokens, keywordTokens, perfLexer } from "./lexer.js";
export { MAX_NESTING, MAX_OPERATORS } from "./limits.js";
export { format, majoritySpelling, displayWidth, type FormatOptions, type FormatResult } from "./printer.js";
export { translator, type Bilingual } from "./i18n.js";
