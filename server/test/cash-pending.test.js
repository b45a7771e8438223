// The held cash balance transactions on the server, on PGlite and PostgreSQL: listed in the order
// they would be applied, tried again after the package learns what it refused, and, once refused,
// discarded into cash_discarded (kept, never applied, a redelivery a duplicate). Only the
// merchant's private key sees or moves them.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { cashBalance } from "balance-ledger";
import { createCustomer, BACKENDS, serverOn } from "./support/harness.js";
import { chain, deliver, eventOf, funded, listAll, SECRET } from "./support/stripe.js";

for (const backend of BACKENDS) {
  describe(`held cash balance transactions on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, { STRIPE_WEBHOOK_SECRET: SECRET });
    });
    after(async () => {
      await s?.close();
    });

    const pending = (customer, query = "") => s.call("GET", `/v1/customers/${customer}/cash_balance/pending${query}`);

    /** The stored balance is the package's fold of the stored transactions; → its `available`. */
    async function folded(customer) {
      const cb = await s.call("GET", `/v1/customers/${customer}/cash_balance`);
      assert.equal(cb.status, 200);
      const oldestFirst = (await listAll(s, customer)).reverse();
      assert.deepEqual(cb.body, cashBalance(customer, oldestFirst, cb.body.settings));
      return { available: cb.body.available, ids: oldestFirst.map((t) => t.id) };
    }

    test("a refused type and what it holds back: listed in order, retried once the package takes it", async () => {
      const future = { ...funded("cus_p", "ccsbtxn_p0", 50, 50), type: "credited_by_partner" };
      const waiting = funded("cus_p", "ccsbtxn_p1", 5, 55, future.created + 1);
      assert.equal((await deliver(s, eventOf("evt_p0", future))).body.outcome, "held");
      assert.equal((await deliver(s, eventOf("evt_p1", waiting))).body.outcome, "held");

      const list = await pending("cus_p");
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.deepEqual(Object.keys(list.body), ["object", "data", "has_more", "url"]);
      assert.equal(list.body.url, "/v1/customers/cus_p/cash_balance/pending");
      assert.equal(list.body.has_more, false);
      assert.deepEqual(
        list.body.data.map((p) => [p.id, p.currency, p.created, p.follows, p.refusal?.issues?.[0]?.code ?? p.refusal]),
        [
          ["ccsbtxn_p0", "eur", future.created, 0, "unknown_type"],
          ["ccsbtxn_p1", "eur", waiting.created, 50, null],
        ],
      );
      assert.deepEqual(list.body.data[0].transaction, future, "kept exactly as Stripe sent it");
      assert.ok(!Number.isNaN(Date.parse(list.body.data[0].received_at)));

      // Pages of one, in the same order; a cursor that is not held is refused.
      const first = await pending("cus_p", "?limit=1");
      assert.deepEqual([first.body.data.map((p) => p.id), first.body.has_more], [["ccsbtxn_p0"], true]);
      const second = await pending("cus_p", "?limit=1&starting_after=ccsbtxn_p0");
      assert.deepEqual([second.body.data.map((p) => p.id), second.body.has_more], [["ccsbtxn_p1"], false]);
      const unknownCursor = await pending("cus_p", "?starting_after=ccsbtxn_nope");
      assert.equal(unknownCursor.status, 400);
      assert.equal(unknownCursor.body.error.param, "starting_after");
      for (const q of ["?limit=0", "?limit=101", "?ending_before=ccsbtxn_p0"]) assert.equal((await pending("cus_p", q)).status, 400, q);

      // One that only waits for an earlier one is not discarded: it applies when that one does.
      const still = await s.call("DELETE", "/v1/customers/cus_p/cash_balance/pending/ccsbtxn_p1");
      assert.equal(still.status, 409);
      assert.equal(still.body.error.code, "still_waiting");

      // Tried again with nothing changed: refused again, nothing applied, nothing lost.
      const again = await s.call("POST", "/v1/customers/cus_p/cash_balance/pending/retry");
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual([again.body.applied, again.body.held, again.body.refused.map((r) => r.id)], [[], 2, ["ccsbtxn_p0"]]);
      assert.equal((await s.call("GET", "/v1/customers/cus_p/cash_balance")).body.available, null);

      // A package that knows the type reads it as a funding (here: the stored one rewritten so).
      await s.direct((db) =>
        db.query(`UPDATE cash_pending SET transaction = jsonb_set(transaction, '{type}', '"funded"') WHERE id = 'ccsbtxn_p0'`),
      );
      const retried = await s.call("POST", "/v1/customers/cus_p/cash_balance/pending/retry");
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.deepEqual([retried.body.applied, retried.body.held, retried.body.refused], [["ccsbtxn_p0", "ccsbtxn_p1"], 0, []]);
      assert.deepEqual(await folded("cus_p"), { available: { eur: 55 }, ids: ["ccsbtxn_p0", "ccsbtxn_p1"] });
      assert.deepEqual((await pending("cus_p")).body.data, []);
      // A second retry finds nothing: nothing is applied twice.
      const twice = await s.call("POST", "/v1/customers/cus_p/cash_balance/pending/retry");
      assert.deepEqual([twice.body.applied, twice.body.held], [[], 0]);
      assert.deepEqual((await folded("cus_p")).ids, ["ccsbtxn_p0", "ccsbtxn_p1"]);
    });

    test("out_of_order transactions are discarded into cash_discarded: kept, never applied, a redelivery a duplicate", async () => {
      const txs = chain("cus_d", [100, -100, 100]);
      assert.equal((await deliver(s, eventOf("evt_d2", txs[2]))).body.outcome, "applied");
      await deliver(s, eventOf("evt_d0", txs[0]));
      await deliver(s, eventOf("evt_d1", txs[1]));
      const held = (await pending("cus_d")).body.data;
      assert.deepEqual(held.map((p) => [p.id, p.refusal.code]), [[txs[0].id, "out_of_order"], [txs[1].id, "out_of_order"]]);

      const gone = await s.call("DELETE", `/v1/customers/cus_d/cash_balance/pending/${txs[0].id}`);
      assert.equal(gone.status, 200, JSON.stringify(gone.body));
      assert.deepEqual(gone.body, { id: txs[0].id, discarded: true, already: false, applied: [], held: 1, refused: [] });
      // Again (a retried request): the same, nothing more changed.
      const repeat = await s.call("DELETE", `/v1/customers/cus_d/cash_balance/pending/${txs[0].id}`);
      assert.equal(repeat.status, 200);
      assert.deepEqual(repeat.body, { id: txs[0].id, discarded: true, already: true, applied: [], held: 1, refused: [] });
      assert.deepEqual((await pending("cus_d")).body.data.map((p) => p.id), [txs[1].id]);
      // Stripe delivering it again (a new event id): known, never applied.
      const redelivered = await deliver(s, eventOf("evt_d0_again", txs[0]));
      assert.equal(redelivered.body.outcome, "duplicate_transaction");
      assert.equal((await s.call("DELETE", `/v1/customers/cus_d/cash_balance/pending/${txs[1].id}`)).status, 200);
      assert.deepEqual((await pending("cus_d")).body.data, []);
      assert.deepEqual(await folded("cus_d"), { available: { eur: 100 }, ids: [txs[2].id] });

      // Kept as they were held, append-only.
      const kept = await s.direct(async (db) => {
        const { rows } = await db.query("SELECT id, transaction, refusal FROM cash_discarded WHERE customer_id = 'cus_d' ORDER BY created");
        await assert.rejects(db.query("UPDATE cash_discarded SET refusal = '{}'::jsonb"), /append-only/);
        await assert.rejects(db.query("DELETE FROM cash_discarded"), /append-only/);
        return rows;
      });
      assert.deepEqual(kept.map((r) => [r.id, r.refusal.code]), [[txs[0].id, "out_of_order"], [txs[1].id, "out_of_order"]]);
      assert.deepEqual(kept[0].transaction, txs[0]);
    });

    test("who may see and move them, and what is not there", async () => {
      const { key } = await createCustomer(s, { id: "cus_own", currency: "EUR" });
      await deliver(s, eventOf("evt_o0", { ...funded("cus_own", "ccsbtxn_o0", 5, 5), type: "credited_by_partner" }));
      for (const [method, path] of [
        ["GET", "/v1/customers/cus_own/cash_balance/pending"],
        ["POST", "/v1/customers/cus_own/cash_balance/pending/retry"],
        ["DELETE", "/v1/customers/cus_own/cash_balance/pending/ccsbtxn_o0"],
      ]) {
        const r = await s.call(method, path, { key });
        assert.equal(r.status, 403, `${method} ${path} with the customer's own key`);
        assert.equal(r.body.error.code, "forbidden");
        assert.equal((await s.call(method, path, { key: null })).status, 401, `${method} ${path} without a key`);
      }
      assert.equal((await pending("cus_own")).body.data.length, 1, "the customer's key changed nothing");
      // A customer the ledger knows without any cash: an empty list, a retry that finds nothing.
      await createCustomer(s, { id: "cus_nocash", currency: "EUR" });
      assert.deepEqual((await pending("cus_nocash")).body.data, []);
      const none = await s.call("POST", "/v1/customers/cus_nocash/cash_balance/pending/retry");
      assert.deepEqual(none.body, { applied: [], held: 0, refused: [] });
      assert.equal((await s.call("DELETE", "/v1/customers/cus_nocash/cash_balance/pending/ccsbtxn_x")).status, 404);
      // Neither the ledger nor a cash balance knows this one.
      assert.equal((await pending("cus_nobody")).status, 404);
      assert.equal((await s.call("POST", "/v1/customers/cus_nobody/cash_balance/pending/retry")).status, 404);
      const unknownTx = await s.call("DELETE", "/v1/customers/cus_own/cash_balance/pending/ccsbtxn_never");
      assert.equal(unknownTx.status, 404);
      assert.deepEqual([unknownTx.body.error.code, unknownTx.body.error.param], ["resource_missing", "transaction"]);
      assert.equal((await s.call("DELETE", "/v1/customers/../cash_balance/pending/x")).status, 404);
    });
  });
}
