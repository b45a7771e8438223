#!/usr/bin/env bash
# The ecosystem test: the packed package (npm pack of pkg/) installed into fresh folders and run
# where JavaScript runs (tests/ecosystem/ecosystem.test.mjs says which). Its tools are pinned in
# tests/ecosystem/package-lock.json and installed once into target/ecosystem/tools (reinstalled
# when the lock changes) with --ignore-scripts: Bun, Deno, workerd and Node 18 are the npm packages
# that hold their binaries, so only the npm registry is reached. Needs pkg/ (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log() { printf '\033[1m[ecosystem]\033[0m %s\n' "$*"; }

[ -f pkg/package.json ] || { echo "pkg/ is missing: run scripts/build.sh first" >&2; exit 1; }

tools=target/ecosystem/tools
if ! cmp -s tests/ecosystem/package-lock.json "$tools/package-lock.json" || [ ! -d "$tools/node_modules" ]; then
  log "installing the pinned tools into $tools (once)"
  rm -rf "$tools"
  mkdir -p "$tools"
  cp tests/ecosystem/package.json tests/ecosystem/package-lock.json "$tools/"
  (cd "$tools" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

out=target/ecosystem/pack
rm -rf "$out"
mkdir -p "$out"
npm pack ./pkg --pack-destination "$out" --silent >/dev/null
tarball=$(ls "$out"/*.tgz)
log "packed $(basename "$tarball") ($(wc -c <"$tarball") bytes)"

TOOLS="$tools" TARBALL="$tarball" node --test tests/ecosystem/
log "done in $(( $(date +%s) - start ))s"
