import type { Locale } from "@perf/language";

/** What the user can set: `perf.language` and `perf.strict` (settings or initializationOptions). */
export interface PerfSettings {
  locale: Locale;
  strict: boolean;
}

export const defaultSettings: PerfSettings = { locale: "zh", strict: false };

/**
 * Reads settings from whatever a client sends: `{language, strict}`, `{perf: {language, strict}}`
 * or VS Code's flattened `{"perf.language": …}`. Unknown values keep the previous setting.
 */
export function readSettings(raw: unknown, previous: PerfSettings = defaultSettings): PerfSettings {
  if (!raw || typeof raw !== "object") return previous;
  const o = raw as Record<string, unknown>;
  const nested = o.perf && typeof o.perf === "object" ? (o.perf as Record<string, unknown>) : undefined;
  const pick = (key: string): unknown => nested?.[key] ?? o[`perf.${key}`] ?? o[key];
  const language = pick("language");
  const strict = pick("strict");
  return {
    locale: language === "en" || language === "zh" ? language : previous.locale,
    strict: typeof strict === "boolean" ? strict : previous.strict,
  };
}
