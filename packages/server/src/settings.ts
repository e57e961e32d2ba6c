import type { Locale } from "@perf/language";
import { DEFAULT_MAX_FILE_BYTES, MAX_FILE_BYTES_CEILING } from "./file-system.js";

/** What the user can set: `perf.language`, `perf.strict`, `perf.maxFileSize` (settings or initializationOptions). */
export interface PerfSettings {
  locale: Locale;
  strict: boolean;
  /** Files (open or on disk) larger than this many bytes are not analyzed: `perf.maxFileSize` in MiB. */
  maxFileBytes: number;
}

export const defaultSettings: PerfSettings = { locale: "zh", strict: false, maxFileBytes: DEFAULT_MAX_FILE_BYTES };

const MiB = 1024 * 1024;

/**
 * Reads settings from whatever a client sends: `{language, strict, maxFileSize}`, `{perf: {…}}`
 * or VS Code's flattened `{"perf.language": …}`. Unknown values keep the previous setting.
 */
export function readSettings(raw: unknown, previous: PerfSettings = defaultSettings): PerfSettings {
  if (!raw || typeof raw !== "object") return previous;
  const o = raw as Record<string, unknown>;
  const nested = o.perf && typeof o.perf === "object" ? (o.perf as Record<string, unknown>) : undefined;
  const pick = (key: string): unknown => nested?.[key] ?? o[`perf.${key}`] ?? o[key];
  const language = pick("language");
  const strict = pick("strict");
  const maxFileSize = pick("maxFileSize");
  return {
    locale: language === "en" || language === "zh" ? language : previous.locale,
    strict: typeof strict === "boolean" ? strict : previous.strict,
    maxFileBytes:
      typeof maxFileSize === "number" && Number.isFinite(maxFileSize) && maxFileSize > 0
        ? Math.min(Math.max(1, Math.round(maxFileSize * MiB)), MAX_FILE_BYTES_CEILING)
        : previous.maxFileBytes,
  };
}

export function sameSettings(a: PerfSettings, b: PerfSettings): boolean {
  return a.locale === b.locale && a.strict === b.strict && a.maxFileBytes === b.maxFileBytes;
}
