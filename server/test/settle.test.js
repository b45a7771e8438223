// HTTP tests of settling: DELETE /v1/customer/:id/balance and its preview for an id, "me" and
// "all", the key rules of settlementTarget, a declined payment, and a broken customer that must
// not stop the others; on PGlite and on PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BACKENDS, createCustomer, serverOn } from "./support/harness.js";

for (const backend of BACKENDS) {
  describe(`settling on ${backend}`, () => {
    let s;
    let alice;
    before(async () => {
      s = await serverOn(backend);
      alice = await createCustomer(s, { id: "alice", currency: "SEK", schedule: [2] });
    });
    after(() => s?.close());

    test("the preview's amount is what DELETE charges, and what the journal records", async () => {
      await createCustomer(s, { id: "p1", currency: "SEK" });
      await s.call("POST", "/customer/p1/balance", { body: [{ price: 119.6, vat: 29.9, quantity: 2 }, { price: "0.35", quantity: 3 }] });
      await s.call("POST", "/order", {
        body: { number: "f1", items: 100, currency: "SEK", customer: "p1", payment: { type: "customer", charge: "balance" } },
      });
      const p = await s.call("GET", "/v1/customer/p1/balance/preview");
      assert.equal(p.status, 200);
      // 299.00 + 1.05 of items, less 100.00 of funds
      assert.equal(p.body.amount, "200.05");
      assert.equal(p.body.order.items.at(-1).price, "-100.00");
      assert.deepEqual(p.body.after.success.balance, []);
      const d = await s.call("DELETE", "/v1/customer/p1/balance");
      assert.equal(d.status, 200);
      assert.equal(d.body.updated, 1);
      assert.equal(d.body.errors, 0);
      assert.equal(d.body.results[0].amount, p.body.amount);
      assert.equal(d.body.results[0].order.amount, p.body.order.amount);
      assert.deepEqual(d.body.results[0].order.items, p.body.order.items);
      const c = (await s.call("GET", "/customer/p1")).body;
      assert.deepEqual(c.balance, []);
      assert.equal(c.total, "0.00");
      const j = (await s.call("GET", "/customer/p1/journal")).body.entries;
      assert.deepEqual(j.map((e) => e.kind), ["charge", "fund", "settlement"]);
      assert.equal(j[2].amount, "200.05");
      const again = await s.call("DELETE", "/v1/customer/p1/balance");
      assert.deepEqual([again.body.updated, again.body.errors, again.body.results], [0, 0, []], "nothing left to settle");
    });

    test('a customer key settles "me"; it may not name an id or "all"; the private key may not name "me"', async () => {
      await s.call("POST", "/customer/alice/balance", { key: alice.key, body: 40 });
      const preview = await s.call("GET", "/v1/customer/me/balance/preview", { key: alice.key });
      assert.equal(preview.status, 200);
      assert.equal(preview.body.customer.id, "alice");
      assert.equal(preview.body.amount, "40.00");
      for (const id of ["alice", "all"]) {
        for (const method of ["DELETE", "GET"]) {
          const path = method === "GET" ? `/v1/customer/${id}/balance/preview` : `/v1/customer/${id}/balance`;
          const r = await s.call(method, path, { key: alice.key });
          assert.equal(r.status, 403, `${method} ${id}`);
          assert.equal(r.body.error.code, "forbidden_target");
        }
      }
      const privMe = await s.call("DELETE", "/v1/customer/me/balance");
      assert.equal(privMe.status, 403);
      assert.equal(privMe.body.error.code, "forbidden_target");
      assert.equal((await s.call("DELETE", "/v1/customer/me/balance", { key: null })).status, 401);
      assert.equal((await s.call("DELETE", "/v1/customer/me/balance", { key: "ck_forged" })).status, 401);
      assert.equal((await s.call("GET", "/customer/alice")).body.balance.length, 1, "no refusal settled anything");
      const mine = await s.call("DELETE", "/v1/customer/me/balance", { key: alice.key });
      assert.equal(mine.status, 200);
      assert.deepEqual([mine.body.updated, mine.body.errors], [1, 0]);
      assert.equal(mine.body.results[0].id, "alice");
      assert.equal(mine.body.results[0].amount, "40.00");
    });

    test("an unknown customer is 404; an id with a path separator 400", async () => {
      const r = await s.call("DELETE", "/v1/customer/nobody/balance");
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, "not_found");
      assert.equal((await s.call("GET", "/v1/customer/nobody/balance/preview")).status, 404);
      assert.equal((await s.call("DELETE", "/v1/customer/a%2Fb/balance")).status, 400);
    });

    test("a declined settlement keeps the items, makes the customer pending and schedules retries", async () => {
      await createCustomer(s, { id: "decl", currency: "SEK", schedule: [1, 3] });
      await s.call("POST", "/customer/decl/balance", { body: 2500 });
      const d = await s.call("DELETE", "/v1/customer/decl/balance");
      assert.equal(d.status, 200);
      assert.deepEqual([d.body.updated, d.body.errors, d.body.declined], [0, 0, 1]);
      assert.equal(d.body.results[0].outcome, "failure");
      const c = (await s.call("GET", "/customer/decl")).body;
      assert.equal(c.status, "pending");
      assert.equal(c.balance.length, 1, "nothing is lost: the items stay");
      const j = (await s.call("GET", "/customer/decl/journal")).body.entries;
      assert.equal(j.at(-1).kind, "settlement_failed");
      assert.equal(j.at(-1).retries.length, 2);
    });

    test("settle-all settles every customer once; a broken customer is counted and stops no one", async () => {
      const ids = ["all-a", "all-b", "all-c", "all-d", "all-e"];
      for (const [i, id] of ids.entries()) {
        await createCustomer(s, { id, currency: "SEK" });
        await s.call("POST", `/customer/${id}/balance`, { body: 10 + i });
      }
      // A state the package refuses: written behind the server's back, as a bad migration might.
      await s.direct((db) =>
        db.query(`UPDATE customers SET state = jsonb_set(state, '{total}', '"12,50"') WHERE id = 'all-c'`),
      );
      const preview = await s.call("GET", "/v1/customer/all/balance/preview");
      assert.equal(preview.status, 200);
      const previewed = new Map(preview.body.results.filter((r) => !r.error).map((r) => [r.id, r.amount]));
      assert.equal(preview.body.errors, 1);
      assert.equal(preview.body.results.find((r) => r.error).id, "all-c");

      const d = await s.call("DELETE", "/v1/customer/all/balance");
      assert.equal(d.status, 200);
      const settled = d.body.results.filter((r) => r.outcome === "success");
      // decl (declined above) is tried again and declined again; everyone else with items settles
      assert.equal(d.body.errors, 1);
      assert.equal(d.body.declined, 1);
      assert.equal(d.body.updated, previewed.size - 1);
      for (const r of settled) assert.equal(r.amount, previewed.get(r.id), `${r.id}: charged what was previewed`);
      const broken = d.body.results.find((r) => r.error);
      assert.equal(broken.id, "all-c");
      assert.equal(broken.error.code, "invalid_input");
      assert.equal(broken.error.issues[0].path, "/customer/total");
      for (const id of ["all-a", "all-b", "all-d", "all-e"]) {
        assert.deepEqual((await s.call("GET", `/customer/${id}`)).body.balance, [], id);
      }
      const rerun = await s.call("DELETE", "/v1/customer/all/balance");
      assert.deepEqual([rerun.body.updated, rerun.body.errors], [0, 1], "a rerun settles nobody twice");
      const j = (await s.call("GET", "/customer/all-a/journal")).body.entries;
      assert.equal(j.filter((e) => e.kind === "settlement").length, 1);
    });
  });
}
