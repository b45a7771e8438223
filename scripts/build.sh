#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm (release, wasm-opt -Oz), the wasm-bindgen glue (web
# target), the Node and browser entries, and TypeScript declarations generated from the Rust types.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

log() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

log "cargo build --release --target wasm32-unknown-unknown"
cargo build --quiet --release --target wasm32-unknown-unknown

rm -rf pkg
mkdir -p pkg/wasm pkg/types
log "wasm-bindgen --target web"
# The reset-state function lets the JS bridge start a fresh instance after a trap.
wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
  --out-dir pkg/wasm target/wasm32-unknown-unknown/release/balance_ledger.wasm

log "wasm-opt -Oz"
# The features rustc enables by default for wasm32-unknown-unknown.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  pkg/wasm/balance_ledger_bg.wasm -o pkg/wasm/balance_ledger_bg.wasm

log "TypeScript declarations from the Rust types (ts-rs)"
tsdir=$(mktemp -d)
TS_RS_EXPORT_DIR="$tsdir" TS_RS_IMPORT_EXTENSION=js cargo test --quiet --features ts --lib export_bindings >/dev/null
for f in "$tsdir"/*.ts; do
  cp "$f" "pkg/types/$(basename "$f" .ts).d.ts"
done
rm -rf "$tsdir"

cp js/node.js js/browser.js js/bridge.js js/index.d.ts js/package.json pkg/
cp README.md pkg/README.md

wasm=pkg/wasm/balance_ledger_bg.wasm
raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
glue=$(cat pkg/wasm/balance_ledger.js pkg/bridge.js pkg/browser.js | gzip -9 | wc -c)
log "pkg/ ready: balance_ledger_bg.wasm $raw bytes raw, $gz bytes gzipped; browser JS glue $glue bytes gzipped"
