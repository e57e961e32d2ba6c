import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

/** LibreOffice's `soffice`: $PERF_SOFFICE, else `soffice` or `libreoffice` on PATH. */
export function findSoffice(env: Record<string, string | undefined>): string | undefined {
  if (env.PERF_SOFFICE) return existsSync(env.PERF_SOFFICE) ? env.PERF_SOFFICE : undefined;
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  for (const d of dirs) for (const n of names) if (existsSync(join(d, n))) return join(d, n);
  const mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice";
  return existsSync(mac) ? mac : undefined;
}

class PdfError extends Error {
  override name = "PdfError";
}

/**
 * The Word report converted to PDF by LibreOffice headless, in a temporary folder with its own
 * user profile (a running LibreOffice or another conversion cannot lock it). Five minutes at most.
 */
export function docxToPdf(docx: Uint8Array, name: string, soffice: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "perf-pdf-"));
  try {
    const input = join(dir, `${name.replace(/[^\p{L}\p{N}_.-]/gu, "_") || "report"}.docx`);
    writeFileSync(input, docx);
    const profile = pathToFileURL(join(dir, "profile")).href;
    const r = spawnSync(soffice, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, input], {
      timeout: 300_000,
      encoding: "utf8",
    });
    const output = input.replace(/\.docx$/, ".pdf");
    if (r.error) throw new PdfError(r.error.message);
    if (!existsSync(output)) throw new PdfError((r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-2).join(" "));
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
