// Secrets stay secret (issue 32): a server logging at its most verbose (trace) takes every kind of
// request that carries a key or a secret — keys in the Authorization header (valid, forged, Basic,
// two at once), in the query string and in a path, a customer's key as it is shown once, signed
// webhook deliveries, refused and failed ones — and then its whole log is searched for each key
// and secret used: none may appear.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BACKENDS, PRIVATE_KEY, serverOn } from "./support/harness.js";
import { SECRET, chain, deliver, eventOf } from "./support/stripe.js";

const STRIPE_KEY = "sk_test_neverlogged0123456789";

for (const backend of BACKENDS) {
  describe(`the log of an HTTP run on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, {
        LOG_LEVEL: "trace",
        STRIPE_WEBHOOK_SECRET: SECRET,
        STRIPE_SECRET_KEY: STRIPE_KEY,
        // Nothing listens here: fetching from "Stripe" fails, and that failure is logged too.
        STRIPE_API_URL: "http://127.0.0.1:9",
      });
    });
    after(() => s?.close());

    test("holds none of the keys and secrets the requests carried", async () => {
      const used = [PRIVATE_KEY, SECRET, STRIPE_KEY];
      const created = await s.call("POST", "/customer", { body: { id: "secretive", currency: "SEK" } });
      assert.equal(created.status, 201);
      used.push(created.body.key);
      const key = created.body.key;
      const calls = [
        ["GET", "/customer/secretive", { key }],
        ["POST", "/customer/secretive/balance", { key, body: 5, headers: { "idempotency-key": "idem-secret-1" } }],
        ["GET", `/customer/secretive?key=${key}`, { key: null }],
        ["GET", `/customer/secretive?api_key=${PRIVATE_KEY}&x=1`, {}],
        ["GET", `/customer/${key}`, {}],
        ["GET", "/customer/secretive", { key: `${key}x` }],
        ["GET", "/customer/secretive", { key: null, headers: { authorization: `Basic ${Buffer.from(`${PRIVATE_KEY}:`).toString("base64")}` } }],
        ["GET", "/customer/secretive", { key: null, headers: { authorization: `Token ${PRIVATE_KEY}` } }],
        ["POST", "/order", { key, raw: `{"customer":"secretive","customer":"${key}"}`, headers: { "content-type": "application/json" } }],
        ["GET", "/v1/customer/secretive/balance/preview", { key }],
        ["DELETE", "/v1/customer/me/balance", { key }],
        ["GET", `/nowhere/${PRIVATE_KEY}?secret=${SECRET}`, {}],
      ];
      for (const [method, path, opts] of calls) {
        const r = await s.call(method, path, opts);
        assert.ok(r.status < 500, `${method} ${path}: ${r.status}`);
      }
      const [t0, t1] = chain("cus_secret", [100, 50]);
      assert.equal((await deliver(s, eventOf("evt_s1", t0))).status, 200);
      // Out of order: the server asks "Stripe" (unreachable) for the gap with STRIPE_SECRET_KEY, and logs the failure.
      assert.equal((await deliver(s, eventOf("evt_s3", chain("cus_secret2", [10, 20])[1]))).status, 200);
      assert.equal((await deliver(s, eventOf("evt_s2", t1), { secret: "whsec_wrong" })).status, 400);

      await s.server.stop();
      const log = s.server.output();
      // The run was logged (so the search below searched something): every request, by path.
      assert.match(log, /"url":"\/customer\/secretive"/);
      assert.match(log, /"url":"\/webhooks\/stripe"/);
      assert.match(log, /incoming request/);
      for (const secret of used) {
        assert.equal(log.includes(secret), false, `the log holds ${secret.slice(0, 6)}…`);
        assert.equal(log.includes(encodeURIComponent(secret)), false);
        assert.equal(log.includes(Buffer.from(`${secret}:`).toString("base64")), false);
      }
      assert.equal(log.includes("idem-secret-1"), false, "Idempotency-Keys are not logged either");
    });
  });
}
