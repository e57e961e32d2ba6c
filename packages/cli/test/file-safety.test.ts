import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, constants, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { writeAtomic } from "../src/write-file.js";
import { perf } from "./run-perf.js";

const root = join(import.meta.dirname, "..", "..", "..");
const example = join(root, "examples", "yongzhou-2023", "yongzhou-2023.perf");
const bin = join(root, "packages", "cli", "dist", "main.js");
const tmp = () => mkdtempSync(join(tmpdir(), "perf-files-"));
const posix = process.platform !== "win32";
const isRoot = process.getuid?.() === 0;

/**
 * The real binary with a deadline: a hang shows as a null exit status, not a stuck suite. One run
 * took 2–3 s with the whole suite on two cores and up to 13 s with three busy loops besides.
 */
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const mkfifo = (path: string) => execFileSync("mkfifo", [path]);
const messy = "indicator  a   weight 100{score 100}\n";
const tidy = "indicator a weight 100 { score 100 }\n";

function withInput() {
  const dir = tmp();
  writeFileSync(join(dir, "y.perf"), readFileSync(example));
  return dir;
}

describe.runIf(posix)("reading: only regular files, bounded", () => {
  it("a FIFO named .perf is refused with PERF111 by every command, never waited on", () => {
    const dir = withInput();
    mkfifo(join(dir, "f.perf"));
    for (const args of [["check", "f.perf"], ["score", "f.perf"], ["fmt", "f.perf"], ["render", "f.perf", "--format", "md"], ["diff", "f.perf", "y.perf"], ["diff", "--textconv", "f.perf"]]) {
      const r = cli(args, dir);
      expect(r.signal, args.join(" ")).toBeNull();
      expect(r.stdout + r.stderr, args.join(" ")).toContain("PERF111");
      expect(r.stdout + r.stderr).toContain("命名管道");
    }
    expect(lstatSync(join(dir, "f.perf")).isFIFO()).toBe(true);
  }, 120_000); // six commands spawned in turn: slow on a loaded machine

  it("a symlink to /dev/zero and a folder named .perf are refused with PERF111", async () => {
    const dir = tmp();
    symlinkSync("/dev/zero", join(dir, "zero.perf"));
    mkdirSync(join(dir, "folder.perf"));
    const zero = cli(["score", "zero.perf", "--lang", "en"], dir);
    expect(zero.signal).toBeNull();
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain("error[PERF111]: zero.perf\nzero.perf is a character device, not a regular file");
    const folder = await perf(["score", "folder.perf"], dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain("folder.perf 是目录，不是普通文件，未读取");
  });

  it("a file over 64 MiB is refused with PERF112 before it is read", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "big.perf"), "");
    truncateSync(join(dir, "big.perf"), 64 * 1024 * 1024 + 1); // sparse: no disk used
    const r = await perf(["check", "big.perf"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("错误[PERF112]: big.perf");
    expect(r.stdout).toContain("超过 .perf 文件的上限 64 MiB");
  });
});

describe.runIf(posix)("render -o: only regular files or new paths", () => {
  it("refuses a device (made with mknod in a temp folder, never the real /dev/null)", (ctx) => {
    if (!isRoot) {
      console.log("skipped: mknod needs root; the FIFO test covers special files");
      ctx.skip();
    }
    const dir = withInput();
    const dev = join(dir, "null");
    execFileSync("mknod", [dev, "c", "1", "3"]);
    const before = statSync(dev);
    const r = cli(["render", "y.perf", "--format", "md", "-o", "null", "--force"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("错误[PERF113]: null\n输出目标 null 是字符设备");
    const after = lstatSync(dev);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.ino, after.rdev]).toEqual([before.ino, before.rdev]);
  }, 120_000); // a spawned binary: see cli()

  it("refuses a FIFO and a folder, with --force too, without hanging", () => {
    const dir = withInput();
    mkfifo(join(dir, "out.md"));
    const r = cli(["render", "y.perf", "--format", "md", "-o", "out.md", "--force"], dir);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("PERF113");
    expect(lstatSync(join(dir, "out.md")).isFIFO()).toBe(true);
    mkdirSync(join(dir, "out"));
    mkdirSync(join(dir, "out", "y.md"));
    const folder = cli(["render", "y.perf", "--format", "md", "-o", "out/", "--force", "--lang", "en"], dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain("the output out/y.md is a directory, not a regular file");
  }, 120_000); // two spawned binaries: see cli()

  it("never writes over an input of the run: by its name, a hard link or a followed symlink", async () => {
    const dir = withInput();
    const original = readFileSync(join(dir, "y.perf"));
    linkSync(join(dir, "y.perf"), join(dir, "hard.md"));
    symlinkSync("y.perf", join(dir, "soft.md"));
    for (const out of ["y.perf", "hard.md", "soft.md"]) {
      const r = await perf(["render", "y.perf", "--format", "md", "-o", out, "--force", "--follow-symlinks"], dir);
      expect(r.code, out).toBe(1);
      expect(r.stderr).toContain(`错误[PERF114]: ${out}\n输出目标 ${out} 就是本次的输入文件 y.perf`);
    }
    expect(readFileSync(join(dir, "y.perf")).equals(original)).toBe(true);
    expect(lstatSync(join(dir, "soft.md")).isSymbolicLink()).toBe(true);
  });

  it("refuses a symlink unless --follow-symlinks, then writes the file it points to and keeps the link", async () => {
    const dir = withInput();
    writeFileSync(join(dir, "real.md"), "keep me");
    symlinkSync("real.md", join(dir, "link.md"));
    const refused = await perf(["render", "y.perf", "--format", "md", "-o", "link.md", "--force"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("错误[PERF115]: link.md\n输出目标 link.md 是符号链接（指向 real.md）");
    expect(readFileSync(join(dir, "real.md"), "utf8")).toBe("keep me");
    const followed = await perf(["render", "y.perf", "--format", "md", "-o", "link.md", "--force", "--follow-symlinks"], dir);
    expect(followed.code).toBe(0);
    expect(lstatSync(join(dir, "link.md")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.md"), "utf8")).toContain("# 2023年永州市公共服务信息化运维项目");
  });

  it.runIf(existsSync("/proc/self"))("gives up on a folder the system will not create (/proc/missing) instead of spinning", () => {
    const dir = withInput();
    const r = cli(["render", "y.perf", "--format", "md", "-o", "/proc/missing/x.md"], dir);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("无法写入 /proc/missing/x.md");
  }, 120_000); // a spawned binary: see cli()
});

describe.runIf(posix)("fmt and symlinks", () => {
  it("formats the file a symlink points to and leaves the link a link", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src", "a.perf"), messy);
    symlinkSync(join("src", "a.perf"), join(dir, "link.perf"));
    const r = await perf(["fmt", "link.perf"], dir);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(lstatSync(join(dir, "link.perf")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "src", "a.perf"), "utf8")).toBe(tidy);
    expect(readdirSync(join(dir, "src"))).toEqual(["a.perf"]);
  });
});

describe.runIf(posix)("temporary files", () => {
  it("are removed on SIGINT, SIGTERM and SIGHUP between writing and renaming; the process still dies of the signal", async () => {
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
      const dir = tmp();
      writeFileSync(join(dir, "a.perf"), messy);
      const hold = join(dir, "..", `${dir.split("/").pop()}.hold`);
      mkfifo(hold);
      const child = spawn(process.execPath, [bin, "fmt", "a.perf"], { cwd: dir, env: { ...process.env, PERF_TEST_HOLD_BEFORE_RENAME: hold }, stdio: "ignore" });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, s) => resolve(s)));
      onTestFinished(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); // a failed run must not leave it waiting on the FIFO
      });
      // the temp file exists and the writer waits on the FIFO: the moment a signal must not leave it behind
      const deadline = Date.now() + 30_000;
      while (!readdirSync(dir).some((f) => f.endsWith(".tmp")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(readdirSync(dir).filter((f) => f.endsWith(".tmp")), signal).toHaveLength(1);
      child.kill(signal); // pending before the write goes on: a process without a handler dies here
      // release the writer; while it restarts its interrupted open of the FIFO there is briefly no reader
      while (child.exitCode === null && child.signalCode === null) {
        try {
          const fd = openSync(hold, constants.O_WRONLY | constants.O_NONBLOCK);
          writeSync(fd, "go");
          closeSync(fd);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      expect(await exited, signal).toBe(signal);
      expect(readdirSync(dir), signal).toEqual(["a.perf"]);
      expect([messy, tidy]).toContain(readFileSync(join(dir, "a.perf"), "utf8"));
    }
  });

  it("are removed when the write fails (here: the rename onto a non-empty folder)", () => {
    const dir = tmp();
    mkdirSync(join(dir, "out.md"));
    writeFileSync(join(dir, "out.md", "keep"), "x");
    expect(() => writeAtomic(join(dir, "out.md"), "report")).toThrow();
    expect(readdirSync(dir)).toEqual(["out.md"]);
  });

  it("left by a run killed with -9 are removed by the next write to the same file; a live run's are kept", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "a.perf"), messy);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const stale = [`.a.perf.perf-${dead}-0123abcd.tmp`, `.a.perf.${dead}.89abcdef.tmp`];
    const live = `.a.perf.perf-${process.pid}-0123abcd.tmp`;
    const other = `.b.perf.perf-${dead}-0123abcd.tmp`;
    for (const f of [...stale, live, other]) writeFileSync(join(dir, f), "partial");
    expect((await perf(["fmt", "a.perf"], dir)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, other, "a.perf"].sort());
  });
});
