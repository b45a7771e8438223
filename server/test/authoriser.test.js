// Authorisers are configured, never assumed (issue 32): without AUTHORISER the server does not
// start; AUTHORISER=test is announced in /health and the start-up log; a module the operator names
// decides every payment — here the example authorisers/stripe.js, through the official client
// against a local stand-in for Stripe's API. A customer key may place a funding order for its own
// customer (the seed), and only the processor's answer decides whether the funds arrive.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { BACKENDS, createCustomer, serverOn, startServer } from "./support/harness.js";

const ORDER = (customer, items) => ({
  number: `o-${Math.random().toString(36).slice(2)}`,
  items,
  currency: "SEK",
  customer,
  payment: { type: "customer", charge: "balance" },
});

describe("the server starts only with an authoriser named", () => {
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "balance-ledger-authoriser-"));
    await writeFile(join(dir, "none.mjs"), "export const approve = () => 'success';\n");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("without AUTHORISER, or with a module that is missing or has no authorise, it exits", async () => {
    const env = { DATA_DIR: join(dir, "data") };
    await assert.rejects(startServer({ ...env, AUTHORISER: undefined }), /exited[\s\S]*AUTHORISER is not set/);
    await assert.rejects(startServer({ ...env, AUTHORISER: "" }), /exited[\s\S]*AUTHORISER is not set/);
    await assert.rejects(startServer({ ...env, AUTHORISER: join(dir, "missing.mjs") }), /exited[\s\S]*(Cannot find module|ERR_MODULE_NOT_FOUND)/);
    await assert.rejects(startServer({ ...env, AUTHORISER: join(dir, "none.mjs") }), /exited[\s\S]*exports no function `authorise`/);
  });
});

/** Stripe's GET /v1/customers/:id and POST /v1/payment_intents, as far as the example uses them. */
function standIn() {
  // Stripe's test payment methods: pm_card_visa succeeds, pm_card_chargeDeclined is declined.
  const customers = {
    payer: "pm_card_visa",
    broke: "pm_card_chargeDeclined",
    nocard: null,
    later: "pm_card_visa",
  };
  const intents = [];
  const state = { down: false };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      const send = (status, value) => {
        res.statusCode = status;
        res.end(JSON.stringify(value));
      };
      if (req.headers.authorization !== "Bearer sk_test_processor") return send(401, { error: { type: "invalid_request_error", message: "bad key" } });
      if (state.down) return send(500, { error: { type: "api_error", message: "unavailable" } });
      const c = /^\/v1\/customers\/([^/?]+)$/.exec(req.url);
      if (req.method === "GET" && c) {
        if (!(c[1] in customers)) return send(404, { error: { type: "invalid_request_error", code: "resource_missing", message: "No such customer" } });
        return send(200, { id: c[1], object: "customer", invoice_settings: { default_payment_method: customers[c[1]] } });
      }
      if (req.method === "POST" && req.url === "/v1/payment_intents") {
        const p = Object.fromEntries(new URLSearchParams(body));
        intents.push({ ...p, idempotencyKey: req.headers["idempotency-key"] });
        const id = `pi_${intents.length}`;
        if (p.payment_method === "pm_card_chargeDeclined") {
          return send(402, { error: { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.", payment_intent: { id, object: "payment_intent", status: "requires_payment_method" } } });
        }
        return send(200, { id, object: "payment_intent", amount: Number(p.amount), currency: p.currency, status: "succeeded" });
      }
      send(404, { error: { type: "invalid_request_error", message: `no ${req.method} ${req.url}` } });
    });
  });
  return { server, intents, state };
}

for (const backend of BACKENDS) {
  describe(`AUTHORISER=test on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, { LOG_LEVEL: "info" });
    });
    after(() => s?.close());

    test("/health and the start-up log announce the test authoriser", async () => {
      const h = await s.call("GET", "/health", { key: null });
      assert.equal(h.status, 200);
      assert.equal(h.body.authoriser, "test");
      const out = s.server.output();
      assert.match(out, /balance-ledger server: http:\/\/\S+ \(\w+; authoriser test/);
      assert.match(out, /"authoriser":"test"/);
      assert.match(out, /AUTHORISER=test: payments are decided by the built-in test mode/);
    });
  });

  describe(`the example Stripe authoriser against a stand-in on ${backend}`, () => {
    const api = standIn();
    let s;
    before(async () => {
      await new Promise((r) => api.server.listen(0, "127.0.0.1", r));
      s = await serverOn(backend, {
        AUTHORISER: "./authorisers/stripe.js", // from the server's directory, where the harness starts it
        STRIPE_SECRET_KEY: "sk_test_processor",
        STRIPE_API_URL: `http://127.0.0.1:${api.server.address().port}`,
      });
    });
    after(async () => {
      await s?.close();
      await new Promise((r) => api.server.close(r));
    });

    test("/health names a module, not the test mode", async () => {
      assert.equal((await s.call("GET", "/health", { key: null })).body.authoriser, "module");
    });

    test("an approved payment funds the balance: the processor was asked for the amount, once per attempt", async () => {
      const { key } = await createCustomer(s, { id: "payer", currency: "SEK" });
      const r = await s.call("POST", "/order", { key, body: ORDER("payer", [{ price: "99.95", vat: "0.05" }]) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.outcome, "success");
      assert.equal(r.body.customer.total, "100.00");
      const pi = api.intents.at(-1);
      assert.deepEqual(
        [pi.amount, pi.currency, pi.customer, pi.payment_method, pi.confirm, pi.off_session, pi.idempotencyKey],
        ["10000", "sek", "payer", "pm_card_visa", "true", "true", "fund:payer:0"],
      );
    });

    test("a customer key funding its own balance by 1,000,000 gets what the processor says: declined, nothing", async () => {
      const { key } = await createCustomer(s, { id: "broke", currency: "SEK", limit: { hard: 100 }, schedule: [1] });
      const asked = api.intents.length;
      const r = await s.call("POST", "/order", { key, body: ORDER("broke", 1_000_000) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.outcome, "failure");
      assert.equal(r.body.customer.total, "0.00");
      assert.equal(r.body.customer.status, "pending");
      assert.equal(api.intents.length, asked + 1);
      assert.equal(api.intents.at(-1).amount, "100000000");
      const over = await s.call("POST", "/customer/broke/balance", { key, body: 5000 });
      assert.equal(over.status, 422, "the hard limit still holds: no funds arrived");
      assert.equal(over.body.error.code, "limit_exceeded");
      const noCard = await createCustomer(s, { id: "nocard", currency: "SEK" });
      const n = await s.call("POST", "/order", { key: noCard.key, body: ORDER("nocard", 10) });
      assert.equal(n.body.outcome, "failure", "no payment method: declined without a PaymentIntent");
      assert.equal(api.intents.length, asked + 1);
    });

    test("a processor that does not answer fails the request and records nothing; a retry goes through", async () => {
      await createCustomer(s, { id: "later", currency: "SEK" });
      api.state.down = true;
      const body = ORDER("later", 30);
      const down = await s.call("POST", "/order", { body, headers: { "idempotency-key": "fund-later" } });
      assert.equal(down.status, 502, JSON.stringify(down.body));
      assert.equal(down.body.error.code, "authoriser_unavailable");
      const c = await s.call("GET", "/customer/later");
      assert.deepEqual([c.body.version, c.body.total], [0, "0.00"]);
      api.state.down = false;
      const retry = await s.call("POST", "/order", { body, headers: { "idempotency-key": "fund-later" } });
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      assert.deepEqual([retry.body.outcome, retry.body.customer.total], ["success", "30.00"]);
      assert.equal(api.intents.at(-1).idempotencyKey, "fund:later:0", "the processor's key names the attempt, retried or not");
    });

    test("settling charges through the processor: the preview's amount, declined for a declined card", async () => {
      assert.equal((await s.call("POST", "/customer/payer/balance", { body: [{ price: "250.00", vat: "62.50" }] })).status, 200);
      const settled = await s.call("DELETE", "/v1/customer/payer/balance");
      assert.equal(settled.status, 200, JSON.stringify(settled.body));
      assert.equal(api.intents.at(-1).idempotencyKey.startsWith("settle:payer:"), true);
      // 312.50 charged less the 100.00 funded before.
      assert.equal(api.intents.at(-1).amount, "21250");
    });
  });
}
