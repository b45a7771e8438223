// Stripe's webhooks on the server, on PGlite and PostgreSQL: events signed with the official
// client's test helper (stripe.webhooks.generateTestHeaderString) — valid, forged, altered,
// replayed, duplicated, out of order, and 200 delivered at once for one customer — and the cash
// balance endpoints over what they stored. The stored balance is always the fold of the stored
// transactions (the package's cashBalance over them), none lost, none applied twice.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Stripe from "stripe";
import { cashBalance } from "balance-ledger";
import { createCustomer, BACKENDS, serverOn } from "./support/harness.js";
import { chain, deliver, eventOf, funded, listAll, SECRET, shuffled } from "./support/stripe.js";
// The package's tests' validators of Stripe's schemas (tests/reference/): what the server answers
// is held to the same schemas as what the package returns.
import { checkCashBalance, checkedCount, checkTransactionList } from "../../tests/js/support/stripe-schemas.mjs";

for (const backend of BACKENDS) {
  describe(`Stripe webhooks and cash balances on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, { STRIPE_WEBHOOK_SECRET: SECRET });
    });
    after(async () => {
      await s?.close();
    });

    /** GET cash_balance equals the package's fold of every stored transaction, oldest first. */
    async function assertFolds(customer) {
      const cb = await s.call("GET", `/v1/customers/${customer}/cash_balance`);
      assert.equal(cb.status, 200);
      checkCashBalance(cb.body);
      const all = await listAll(s, customer);
      const oldestFirst = [...all].reverse();
      assert.equal(new Set(all.map((t) => t.id)).size, all.length, "no transaction listed twice");
      assert.deepEqual(cb.body, cashBalance(customer, oldestFirst, cb.body.settings));
      return { balance: cb.body, transactions: oldestFirst };
    }

    test("a signed event is verified, stored and applied; the endpoints answer in Stripe's shapes", async () => {
      const t = funded("cus_valid", "ccsbtxn_v1", 5000, 5000);
      const r = await deliver(s, eventOf("evt_v1", t));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.outcome, "applied");
      const { balance, transactions } = await assertFolds("cus_valid");
      assert.deepEqual(balance, {
        object: "cash_balance", available: { eur: 5000 }, customer: "cus_valid", customer_account: null, livemode: false,
        settings: { reconciliation_mode: "automatic", using_merchant_default: true },
      });
      // Stripe's transaction as it came (it had every field), as the list returns it.
      assert.deepEqual(transactions, [t]);
      const list = await s.call("GET", "/v1/customers/cus_valid/cash_balance_transactions");
      assert.deepEqual(Object.keys(list.body), ["object", "data", "has_more", "url"]);
      assert.equal(list.body.object, "list");
      assert.equal(list.body.url, "/v1/customers/cus_valid/cash_balance_transactions");
    });

    test("forged, altered and replayed deliveries are refused and change nothing", async () => {
      const t = funded("cus_forged", "ccsbtxn_f1", 100, 100);
      const forged = await deliver(s, eventOf("evt_f1", t), { secret: "whsec_not_the_one" });
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.code, "invalid_signature");
      // Signed, then a byte changed.
      const payload = JSON.stringify(eventOf("evt_f2", t));
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
      const altered = await s.call("POST", "/webhooks/stripe", {
        key: null,
        raw: payload.replace('"net_amount":100', '"net_amount":900'),
        headers: { "content-type": "application/json", "stripe-signature": header },
      });
      assert.equal(altered.status, 400);
      assert.equal(altered.body.error.code, "invalid_signature");
      // A delivery signed ten minutes ago (an attacker replaying a captured one) is too old.
      const replayed = await deliver(s, eventOf("evt_f3", t), { timestamp: Math.floor(Date.now() / 1000) - 600 });
      assert.equal(replayed.status, 400);
      assert.match(replayed.body.error.message, /tolerance/i);
      const unsigned = await s.call("POST", "/webhooks/stripe", { key: null, body: eventOf("evt_f4", t) });
      assert.equal(unsigned.status, 400);
      const none = await s.call("GET", "/v1/customers/cus_forged/cash_balance");
      assert.equal(none.status, 404, "no cash balance was made");
      // The very same signed request sent again within the tolerance: one application.
      const once = JSON.stringify(eventOf("evt_f5", t));
      const sig = Stripe.webhooks.generateTestHeaderString({ payload: once, secret: SECRET });
      const send = () => s.call("POST", "/webhooks/stripe", {
        key: null, raw: once, headers: { "content-type": "application/json", "stripe-signature": sig },
      });
      assert.equal((await send()).body.outcome, "applied");
      assert.equal((await send()).body.outcome, "duplicate_event");
      assert.deepEqual((await s.call("GET", "/v1/customers/cus_forged/cash_balance")).body.available, { eur: 100 });
    });

    test("a redelivered event and a transaction in a second event are no-ops", async () => {
      const t = funded("cus_dup", "ccsbtxn_d1", 700, 700);
      const event = eventOf("evt_d1", t);
      assert.equal((await deliver(s, event)).body.outcome, "applied");
      const again = await deliver(s, event);
      assert.equal(again.status, 200);
      assert.equal(again.body.outcome, "duplicate_event");
      const other = await deliver(s, eventOf("evt_d2", t));
      assert.equal(other.status, 200);
      assert.equal(other.body.outcome, "duplicate_transaction");
      const { balance, transactions } = await assertFolds("cus_dup");
      assert.deepEqual(balance.available, { eur: 700 });
      assert.equal(transactions.length, 1);
    });

    test("out of order: a transaction after a gap is held until the missing one arrives, then applied in order", async () => {
      const txs = chain("cus_order", [1000, -300, 500, -1200]);
      const order = [3, 1, 0, 2];
      const outcomes = [];
      for (const i of order) outcomes.push((await deliver(s, eventOf(`evt_o${i}`, txs[i]))).body);
      assert.deepEqual(outcomes.map((o) => o.outcome), ["held", "held", "applied", "applied"]);
      // The first unblocked the second; the third unblocked the fourth.
      assert.deepEqual(outcomes[2].applied, [txs[0].id, txs[1].id]);
      assert.deepEqual(outcomes[3].applied, [txs[2].id, txs[3].id]);
      const { balance, transactions } = await assertFolds("cus_order");
      assert.deepEqual(transactions.map((t) => t.id), txs.map((t) => t.id));
      assert.deepEqual(balance.available, { eur: 0 });
    });

    test("a transaction whose balance fits waits while one created before it is still held", async () => {
      // The balance comes back to 0: the third follows 0 as the first does.
      const txs = chain("cus_back", [100, -100, 100]);
      const outcomes = [];
      for (const i of [1, 2, 0]) outcomes.push((await deliver(s, eventOf(`evt_back${i}`, txs[i]))).body);
      assert.deepEqual(outcomes.map((o) => o.outcome), ["held", "held", "applied"]);
      assert.deepEqual(outcomes[2].applied, txs.map((t) => t.id));
      const { balance, transactions } = await assertFolds("cus_back");
      assert.deepEqual(transactions.map((t) => t.id), txs.map((t) => t.id));
      assert.deepEqual(balance.available, { eur: 100 });
    });

    test("the order is the customer's, across currencies: a usd transaction waits for the eur one created before it", async () => {
      const [e0, e1] = chain("cus_fx", [300, 200]);
      const u = { ...funded("cus_fx", "ccsbtxn_fx_usd", 50, 50, e1.created + 1), currency: "usd" };
      assert.equal((await deliver(s, eventOf("evt_fx1", e1))).body.outcome, "held");
      assert.equal((await deliver(s, eventOf("evt_fxu", u))).body.outcome, "held", "its balance fits, but e1 comes first");
      const r = await deliver(s, eventOf("evt_fx0", e0));
      assert.deepEqual(r.body.applied, [e0.id, e1.id, u.id]);
      assert.deepEqual((await assertFolds("cus_fx")).balance.available, { eur: 500, usd: 50 });
    });

    test("a transaction arriving after a later one took its place is kept, marked out_of_order, never applied", async () => {
      const txs = chain("cus_late", [100, -100, 100]);
      // The third alone follows 0, as a first transaction does: nothing tells it is not the first.
      assert.equal((await deliver(s, eventOf("evt_late2", txs[2]))).body.outcome, "applied");
      const first = (await deliver(s, eventOf("evt_late0", txs[0]))).body;
      assert.equal(first.outcome, "held");
      assert.deepEqual(first.refused.map((r) => [r.id, r.error.code]), [[txs[0].id, "out_of_order"]]);
      // The second's balance (100) fits now, but it was created before the one applied.
      const second = (await deliver(s, eventOf("evt_late1", txs[1]))).body;
      assert.equal(second.outcome, "held");
      assert.deepEqual(second.refused.map((r) => [r.id, r.error.code]), [[txs[1].id, "out_of_order"]]);
      assert.equal(second.held, 2);
      const { transactions } = await assertFolds("cus_late");
      assert.deepEqual(transactions.map((t) => t.id), [txs[2].id]);
      // What follows the applied one still applies.
      const [next] = chain("cus_late", [100, -100, 100, 25]).slice(3);
      assert.equal((await deliver(s, eventOf("evt_late3", next))).body.outcome, "applied");
    });

    test("a history whose balance keeps coming back, delivered in random orders: what is applied is in created order, the rest held, none lost", async () => {
      for (let round = 0; round < 4; round++) {
        const customer = `cus_zigzag${round}`;
        const txs = chain(customer, Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 100 : -100)));
        let last;
        for (const t of shuffled(txs)) last = (await deliver(s, eventOf(`evt_${t.id}`, t))).body;
        const { transactions } = await assertFolds(customer);
        const created = transactions.map((t) => t.created);
        assert.deepEqual(created, [...created].sort((a, b) => a - b), "applied in created order");
        assert.equal(new Set(created).size, created.length, "each once");
        assert.equal(transactions.length + last.held, txs.length, "every transaction applied or held");
      }
      // Delivered in order, all of them apply.
      const txs = chain("cus_zigzag_in_order", Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 100 : -100)));
      for (const t of txs) assert.equal((await deliver(s, eventOf(`evt_${t.id}`, t))).body.outcome, "applied");
    });

    test("200 events delivered at once for one customer: balance = fold, none lost, none applied twice", async () => {
      const amounts = Array.from({ length: 200 }, (_, i) => (i % 5 === 4 ? -(i + 1) : 100 + i));
      const txs = chain("cus_busy", amounts);
      // Every event once, in a random order, and 20 of them delivered a second time.
      const events = txs.map((t, i) => eventOf(`evt_b${i}`, t));
      const deliveries = shuffled([...events, ...shuffled(events).slice(0, 20)]);
      const answers = await Promise.all(deliveries.map((e) => deliver(s, e)));
      assert.deepEqual([...new Set(answers.map((a) => a.status))], [200], JSON.stringify(answers.find((a) => a.status !== 200)?.body));
      const outcomes = answers.map((a) => a.body.outcome);
      assert.equal(outcomes.filter((o) => o === "duplicate_event").length, 20);
      const appliedIds = answers.flatMap((a) => a.body.applied);
      assert.equal(appliedIds.length, 200, "each transaction applied by exactly one delivery");
      assert.equal(new Set(appliedIds).size, 200);
      const { balance, transactions } = await assertFolds("cus_busy");
      assert.deepEqual(transactions.map((t) => t.id), txs.map((t) => t.id), "applied in their order");
      assert.deepEqual(balance.available, { eur: amounts.reduce((a, b) => a + b, 0) });
    });

    test("the list pages as Stripe's: newest first, limit, starting_after, ending_before", async () => {
      const txs = chain("cus_pages", [1, 2, 3, 4, 5]);
      for (const [i, t] of txs.entries()) await deliver(s, eventOf(`evt_p${i}`, t));
      const ids = (q) => s.call("GET", `/v1/customers/cus_pages/cash_balance_transactions${q}`);
      const page = await ids("?limit=2");
      checkTransactionList(page.body);
      assert.deepEqual(page.body.data.map((t) => t.id), [txs[4].id, txs[3].id]);
      assert.equal(page.body.has_more, true);
      const next = await ids(`?limit=2&starting_after=${txs[3].id}`);
      checkTransactionList(next.body);
      assert.deepEqual(next.body.data.map((t) => t.id), [txs[2].id, txs[1].id]);
      assert.equal(next.body.has_more, true);
      const last = await ids(`?limit=2&starting_after=${txs[1].id}`);
      assert.deepEqual(last.body.data.map((t) => t.id), [txs[0].id]);
      assert.equal(last.body.has_more, false);
      const back = await ids(`?limit=2&ending_before=${txs[1].id}`);
      checkTransactionList(back.body);
      assert.deepEqual(back.body.data.map((t) => t.id), [txs[3].id, txs[2].id]);
      assert.equal(back.body.has_more, true);
      assert.equal((await ids("")).body.data.length, 5, "10 by default");
      for (const q of ["?limit=0", "?limit=101", "?limit=x", "?starting_after=nope", `?starting_after=${txs[1].id}&ending_before=${txs[3].id}`, "?colour=1"]) {
        const r = await ids(q);
        assert.equal(r.status, 400, q);
        assert.equal(r.body.error.type, "invalid_request_error", q);
        assert.ok(r.body.error.param, q);
      }
    });

    test("settings: POST changes the reconciliation mode; the package judges the value", async () => {
      await deliver(s, eventOf("evt_s1", funded("cus_settings", "ccsbtxn_s1", 10, 10)));
      const manual = await s.call("POST", "/v1/customers/cus_settings/cash_balance", { body: { settings: { reconciliation_mode: "manual" } } });
      assert.equal(manual.status, 200);
      checkCashBalance(manual.body);
      assert.deepEqual(manual.body.settings, { reconciliation_mode: "manual", using_merchant_default: false });
      assert.deepEqual((await s.call("GET", "/v1/customers/cus_settings/cash_balance")).body, manual.body);
      const back = await s.call("POST", "/v1/customers/cus_settings/cash_balance", { body: { settings: { reconciliation_mode: "merchant_default" } } });
      assert.deepEqual(checkCashBalance(back.body).settings, { reconciliation_mode: "automatic", using_merchant_default: true });
      const wrong = await s.call("POST", "/v1/customers/cus_settings/cash_balance", { body: { settings: { reconciliation_mode: "sometimes" } } });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.param, "settings[reconciliation_mode]");
      assert.equal((await s.call("POST", "/v1/customers/cus_settings/cash_balance", { body: { settings: {} } })).status, 400);
      // The transactions applied afterwards keep the balance folding.
      await deliver(s, eventOf("evt_s2", funded("cus_settings", "ccsbtxn_s2", 5, 15)));
      assert.deepEqual((await assertFolds("cus_settings")).balance.available, { eur: 15 });
    });

    test("keys: the private key or the customer's own key; a customer the server does not know is 404", async () => {
      const { key } = await createCustomer(s, { id: "cus_keyed", currency: "EUR" });
      const own = await s.call("GET", "/v1/customers/cus_keyed/cash_balance", { key });
      assert.equal(own.status, 200);
      checkCashBalance(own.body);
      assert.equal(own.body.available, null, "a known customer without cash has an empty cash balance");
      assert.equal((await s.call("GET", "/v1/customers/cus_valid/cash_balance", { key })).status, 403);
      assert.equal((await s.call("GET", "/v1/customers/cus_valid/cash_balance", { key: null })).status, 401);
      assert.equal((await s.call("GET", "/v1/customers/cus_nobody/cash_balance")).status, 404);
      assert.equal((await s.call("GET", "/v1/customers/cus_nobody/cash_balance_transactions")).status, 404);
    });

    test("hostile deliveries: not JSON, another content type, a malformed or refused transaction", async () => {
      const signed = (payload, headers = {}) =>
        s.call("POST", "/webhooks/stripe", {
          key: null,
          raw: payload,
          headers: { "content-type": "application/json", "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }), ...headers },
        });
      const notJson = await signed("{\"id\": ");
      assert.equal(notJson.status, 400);
      assert.equal(notJson.body.error.code, "unreadable_input");
      assert.equal((await signed(JSON.stringify(eventOf("evt_h0", funded("cus_h", "x", 1, 1))), { "content-type": "text/plain" })).status, 415);
      const malformed = await deliver(s, eventOf("evt_h1", { ...funded("cus_h", "ccsbtxn_h1", 1, 1), ending_balance: "1" }));
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.param, "data[object][ending_balance]");
      const elsewhere = await deliver(s, eventOf("evt_h2", { ...funded("cus_h", "ccsbtxn_h2", 1, 1), customer: "../etc" }));
      assert.equal(elsewhere.status, 400);
      assert.equal((await s.call("GET", "/v1/customers/cus_h/cash_balance")).status, 404, "nothing stored");
      // A type this package does not know yet (Stripe adds types): stored, held with its refusal,
      // and it holds back what follows it, never skipped.
      const future = { ...funded("cus_h", "ccsbtxn_h3", 50, 50), type: "credited_by_partner" };
      const held = await deliver(s, eventOf("evt_h3", future));
      assert.equal(held.status, 200);
      assert.equal(held.body.outcome, "held");
      assert.deepEqual(held.body.refused.map((r) => [r.id, r.error.issues[0].code]), [["ccsbtxn_h3", "unknown_type"]]);
      const next = await deliver(s, eventOf("evt_h4", funded("cus_h", "ccsbtxn_h4", 5, 55)));
      assert.equal(next.body.outcome, "held");
      const cb = await s.call("GET", "/v1/customers/cus_h/cash_balance");
      assert.equal(cb.body.available, null);
    });

    test("every cash_balance and list page answered above was checked against Stripe's schemas", () => {
      assert.ok(checkedCount() > 200, `${checkedCount()} objects checked`);
    });

    test("other event types are acknowledged and change nothing", async () => {
      const r = await deliver(s, { id: "evt_other", object: "event", type: "customer.updated", data: { object: { id: "cus_x", object: "customer" } } });
      assert.equal(r.status, 200);
      assert.equal(r.body.outcome, "ignored");
      assert.equal((await s.call("GET", "/v1/customers/cus_x/cash_balance")).status, 404);
    });
  });
}
