// The service around the routes: the configuration checked at start (@fastify/env), 405 with Allow,
// a bodiless GET/DELETE that says JSON, and GET /metrics (private key only) with the request and
// domain counters moving under HTTP calls.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BACKENDS, createCustomer, freshDatabase, serverOn, startServer } from "./support/harness.js";

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
