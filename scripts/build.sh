#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm (release, wasm-opt -Oz), the wasm-bindgen glue (web
# target), the entries of every runtime (scripts/entries.mjs, from the function table js/functions.js),
# and TypeScript declarations generated from the Rust types.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

log() { printf '\033[1m[build]\033[0m %s\n' "$*"; }

rm -rf pkg
mkdir -p pkg/wasm pkg/types
target=target/wasm32-unknown-unknown/release

# One module per entry: every function (the package's main entry), and the item functions only
# (`balance-ledger/checkout`, built without the `full` feature), each through wasm-bindgen and
# wasm-opt. The checkout module is built first and renamed, since both builds write the same file.
for module in checkout full; do
  if [ "$module" = checkout ]; then
    log "cargo build --release --target wasm32-unknown-unknown --no-default-features (checkout)"
    cargo build --quiet --release --target wasm32-unknown-unknown --no-default-features
    input=$target/balance_ledger_checkout.wasm
    cp "$target/balance_ledger.wasm" "$input"
  else
    log "cargo build --release --target wasm32-unknown-unknown"
    cargo build --quiet --release --target wasm32-unknown-unknown
    input=$target/balance_ledger.wasm
  fi
  log "wasm-bindgen --target web ($module)"
  # The reset-state function lets the JS bridge start a fresh instance after a trap.
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
    --out-dir pkg/wasm "$input"
  name=$(basename "$input" .wasm)
  log "wasm-opt -Oz ($module)"
  # The features rustc enables by default for wasm32-unknown-unknown. `--converge` repeats -Oz
  # until the module stops shrinking (full module 1.2 KB gzipped smaller, ~20 s more); the
  # target_features section only informs tools (engines ignore it). `--low-memory-unused` lets it
  # fold a constant added to an address into the access's offset (full module 0.7 KB gzipped
  # smaller, checkout 0.3 KB): sound here since rustc puts the stack first, [0, 1 MiB) growing
  # down from 1 MiB, so the first KiB is touched only by a stack within 1 KiB of overflowing, and
  # only an address that wraps past 4 GiB (a pointer gone "negative", never a valid one) would
  # reach it differently (it traps instead).
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-debug --strip-producers \
    --strip-target-features \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "pkg/wasm/${name}_bg.wasm" -o "pkg/wasm/${name}_bg.wasm"
done

log "TypeScript declarations from the Rust types (ts-rs)"
tsdir=$(mktemp -d)
TS_RS_EXPORT_DIR="$tsdir" TS_RS_IMPORT_EXTENSION=js cargo test --quiet --features ts --lib export_bindings >/dev/null
for f in "$tsdir"/*.ts; do
  cp "$f" "pkg/types/$(basename "$f" .ts).d.ts"
done
# The limits and lists the JS bridge checks (src/api/js_limits.rs): entries.mjs writes them as
# limits.js.
cp "$tsdir/limits.json" pkg/limits.json
rm -rf "$tsdir"

# Every entry (Node ESM and CommonJS, browser, workerd, Deno; full and checkout), the CommonJS
# copies of the bridge and the glue, the declarations and the README, from the one function table.
log "entries and declarations from js/functions.js"
node scripts/entries.mjs pkg
# The npm page's README is js/README.md (install, runtimes, functions, errors), not the
# repository's; entries.mjs wrote it with its list of functions.
cp js/package.json LICENSE pkg/

# The API reference: TypeDoc over the package's declarations (each function's summary, errors and
# example come from js/functions.js through entries.mjs), into docs/api/ (not committed; the server
# serves it at /docs/api/). Warnings fail the build (a broken {@link}, an unexported type).
log "API reference (TypeDoc) into docs/api/"
rm -rf docs/api
scripts/typedoc/node_modules/.bin/typedoc --options scripts/typedoc/typedoc.json --logLevel Warn

size() {
  local wasm=pkg/wasm/$1_bg.wasm
  local raw gz glue
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  glue=$(cat "pkg/wasm/$1.js" pkg/bridge.js "$2" | gzip -9 | wc -c)
  echo "$1_bg.wasm $raw bytes raw, $gz bytes gzipped; browser JS glue $glue bytes gzipped"
}
log "pkg/ ready: $(size balance_ledger pkg/browser.js)"
log "checkout entry: $(size balance_ledger_checkout pkg/checkout/browser.js)"
