#!/usr/bin/env bash
# The extension's editor-level tests, as CI runs them:
#   1. install code-server 4.100.3 + Chromium if missing (idempotent, cached in .tools/),
#   2. build the extension, the bundled server and the suite,
#   3. run the suite in a real VS Code workbench (code-server + headless Chromium),
#   4. run the same suite with @vscode/test-electron (skips with a reason where VS Code
#      cannot be downloaded).
# Options: --screenshot <png>  also capture the workbench (docs/images/vscode.png).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext="$(cd "$here/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"

bash "$here/install-code-server.sh"

cd "$repo"
# The extension bundles @perf/language + @perf/engine + the server: build them first.
TURBO_TELEMETRY_DISABLED=1 pnpm turbo run build --filter perf-vscode... --output-logs=errors-only

cd "$ext"
node scripts/run-code-server-tests.mjs "$@"
node scripts/run-electron-tests.mjs
