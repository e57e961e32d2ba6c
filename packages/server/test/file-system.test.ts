import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_MAX_FILE_BYTES, nodeFileSystem } from "../src/file-system.js";
import { PerfWorkspace } from "../src/workspace.js";
import { memoryFileSystem } from "./helpers.js";

const MiB = 1024 * 1024;

/** nodeFileSystem on the real disk: what it opens, what it only stats, what it refuses. */
describe("nodeFileSystem", () => {
  let dir: string;
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "perf-fs-"));
    writeFileSync(join(dir, "a.perf"), "\uFEFFfact 数据 = 1\n");
    writeFileSync(join(dir, "gbk.perf"), Buffer.from([0xd6, 0xb8, 0xb1, 0xea]));
    symlinkSync("/dev/zero", join(dir, "zero.perf"));
    symlinkSync(join(dir, "a.perf"), join(dir, "link.perf"));
    execFileSync("mkfifo", [join(dir, "fifo.perf")]);
    mkdirSync(join(dir, "folder.perf"));
    mkdirSync(join(dir, ".hidden"));
    writeFileSync(join(dir, ".hidden", "h.perf"), "fact h = 1\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a regular file as UTF-8, without its byte order mark", () => {
    expect(nodeFileSystem.readFile(uri("a.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ text: "fact 数据 = 1\n" });
    expect(nodeFileSystem.readFile(uri("link.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ text: "fact 数据 = 1\n" });
  });

  it("reads a 20 MB file under the default cap", () => {
    const line = `indicator 指标 "说明" weight 1 { score 1 }\n`;
    const text = line.repeat(Math.ceil((20 * MiB) / Buffer.byteLength(line)));
    writeFileSync(join(dir, "big.perf"), text);
    const read = nodeFileSystem.readFile(uri("big.perf"), DEFAULT_MAX_FILE_BYTES);
    expect("text" in read && read.text.length).toBe(text.length);
    // The same file over a smaller cap is refused from its size alone.
    expect(nodeFileSystem.readFile(uri("big.perf"), 16 * MiB)).toEqual({ problem: { kind: "too-large", size: Buffer.byteLength(text), limit: 16 * MiB } });
    rmSync(join(dir, "big.perf"));
  });

  it("never opens a FIFO or a device (opening a FIFO would block this test forever)", () => {
    expect(nodeFileSystem.readFile(uri("fifo.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ problem: { kind: "not-regular", what: "fifo" } });
    expect(nodeFileSystem.readFile(uri("zero.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ problem: { kind: "not-regular", what: "device" } });
    expect(nodeFileSystem.readFile(uri("folder.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ problem: { kind: "not-regular", what: "directory" } });
    expect(nodeFileSystem.inspect(uri("fifo.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ kind: "not-regular", what: "fifo" });
  });

  it("refuses bytes that are not UTF-8, missing files and URIs that are not files", () => {
    expect(nodeFileSystem.readFile(uri("gbk.perf"), DEFAULT_MAX_FILE_BYTES)).toMatchObject({ problem: { kind: "not-utf8", refusal: { code: "PERF110" } } });
    expect(nodeFileSystem.readFile(uri("none.perf"), DEFAULT_MAX_FILE_BYTES)).toEqual({ problem: { kind: "missing" } });
    expect(nodeFileSystem.readFile("untitled:Untitled-1", DEFAULT_MAX_FILE_BYTES)).toMatchObject({ problem: { kind: "unreadable" } });
    expect(nodeFileSystem.readFile("file://host/share/x.perf", DEFAULT_MAX_FILE_BYTES)).toMatchObject({ problem: { kind: "unreadable" } });
  });

  it("lists .perf names with what is wrong with each, skipping folders and hidden ones", () => {
    const listed = nodeFileSystem.listPerfFiles(pathToFileURL(dir).href, DEFAULT_MAX_FILE_BYTES);
    expect(listed).toEqual([
      { uri: uri("a.perf") },
      { uri: uri("fifo.perf"), problem: { kind: "not-regular", what: "fifo" } },
      { uri: uri("gbk.perf") },
      { uri: uri("link.perf") },
      { uri: uri("zero.perf"), problem: { kind: "not-regular", what: "device" } },
    ]);
  });
});

describe("the workspace reads only what it knows", () => {
  it("never reads a file outside the workspace folders, nor one it was not told about", () => {
    const fs = memoryFileSystem({ "file:///ws/a.perf": "fact a = 1\n", "file:///elsewhere/b.perf": "fact b = 1\n" });
    const ws = new PerfWorkspace(fs);
    ws.addFolder("file:///ws/");
    expect(ws.textOf("file:///elsewhere/b.perf")).toBeUndefined();
    expect(ws.textOf("file:///ws/../elsewhere/b.perf")).toBeUndefined();
    // A watcher event for a path outside the folders, or not a .perf file, is ignored.
    ws.diskChanged("file:///elsewhere/b.perf", false);
    ws.diskChanged("file:///ws/notes.txt", false);
    expect(ws.knownUris()).toEqual(["file:///ws/a.perf"]);
    expect(ws.textOf("file:///ws/a.perf")).toBe("fact a = 1\n");
    expect(fs.reads).toEqual(["file:///ws/a.perf"]);
  });

  it("forgets a document outside the folders when it closes, instead of reading it from disk later", () => {
    const fs = memoryFileSystem({ "file:///tmp/x.perf": "fact x = 1\n" });
    const ws = new PerfWorkspace(fs);
    ws.open(TextDocument.create("file:///tmp/x.perf", "perf", 1, "fact x = 2\n"));
    expect(ws.textOf("file:///tmp/x.perf")).toBe("fact x = 2\n");
    ws.close("file:///tmp/x.perf");
    expect(ws.knows("file:///tmp/x.perf")).toBe(false);
    expect(ws.textOf("file:///tmp/x.perf")).toBeUndefined();
    expect(fs.reads).toEqual([]);
  });

  it("keeps a 20 MB open document under the default cap, refuses it under a smaller one", () => {
    const ws = new PerfWorkspace(memoryFileSystem({}));
    const text = "x".repeat(20 * MiB);
    ws.open(TextDocument.create("file:///tmp/big.perf", "perf", 1, text));
    expect(ws.textOf("file:///tmp/big.perf")?.length).toBe(text.length);
    expect(ws.problemOf("file:///tmp/big.perf")).toBeUndefined();
    ws.setSettings({ ...ws.settings, maxFileBytes: 10 * MiB });
    expect(ws.textOf("file:///tmp/big.perf")).toBeUndefined();
    expect(ws.problemOf("file:///tmp/big.perf")).toEqual({ kind: "too-large", size: 20 * MiB, limit: 10 * MiB });
  });

  it("does not retry a failed read until the file changes", () => {
    const files: Record<string, string | Uint8Array> = { "file:///ws/g.perf": new Uint8Array([0xd6, 0xb8, 0xb1, 0xea]) };
    const fs = memoryFileSystem(files);
    const ws = new PerfWorkspace(fs);
    ws.addFolder("file:///ws/");
    expect(ws.textOf("file:///ws/g.perf")).toBeUndefined();
    expect(ws.textOf("file:///ws/g.perf")).toBeUndefined();
    expect(ws.problemOf("file:///ws/g.perf")).toMatchObject({ kind: "not-utf8", refusal: { code: "PERF110" } });
    expect(ws.takeProblemChanges()).toEqual(["file:///ws/g.perf"]);
    expect(fs.reads).toHaveLength(1);
    files["file:///ws/g.perf"] = "fact g = 1\n";
    ws.diskChanged("file:///ws/g.perf", false);
    expect(ws.textOf("file:///ws/g.perf")).toBe("fact g = 1\n");
    expect(ws.problemOf("file:///ws/g.perf")).toBeUndefined();
    expect(ws.takeProblemChanges()).toEqual(["file:///ws/g.perf"]);
  });
});
