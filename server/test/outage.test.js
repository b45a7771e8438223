// What a client sees while PostgreSQL is away, one fault at a time on one server (the chaos run
// mixes them under load): a database that vanished without a word (the network cut: no refusal,
// no reset) and one that crashed (`pg_ctl stop -m immediate`). Each: 503 with Retry-After in the
// error shape, never a 500, never a hang (the client gives up at 60 s; the server's bounds are
// ~25 s); then, once the database is back, the same server (not restarted) applies the retried
// request once, and its pool works on new connections.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { privateCluster } from "./support/cluster.js";
import { PRIVATE_KEY, startServer } from "./support/harness.js";
import { cuttableProxy } from "./support/proxy.js";

async function send(url, method, path, { body, headers = {} } = {}) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${PRIVATE_KEY}`, ...(body ? { "content-type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

/** The answer of a server that cannot reach its database. */
function unavailable(r) {
  assert.equal(r.status, 503, r.text);
  assert.equal(r.headers.get("retry-after"), "1");
  assert.equal(r.body.error.code, "database_unavailable");
  assert.doesNotMatch(r.text, /\.js:\d+|ECONN|Connection terminated|timeout/i, "no stack or driver detail reaches the client");
}

describe("PostgreSQL away, one server", () => {
  let cluster;
  let proxy;
  let server;
  before(async () => {
    cluster = await privateCluster();
    proxy = await cuttableProxy(cluster.port);
    server = await startServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/postgres`, DB_POOL: "3" });
    assert.equal((await send(server.url, "POST", "/customer", { body: { id: "out", currency: "SEK" } })).status, 201);
  });
  after(async () => {
    await server?.stop();
    await proxy?.close();
    await cluster?.remove();
  });

  const charge = (key) => send(server.url, "POST", "/customer/out/balance", { body: [{ price: "10.00" }], headers: { "idempotency-key": key } });

  test("the network to it cut: 503 with Retry-After (no hang); restored: the retry applies once", async () => {
    const warm = await charge("before-cut");
    assert.equal(warm.status, 200);
    proxy.cut();
    try {
      unavailable(await charge("during-cut"));
      unavailable(await send(server.url, "GET", "/health"));
    } finally {
      proxy.restore();
    }
    const retried = await charge("during-cut");
    assert.equal(retried.status, 200, retried.text);
    const again = await charge("during-cut");
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(server.proc.exitCode, null, "the same process served throughout");
  });

  test("crashed and started again: 503 with Retry-After while down; then served, nothing twice", async () => {
    await cluster.crash();
    try {
      unavailable(await charge("during-crash"));
      unavailable(await send(server.url, "GET", "/customer/out"));
    } finally {
      await cluster.start();
    }
    assert.equal((await charge("during-crash")).status, 200);
    const sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
    try {
      const { rows } = await sql.query("SELECT entry->>'idempotency_key' AS key FROM journal WHERE customer_id = 'out' ORDER BY version");
      assert.deepEqual(rows.map((r) => r.key), ["before-cut", "during-cut", "during-crash"], "each acknowledged charge once");
      const { rows: conns } = await sql.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'postgres' AND pid <> pg_backend_pid()");
      assert.ok(conns[0].n <= 3, `the pool holds ${conns[0].n} connections (DB_POOL 3): the dead ones were dropped`);
    } finally {
      await sql.end();
    }
    assert.equal(server.proc.exitCode, null, "the same process served throughout");
  });
});
