#!/usr/bin/env bash
# Runs a command beside a private PostgreSQL (Debian's `postgresql` package): a fresh data
# directory in a temp dir, listening on 127.0.0.1 on a free port, its unix socket in that temp dir
# (no clash with a system server), stopped and removed when the command ends, however it ends.
# The command gets TEST_DATABASE_URL (the superuser's database; tests create their own databases).
#   bash scripts/with-postgres.sh node --test server/test/*.test.js   (the command runs where it is started)
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL is missing: bash scripts/setup.sh --test installs Debian's postgresql" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/balance-ledger-pg.XXXXXX)
# initdb and postgres refuse to run as root: as root, they run as the `postgres` user Debian's
# package creates, in a directory that user owns.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c max_connections=200" start >/dev/null
echo "[with-postgres] PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
