#!/usr/bin/env bash
# The extension's editor-level tests, as CI runs them:
#   1. install code-server 4.100.3 + Chromium if missing (idempotent, cached in .tools/),
#   2. build the extension, the bundled server and the suite,
#   3. run the suite in a real VS Code workbench (code-server + headless Chromium),
#   4. package the .vsix and run the suite again against the unpacked package (proves it
#      needs nothing from the monorepo at run time),
#   5. run the same suite with @vscode/test-electron (skips with a reason where VS Code
#      cannot be downloaded).
# Options: --screenshot <png>  capture the workbench during step 3 (docs/images/vscode.png).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext="$(cd "$here/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
screenshot=()
if [[ "${1:-}" == "--screenshot" && -n "${2:-}" ]]; then screenshot=(--screenshot "$(realpath -m "$2")"); fi

bash "$here/install-code-server.sh"

cd "$repo"
# The bundle includes @perf/language, @perf/engine and the server: build those first.
TURBO_TELEMETRY_DISABLED=1 pnpm turbo run build --filter 'perf-vscode^...' --output-logs=errors-only

cd "$ext"
pnpm run build
echo "== editor suite in VS Code 1.100.3 (code-server), extension from apps/vscode"
node scripts/run-code-server-tests.mjs "${screenshot[@]}"
echo "== editor suite against the packaged .vsix"
pnpm run package >/dev/null
node scripts/run-code-server-tests.mjs --vsix dist/perf-vscode.vsix
echo "== editor suite in desktop VS Code (@vscode/test-electron)"
# Desktop VS Code needs a display: use a virtual one on headless Linux when xvfb is there.
if [[ -z "${DISPLAY:-}" ]] && command -v xvfb-run >/dev/null; then
  xvfb-run -a node scripts/run-electron-tests.mjs
else
  node scripts/run-electron-tests.mjs
fi
