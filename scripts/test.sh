#!/usr/bin/env bash
# Runs every test of balance-ledger, installing what is missing first:
#   format and lints (clippy denies unwrap/expect/indexing/panic in the core), the Rust core natively
#   (unit, rule and property tests), the core as wasm in Node and in headless Chromium
#   (wasm-bindgen-test), the built npm package from Node (import, require(), npm pack), and a
#   TypeScript type-check of the public types.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh --test

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (native and wasm32) -D warnings"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings

step "Rust core, natively"
cargo test --quiet

step "wasm-bindgen-test in Node"
cargo test --target wasm32-unknown-unknown --test wasm

step "wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm

step "build the npm package"
bash scripts/build.sh

step "the package from Node: import, require(), npm pack"
node --test tests/js/

step "TypeScript: tsc --noEmit over a consumer of the package"
mkdir -p tests/ts/node_modules
ln -sfn ../../../pkg tests/ts/node_modules/balance-ledger
node_modules/.bin/tsc -p tests/ts
echo "types check"

printf '\n\033[1mall tests passed in %ss\033[0m\n' "$(( $(date +%s) - start ))"
