// The end of a chaos run, read from the database itself: what was acknowledged (chaos-load.js) is
// there exactly once, nothing else is, money is conserved to the minor unit, and every stored state
// is the fold of its own history.
import assert from "node:assert/strict";
import { cashBalance } from "balance-ledger";
import * as ledger from "../../src/ledger.js";
import { ore } from "./seed.js";

const sum = (list) => list.reduce((a, b) => a + b, 0n);
const sorted = (list) => [...list].sort();

/** Legal moves of a v1.1 credit's status (a bank's reports): none skipped, none reversed. */
const MOVES = new Set(["pending>succeeded", "pending>failed", "succeeded>failed"]);

async function checkCustomers(db, acked) {
  const { rows } = await db.query(
    `SELECT c.id, c.state, c.initial,
            coalesce(json_agg(j.entry ORDER BY j.version, j.position) FILTER (WHERE j.entry IS NOT NULL), '[]') AS entries
     FROM customers c LEFT JOIN journal j ON j.customer_id = c.id GROUP BY c.id ORDER BY c.id`,
  );
  assert.deepEqual(rows.map((r) => r.id), sorted(acked.customers), "the customers created, no other");
  const seen = { entries: 0, charges: 0, funded: 0, declined: 0, settled: 0, settlementsFailed: 0 };
  const orderNumbers = new Set();
  for (const row of rows) {
    const id = row.id;
    const entries = row.entries;
    seen.entries += entries.length;
    // The journal folds to the stored state (the package's replayJournal).
    assert.deepEqual(ledger.replay(row.initial, entries), row.state, `${id}: its entries fold to its state`);

    // Charges: exactly the acknowledged ones, each once (its Idempotency-Key), to the öre.
    const charges = entries.filter((e) => e.kind === "charge");
    const chargesAcked = acked.charges.get(id);
    assert.deepEqual(sorted(charges.map((e) => e.idempotency_key)), sorted(chargesAcked.map((c) => c.key)), `${id}: the charges acknowledged, each once`);
    assert.equal(sum(charges.map((e) => ore(e.amount))), sum(chargesAcked.map((c) => c.amount)), `${id}: charged what was acknowledged`);
    seen.charges += charges.length;

    // Funding orders: each acknowledged one once, with its outcome and amount.
    const funds = entries.filter((e) => e.kind === "fund" || e.kind === "fund_failed");
    const ordersAcked = acked.orders.get(id);
    assert.deepEqual(sorted(funds.map((e) => e.idempotency_key)), sorted(ordersAcked.map((o) => o.key)), `${id}: the orders acknowledged, each once`);
    for (const o of ordersAcked) {
      const e = funds.find((x) => x.idempotency_key === o.key);
      assert.equal(e.kind, o.outcome === "success" ? "fund" : "fund_failed", `${id}: order ${o.number} applied with the outcome answered`);
      assert.equal(ore(e.amount), o.amount, `${id}: order ${o.number}'s amount`);
    }
    seen.funded += funds.filter((e) => e.kind === "fund").length;
    seen.declined += funds.filter((e) => e.kind === "fund_failed").length;

    // Settlements: no order settled twice; every one answered is there with its outcome.
    for (const e of entries.filter((x) => x.kind === "settlement" || x.kind === "settlement_failed")) {
      assert.ok(!orderNumbers.has(e.order), `${id}: settlement order ${e.order} applied twice`);
      orderNumbers.add(e.order);
      if (e.kind === "settlement") seen.settled += 1;
      else seen.settlementsFailed += 1;
    }

    // Conservation, to the öre. What was charged is still unsettled or was paid at settlement,
    // by the payment (the entry's amount) and by funds on the balance (what the total fell by);
    // what was funded is still on the balance or paid for items so.
    let total = ore(row.initial.total ?? "0");
    let paidByFunds = 0n;
    let paid = 0n;
    for (const e of entries) {
      const after = ore(e.total_after);
      if (e.kind === "settlement") {
        paidByFunds += total - after;
        paid += ore(e.amount);
      }
      total = after;
    }
    const unsettled = sum((row.state.balance ?? []).map((item) => ore(String(item.price)) * BigInt(item.quantity ?? 1)));
    assert.equal(sum(chargesAcked.map((c) => c.amount)), unsettled + paid + paidByFunds, `${id}: charges = unsettled + paid + paid by funds`);
    const fundedAcked = sum(ordersAcked.filter((o) => o.outcome === "success").map((o) => o.amount));
    assert.equal(fundedAcked, ore(row.state.total) + paidByFunds, `${id}: funds = on the balance + spent on items`);
  }
  for (const s of acked.settlements) {
    assert.ok(orderNumbers.has(s.order), `settlement ${s.order} of ${s.customer} was answered ${s.outcome} but is not in the journal`);
  }
  return seen;
}

async function checkCash(db, acked) {
  const { rows: pending } = await db.query("SELECT customer_id, id FROM cash_pending");
  assert.deepEqual(pending, [], "every delivered transaction applied: none held");
  let count = 0;
  for (const [customer, chain] of acked.chains) {
    const { rows } = await db.query("SELECT id, transaction FROM cash_transactions WHERE customer_id = $1 ORDER BY seq", [customer]);
    assert.deepEqual(rows.map((r) => r.id), chain.map((t) => t.id), `${customer}: every transaction once, in its order`);
    const { rows: b } = await db.query("SELECT state FROM cash_balances WHERE customer_id = $1", [customer]);
    const transactions = rows.map((r) => r.transaction);
    const fold = cashBalance(customer, transactions, b[0].state.settings ?? null);
    assert.deepEqual(b[0].state.available ?? {}, fold.available ?? {}, `${customer}: the balance is the fold of its transactions`);
    const net = chain.reduce((a, t) => a + t.net_amount, 0);
    assert.equal(b[0].state.available?.eur ?? 0, net, `${customer}: funds conserved`);
    count += rows.length;
  }
  return count;
}

async function checkCredits(db, acked) {
  const { rows } = await db.query("SELECT id, status FROM credits ORDER BY id");
  assert.deepEqual(rows.map((r) => r.id), sorted(acked.credits.map((c) => c.id)), "the credits acknowledged, each once, no other");
  const { rows: keys } = await db.query("SELECT key FROM credit_idempotency_keys ORDER BY key");
  assert.deepEqual(keys.map((k) => k.key), sorted(acked.credits.map((c) => c.key)), "each creation's key once");
  const status = new Map(rows.map((r) => [r.id, r.status]));
  const moved = { succeeded: 0, failed: 0 };
  for (const c of acked.credits) {
    const { rows: events } = await db.query("SELECT position, status FROM credit_events WHERE credit_id = $1 ORDER BY position", [c.id]);
    assert.deepEqual(events.map((e) => e.position), events.map((_, i) => i), `${c.id}: its events are contiguous`);
    const statuses = events.map((e) => e.status);
    for (let i = 1; i < statuses.length; i++) {
      assert.ok(MOVES.has(`${statuses[i - 1]}>${statuses[i]}`), `${c.id}: ${statuses[i - 1]} → ${statuses[i]} skips or reverses a status`);
    }
    assert.deepEqual(statuses, c.statuses, `${c.id}: each acknowledged report once, in order`);
    assert.equal(status.get(c.id), c.statuses.at(-1), `${c.id}: stored in its last status`);
    for (const s of c.statuses.slice(1)) moved[s] += 1;
  }
  return { credits: rows.length, ...moved };
}

/** Every check; → the figures the run prints. */
export async function checkEndState(db, acked) {
  const customers = await checkCustomers(db, acked);
  const cash = await checkCash(db, acked);
  const credits = await checkCredits(db, acked);
  return { ...customers, cashTransactions: cash, ...credits };
}
