#!/usr/bin/env bash
# Builds the package (installing what is missing), installs the server's npm packages (the package
# among them, from pkg/, as a user installs it) and starts the server on 127.0.0.1: the API and the
# demo page from one origin, on PGlite in DATA_DIR (default ./data), or PostgreSQL at DATABASE_URL.
#   PORT (default 8080), DATA_DIR, PRIVATE_KEY (generated and printed when not given),
#   SERVE_MINUTES (default 60: it stops by itself), LOG_LEVEL (default info), AUTHORISER (default
#   test: the built-in test authoriser; or the path of the operator's module).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
# pkg/ was just rebuilt, so the server's copy of it is reinstalled too (npm ci: the lockfile exactly).
(cd server && npm ci --no-audit --no-fund --loglevel=error)
# The demo runs on the documented test authoriser unless another is named (server/README.md).
export PORT="${PORT:-8080}" DATA_DIR="${DATA_DIR:-./data}" SERVE_MINUTES="${SERVE_MINUTES:-60}" AUTHORISER="${AUTHORISER:-test}"
exec node server/src/main.js
