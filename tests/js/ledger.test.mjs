// The customer balance ledger from Node through the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chargeBalance, fundBalance, previewSettlement, settleBalance, previewSettlements, settlementTarget,
  replayJournal, BalanceLedgerError,
} from "../../pkg/node.js";

const now = "2026-11-23T10:00:00Z";
const base = { id: "c1", currency: "SEK", balance: [], total: 0, status: "active", schedule: [1, 3] };
const order = (items) => ({ number: "o1", items, currency: "SEK", customer: "c1", payment: { type: "customer", charge: "balance" } });

test("charge, fund, preview and settle: the seed's three operations", () => {
  let { customer, entries: [entry] } = chargeBalance(base, { price: 119.6, vat: 29.9, quantity: 2 }, { now });
  assert.equal(entry.kind, "charge");
  assert.equal(entry.amount, "299.00");
  assert.equal(entry.version, 1);
  assert.equal(customer.version, 1);
  ({ customer } = chargeBalance(customer, 1.5, { now }));
  ({ customer } = fundBalance(customer, order([{ price: 100 }]), "success", { now }));
  assert.equal(customer.total, "100.00");

  const preview = previewSettlement(customer, { now });
  assert.equal(preview.amount, "200.50");
  assert.equal(preview.order.items.at(-1).price, "-100.00");
  assert.equal(preview.order.lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0), 20050);
  assert.equal(preview.after.failure.status, "pending");
  assert.equal(preview.after.failure.version, 4);

  const failed = settleBalance(customer, "failure", { now });
  assert.deepEqual(failed.entries[0].retries, ["2026-11-24T10:00:00Z", "2026-11-26T10:00:00Z"]);
  const settled = settleBalance(customer, "success", { now });
  assert.deepEqual(settled.customer, preview.after.success);
  assert.deepEqual(settled.order, preview.order);
  assert.equal(settled.customer.balance.length, 0);
  assert.equal(settled.customer.total, "0.00");
});

test("now defaults to the current time", () => {
  const before = Date.now();
  const { entries: [entry] } = chargeBalance(base, 1);
  assert.ok(Date.parse(entry.at) >= before - 1000 && Date.parse(entry.at) <= Date.now() + 1000);
});

test("idempotency: the same key adds the items once; with another request it throws", () => {
  const first = chargeBalance(base, 10, { now, idempotency_key: "k" });
  const again = chargeBalance(first.customer, "10.00", { now, idempotency_key: "k" });
  assert.equal(again.replayed, true);
  assert.deepEqual(again.customer, first.customer);
  // A replay creates nothing: no entries to append, and the versions of the original ones.
  assert.deepEqual(again.entries, []);
  assert.deepEqual(again.matched, [first.entries[0].version]);
  assert.equal("matched" in first, false);
  assert.throws(() => chargeBalance(first.customer, 11, { now, idempotency_key: "k" }), (e) =>
    e instanceof BalanceLedgerError && e.code === "idempotency_key_reused" && /"k"/.test(e.message));
  const o = order([{ price: 5 }]);
  const funded = fundBalance(first.customer, o, "success", { now, idempotency_key: "f" });
  const refunded = fundBalance(funded.customer, o, "success", { now, idempotency_key: "f" });
  assert.deepEqual([refunded.replayed, refunded.entries, refunded.matched, refunded.order], [true, [], [2], funded.order]);
  assert.throws(() => fundBalance(funded.customer, o, "failure", { now, idempotency_key: "f" }), { code: "idempotency_key_reused" });
  const settled = settleBalance(funded.customer, "success", { now, idempotency_key: "s" });
  const resettled = settleBalance(settled.customer, "success", { now, idempotency_key: "s" });
  assert.deepEqual([resettled.replayed, resettled.entries, resettled.matched, resettled.order], [true, [], [3], null]);
  assert.deepEqual(resettled.customer, settled.customer);
  assert.deepEqual(settled.customer.idempotency_keys.map((r) => Object.keys(r)),
    [["key", "fingerprint", "at", "versions"], ["key", "fingerprint", "at", "versions"], ["key", "fingerprint", "at", "versions"]]);
  assert.throws(() => settleBalance(settled.customer, "failure", { now, idempotency_key: "s" }), { code: "idempotency_key_reused" });
});

test("replayJournal folds the entries into the state the calls returned", () => {
  const entries = [];
  let c = base;
  for (const step of [
    (c) => chargeBalance(c, [{ price: 3 }, { price: 4, vat: 1 }], { now, idempotency_key: "a" }),
    (c) => fundBalance(c, order(2), "failure", { now }),
    (c) => settleBalance(c, "success", { now }),
  ]) {
    const r = step(c);
    entries.push(...r.entries);
    c = r.customer;
  }
  assert.deepEqual(replayJournal(base, entries), c);
  assert.throws(() => replayJournal(base, entries.slice(1)), { code: "journal_mismatch" });
  assert.throws(() => replayJournal(base, [{ ...entries[0], amount: "1.00" }]), { code: "journal_mismatch" });
});

test("a customer with a journal (earlier versions) is accepted and the journal dropped", () => {
  const old = { ...base, journal: [{ id: "c1/1", kind: "charge", at: now, currency: "SEK", amount: "1.00" }] };
  const { customer, entries } = chargeBalance(old, 2, { now });
  assert.equal(customer.journal, undefined);
  assert.equal(customer.version, 2);
  assert.equal(entries[0].id, "c1/2");
});

test("a hard limit throws limit_exceeded naming the amounts", () => {
  assert.throws(() => chargeBalance({ ...base, limit: 50 }, 50.01, { now }), (e) =>
    e instanceof BalanceLedgerError && e.code === "limit_exceeded" && /50\.01/.test(e.message) && /50\.00/.test(e.message));
});

test("settle all over valid and broken customers", () => {
  const r = previewSettlements([
    { ...base, balance: [{ price: 10 }] },
    { id: "x", currency: "SEK", total: -5 },
    { id: "y", currency: "SEK", balance: [{ price: "12,50" }] },
    { id: "z", currency: "EUR" },
  ], { now });
  assert.equal(r.updated, 1);
  assert.equal(r.errors, 2);
  assert.deepEqual(r.results.map((x) => x.ok), [true, false, false, true]);
  assert.deepEqual(r.results[1].issues.map((i) => [i.path, i.code]), [["/customers/1/total", "negative"]]);
  assert.deepEqual(r.results[2].issues.map((i) => [i.path, i.code]), [["/customers/2/balance/0/price", "invalid_decimal"]]);
});

test("settlement targets", () => {
  assert.deepEqual(settlementTarget("customer", "me"), { scope: "me" });
  assert.deepEqual(settlementTarget("private", "all"), { scope: "all" });
  assert.deepEqual(settlementTarget("private", "c9"), { scope: "customer", customer: "c9" });
  assert.throws(() => settlementTarget("customer", "all"), { code: "forbidden_target" });
  assert.throws(() => settlementTarget("private", "me"), { code: "forbidden_target" });
  assert.throws(() => settlementTarget("admin", "all"), { code: "unknown_key_kind" });
});

test("bad customers get coded errors, never a trap", () => {
  assert.throws(() => previewSettlement(null), { code: "invalid_input" });
  assert.throws(() => previewSettlement({ ...base, currency: "EUR", balance: [{ price: 1, currency: "SEK" }] }), (e) =>
    e.issues[0].code === "currency_mismatch");
  assert.throws(() => previewSettlement({ ...base, total: "1e400" }), (e) => e.issues[0].code === "out_of_range");
  assert.throws(() => previewSettlement({ ...base, balance: new Array(100_000).fill({ price: 1 }) }), (e) =>
    e.issues[0].code === "too_many_items");
  assert.equal(previewSettlement(base).amount, "0.00");
});

test("accountBalance: the IVR view from the ledger", async () => {
  const { accountBalance } = await import("../../pkg/node.js");
  let { customer } = chargeBalance(base, [{ price: 400 }, { price: 97.7 }], { now: "2014-08-20T09:00:00-07:00" });
  ({ customer } = settleBalance(customer, "success", { now: "2014-09-01T16:30:00-07:00" }));
  ({ customer } = chargeBalance(customer, 30, { now: "2014-09-10T09:00:00-07:00" }));
  assert.deepEqual(accountBalance(customer, { request_tracking_id: "234", billing_name: "FAIRPOINT", ivr_fee: 5 }), {
    request_tracking_id: "234",
    billing_name: "FAIRPOINT",
    ivr_fee: "5.00",
    last_payment_amount: "497.70",
    last_payment_date: "2014-09-01",
    balance: [{ type: "total", amount: "30.00" }],
  });
  assert.throws(() => accountBalance(customer, {}), (e) => e.issues[0].path === "/extras/request_tracking_id");
});
