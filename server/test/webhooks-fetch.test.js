// A gap fetched through the pluggable source: with STRIPE_SECRET_KEY set, a delivered transaction
// whose predecessors are missing makes the server list the customer's transactions through the
// official client (here from a local stand-in for Stripe's API, STRIPE_API_URL) and apply the
// missing ones first, in their order; every delivery also brings its predecessors from the source
// (so a balance that comes back to an earlier value cannot let a later transaction go first). When
// the source fails, the event is still stored and waits.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { serverOn } from "./support/harness.js";
import { chain, deliver, eventOf, listAll, SECRET } from "./support/stripe.js";

/** Stripe's GET /v1/customers/:id/cash_balance_transactions over `history` (oldest first); `fail` answers 500. */
function standIn(history) {
  const seen = [];
  const state = { fail: false };
  const server = createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    const m = /^\/v1\/customers\/([^/]+)\/cash_balance_transactions/.exec(req.url);
    res.setHeader("content-type", "application/json");
    if (state.fail || !m) {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: { type: "api_error", message: "unavailable" } }));
      return;
    }
    // Newest first, a page at a time after `starting_after`, as Stripe lists them.
    const q = new URL(req.url, "http://x").searchParams;
    let data = history.filter((t) => t.customer === m[1]).reverse();
    if (q.has("starting_after")) data = data.slice(data.findIndex((t) => t.id === q.get("starting_after")) + 1);
    const limit = Number(q.get("limit") ?? 10);
    res.end(JSON.stringify({ object: "list", data: data.slice(0, limit), has_more: data.length > limit, url: `/v1/customers/${m[1]}/cash_balance_transactions` }));
  });
  return { server, seen, state };
}

describe("a gap fetched from Stripe through the official client (PGlite)", () => {
  const history = [...chain("cus_gap", [400, 600, -250]), ...chain("cus_down", [10, 20]), ...chain("cus_zig", [100, -100, 100])];
  const api = standIn(history);
  let s;
  before(async () => {
    await new Promise((r) => api.server.listen(0, "127.0.0.1", r));
    s = await serverOn("pglite", {
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_SECRET_KEY: "sk_test_standin",
      STRIPE_API_URL: `http://127.0.0.1:${api.server.address().port}`,
    });
  });
  after(async () => {
    await s?.close();
    await new Promise((r) => api.server.close(r));
  });

  test("the last transaction delivered alone: the two before it are fetched and applied first", async () => {
    const [t0, t1, t2] = history;
    const r = await deliver(s, eventOf("evt_g2", t2));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.outcome, "applied");
    assert.deepEqual(r.body.applied, [t0.id, t1.id, t2.id]);
    assert.ok(api.seen.some((q) => q.url.startsWith("/v1/customers/cus_gap/cash_balance_transactions") && q.authorization === "Bearer sk_test_standin"));
    const listed = await listAll(s, "cus_gap");
    assert.deepEqual(listed.map((t) => t.id), [t2.id, t1.id, t0.id]);
    assert.deepEqual((await s.call("GET", "/v1/customers/cus_gap/cash_balance")).body.available, { eur: 750 });
    // Their own deliveries, arriving later, are duplicates.
    assert.equal((await deliver(s, eventOf("evt_g0", t0))).body.outcome, "duplicate_transaction");
  });

  test("without STRIPE_WEBHOOK_SECRET every event is refused (503), none stored", async () => {
    const bare = await serverOn("pglite");
    try {
      const r = await deliver(bare, eventOf("evt_n1", history[0]));
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, "not_configured");
      assert.equal((await bare.call("GET", "/v1/customers/cus_gap/cash_balance")).status, 404);
    } finally {
      await bare.close();
    }
  });

  test("a balance that comes back: the third alone follows 0 as the first does, but its predecessors come with it, so all three apply in order", async () => {
    const [z0, z1, z2] = history.slice(5);
    const r = await deliver(s, eventOf("evt_z2", z2));
    assert.equal(r.body.outcome, "applied", JSON.stringify(r.body));
    assert.deepEqual(r.body.applied, [z0.id, z1.id, z2.id]);
    assert.ok(api.seen.some((q) => q.url.includes(`starting_after=${z2.id}`)), "the predecessors were asked for");
    assert.deepEqual((await listAll(s, "cus_zig")).map((t) => t.id), [z2.id, z1.id, z0.id]);
    assert.equal((await deliver(s, eventOf("evt_z0", z0))).body.outcome, "duplicate_transaction");
  });

  test("when the source fails the event is still stored, held until the missing one is delivered", async () => {
    api.state.fail = true;
    const [d0, d1] = history.slice(3);
    const held = await deliver(s, eventOf("evt_d1", d1));
    assert.equal(held.status, 200);
    assert.equal(held.body.outcome, "held");
    api.state.fail = false;
    const r = await deliver(s, eventOf("evt_d0", d0));
    assert.deepEqual(r.body.applied, [d0.id, d1.id]);
    assert.deepEqual((await s.call("GET", "/v1/customers/cus_down/cash_balance")).body.available, { eur: 30 });
  });
});
