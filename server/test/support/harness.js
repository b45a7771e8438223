// What the server tests share: a fresh database of either kind, the real server started as a
// child process on a free port (as scripts/serve.sh starts it), and a small HTTP client.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { access, cp, mkdtemp, readdir, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { openDb } from "../../src/db/index.js";
import { checkedFetch, watch } from "./contract.js";

// Every answer a test receives from a server started here is checked against its OpenAPI document.
const realFetch = globalThis.fetch;
globalThis.fetch = checkedFetch(realFetch);

export const SERVER_DIR = resolve(import.meta.dirname, "..", "..");
export const PRIVATE_KEY = `sk_test_${randomBytes(12).toString("hex")}`;

/** The backends every HTTP test runs on. PostgreSQL comes from scripts/with-postgres.sh. */
export const BACKENDS = (process.env.TEST_BACKENDS ?? "pglite,postgres").split(",");

function adminUrl() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "TEST_DATABASE_URL is not set: run the server tests through scripts/with-postgres.sh " +
        "(bash scripts/with-postgres.sh node --test server/test/*.test.js), which starts a private PostgreSQL",
    );
  }
  return url;
}

// A new PGlite directory takes ~15 s to initialise, a copy of one well under a second: every test
// database is a copy of one migrated template, kept in the temp dir per PGlite version and
// migrations (so a change of either makes a new one).
let template;
function pgliteTemplate() {
  template ??= (async () => {
    const hash = createHash("sha256");
    hash.update(JSON.parse(await readFile(join(SERVER_DIR, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version);
    for (const f of (await readdir(join(SERVER_DIR, "migrations"))).sort()) hash.update(await readFile(join(SERVER_DIR, "migrations", f)));
    const dir = join(tmpdir(), `balance-ledger-pglite-template-${hash.digest("hex").slice(0, 16)}`);
    try {
      await access(join(dir, "PG_VERSION"));
      return dir;
    } catch {
      // made below
    }
    const building = await mkdtemp(join(tmpdir(), "balance-ledger-pglite-building-"));
    const db = await openDb({ dataDir: building });
    await db.close();
    // Another test process may have made it meanwhile: either copy is as good.
    await rename(building, dir).catch(() => rm(building, { recursive: true, force: true }));
    return dir;
  })();
  return template;
}

/**
 * The isolation level PostgreSQL test databases run at (TEST_ISOLATION: "read committed", the
 * default, or "serializable", CockroachDB's and YugabyteDB's mode): set on the database, as an
 * operator would, so every connection of every server starts its transactions at that level.
 */
export const ISOLATION = process.env.TEST_ISOLATION ?? "read committed";
if (!["read committed", "serializable"].includes(ISOLATION)) throw new Error(`TEST_ISOLATION: ${ISOLATION}?`);

/** A new, empty database: { backend, env (DATA_DIR or DATABASE_URL), drop() }. */
export async function freshDatabase(backend) {
  if (backend === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "balance-ledger-pglite-"));
    await cp(await pgliteTemplate(), dir, { recursive: true });
    return { backend, env: { DATA_DIR: dir }, dataDir: dir, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const admin = adminUrl();
  const name = `t_${randomBytes(6).toString("hex")}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.query(`ALTER DATABASE ${name} SET default_transaction_isolation = '${ISOLATION}'`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    backend,
    env: { DATABASE_URL: url.toString() },
    databaseUrl: url.toString(),
    async drop() {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

/**
 * Starts `node server/src/main.js` with PORT=0 and the given environment (and node's options
 * `nodeArgs`, e.g. --cpu-prof); resolves once it listens.
 * → { url, port, proc, output(), waitFor(regex), stop() (SIGTERM, waits), kill() (SIGKILL, waits) }.
 */
export function startServer(env = {}, { nodeArgs = [] } = {}) {
  const proc = spawn(process.execPath, [...nodeArgs, join(SERVER_DIR, "src/main.js")], {
    cwd: SERVER_DIR,
    // The documented test authoriser, chosen explicitly as an operator would (a test may name
    // another, or none: AUTHORISER: undefined).
    env: { ...process.env, PORT: "0", PRIVATE_KEY, LOG_LEVEL: "warn", AUTHORISER: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const watchers = new Set();
  const onData = (d) => {
    out += d;
    for (const w of watchers) w();
  };
  proc.stdout.on("data", onData);
  proc.stderr.on("data", onData);
  const exited = new Promise((r) => proc.once("exit", (code, signal) => r({ code, signal })));
  const waitFor = (regex, ms = 60_000) =>
    new Promise((resolve_, reject) => {
      const check = () => {
        const m = regex.exec(out);
        if (m) {
          watchers.delete(check);
          clearTimeout(timer);
          resolve_(m);
        }
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`server: no ${regex} within ${ms} ms; output:\n${out.slice(-4000)}`));
      }, ms);
      watchers.add(check);
      exited.then(() => {
        if (watchers.has(check)) {
          watchers.delete(check);
          clearTimeout(timer);
          reject(new Error(`server exited before ${regex}; output:\n${out.slice(-4000)}`));
        }
      });
      check();
    });
  return waitFor(/balance-ledger server: http:\/\/127\.0\.0\.1:(\d+)\//).then(async (m) => {
    const port = Number(m[1]);
    await watch(`http://127.0.0.1:${port}`, realFetch);
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      proc,
      output: () => out,
      waitFor,
      exited,
      async stop() {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
        return exited;
      },
      async kill() {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
        return exited;
      },
    };
  });
}

/** fetch with JSON: → { status, headers, body } (body parsed when JSON, else text). */
export async function call(base, method, path, { key = PRIVATE_KEY, body, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h["content-type"] ??= "application/json";
  }
  const res = await fetch(base + path, { method, headers: h, body: payload });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/**
 * One server on a fresh database of `backend`, for a describe block. `direct(fn)` runs fn(db) on
 * the database itself (the server's own db module): beside the running server on PostgreSQL; on
 * PGlite, whose directory one process opens at a time, with the server stopped and restarted.
 */
export async function serverOn(backend, env = {}) {
  const db = await freshDatabase(backend);
  const s = {
    db,
    server: await startServer({ ...db.env, ...env }),
    get url() {
      return s.server.url;
    },
    call: (method, path, opts) => call(s.server.url, method, path, opts),
    async direct(fn) {
      if (backend === "pglite") await s.server.stop();
      const handle = await openDb({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 2 });
      try {
        return await fn(handle);
      } finally {
        await handle.close();
        if (backend === "pglite") s.server = await startServer({ ...db.env, ...env });
      }
    },
    async close() {
      await s.server.stop();
      await db.drop();
    },
  };
  return s;
}

/** Creates a customer through the API; → { customer, key }. */
export async function createCustomer(s, fields) {
  const r = await s.call("POST", "/customer", { body: fields });
  if (r.status !== 201) throw new Error(`POST /customer: ${r.status} ${JSON.stringify(r.body)}`);
  const { key, ...customer } = r.body;
  return { customer, key };
}
