import { unzipSync, zipSync, type Unzipped } from "fflate";

/** Size caps that keep a hostile file (zip bomb, huge sheet) from exhausting memory or time. */
export const limits = {
  /** The file itself. */
  fileBytes: 20 * 1024 * 1024,
  /** Uncompressed size of one zip entry, and of all entries together. */
  entryBytes: 40 * 1024 * 1024,
  totalBytes: 80 * 1024 * 1024,
  entries: 2000,
  /** Cells of one sheet or table (rows × columns). */
  cells: 200_000,
  rows: 20_000,
  columns: 200,
};

export type RefusalKey = "tooLarge" | "notZip" | "oldFormat" | "unknownKind" | "bomb" | "tooManyCells" | "corrupt" | "noTable";

/** The file is refused as a whole; `key` names the message (see messages.ts). */
export class ImportRefusal extends Error {
  constructor(
    readonly key: RefusalKey,
    readonly args: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = "ImportRefusal";
  }
}

/** The refusal of a sheet or table over the cell caps. */
export function tooManyCells(name: string, rows: number, cells: number): ImportRefusal {
  return new ImportRefusal("tooManyCells", { name, rows, cells, maxRows: limits.rows, maxCols: limits.columns, maxCells: limits.cells });
}

export function checkFileSize(bytes: Uint8Array): void {
  if (bytes.length > limits.fileBytes) throw new ImportRefusal("tooLarge", { size: mb(bytes.length), max: mb(limits.fileBytes) });
}

export function mb(n: number): string {
  return `${Number((n / 1024 / 1024).toFixed(2))} MB`;
}

export type ZipKind = "xlsx" | "docx";

/** What kind of Office file the bytes are, refusing anything that is not a zip of one. */
export function sniff(bytes: Uint8Array): ZipKind {
  checkFileSize(bytes);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new ImportRefusal("oldFormat");
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ImportRefusal("notZip");
  const names = entryNames(bytes);
  if (names.includes("xl/workbook.xml")) return "xlsx";
  if (names.includes("word/document.xml")) return "docx";
  throw new ImportRefusal("unknownKind");
}

function entryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    throw new ImportRefusal("corrupt");
  }
  return names;
}

/**
 * Unzips within the caps. Every entry is inflated into a buffer of its declared size, so an entry
 * that lies about its size cannot grow past it; the declared sizes are capped before anything is
 * inflated. `wanted` limits which entries are inflated at all.
 */
export function safeUnzip(bytes: Uint8Array, wanted: (name: string) => boolean = () => true): Unzipped {
  checkFileSize(bytes);
  let total = 0;
  let count = 0;
  let files: Unzipped;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (++count > limits.entries) throw new ImportRefusal("bomb", { detail: `${count}+ entries` });
        if (!wanted(f.name)) return false;
        if (f.originalSize > limits.entryBytes) throw new ImportRefusal("bomb", { detail: `${f.name}: ${mb(f.originalSize)}` });
        total += f.originalSize;
        if (total > limits.totalBytes) throw new ImportRefusal("bomb", { detail: mb(total) });
        return true;
      },
    });
  } catch (e) {
    if (e instanceof ImportRefusal) throw e;
    throw new ImportRefusal("corrupt");
  }
  return files;
}

/** The same entries, stored without compression: what exceljs gets, so it never inflates the original. */
export function rezip(files: Unzipped): Uint8Array {
  return zipSync(files, { level: 0 });
}
