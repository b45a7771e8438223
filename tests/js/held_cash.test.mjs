// Cash balance states the bridge holds (js/bridge.js `held`, src/api/held.rs), as it holds
// customers (held.test.mjs): a state `applyCashTransaction` returned, handed back unchanged, crosses
// into wasm as the handle of the typed state the core kept. Every answer must be the one the
// state's JSON text gets; any change to the returned object must be seen; a state is never taken
// for a customer nor a customer for a state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addCashPayment, applyCashTransaction, chargeBalance } from "../../pkg/node.js";
import { crossedAsHandle, fresh, outcome, randomChanges, recordedApi, trap } from "./support/testing.mjs";

const ROWS = [
  ["applyCashTransaction", "applyCashTransaction", ["cashState", "json"]],
  ["chargeBalance", "chargeBalance", ["state", "json", "timed"]],
];

const funded = (i, amount = 1000 + (i % 97)) => ({
  id: `ccsbtxn_${String(i).padStart(24, "0")}`, type: "funded", currency: i % 5 === 4 ? "gbp" : "eur", net_amount: amount,
  created: 1_700_000_000 + i,
  funded: { bank_transfer: { type: "eu_bank_transfer", reference: `Invoice ${i}` } },
});
/** The i-th transaction of a host's loop: mostly funds, now and then a return or a duplicate. */
function tx(i) {
  switch (i % 11) {
    case 3:
      return { id: `ret_${i}`, type: "return_initiated", currency: "eur", net_amount: -(i % 50) - 1, created: 1_700_000_000 + i };
    case 7:
      return funded(i - 1); // applied already: refused as a duplicate
    default:
      return funded(i);
  }
}

test("the host's loop on a cash state: it crosses as its handle from the third call, each answer its text's", () => {
  const { api, calls } = recordedApi(ROWS);
  let state = { customer: "cus_held", settings: { reconciliation_mode: "automatic" } };
  // An open payment, so automatic reconciliation applies funds on the way.
  state = addCashPayment(state, { id: "pi_1", currency: "eur", amount_remaining: 25_000, created: 1_600_000_000 }).state;
  let held = 0;
  for (let i = 0; i < 300; i++) {
    const expected = outcome(() => applyCashTransaction(fresh(state), tx(i)));
    const before = calls.length;
    let r;
    assert.equal(outcome(() => (r = api.applyCashTransaction(state, tx(i)))), expected, `call ${i}`);
    held += crossedAsHandle(calls.slice(before)).length;
    if (i >= 2 && i % 11 !== 8) assert.equal(crossedAsHandle(calls.slice(before)).length, 1, `call ${i} crossed as a handle`);
    // A refused transaction leaves the state as it was: the host carries on with it.
    if (r !== undefined) state = r.state;
  }
  assert.ok(held > 250, `${held} of 300 calls crossed as a handle`);
  // Past the window of 128 remembered transactions: the oldest were forgotten on the way.
  assert.equal(state.recent_transactions.length, 128);
  assert.notEqual(state.forgotten_through, null);
  assert.ok(state.open_payments.length === 0 || state.open_payments[0].amount_remaining < 25_000);
});

/** A held state: one the bridge returned and holds (its loop's third answer on). */
function heldState(api, customer = "cus_9") {
  let state = { customer };
  for (let i = 0; i < 6; i++) state = api.applyCashTransaction(state, funded(i)).state;
  return state;
}

test("every change to a held state is seen: the answer is the changed state's", () => {
  const changes = {
    "a balance": (s) => { s.available.eur += 1; },
    "a currency added": (s) => { s.available.usd = 0; },
    "a remembered transaction removed": (s) => { s.recent_transactions.pop(); },
    "a remembered transaction's id": (s) => { s.recent_transactions[1].id = "ccsbtxn_other"; },
    "remembered transactions reordered": (s) => { s.recent_transactions.reverse(); },
    "a remembered transaction replaced by an equal copy": (s) => { s.recent_transactions[2] = { ...s.recent_transactions[2] }; },
    "the count lowered": (s) => { s.transaction_count -= 1; },
    "forgotten_through set": (s) => { s.forgotten_through = 1_700_000_004; },
    "the customer": (s) => { s.customer = "cus_other"; },
    "the mode": (s) => { s.settings.reconciliation_mode = "manual"; },
    "an open payment added": (s) => { s.open_payments.push({ id: "pi_x", currency: "eur", amount_remaining: 100, created: 1 }); },
    "an overdraft": (s) => { s.overdrafts.eur = "ccsbtxn_000000000000000000000001"; },
    "the account": (s) => { s.customer_account = "acct_1"; },
    "an unknown field": (s) => { s.note = "x"; },
    "a field removed": (s) => { delete s.livemode; },
    "a getter with the same value": (s) => {
      const customer = s.customer;
      Object.defineProperty(s, "customer", { get: () => customer, enumerable: true });
    },
    "a getter that throws": (s) => { Object.defineProperty(s.available, "eur", { get: () => { throw new Error("no"); }, enumerable: true }); },
    "a toJSON": (s) => { s.settings.toJSON = () => ({ reconciliation_mode: "manual" }); },
    "a null prototype": (s) => { s.available = Object.assign(Object.create(null), s.available); },
    "a Map": (s) => { s.available = new Map(Object.entries(s.available)); },
  };
  const SAME_VALUES = ["a remembered transaction replaced by an equal copy", "a getter with the same value"];
  const { api, calls } = recordedApi(ROWS);
  for (const [name, change] of Object.entries(changes)) {
    for (const next of [funded(50), funded(3) /* a duplicate */, { id: "r", type: "return_initiated", currency: "eur", net_amount: -5, created: 1_700_000_060 }]) {
      const s = heldState(api);
      const before = calls.length;
      const unchanged = outcome(() => api.applyCashTransaction(s, next));
      assert.equal(crossedAsHandle(calls.slice(before)).length, 1, `${name}: the held state`);
      assert.equal(unchanged, outcome(() => applyCashTransaction(fresh(s), next)));
      change(s);
      const before2 = calls.length;
      // The package's own function has never seen `s`: it reads it from its text.
      assert.equal(outcome(() => api.applyCashTransaction(s, next)), outcome(() => applyCashTransaction(s, next)), `${name} (${next.id})`);
      const asHandle = crossedAsHandle(calls.slice(before2)).length;
      assert.equal(asHandle, SAME_VALUES.includes(name) ? 1 : 0, `${name}: crossed as a handle`);
    }
  }
});

test("a held state is never taken for a customer, nor a held customer for a state", () => {
  const { api, calls } = recordedApi(ROWS);
  const s = heldState(api, "cus_kind");
  let c = { id: "cus_kind", currency: "EUR", status: "active" };
  for (let i = 0; i < 4; i++) c = api.chargeBalance(c, { price: 10 + i }, { now: "2026-11-23T07:00:00Z" }).customer;
  const before = calls.length;
  assert.equal(outcome(() => api.chargeBalance(s, { price: 1 }, { now: "2026-11-23T07:00:00Z" })),
    outcome(() => chargeBalance(fresh(s), { price: 1 }, { now: "2026-11-23T07:00:00Z" })));
  assert.equal(outcome(() => api.applyCashTransaction(c, funded(70))), outcome(() => applyCashTransaction(fresh(c), funded(70))));
  assert.equal(crossedAsHandle(calls.slice(before)).length, 0);
  // Each is still held for its own kind of call.
  const again = calls.length;
  api.applyCashTransaction(s, funded(71));
  api.chargeBalance(c, { price: 1 }, { now: "2026-11-23T07:00:00Z" });
  assert.equal(crossedAsHandle(calls.slice(again)).length, 2);
});

test("calls again and again with one held value, their answers dropped, push no other held value out", () => {
  const { api, calls } = recordedApi(ROWS);
  const s = heldState(api, "cus_kept");
  let c = { id: "cus_busy", currency: "EUR", status: "active" };
  for (let i = 0; i < 4; i++) c = api.chargeBalance(c, { price: 10 + i }, { now: "2026-11-23T07:00:00Z" }).customer;
  api.applyCashTransaction(s, funded(90)); // handed back: a value of a host's loop
  // A benchmark's pattern: the same customer charged 50 times, each answer dropped.
  for (let i = 0; i < 50; i++) api.chargeBalance(c, { price: 1 }, { now: "2026-11-23T07:00:00Z" });
  const before = calls.length;
  api.applyCashTransaction(s, funded(91));
  api.chargeBalance(c, { price: 1 }, { now: "2026-11-23T07:00:00Z" });
  assert.equal(crossedAsHandle(calls.slice(before)).length, 2, "the state and the customer are still held");
});

test("after a trap a held state is read from its text, then held again", () => {
  const { api, calls } = recordedApi(ROWS);
  let s = heldState(api, "cus_trap");
  const expected = outcome(() => applyCashTransaction(fresh(s), funded(80)));
  assert.throws(() => trap(), (e) => e.code === "internal_error");
  let before = calls.length;
  let r;
  assert.equal(outcome(() => (r = api.applyCashTransaction(s, funded(80)))), expected);
  assert.equal(crossedAsHandle(calls.slice(before)).length, 0, "the restarted instance holds nothing");
  s = api.applyCashTransaction(r.state, funded(81)).state;
  before = calls.length;
  api.applyCashTransaction(s, funded(82));
  assert.equal(crossedAsHandle(calls.slice(before)).length, 1, "held again");
});

test("random changes to held states: every answer is the one the changed state's text gets", () => {
  const values = [0, 1, -1, 1.5, "1", "", "eur", null, true, false, [], {}, { id: "x", created: 1 }, 1_700_000_003, 1e21];
  const { rnd, pick, changes } = randomChanges(0xca5, values, ["eur", "usd", "id", "x"]);
  const { api, calls } = recordedApi(ROWS);
  let s = heldState(api, "cus_random");
  const before = calls.length;
  for (let i = 0; i < 300; i++) {
    if (rnd() < 0.5) pick(changes)(s);
    const next = tx(100 + i);
    const expected = outcome(() => applyCashTransaction(s, next));
    let r;
    assert.equal(outcome(() => (r = api.applyCashTransaction(s, next))), expected, `call ${i} (seed 0xca5)`);
    s = r?.state ?? heldState(api, `cus_random_${i}`);
  }
  const asHandle = crossedAsHandle(calls.slice(before)).length;
  assert.ok(asHandle >= 100, `${asHandle} of 300 calls crossed as a handle`);
});
