// A private PostgreSQL cluster a test controls (Debian's `postgresql` package, as
// scripts/with-postgres.sh starts one): initdb in a temp dir, started on a free port on 127.0.0.1,
// crashed (`pg_ctl stop -m immediate`: every backend killed, no checkpoint; recovery replays the
// WAL on start) and started again, removed at the end.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, chown } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

async function binDir() {
  const versions = (await readdir("/usr/lib/postgresql").catch(() => [])).sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) throw new Error("PostgreSQL is missing: bash scripts/setup.sh --test installs Debian's postgresql");
  return join("/usr/lib/postgresql", versions.at(-1), "bin");
}

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** → { port, url, crash(), start(), remove() }. `settings`: extra `-c name=value` for the server. */
export async function privateCluster(settings = {}) {
  const bin = await binDir();
  const dir = await mkdtemp(join(tmpdir(), "balance-ledger-chaos-pg-"));
  // initdb and postgres refuse to run as root: as root, they run as Debian's `postgres` user.
  const root = process.getuid() === 0;
  let uid = 0;
  if (root) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    uid = Number(stdout.trim());
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, uid, Number(gid.trim()));
  }
  const as = (cmd, args) => (root ? run("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  const data = join(dir, "data");
  await as("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = [
    `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c max_connections=200`,
    ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`),
  ].join(" ");
  const start = () => as("pg_ctl", ["-D", data, "-l", join(dir, "log"), "-w", "-t", "120", "-o", options, "start"]);
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    crash: () => as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    async remove() {
      await as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
