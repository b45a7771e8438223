#!/usr/bin/env bash
# The ecosystem test: the packed package (npm pack of pkg/) installed into fresh folders and run
# where JavaScript runs (tests/ecosystem/ecosystem.test.mjs says which). Its tools are pinned in
# tests/ecosystem/package-lock.json; scripts/setup.sh --test installs them once into
# target/ecosystem/tools. Needs pkg/ (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
log() { printf '\033[1m[ecosystem]\033[0m %s\n' "$*"; }

[ -f pkg/package.json ] || { echo "pkg/ is missing: run scripts/build.sh first" >&2; exit 1; }

# The pinned tools, installed once into target/ecosystem/tools (and Chromium), when missing.
bash scripts/setup.sh --test
tools=target/ecosystem/tools

out=target/ecosystem/pack
rm -rf "$out"
mkdir -p "$out"
npm pack ./pkg --pack-destination "$out" --silent >/dev/null
tarball=$(ls "$out"/*.tgz)
log "packed $(basename "$tarball") ($(wc -c <"$tarball") bytes)"

TOOLS="$tools" TARBALL="$tarball" node --test tests/ecosystem/
log "done in $(( $(date +%s) - start ))s"
