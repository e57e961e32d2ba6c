#!/usr/bin/env node
import { run } from "./index.js";
import { isCheckWorker, serveCheckWorker } from "./jobs.js";

// a worker thread of `perf check --jobs` runs this binary too (jobs.ts): it serves files and reads no arguments
if (isCheckWorker()) serveCheckWorker();
else main();

function main(): void {
  // `perf score --json | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }

  // no top-level await: the binary is a CommonJS bundle run through a code cache (decision 0185)
  void Promise.resolve(
    run(process.argv.slice(2), {
      cwd: process.env.INIT_CWD && process.env.npm_lifecycle_event === "perf" ? process.env.INIT_CWD : process.cwd(),
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
      env: process.env,
    }),
  ).then((code) => {
    process.exitCode = code;
  });
}
