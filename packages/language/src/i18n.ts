import type { Locale } from "./diagnostics.js";

/** A user-facing text in both languages; `{name}` marks an argument. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Turns a table of bilingual texts into a lookup `(locale, key, args) → text`. Every package
 * keeps its own table (its words are its own) and shares this one way of reading it.
 */
export function translator<K extends string>(table: Record<K, Bilingual>) {
  return (locale: Locale, key: K, args: Record<string, string | number> = {}): string =>
    table[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => String(args[k] ?? ""));
}
