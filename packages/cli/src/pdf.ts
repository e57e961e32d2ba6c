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
 * The macro that converts: the report loaded hidden, every index (目录, 表目录) rebuilt and every
 * field refreshed — LibreOffice keeps a Word file's index as the text it was saved with, and the
 * writer cannot know the page numbers — then exported to PDF. LibreOffice 7 does not take Word's
 * "table of figures" style for its own index of captions: the 表目录 is told to use it by name.
 * Any error ends the macro without a dialog; the caller sees that no PDF was written.
 */
const MACRO = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ToPdf(inUrl As String, outUrl As String)
  On Error Resume Next
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, load())
  If IsNull(doc) Or IsEmpty(doc) Then Exit Sub
  paragraphStyles = doc.getStyleFamilies().getByName(&quot;ParagraphStyles&quot;)
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    index = indexes.getByIndex(i)
    If index.supportsService(&quot;com.sun.star.text.IllustrationsIndex&quot;) And paragraphStyles.hasByName(&quot;table of figures&quot;) Then
      index.ParaStyleLevel1 = &quot;table of figures&quot;
    End If
    index.update()
  Next i
  doc.getTextFields().refresh()
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, store())
  doc.close(True)
End Sub
</script:module>
`;

/** The PDF, and whether its 目录 and 表目录 were rebuilt with page numbers (false: as the Word file holds them). */
export interface Pdf {
  bytes: Uint8Array;
  indexesUpdated: boolean;
}

/**
 * The Word report converted to PDF by LibreOffice headless, in a temporary folder with its own
 * user profile (a running LibreOffice or another conversion cannot lock it), five minutes at most
 * for each start. LibreOffice makes the profile at its first start, and the macro (`MACRO`) goes
 * into the profile's own library; should the macro write nothing (an older or a changed
 * LibreOffice), the plain conversion follows, with the indexes as the Word file holds them.
 */
export function docxToPdf(docx: Uint8Array, name: string, soffice: string): Pdf {
  const dir = mkdtempSync(join(tmpdir(), "perf-pdf-"));
  try {
    const input = join(dir, `${name.replace(/[^\p{L}\p{N}_.-]/gu, "_") || "report"}.docx`);
    const output = input.replace(/\.docx$/, ".pdf");
    writeFileSync(input, docx);
    const profile = join(dir, "profile");
    const start = (args: string[]) => {
      const r = spawnSync(soffice, [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--norestore", ...args], { timeout: 300_000, encoding: "utf8" });
      if (r.error) throw new PdfError(r.error.message);
      return r;
    };
    start(["--terminate_after_init"]);
    const module = join(profile, "user", "basic", "Standard", "Module1.xba");
    if (existsSync(module)) {
      writeFileSync(module, MACRO);
      // file URLs percent-encode every quote, so neither can end the macro's string arguments
      start([`macro:///Standard.Module1.ToPdf("${pathToFileURL(input).href}","${pathToFileURL(output).href}")`]);
    }
    const indexesUpdated = existsSync(output);
    if (!indexesUpdated) {
      const r = start(["--convert-to", "pdf", "--outdir", dir, input]);
      if (!existsSync(output)) throw new PdfError((r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-2).join(" "));
    }
    return { bytes: new Uint8Array(readFileSync(output)), indexesUpdated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
