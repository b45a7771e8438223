#!/usr/bin/env bash
# Runs every test of balance-ledger, installing what is missing first:
#   format and lints (clippy denies unwrap/expect/indexing/panic in the core), the Rust core natively
#   (unit, rule, property, layout and doc tests), the core as wasm in Node and in headless Chromium
#   (wasm-bindgen-test), the built npm package from Node (import, require(), npm pack, hostile
#   input, leaks, byte-identical answers in headless Chromium), the packed package in every
#   runtime and bundler (scripts/ecosystem.sh), the server on PGlite and PostgreSQL, a compile
#   check (clippy) of the fuzz targets, and a TypeScript type-check of the public types.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh --test

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# Every runner's output also goes to a log, so the closing line can count all tests of the run.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
exec > >(tee "$log") 2>&1

step "cargo fmt --check"
cargo fmt --all --check
cargo fmt --check --manifest-path fuzz/Cargo.toml

step "cargo clippy (native and wasm32) -D warnings"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

# Runs the doc tests of the Rust API too (a lib crate's `cargo test` does), tests/layout.rs (no
# module cycles, files ≤ 700 lines) and tests/corpus.rs (the corpus answers unchanged).
step "Rust core, natively"
cargo test --quiet
# The tests that compare the generated TypeScript declarations with the core's field lists.
cargo test --quiet --features ts --lib

step "wasm-bindgen-test in Node"
cargo test --target wasm32-unknown-unknown --tests

step "wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --tests

step "build the npm package"
bash scripts/build.sh

# Also the hostile-input corpus (tests/js/hostile.test.mjs), the leak test (a million calls;
# it enables gc itself), the error-code table check and the Node/Chromium comparison of
# tests/corpus/valid.json (playwright-core driving Debian's chromium).
step "the package from Node: import, require(), npm pack, hostile input, leaks, Node = Chromium"
node --test tests/js/

# The packed tarball installed into fresh folders: Node ESM/CJS (18 and this one), TypeScript
# nodenext/node16/bundler, Vite, webpack, esbuild, a plain page and a module worker in Chromium,
# Bun, Deno, workerd, arethetypeswrong, publint (its pinned tools are installed once, ~1 min).
step "the package where JavaScript runs (scripts/ecosystem.sh)"
bash scripts/ecosystem.sh

# The server (server/) as a child process on PGlite and on a private PostgreSQL (Debian's, started
# by with-postgres.sh on a temp dir and a free 127.0.0.1 port, stopped however the tests end): every
# endpoint and refusal, hostile HTTP, two servers on one database, kill -9 during settle-all, and
# each family's official clients (Stripe's Node and Python clients, Balanced's Python client
# converted by lib2to3: scripts/python-clients.sh, which setup.sh --test runs; a no-op when done).
step "the server on PGlite and PostgreSQL: HTTP, hostile input, concurrency, crash, official clients"
(cd server && npm ci --no-audit --no-fund --loglevel=error)
bash scripts/python-clients.sh
bash scripts/with-postgres.sh node --test server/test/*.test.js

step "the demo page in headless Chromium (playwright-core; axe-core, layout and visible-text checks at 1280 and 390 px): target/screenshots/"
node --test tests/e2e/

# The fuzzers themselves run with scripts/fuzz.sh (nightly, minutes per target); here they are
# only compiled, so a change of the api cannot leave them broken, and their input generator is
# checked to reach valid customers.
step "fuzz targets compile, keep clippy's lints, and their generator works (run them with scripts/fuzz.sh)"
cargo clippy --quiet --manifest-path fuzz/Cargo.toml --all-targets -- -D warnings
cargo test --quiet --manifest-path fuzz/Cargo.toml --lib

step "TypeScript: tsc --noEmit over a consumer of the package"
mkdir -p tests/ts/node_modules
ln -sfn ../../../pkg tests/ts/node_modules/balance-ledger
node_modules/.bin/tsc -p tests/ts
echo "types check"

# cargo's and wasm-bindgen-test's "test result: ok. N passed; M failed", node's "# pass N" / "# fail N".
passed=$(sed -n 's/.*test result: [a-zA-Z]*\. \([0-9]*\) passed.*/\1/p; s/^# pass \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(sed -n 's/.*test result: [a-zA-Z]*\. [0-9]* passed; \([0-9]*\) failed.*/\1/p; s/^# fail \([0-9]*\)$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
printf '\nall tests passed in %ss\n' "$(( $(date +%s) - start ))"
echo "$passed passed, $failed failed"
