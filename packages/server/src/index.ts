export { startServer, DEFAULT_DEBOUNCE_MS, type ServerOptions } from "./server.js";
export { PerfLanguageService, MAX_PUBLISHED_DIAGNOSTICS } from "./service.js";
export { PerfWorkspace, canonicalUri, type GroupAnalysis } from "./workspace.js";
export { nodeFileSystem, type FileSystem } from "./file-system.js";
export { readSettings, defaultSettings, type PerfSettings } from "./settings.js";
export { semanticTokensLegend } from "./features/semantic-tokens.js";
export * from "./protocol.js";
