import type { Locale } from "@perf/language";

/** What a command may touch; tests pass their own. */
export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  env: Record<string, string | undefined>;
}

export interface CommonOptions {
  locale: Locale;
  strict: boolean;
}
