#!/usr/bin/env node
// The `perf` binary (written to dist/main.cjs by scripts/bundle.mjs; CommonJS, as an ES module
// entry costs Node ~20 ms more to start). It runs the bundled CLI,
// dist/perf.cjs, through a V8 code cache, so that a start does not compile the bundle again
// (decision 0185). The cache is only ever a speed-up: a cache that is missing, unreadable or
// rejected by V8 means the bundle is compiled from its source as without one, and a directory
// that cannot be written to means no cache is kept. PERF_CODE_CACHE=0 turns it off.
"use strict";
const { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { homedir } = require("node:os");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

// A run of perf is short: V8's optimising compiler, on its own thread, cost more CPU than it saved.
// Eight times the default budget before a function is optimised (67 584 bytes of bytecode run in
// Node 20): perf check of a 30-leaf file 0.85×, of a 3 000-leaf one 0.65× (decision 0185). Set
// before the bundle is compiled, as the flags are part of what a code cache is checked against.
require("node:v8").setFlagsFromString("--interrupt-budget=540672");

// the bundle's hash, written by scripts/bundle.mjs: V8 checks a cache against the length of the source only
const bundleHash = "__PERF_BUNDLE_HASH__";
const dist = __dirname;
const bundle = join(dist, "perf.cjs");
const mode = process.env.PERF_CODE_CACHE; // "0": no cache; "write": write one even over an accepted one (the build)
// one file per bundle, Node and V8 (a Node upgrade leaves the old file unused), beside the bundle or else in the user's cache
const name = `${bundleHash}-${process.version}-${process.versions.v8}-${process.arch}.bin`;
const dirs = [join(dist, ".code-cache"), join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "perf", "code-cache")];

let cachedData;
if (mode !== "0" && mode !== "write") {
  for (const dir of dirs) {
    try {
      cachedData = readFileSync(join(dir, name));
      break;
    } catch {
      // not there: the next place, or no cache
    }
  }
}

const source = readFileSync(bundle, "utf8");
const script = new Script(`(function (exports, require, module, __filename, __dirname, __perfImportMetaUrl, __perfImport) {${source}\n})`, { filename: bundle, cachedData });

// NODE_DEBUG=perf-code-cache says what became of the cache, on stderr
const debug = /\bperf-code-cache\b/.test(process.env.NODE_DEBUG ?? "") ? (m) => process.stderr.write(`perf-code-cache: ${m}\n`) : undefined;
debug?.(cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "accepted");
if (mode !== "0" && (cachedData === undefined || script.cachedDataRejected)) {
  // after the run, so that the functions it compiled are in the cache too
  process.once("exit", () => {
    const written = writeCache(script.createCachedData());
    debug?.(written ? `written to ${written}` : "not written");
  });
}

const bundleModule = { exports: {} };
const url = pathToFileURL(bundle).href;
// render, init, import and check --fix: tsc's output beside the bundle, imported when used
const lazyImport = (specifier) => import(specifier.startsWith(".") ? new URL(specifier, url).href : specifier);
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dist, url, lazyImport);

function writeCache(data) {
  for (const dir of dirs) {
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, data);
      renameSync(tmp, join(dir, name)); // atomic: a concurrent start reads the old file or the new one
      return join(dir, name);
    } catch {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // a cache is never worth a failure
      }
    }
  }
  return undefined;
}
