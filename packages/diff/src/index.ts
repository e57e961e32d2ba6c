export * from "./model.js";
export { printJson, printMarkdown, printText, summaryLine, signed, ruleText, causeText, type PrintOptions } from "./print.js";
export { textconv } from "./textconv.js";
