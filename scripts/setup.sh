#!/usr/bin/env bash
# Installs whatever this machine lacks to build and test balance-ledger; each step is skipped when
# its tool is already there. Only the Rust crate registry, the npm registry, PyPI (the server
# tests' Python clients) and Debian's packages are used.
#   scripts/setup.sh          build tools (wasm target, wasm-bindgen CLI, npm packages: wasm-opt,
#                             TypeScript, playwright-core for the cross-runtime test)
#   scripts/setup.sh --test   also Debian's chromium and chromium-driver for the browser tests, and
#                             the ecosystem test's pinned tools (Vite, webpack, esbuild, Bun, Deno,
#                             workerd, Node 18, arethetypeswrong, publint) into target/ecosystem, and
#                             postgresql for the server's tests, and the official Stripe and
#                             Balanced Python clients in target/python-clients
#   scripts/setup.sh --fuzz   also cargo-fuzz (scripts/fuzz.sh; needs the nightly toolchain)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust (rustup) first" >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must be the exact version of the wasm-bindgen crate (Cargo.toml pins it with "=").
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ] || ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "installing wasm-bindgen-cli $want (had: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# decimal.js and big.js are the benchmark's peers (scripts/bench.sh).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/tsc ] || [ ! -d node_modules/playwright-core ] ||
  [ ! -d node_modules/decimal.js ] || [ ! -d node_modules/big.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing Debian's chromium and chromium-driver"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # The server tests run a private PostgreSQL (scripts/with-postgres.sh); the package's own
  # cluster is not used (nor started: only its binaries are needed).
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing Debian's postgresql"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    # Where the install started the package's own cluster, stop it: nothing is left running.
    pg_lsclusters --no-header 2>/dev/null | awk '$4 == "online" { print $1, $2 }' |
      while read -r version cluster; do $SUDO pg_ctlcluster "$version" "$cluster" stop || true; done
  fi
fi

# The ecosystem test's tools (scripts/ecosystem.sh), pinned in tests/ecosystem/package-lock.json,
# into target/ecosystem/tools, once per version of the lock. --ignore-scripts: Bun, Deno, workerd
# and Node 18 are the npm packages that hold their binaries, so no install script downloads
# anything and only the npm registry is reached.
if [ "${1:-}" = "--test" ]; then
  # `npm install` over the lock, not `npm ci`: Vite lists a Windows-only optional package that the
  # registry here does not have, which `npm install` skips and `npm ci` refuses. The versions are
  # the lock's either way; the stamp records which lock was installed.
  tools=target/ecosystem/tools
  if ! cmp -s tests/ecosystem/package-lock.json "$tools/installed-lock.json"; then
    log "installing the ecosystem test's tools into $tools"
    rm -rf "$tools"
    mkdir -p "$tools"
    cp tests/ecosystem/package.json tests/ecosystem/package-lock.json "$tools/"
    (cd "$tools" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
    cp tests/ecosystem/package-lock.json "$tools/installed-lock.json"
  fi
fi

if [ "${1:-}" = "--fuzz" ]; then
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "fuzzing needs the nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
  fi
  if ! command -v cargo-fuzz >/dev/null; then
    log "installing cargo-fuzz"
    cargo install cargo-fuzz
  fi
fi

# The official Python clients of the server tests (Stripe's; Balanced's, converted by lib2to3) in a
# virtual environment under target/python-clients (scripts/python-clients.sh; skipped when done).
if [ "${1:-}" = "--test" ]; then
  # Debian ships venv/ensurepip and lib2to3 (the standard library's, up to Python 3.12) apart.
  if ! python3 -W ignore -c "import venv, ensurepip, lib2to3" 2>/dev/null; then
    log "installing Debian's python3-venv and python3-lib2to3"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv python3-lib2to3 >/dev/null
  fi
  log "the Python clients of the server tests (target/python-clients)"
  bash scripts/python-clients.sh
fi
