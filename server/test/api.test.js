// HTTP tests of the customer, charge, order, journal and IVR endpoints and their refusals, on PGlite
// and on PostgreSQL: the real server process, a fresh database each.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BACKENDS, createCustomer, serverOn } from "./support/harness.js";

const ORDER = (customer, items, extra = {}) => ({
  number: `o-${Math.random().toString(36).slice(2)}`,
  items,
  currency: "SEK",
  customer,
  payment: { type: "customer", charge: "balance" },
  ...extra,
});

for (const backend of BACKENDS) {
  describe(`API on ${backend}`, () => {
    let s;
    let c1;
    let c2;
    before(async () => {
      s = await serverOn(backend);
      c1 = await createCustomer(s, { id: "c1", currency: "SEK", schedule: [1, 3], name: "FAIRPOINT COMMUNICATIONS INC" });
      c2 = await createCustomer(s, { id: "c2", currency: "SEK", limit: 500 });
    });
    after(() => s?.close());

    test("GET /health answers ok with the database kind and the authoriser chosen", async () => {
      const r = await s.call("GET", "/health", { key: null });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { status: "ok", database: backend, authoriser: "test" });
    });

    test("GET /docs/api/: the API reference scripts/build.sh generated, without a key", async () => {
      const index = await s.call("GET", "/docs/api/", { key: null });
      assert.equal(index.status, 200);
      assert.match(index.headers.get("content-type"), /^text\/html/);
      assert.match(index.body, /balance-ledger/);
      // Each function has its page, with its errors and its example.
      const charge = await s.call("GET", "/docs/api/functions/chargeBalance.html", { key: null });
      assert.equal(charge.status, 200);
      assert.match(charge.body, /limit_exceeded/);
      assert.match(charge.body, /idempotency_key/);
      assert.equal((await s.call("GET", "/docs/api/functions/noSuchFunction.html", { key: null })).status, 404);
    });

    test("POST /customer: 201, the customer as the package writes it, and its key once", async () => {
      const r = await s.call("POST", "/customer", { body: { id: "new-1", currency: "sek", limit: { hard: 1000, soft: 800 } } });
      assert.equal(r.status, 201);
      assert.match(r.body.key, /^ck_[A-Za-z0-9_-]{32}$/);
      assert.equal(r.body.id, "new-1");
      assert.equal(r.body.currency, "SEK");
      assert.deepEqual(r.body.balance, []);
      assert.equal(r.body.total, "0.00");
      assert.equal(r.body.version, 0);
      const g = await s.call("GET", "/customer/new-1");
      assert.equal(g.status, 200);
      assert.equal(g.body.key, undefined, "the key is shown once, never again");
      assert.deepEqual(g.body.limit, r.body.limit);
    });

    test("POST /customer without an id makes one", async () => {
      const r = await s.call("POST", "/customer", { body: { currency: "EUR" } });
      assert.equal(r.status, 201);
      assert.match(r.body.id, /^cus_[A-Za-z0-9_-]{16}$/);
      assert.equal((await s.call("GET", `/customer/${r.body.id}`)).body.currency, "EUR");
    });

    test("POST /customer refusals: 409 duplicate, 400 unknown currency / field / reserved id, 403 customer key, 401 no key", async () => {
      const dup = await s.call("POST", "/customer", { body: { id: "c1", currency: "SEK" } });
      assert.equal(dup.status, 409);
      assert.equal(dup.body.error.code, "duplicate_id");
      const cur = await s.call("POST", "/customer", { body: { id: "x1", currency: "XXY" } });
      assert.equal(cur.status, 400);
      assert.equal(cur.body.error.code, "invalid_input");
      assert.deepEqual(cur.body.error.issues.map((i) => [i.path, i.code]), [["/currency", "unknown_currency"]]);
      const field = await s.call("POST", "/customer", { body: { id: "x2", currency: "SEK", total: 100 } });
      assert.equal(field.status, 400);
      assert.deepEqual(field.body.error.issues.map((i) => [i.path, i.code]), [["/total", "unknown_field"]]);
      assert.equal(field.body.error.message, "/total is not a field here");
      const sched = await s.call("POST", "/customer", { body: { id: "x3", currency: "SEK", schedule: [0] } });
      assert.equal(sched.status, 400);
      assert.equal(sched.body.error.issues[0].path, "/schedule/0");
      for (const id of ["all", "me"]) {
        const res = await s.call("POST", "/customer", { body: { id, currency: "SEK" } });
        assert.equal(res.status, 400, id);
        assert.equal(res.body.error.issues[0].path, "/id");
      }
      const byCustomer = await s.call("POST", "/customer", { key: c1.key, body: { id: "x4", currency: "SEK" } });
      assert.equal(byCustomer.status, 403);
      assert.equal(byCustomer.body.error.code, "forbidden");
      const none = await s.call("POST", "/customer", { key: null, body: { id: "x5", currency: "SEK" } });
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, "unauthorized");
      assert.equal((await s.call("GET", "/customer/x1")).status, 404, "nothing was created by a refusal");
    });

    test("GET /customer/:id: private key and own key 200, another customer's key 403, unknown 404", async () => {
      assert.equal((await s.call("GET", "/customer/c1")).status, 200);
      const own = await s.call("GET", "/customer/c1", { key: c1.key });
      assert.equal(own.status, 200);
      assert.equal(own.body.id, "c1");
      const other = await s.call("GET", "/customer/c2", { key: c1.key });
      assert.equal(other.status, 403);
      assert.equal(other.body.error.code, "forbidden");
      const unknown = await s.call("GET", "/customer/nobody");
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, "not_found");
      assert.equal((await s.call("GET", "/customer/nobody", { key: c1.key })).status, 403, "no existence leak to a customer key");
    });

    test("POST /customer/:id/balance charges a number, an Item and an array of Items", async () => {
      const { customer: c } = await createCustomer(s, { id: "ch1", currency: "SEK" });
      let r = await s.call("POST", "/customer/ch1/balance", { body: 10 });
      assert.equal(r.status, 200);
      assert.equal(r.body.version, c.version + 1);
      r = await s.call("POST", "/customer/ch1/balance", { body: { number: "p1", name: "Coffee", price: 119.6, vat: 29.9, quantity: 2 } });
      assert.equal(r.status, 200);
      r = await s.call("POST", "/customer/ch1/balance", { body: [{ price: "1.50" }, { price: 2, quantity: 3, rebate: 0.5 }] });
      assert.equal(r.status, 200);
      assert.equal(r.body.version, c.version + 3);
      assert.equal(r.body.balance.length, 4);
      assert.deepEqual(
        r.body.balance.map((i) => i.price),
        ["10.00", "119.60", "1.50", "2.00"],
      );
      const p = await s.call("GET", "/v1/customer/ch1/balance/preview");
      // 10 + 299.00 + 1.50 + 3 × (2 − 0.5) = 315.00
      assert.equal(p.body.amount, "315.00");
      const j = await s.call("GET", "/customer/ch1/journal");
      assert.equal(j.status, 200);
      assert.equal(j.body.entries.length, 3);
      assert.deepEqual(j.body.entries.map((e) => e.kind), ["charge", "charge", "charge"]);
      assert.deepEqual(j.body.entries.map((e) => e.amount), ["10.00", "299.00", "6.00"]);
      assert.deepEqual(j.body.entries.map((e) => e.version), [1, 2, 3]);
    });

    test("amounts are read exactly: a price a double cannot hold arrives as written", async () => {
      await createCustomer(s, { id: "exact", currency: "SEK" });
      const r = await s.call("POST", "/customer/exact/balance", { raw: '{"price": 999999999999.999999, "quantity": 1}', headers: { "content-type": "application/json" } });
      assert.equal(r.status, 200);
      assert.equal(r.body.balance[0].price, "999999999999.999999");
      const p = await s.call("GET", "/v1/customer/exact/balance/preview");
      assert.equal(p.body.amount, "1000000000000.00");
      const far = await s.call("POST", "/customer/exact/balance", { raw: '{"price": 0.1000000000000000055511151231257827}', headers: { "content-type": "application/json" } });
      assert.equal(far.status, 400, "more decimals than the field allows is refused, not rounded by JSON.parse");
      assert.equal(far.body.error.issues[0].code, "too_precise");
    });

    test("charge refusals: 400 with the package's issues, 422 limit_exceeded, 403 another customer, 404 unknown", async () => {
      const bad = await s.call("POST", "/customer/c2/balance", { body: [{ price: "12,50" }, { price: 1, quantity: 0 }] });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, "invalid_input");
      assert.deepEqual(bad.body.error.issues.map((i) => [i.path, i.code]), [["/0/price", "invalid_decimal"], ["/1/quantity", "not_positive"]]);
      // The message names the issue's own path (not the package's /body/0/price), with no internal prefix.
      assert.match(bad.body.error.message, /^\/0\/price: price: "12,50" is not a decimal number.*\(and 1 more problem\)$/);
      const zero = await s.call("POST", "/customer/c2/balance", { body: 0 });
      assert.equal(zero.status, 400);
      const empty = await s.call("POST", "/customer/c2/balance", { body: [] });
      assert.equal(empty.status, 400);
      assert.deepEqual(empty.body.error.issues.map((i) => [i.path, i.code]), [["", "empty"]]);
      const over = await s.call("POST", "/customer/c2/balance", { body: 500.01 });
      assert.equal(over.status, 422);
      assert.equal(over.body.error.code, "limit_exceeded");
      assert.match(over.body.error.message, /500/);
      const other = await s.call("POST", "/customer/c2/balance", { key: c1.key, body: 1 });
      assert.equal(other.status, 403);
      const unknown = await s.call("POST", "/customer/nobody/balance", { body: 1 });
      assert.equal(unknown.status, 404);
      const after_ = await s.call("GET", "/customer/c2");
      assert.deepEqual(after_.body.balance, [], "no refusal changed the customer");
      assert.equal(after_.body.version, 0);
      assert.equal((await s.call("GET", "/customer/c2/journal")).body.entries.length, 0);
    });

    test("a customer key charges its own customer", async () => {
      const r = await s.call("POST", "/customer/c1/balance", { key: c1.key, body: { price: 5 } });
      assert.equal(r.status, 200);
      assert.equal(r.body.balance.at(-1).price, "5.00");
    });

    test("Idempotency-Key: the same request replays its answer, another request with it is 409", async () => {
      await createCustomer(s, { id: "idem", currency: "SEK" });
      const h = { "idempotency-key": "order-7781" };
      const first = await s.call("POST", "/customer/idem/balance", { body: { price: 12.5 }, headers: h });
      assert.equal(first.status, 200);
      assert.equal(first.headers.get("idempotent-replayed"), null);
      const again = await s.call("POST", "/customer/idem/balance", { body: { price: 12.5 }, headers: h });
      assert.equal(again.status, 200);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(again.body, first.body);
      const other = await s.call("POST", "/customer/idem/balance", { body: { price: 13 }, headers: h });
      assert.equal(other.status, 409);
      assert.equal(other.body.error.code, "idempotency_key_reused");
      assert.match(other.body.error.message, /order-7781/);
      const c = await s.call("GET", "/customer/idem");
      assert.equal(c.body.balance.length, 1);
      assert.equal(c.body.version, 1);
      assert.equal((await s.call("GET", "/customer/idem/journal")).body.entries.length, 1);
      const badKey = await s.call("POST", "/customer/idem/balance", { body: 1, headers: { "idempotency-key": "x".repeat(256) } });
      assert.equal(badKey.status, 400);
      assert.equal(badKey.body.error.issues[0].path, "/headers/idempotency-key");
    });

    test("a refused charge does not use up its Idempotency-Key", async () => {
      await createCustomer(s, { id: "idem2", currency: "SEK", limit: 10 });
      const h = { "idempotency-key": "retry-me" };
      assert.equal((await s.call("POST", "/customer/idem2/balance", { body: 11, headers: h })).status, 422);
      const ok = await s.call("POST", "/customer/idem2/balance", { body: 9, headers: h });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.balance[0].price, "9.00");
    });

    test("POST /order funds the balance when authorised; the test mode declines 2000.00–2999.99", async () => {
      await createCustomer(s, { id: "fund", currency: "SEK", schedule: [1, 3] });
      const ok = await s.call("POST", "/order", { body: ORDER("fund", 100) });
      assert.equal(ok.status, 201);
      assert.equal(ok.body.outcome, "success");
      assert.equal(ok.body.order.amount, "100.00");
      assert.equal(ok.body.customer.total, "100.00");
      assert.equal(ok.body.customer.status, "active");
      const declined = await s.call("POST", "/order", { body: ORDER("fund", [{ price: 2500 }]) });
      assert.equal(declined.status, 201);
      assert.equal(declined.body.outcome, "failure");
      assert.equal(declined.body.customer.status, "pending");
      assert.equal(declined.body.customer.total, "100.00", "a declined order credits nothing");
      const edge = await s.call("POST", "/order", { body: ORDER("fund", "1999.99") });
      assert.equal(edge.body.outcome, "success");
      const j = (await s.call("GET", "/customer/fund/journal")).body.entries;
      assert.deepEqual(j.map((e) => e.kind), ["fund", "fund_failed", "fund"]);
      assert.equal(j[1].retries.length, 2, "retries from the customer's schedule");
    });

    test("POST /order refusals: 422 currency and payment, 400 invalid items, 403 another customer, 404 unknown", async () => {
      await createCustomer(s, { id: "fund2", currency: "SEK" });
      const cur = await s.call("POST", "/order", { body: ORDER("fund2", 10, { currency: "EUR" }) });
      assert.equal(cur.status, 422);
      assert.deepEqual(cur.body.error.issues.map((i) => [i.path, i.code]), [["/currency", "currency_mismatch"]]);
      assert.match(cur.body.error.message, /^\/currency: /);
      const pay = await s.call("POST", "/order", { body: ORDER("fund2", 10, { payment: { type: "card" } }) });
      assert.equal(pay.status, 422);
      assert.deepEqual(pay.body.error.issues.map((i) => [i.path, i.code]), [["/payment", "unsupported_payment"]]);
      const items = await s.call("POST", "/order", { body: ORDER("fund2", [{ price: -1 }]) });
      assert.equal(items.status, 400);
      assert.equal(items.body.error.issues[0].path, "/items/0/price");
      assert.equal((await s.call("POST", "/order", { key: c1.key, body: ORDER("fund2", 10) })).status, 403);
      assert.equal((await s.call("POST", "/order", { body: ORDER("nobody", 10) })).status, 404);
      const noCustomer = await s.call("POST", "/order", { body: { number: "x", items: 1, currency: "SEK" } });
      assert.equal(noCustomer.status, 400);
      assert.deepEqual(noCustomer.body.error.issues.map((i) => [i.path, i.code]), [["/customer", "required"]]);
      assert.equal(noCustomer.body.error.issues[0].message, "/customer is required");
      assert.equal((await s.call("GET", "/customer/fund2")).body.version, 0);
    });

    test("POST /order with a customer key and an Idempotency-Key replays", async () => {
      const { key } = await createCustomer(s, { id: "fund3", currency: "SEK" });
      const body = ORDER("fund3", 50);
      const h = { "idempotency-key": "fund-once" };
      const a = await s.call("POST", "/order", { key, body, headers: h });
      const b = await s.call("POST", "/order", { key, body, headers: h });
      assert.equal(a.status, 201);
      assert.equal(b.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(b.body, a.body);
      assert.equal((await s.call("GET", "/customer/fund3")).body.total, "50.00");
    });

    test("GET /api/v1/customers/:id/balance: the IVR view, Request-Tracking-Id echoed", async () => {
      await createCustomer(s, { id: "000152301242008", currency: "USD", name: "FAIRPOINT COMMUNICATIONS INC " });
      await s.call("POST", "/customer/000152301242008/balance", { body: 30 });
      const r = await s.call("GET", "/api/v1/customers/000152301242008/balance", { headers: { "request-tracking-id": "12345" } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("request-tracking-id"), "12345");
      assert.equal(r.body.request_tracking_id, "12345");
      assert.equal(r.body.billing_name, "FAIRPOINT COMMUNICATIONS INC ");
      assert.deepEqual(r.body.balance, [{ type: "total", amount: "30.00" }]);
      const own = await s.call("GET", "/api/v1/customers/c1/balance", { key: c1.key });
      assert.equal(own.status, 200);
      assert.match(own.headers.get("request-tracking-id"), /^[0-9a-f-]{36}$/, "one is made up when none is given");
      assert.equal(own.body.request_tracking_id, own.headers.get("request-tracking-id"));
      assert.equal((await s.call("GET", "/api/v1/customers/c2/balance", { key: c1.key })).status, 403);
      assert.equal((await s.call("GET", "/api/v1/customers/nobody/balance")).status, 404);
      assert.equal((await s.call("GET", "/api/v1/customers/c1/balance", { key: null })).status, 401);
      const bad = await s.call("GET", "/api/v1/customers/c1/balance", { headers: { "request-tracking-id": "x".repeat(129) } });
      assert.equal(bad.status, 400);
    });

    test("GET /customer/:id/journal: own key 200, another's 403, unknown 404", async () => {
      assert.equal((await s.call("GET", "/customer/c1/journal", { key: c1.key })).status, 200);
      assert.equal((await s.call("GET", "/customer/c1/journal", { key: c2.key })).status, 403);
      assert.equal((await s.call("GET", "/customer/nobody/journal")).status, 404);
    });

    test("GET /customer lists customers by id, a page at a time (private key only)", async () => {
      const first = await s.call("GET", "/customer?limit=2");
      assert.equal(first.status, 200);
      assert.equal(first.body.customers.length, 2);
      const ids = first.body.customers.map((c) => c.id);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(first.body.next, ids[1]);
      const second = await s.call("GET", `/customer?limit=2&after=${first.body.next}`);
      assert.ok(second.body.customers.every((c) => c.id > ids[1]));
      const all = await s.call("GET", "/customer");
      assert.ok(all.body.customers.some((c) => c.id === "c1"));
      assert.equal((await s.call("GET", "/customer", { key: c1.key })).status, 403);
      // The billing name given at creation comes beside the state (the states stay the package's).
      assert.equal((await s.call("POST", "/customer", { body: { id: "named-1", currency: "SEK", name: "Nordic Coffee AB" } })).status, 201);
      const named = (await s.call("GET", "/customer?after=named-0&limit=1")).body;
      assert.equal(named.customers[0].id, "named-1");
      assert.equal(named.customers[0].name, undefined);
      assert.deepEqual(named.names, { "named-1": "Nordic Coffee AB" });
      assert.equal((await s.call("GET", "/customer?limit=0")).status, 400);
      assert.equal((await s.call("GET", "/customer?limit=101")).status, 400);
      assert.equal((await s.call("GET", "/customer?after=a%2Fb")).status, 400);
      assert.equal((await s.call("GET", "/customer?other=1")).status, 400);
    });

    test("unknown routes are 404 in the error shape", async () => {
      const r = await s.call("GET", "/v2/nothing");
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, "not_found");
    });
  });
}
