// The service around the routes: the configuration checked at start (@fastify/env), 405 with Allow,
// a bodiless GET/DELETE that says JSON, and GET /metrics (private key only) with the request and
// domain counters moving under HTTP calls.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BACKENDS, call, createCustomer, freshDatabase, serverOn, startServer } from "./support/harness.js";
import { openDb } from "../src/db/index.js";
import { seed } from "./support/seed.js";

describe("configuration (PGlite)", () => {
  for (const [name, value] of [
    ["CREDIT_JOB_SECONDS", "1m"],
    ["PORT", "70000"],
    ["LOG_LEVEL", "loud"],
    ["DB_POOL", "0"],
  ]) {
    test(`${name}=${value} stops the start, naming the variable`, async () => {
      const db = await freshDatabase("pglite");
      try {
        await assert.rejects(startServer({ ...db.env, [name]: value }), (err) => {
          assert.match(err.message, /server exited before/);
          assert.match(err.message, new RegExp(`bad configuration: .*${name}`));
          return true;
        });
      } finally {
        await db.drop();
      }
    });
  }
});

/** Prometheus text → { "name{labels}": value } (labels as written). */
function samples(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

for (const backend of BACKENDS) {
  describe(`the service on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend);
    });
    after(() => s?.close());

    test("a known path with a method it has not: 405 with Allow, in the error shape", async () => {
      const r = await s.call("PUT", "/customer/x/balance", { body: 1 });
      assert.equal(r.status, 405);
      assert.equal(r.headers.get("allow"), "POST");
      assert.equal(r.body.error.code, "method_not_allowed");
      const list = await s.call("DELETE", "/customer");
      assert.equal(list.status, 405);
      assert.deepEqual(list.headers.get("allow").split(", ").sort(), ["GET", "HEAD", "POST"]);
      // An unknown path stays 404.
      assert.equal((await s.call("PUT", "/nowhere/at/all")).status, 404);
    });

    test("GET and DELETE with Content-Type: application/json and no body are accepted", async () => {
      await createCustomer(s, { id: "empty", currency: "SEK" });
      const json = { "content-type": "application/json" };
      const got = await s.call("GET", "/customer/empty", { headers: json });
      assert.equal(got.status, 200);
      const settled = await s.call("DELETE", "/v1/customer/empty/balance", { headers: json });
      assert.equal(settled.status, 200);
      assert.deepEqual(settled.body, { updated: 0, errors: 0, declined: 0, results: [] });
      // A POST still needs its body.
      assert.equal((await s.call("POST", "/customer/empty/balance", { headers: json, raw: "" })).status, 400);
    });

    test("GET /metrics: the private key only; requests per route and status, the domain's counters move", async () => {
      assert.equal((await s.call("GET", "/metrics", { key: null })).status, 401);
      const { key } = await createCustomer(s, { id: "m1", currency: "SEK", schedule: [1] });
      assert.equal((await s.call("GET", "/metrics", { key })).status, 403);
      const read = async () => {
        const r = await s.call("GET", "/metrics");
        assert.equal(r.status, 200);
        assert.match(r.headers.get("content-type"), /^text\/plain/);
        return samples(r.body);
      };
      const before_ = await read();
      const idem = { "idempotency-key": "m-k1" };
      assert.equal((await s.call("POST", "/customer/m1/balance", { body: 10, headers: idem })).status, 200);
      assert.equal((await s.call("POST", "/customer/m1/balance", { body: 10, headers: idem })).status, 200); // replay
      assert.equal((await s.call("POST", "/customer/m1/balance", { body: 11, headers: idem })).status, 409); // conflict
      assert.equal((await s.call("POST", "/customer/m1/balance", { body: 2500 })).status, 200);
      const order = { customer: "m1", number: "m-o1", items: [{ price: 5 }], currency: "SEK", payment: { type: "customer", charge: "balance" } };
      assert.equal((await s.call("POST", "/order", { body: order })).status, 201);
      // The test authoriser declines 2000.00–2999.99: a failed settlement, then a credit created.
      const settled = await s.call("DELETE", "/v1/customer/m1/balance");
      assert.equal(settled.body.declined, 1);
      const account = { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" };
      assert.equal((await s.call("POST", "/v1/credits", { body: { amount: 1234, bank_account: account } })).status, 201);
      const now = await read();
      const moved = (name) => (now[name] ?? 0) - (before_[name] ?? 0);
      assert.equal(moved("balance_ledger_charges_total"), 2);
      assert.equal(moved('balance_ledger_idempotent_replays_total{operation="charge"}'), 1);
      assert.equal(moved("balance_ledger_idempotency_conflicts_total"), 1);
      assert.equal(moved('balance_ledger_funds_total{outcome="success"}'), 1);
      assert.equal(moved('balance_ledger_settlements_total{outcome="failure"}'), 1);
      assert.equal(moved('balance_ledger_credits{version="1",status="pending"}'), 1);
      assert.equal(now.balance_ledger_settle_all_in_progress, 0);
      assert.equal(now.balance_ledger_cash_held, 0);
      assert.equal(now.balance_ledger_cash_discarded, 0);
      const charges = 'http_request_duration_seconds_count{method="POST",route="/customer/:id/balance",status_code="200"}';
      assert.equal(moved(charges), 3);
      assert.equal(moved('http_request_duration_seconds_count{method="POST",route="/customer/:id/balance",status_code="409"}'), 1);
    });
  });
}

describe("under pressure (PostgreSQL)", { skip: !BACKENDS.includes("postgres") }, () => {
  test("while queries queue for the pool past MAX_DB_WAITING, requests are 503 with Retry-After; then served again", async () => {
    const db = await freshDatabase("postgres");
    try {
      const handle = await openDb({ databaseUrl: db.databaseUrl, poolSize: 2 });
      await seed(handle, 3000, (i) => `p${i}`);
      await handle.close();
      // One connection for a settle-all that runs 8 customers at once: 7 wait all along.
      const s = await startServer({ ...db.env, DB_POOL: "1", MAX_DB_WAITING: "3" });
      try {
        const settling = call(s.url, "DELETE", "/v1/customer/all/balance");
        let busy = null;
        let done = false;
        settling.then(() => (done = true), () => (done = true));
        // Asked until the health check (every 500 ms) has seen the queue, or the settle-all ended.
        while (!busy && !done) {
          const r = await call(s.url, "GET", "/customer/p1");
          if (r.status === 503) busy = r;
          else await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.ok(busy, "a request was refused while the pool was saturated");
        assert.equal(busy.headers.get("retry-after"), "1");
        assert.equal(busy.body.error.code, "unavailable");
        const settled = await settling;
        assert.equal(settled.status, 200);
        assert.equal(settled.body.updated + settled.body.declined, 3000);
        // Once the queue is gone the server serves again (the next health check).
        let again;
        do {
          again = await call(s.url, "GET", "/customer/p1");
          if (again.status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
        } while (again.status === 503);
        assert.equal(again.status, 200);
      } finally {
        await s.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
