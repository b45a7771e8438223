// The official client itself, pointed at this server, reads its cash balance endpoints: what
// `stripe.customers.retrieveCashBalance`, `updateCashBalance` (Stripe's form encoding) and
// `listCashBalanceTransactions` (its auto-pagination over starting_after) and
// `retrieveCashBalanceTransaction` get back is what the server stored, in the shapes the client
// parses; its errors arrive as Stripe's (type, code, param, Request-Id). PGlite and PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Stripe from "stripe";
import { BACKENDS, PRIVATE_KEY, serverOn } from "./support/harness.js";
import { chain, deliver, eventOf, listAll, SECRET } from "./support/stripe.js";
import { checkCashBalance } from "../../tests/js/support/stripe-schemas.mjs";

for (const backend of BACKENDS) {
  describe(`the official client on the cash balance endpoints (${backend})`, () => {
    let s;
    let stripe;
    before(async () => {
      s = await serverOn(backend, { STRIPE_WEBHOOK_SECRET: SECRET });
      const { port } = new URL(s.url);
      stripe = new Stripe(PRIVATE_KEY, { host: "127.0.0.1", port: Number(port), protocol: "http", maxNetworkRetries: 0 });
    });
    after(async () => {
      await s?.close();
    });

    test("retrieve, update (form-encoded) and list with auto-pagination", async () => {
      const txs = chain("cus_client", [500, 250, -100, 40, 60, -200, 10]);
      for (const [i, t] of txs.entries()) assert.equal((await deliver(s, eventOf(`evt_c${i}`, t))).body.outcome, "applied");

      const cb = await stripe.customers.retrieveCashBalance("cus_client");
      assert.equal(cb.object, "cash_balance");
      assert.deepEqual(cb.available, { eur: 560 });
      assert.equal(cb.customer_account, null);
      checkCashBalance(JSON.parse(JSON.stringify(cb)));

      const manual = await stripe.customers.updateCashBalance("cus_client", { settings: { reconciliation_mode: "manual" } });
      assert.deepEqual(manual.settings, { reconciliation_mode: "manual", using_merchant_default: false });
      assert.deepEqual((await stripe.customers.retrieveCashBalance("cus_client")).settings, manual.settings);

      // Pages of 2, followed by the client's own auto-pagination: every transaction once, newest first.
      const listed = await stripe.customers.listCashBalanceTransactions("cus_client", { limit: 2 }).autoPagingToArray({ limit: 100 });
      assert.deepEqual(listed.map((t) => t.id), [...txs].reverse().map((t) => t.id));
      assert.deepEqual(JSON.parse(JSON.stringify(listed)), await listAll(s, "cus_client"));
      const page = await stripe.customers.listCashBalanceTransactions("cus_client", { limit: 3, ending_before: txs[2].id });
      assert.deepEqual(page.data.map((t) => t.id), [txs[5].id, txs[4].id, txs[3].id]);
      assert.equal(page.has_more, true);
    });

    test("retrieveCashBalanceTransaction (the root README's example): the transaction, or Stripe's resource_missing", async () => {
      const txs = chain("cus_one", [300, -120]);
      for (const [i, t] of txs.entries()) assert.equal((await deliver(s, eventOf(`evt_o${i}`, t))).body.outcome, "applied");
      const t = await stripe.customers.retrieveCashBalanceTransaction("cus_one", txs[1].id);
      assert.deepEqual(JSON.parse(JSON.stringify(t)), txs[1]);
      assert.match(t.lastResponse.requestId, /^req_/);
      await assert.rejects(stripe.customers.retrieveCashBalanceTransaction("cus_one", "ccsbtxn_nothere"), (err) => {
        assert.equal(err.type, "StripeInvalidRequestError");
        assert.deepEqual([err.statusCode, err.rawType, err.code, err.param], [404, "invalid_request_error", "resource_missing", "transaction"]);
        assert.match(err.requestId, /^req_/);
        assert.match(err.doc_url, /resource-missing/);
        return true;
      });
      // Another customer's transaction is not this customer's.
      await assert.rejects(stripe.customers.retrieveCashBalanceTransaction("cus_client", txs[1].id), (err) => err.code === "resource_missing");
    });

    test("the client's errors: an unknown customer, a refused setting, no key", async () => {
      await assert.rejects(stripe.customers.retrieveCashBalance("cus_nobody_here"), (err) => {
        assert.deepEqual([err.statusCode, err.type, err.rawType, err.code, err.param], [404, "StripeInvalidRequestError", "invalid_request_error", "resource_missing", "id"]);
        assert.match(err.message, /cus_nobody_here/);
        return true;
      });
      await assert.rejects(stripe.customers.listCashBalanceTransactions("cus_client", { limit: 1000 }), (err) => {
        assert.deepEqual([err.statusCode, err.code, err.param], [400, "parameter_invalid_integer", "limit"]);
        return true;
      });
      await assert.rejects(
        stripe.customers.updateCashBalance("cus_client", { settings: { reconciliation_mode: "sometimes" } }),
        (err) => err.statusCode === 400,
      );
      const stranger = new Stripe("sk_test_not_the_key", { host: "127.0.0.1", port: Number(new URL(s.url).port), protocol: "http", maxNetworkRetries: 0 });
      await assert.rejects(stranger.customers.retrieveCashBalance("cus_client"), (err) => {
        assert.deepEqual([err.statusCode, err.type, err.rawType], [401, "StripeAuthenticationError", "authentication_error"]);
        return true;
      });
    });

    test("Stripe's form encoding is read strictly", async () => {
      const form = (raw) =>
        s.call("POST", "/v1/customers/cus_client/cash_balance", { raw, headers: { "content-type": "application/x-www-form-urlencoded" } });
      const ok = await form("settings%5Breconciliation_mode%5D=automatic");
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.settings.reconciliation_mode, "automatic");
      for (const raw of ["settings[reconciliation_mode]=manual&settings[reconciliation_mode]=automatic", "__proto__[x]=1", "settings=manual&settings[reconciliation_mode]=manual"]) {
        const r = await form(raw);
        assert.equal(r.status, 400, raw);
        assert.equal(r.body.error.code, "unreadable_input", raw);
      }
      const extra = await form("settings[reconciliation_mode]=manual&colour=blue");
      assert.equal(extra.status, 400);
      // In Stripe's error object, as Stripe names an unknown parameter.
      assert.deepEqual([extra.body.error.type, extra.body.error.code, extra.body.error.param], ["invalid_request_error", "parameter_unknown", "colour"]);
      // Other routes still take JSON only.
      const elsewhere = await s.call("POST", "/customer", { raw: "id=c1", headers: { "content-type": "application/x-www-form-urlencoded" } });
      assert.equal(elsewhere.status, 415);
    });
  });
}
