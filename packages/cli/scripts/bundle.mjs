// Bundles the CLI's start-up path into one file, dist/main.js (the `perf` binary): resolving and
// compiling ~870 modules (lodash-es through Chevrotain, zod, …) was most of `perf check`'s time
// (decision 0170). What the CLI imports lazily — render, init, import, check --fix — stays a
// dynamic import of tsc's output next to it, so it still loads only when used.
import { build } from "esbuild";
import { chmodSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = resolve(root, "dist/main.js");
const outdir = dirname(outfile);
const requireFromCli = createRequire(resolve(root, "package.json"));

const result = await build({
  entryPoints: [resolve(root, "dist/bin.js")],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: !process.env.PERF_BUNDLE_READABLE,
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
  // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins
  banner: { js: "import { createRequire as __perfCreateRequire } from 'node:module'; const require = __perfCreateRequire(import.meta.url);" },
  plugins: [
    {
      name: "keep-lazy-imports",
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) => {
          if (args.kind !== "dynamic-import") return undefined;
          if (args.path.startsWith(".")) {
            // the module tsc wrote, addressed from dist/main.js
            const path = relative(outdir, resolve(args.resolveDir, args.path));
            return { path: path.startsWith(".") ? path : `./${path}`, external: true };
          }
          // a package imported lazily from bundled code must resolve from the CLI's own directory
          requireFromCli.resolve(args.path);
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
chmodSync(outfile, 0o755);
// what went into the bundle, for the test that keeps renderers and zod out of it
const inputs = Object.keys(Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {});
writeFileSync(resolve(outdir, "main.inputs.json"), JSON.stringify(inputs.map((i) => resolve(process.cwd(), i)), null, 1) + "\n");
