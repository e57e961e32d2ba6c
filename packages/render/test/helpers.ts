import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, type Analysis, type EvaluationResult } from "@perf/engine";
import JSZip from "jszip";
import { expect } from "vitest";

export const repo = join(import.meta.dirname, "..", "..", "..");

/** Seed 000 as the engine scores it; a relative uri keeps golden files machine-independent. */
export function yongzhou(): EvaluationResult {
  const text = readFileSync(join(repo, "examples", "yongzhou-2023", "yongzhou-2023.perf"), "utf8");
  return analyze([{ uri: "examples/yongzhou-2023/yongzhou-2023.perf", text }]).result;
}

/** A frozen copy of the example for the golden files, so edits to the example do not churn them. */
export function yongzhouFixture(): EvaluationResult {
  return yongzhouFixtureAnalysis().result;
}

export function yongzhouFixtureAnalysis(): Analysis {
  const text = readFileSync(join(import.meta.dirname, "fixtures", "yongzhou-2023.perf"), "utf8");
  return analyze([{ uri: "yongzhou-2023.perf", text }]);
}

export function fromText(text: string): EvaluationResult {
  return analyze([{ uri: "test.perf", text }]).result;
}

/** Compares with test/golden/NAME; `UPDATE_GOLDEN=1 pnpm test` rewrites it instead. */
export function expectGolden(name: string, actual: string): void {
  const file = join(import.meta.dirname, "golden", name);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(file, "utf8");
  } catch {
    throw new Error(`missing golden file test/golden/${name}: run UPDATE_GOLDEN=1 pnpm --filter @perf/render test and review the diff`);
  }
  expect(actual).toBe(expected);
}

export async function unzip(bytes: Uint8Array, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const f = zip.file(path);
  if (!f) throw new Error(`${path} not in the archive`);
  return f.async("string");
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

export interface DocxCell {
  text: string;
  gridSpan: number;
  vMerge: "restart" | "continue" | null;
}
export interface DocxTable {
  header: boolean[];
  rows: DocxCell[][];
}

/** The tables of a WordprocessingML body, read straight from the XML (not with the writer's library). */
export function docxTables(documentXml: string): DocxTable[] {
  const tables: DocxTable[] = [];
  for (const tbl of documentXml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []) {
    const rows = tbl.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
    tables.push({
      header: rows.map((r) => /<w:tblHeader\/>|<w:tblHeader w:val="(true|1|on)"\/>/.test(r)),
      rows: rows.map((r) =>
        (r.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map((tc) => {
          const span = /<w:gridSpan w:val="(\d+)"\/>/.exec(tc);
          const vm = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(tc);
          const paras = (tc.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []).map((p) => (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((t) => decodeXml(t.replace(/<[^>]+>/g, ""))).join(""));
          return { text: paras.join("\n"), gridSpan: span ? Number(span[1]) : 1, vMerge: vm ? ((vm[1] ?? "continue") as "restart" | "continue") : null };
        }),
      ),
    });
  }
  return tables;
}

/** Expands gridSpan so that column indices line up with the model's columns. */
export function gridColumns(row: DocxCell[]): DocxCell[] {
  return row.flatMap((c) => Array.from({ length: c.gridSpan }, () => c));
}
