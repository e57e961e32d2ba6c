// Bundles the extension, the language server and the editor-level test suite with esbuild.
// The .vsix then needs no node_modules and nothing of the monorepo at run time.
//   node scripts/build.mjs [--production]   (--production: minified, no source maps, no test suite)
import { copyFileSync, existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const production = process.argv.includes("--production");
const serverPackage = fileURLToPath(new URL("../../../packages/server", import.meta.url));
// PERF_SERVER_ENTRY: bundle another server entry (harness development only); its imports
// resolve from packages/server's dependencies.
const serverEntry = process.env.PERF_SERVER_ENTRY ?? `${serverPackage}/src/main.ts`;

if (!existsSync(serverEntry)) {
  console.error(`perf-vscode: the language server entry ${serverEntry} does not exist; build packages/server first.`);
  process.exit(1);
}

rmSync(`${root}/dist`, { recursive: true, force: true });
if (!production) rmSync(`${root}/out`, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  // VS Code 1.91 (the oldest vscode-languageclient 10 supports) runs its extension host on Node 20 (Electron 29).
  target: "node20",
  sourcemap: production ? false : "linked",
  minify: production,
  logLevel: "warning",
  absWorkingDir: root,
  // Chevrotain and friends ship ESM with `import.meta`-free code paths; keep names readable in stacks.
  keepNames: true,
};

// The walkthrough opens the 永州 example from the package: copied here, never kept twice in git.
copyFileSync(fileURLToPath(new URL("../../../examples/yongzhou-2023/yongzhou-2023.perf", import.meta.url)), `${root}/media/walkthrough/yongzhou-2023.perf`);

await Promise.all([
  esbuild.build({ ...common, entryPoints: { extension: "src/extension.ts" }, outdir: "dist", external: ["vscode"] }),
  esbuild.build({ ...common, entryPoints: { server: serverEntry }, outdir: "dist", nodePaths: [`${serverPackage}/node_modules`] }),
  production
    ? undefined
    : // The suite lives outside dist/ so it can run against the packaged extension too.
      esbuild.build({ ...common, entryPoints: { "suite/index": "test/suite/index.ts" }, outdir: "out", external: ["vscode"] }),
]);
console.log(`perf-vscode: bundled dist/extension.js, dist/server.js${production ? "" : " and out/suite/index.js"}`);
