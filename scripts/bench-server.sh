#!/usr/bin/env bash
# The server's benchmark: autocannon (npm) 10 s at 50 connections on PGlite and on a private
# PostgreSQL — charges per second with p50/p99, previews per second — and a settle-all of 100,000
# customers on PostgreSQL, 10,000 on PGlite (SETTLE_CUSTOMERS changes both). Builds the package when pkg/ is missing. Prints
# figures, asserts none. `--quick` runs tiny sizes; `--backends=postgres` one database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
[ -f pkg/node.js ] || bash scripts/build.sh
[ -d server/node_modules/autocannon ] || (cd server && npm ci --no-audit --no-fund --loglevel=error)
bash scripts/with-postgres.sh node server/bench/run.js "$@"
