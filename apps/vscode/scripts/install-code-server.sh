#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3 workbench + Node extension host) and its
# system packages for the extension's end-to-end suite, offline (npm registry + Debian only).
# Idempotent: a finished install leaves a stamp and is not redone. The install lives in
# $PERF_TOOLS (default <repo>/.tools, git-ignored), outside the workspace packages.
# Recipe: /work/shared/notes/toolchain.md ("Installing code-server 4.100.3 offline").
set -euo pipefail

VERSION=4.100.3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
tools="${PERF_TOOLS:-$repo/.tools}"
dir="$tools/code-server-$VERSION"
stamp="$dir/.installed"

# System packages: native-module headers, ripgrep (search), the browser that drives the
# workbench and unzip (the suite also runs against the unpacked .vsix).
need=()
for pkg in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if ((${#need[@]})); then
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  echo "installing apt packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi

if [[ -f "$stamp" ]]; then
  echo "code-server $VERSION already installed in $dir"
  exit 0
fi

mkdir -p "$dir"
cd "$dir"
[[ -f package.json ]] || echo '{"name":"perf-tools-code-server","private":true}' > package.json
export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_loglevel=error
npm i "code-server@$VERSION" --ignore-scripts --no-save
npm rebuild argon2                      # builds from source; the prebuilt download is unreachable
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts && node postinstall.mjs)

touch "$stamp"
echo "code-server $VERSION installed in $dir"
