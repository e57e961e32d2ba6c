import { spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * PDF from the HTML writer's page through headless Chromium's own print (`--print-to-pdf`):
 * the CSS page sizes (A4, landscape appendices), repeated header rows and kept-together
 * headings of the HTML apply. Unlike the writers this touches the file system (a temporary
 * folder, removed afterwards) and starts a process; the HTML it prints loads nothing (its CSP
 * forbids every request).
 */

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/** The Chromium to print with: CHROMIUM_PATH, else the first usual path that is executable; null if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const p of [env.CHROMIUM_PATH, ...candidates]) {
    if (!p) continue;
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not there: try the next
    }
  }
  return null;
}

const messages = {
  missing: {
    zh: "未找到 Chromium，无法由 HTML 生成 PDF；请安装 chromium（Debian：apt-get install chromium），或用环境变量 CHROMIUM_PATH 指定其位置",
    en: "Chromium was not found, so no PDF can be printed from the HTML; install chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH",
  },
  failed: { zh: "Chromium 未能生成 PDF：{detail}", en: "Chromium did not print the PDF: {detail}" },
};

/** Chromium is missing or failed; the message is for users, in the report's language. */
export class PdfEngineError extends Error {
  constructor(
    readonly reason: "missing" | "failed",
    locale: "zh" | "en",
    detail = "",
  ) {
    super(messages[reason][locale].replace("{detail}", detail));
    this.name = "PdfEngineError";
  }
}

export interface HtmlPdfOptions {
  /** Path of the Chromium binary; default: findChromium(). */
  chromium?: string;
  /** Kill Chromium after this long (default 120 s). */
  timeoutMs?: number;
  locale?: "zh" | "en";
}

/** Prints `html` (the output of toHtml) to PDF bytes with headless Chromium. */
export async function htmlToPdf(html: string, options: HtmlPdfOptions = {}): Promise<Uint8Array> {
  const locale = options.locale ?? "zh";
  const chromium = options.chromium ?? findChromium();
  if (!chromium) throw new PdfEngineError("missing", locale);
  const dir = mkdtempSync(join(tmpdir(), "perf-pdf-"));
  try {
    const page = join(dir, "report.html");
    const pdf = join(dir, "report.pdf");
    writeFileSync(page, html);
    const args = [
      "--headless",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-extensions",
      `--user-data-dir=${join(dir, "profile")}`,
      "--no-pdf-header-footer",
      `--print-to-pdf=${pdf}`,
      pathToFileURL(page).href,
    ];
    // Chromium's sandbox refuses to run as root (containers, CI)
    if (process.getuid?.() === 0) args.unshift("--no-sandbox");
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(chromium, args, { stdio: ["ignore", "ignore", "pipe"], timeout: options.timeoutMs ?? 120_000 });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      child.on("error", (e) => reject(new PdfEngineError("failed", locale, e.message)));
      child.on("close", (code, signal) => (code === 0 ? resolve(err) : reject(new PdfEngineError("failed", locale, `${signal ?? `exit ${code}`} ${lastLine(err)}`.trim()))));
    });
    try {
      return new Uint8Array(readFileSync(pdf));
    } catch {
      throw new PdfEngineError("failed", locale, lastLine(stderr) || "no PDF written");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lastLine = (s: string) => s.trim().split("\n").filter((l) => !/dbus/i.test(l)).at(-1) ?? "";
