#!/usr/bin/env bash
# The side-by-side benchmark: installs its npm peers (decimal.js, big.js: devDependencies), builds
# pkg/ when missing or older than the sources and the native ceiling (benches/native.rs), then runs
# benches/run.mjs in one Node process and prints the table.
#   bash scripts/bench.sh           full sizes (a few minutes)
#   bash scripts/bench.sh --quick   tiny sizes: checks the benchmark still runs (the test command)
#   bash scripts/bench.sh --state   the state calls on the café customer against its JSON round
#                                   trip, and the native charge (benches/state.mjs, benches/state.rs)
#   bash scripts/bench.sh --instructions [pkg-A] [pkg-B]
#                                   the state calls' instructions per call in wasm (callgrind), one
#                                   build or two side by side (benches/instructions.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh # installs decimal.js and big.js (devDependencies) when missing
if [ ! -f pkg/wasm/balance_ledger_bg.wasm ] ||
  [ -n "$(find src js Cargo.toml -newer pkg/wasm/balance_ledger_bg.wasm -print -quit)" ]; then
  bash scripts/build.sh
fi
if [ "${1:-}" = "--instructions" ]; then
  # Instructions per call of the state calls in wasm (callgrind), for pkg/ or two package
  # directories side by side: a count that the machine's load does not move.
  if ! command -v valgrind >/dev/null; then
    printf '\033[1m[bench]\033[0m installing Debian'"'"'s valgrind\n'
    SUDO=$([ "$(id -u)" -eq 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq valgrind >/dev/null
  fi
  grep -qs '"cashTx"' target/bench-data/cafe.json || node benches/state.mjs --quick >/dev/null
  shift
  exec node benches/instructions.mjs "$@"
fi
if [ "${1:-}" = "--state" ]; then
  printf '\033[1m[bench]\033[0m cargo bench --no-run --bench state\n'
  cargo bench --quiet --no-run --bench state 2>/dev/null || cargo bench --no-run --bench state
  shift
  exec node benches/state.mjs "$@"
fi
printf '\033[1m[bench]\033[0m cargo bench --no-run --bench native\n'
cargo bench --quiet --no-run --bench native 2>/dev/null || cargo bench --no-run --bench native
# The serde-wasm-bindgen row's measurement build (benches/swb, never in the package); the row says
# "n/a" when it cannot be built.
if [ "${1:-}" != "--quick" ]; then
  printf '\033[1m[bench]\033[0m the serde-wasm-bindgen measurement build (benches/swb)\n'
  if cargo build --quiet --release --target wasm32-unknown-unknown --manifest-path benches/swb/Cargo.toml \
    --target-dir target/swb; then
    wasm-bindgen --target web --out-dir target/swb/pkg \
      target/swb/wasm32-unknown-unknown/release/balance_ledger_swb.wasm
  else
    echo "the serde-wasm-bindgen build failed: its row is n/a"
  fi
fi
exec node benches/run.mjs "$@"
