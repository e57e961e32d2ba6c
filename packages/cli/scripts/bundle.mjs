// Bundles the CLI's start-up path into one file, dist/perf.cjs, run by the `perf` binary: resolving and
// compiling ~870 modules (lodash-es through Chevrotain, zod, …) was most of `perf check`'s time
// (decision 0170). What the CLI imports lazily — render, init, import, check --fix — stays a
// dynamic import of tsc's output next to it, so it still loads only when used.
//
// The bundle is CommonJS, and the binary, dist/main.cjs (scripts/loader.cjs), runs it through a
// V8 code cache (decision 0185), which the build fills by checking a new evaluation once.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = resolve(root, "dist/perf.cjs");
const main = resolve(root, "dist/main.cjs");
const outdir = dirname(outfile);
const requireFromCli = createRequire(resolve(root, "package.json"));

/** The specifiers of the dynamic imports left in the bundle. */
const lazyImports = new Set();
const result = await build({
  entryPoints: [resolve(root, "dist/bin.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minify: !process.env.PERF_BUNDLE_READABLE,
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  // the loader passes the bundle's URL (dist/perf.cjs, beside tsc's output)
  define: { "import.meta.url": "__perfImportMetaUrl" },
  plugins: [
    {
      name: "keep-lazy-imports",
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          if (args.path.startsWith(".")) {
            // the module tsc wrote, addressed from dist/
            const path = relative(outdir, resolve(args.resolveDir, args.path));
            lazyImports.add(path.startsWith(".") ? path : `./${path}`);
            return { path: path.startsWith(".") ? path : `./${path}`, external: true };
          }
          // a package imported lazily from bundled code must resolve from the CLI's own directory
          requireFromCli.resolve(args.path);
          lazyImports.add(args.path);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
// bin.ts's #! line is not JavaScript inside the loader's function (blanked, so the source map's lines hold).
// A script run through node:vm cannot import() without an experimental flag: the lazy imports
// call the loader's import function instead (it resolves them from dist/ as before).
let lazy = 0;
const bundled = readFileSync(outfile, "utf8")
  .replace(/^#!.*/, "")
  .replace(/\bimport\(("[^"]+")\)/g, (whole, specifier) => {
    if (!lazyImports.has(JSON.parse(specifier))) throw new Error(`bundle: unexpected ${whole}`);
    lazy++;
    return `__perfImport(${specifier})`;
  });
if (lazy !== lazyImports.size) throw new Error(`bundle: ${lazyImports.size} lazy imports, ${lazy} rewritten`);
writeFileSync(outfile, bundled);
const hash = createHash("sha256").update(bundled).digest("hex").slice(0, 16);
writeFileSync(main, readFileSync(resolve(root, "scripts/loader.cjs"), "utf8").replace("__PERF_BUNDLE_HASH__", hash));
chmodSync(main, 0o755);
// the binary's former name, for scripts that run `node dist/main.js`
writeFileSync(resolve(root, "dist/main.js"), `#!/usr/bin/env node\nimport "./main.cjs";\n`);
chmodSync(resolve(root, "dist/main.js"), 0o755);
rmSync(resolve(root, "dist/.code-cache"), { recursive: true, force: true });
// what went into the bundle, for the test that keeps renderers and zod out of it
const inputs = Object.keys(Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {});
writeFileSync(resolve(outdir, "main.inputs.json"), JSON.stringify(inputs.map((i) => resolve(process.cwd(), i)), null, 1) + "\n");

// Fill the code cache beside the bundle with what `perf check` compiles: a new evaluation, checked
// (which also tries the binary once). Where dist/ is read-only the binary keeps its cache elsewhere.
const work = mkdtempSync(resolve(tmpdir(), "perf-bundle-"));
try {
  const perf = (args, env) => execFileSync(process.execPath, [main, ...args], { cwd: work, env: { ...process.env, ...env }, stdio: "pipe" });
  perf(["init", ".", "--yes"], { PERF_CODE_CACHE: "0" });
  perf(["check", "."], { PERF_CODE_CACHE: "write" });
} finally {
  rmSync(work, { recursive: true, force: true });
}
