// Hostile input from JS against the built package. Every public function, every argument and
// every amount field is fed what the outside world may send; each case must end in a
// BalanceLedgerError with a known code (or, where the input is legitimately valid, the right
// answer), within a bounded growth of wasm memory (a deterministic bound on what it may cost; the
// slowest cases' times are printed, never asserted), and the next call must still work. The
// functions are those of the package's table (js/functions.js); a row added there fails this test
// until its entry in FUNCTIONS below gives a valid call and its answer.
import { describe, test, after } from "node:test";
import assert from "node:assert/strict";
import * as api from "../../pkg/node.js";
import { CODES } from "./support/codes.mjs";
import { memoryBytes, trap } from "./support/testing.mjs";
import { FUNCTIONS as TABLE } from "../../js/functions.js";

const { BalanceLedgerError } = api;
/** Generous: a bound on the wasm memory one hostile case may add (parsing a refused input whole
 * would take far more), checked instead of its time, which depends on the machine's load. */
const MAX_GROWTH = 256 * 1024 * 1024;
/** Each case's time, printed (the slowest) when the suite ends. */
const times = [];
const now = "2026-11-23T10:00:00Z";

const customer = () => ({
  id: "c1", currency: "SEK", status: "active", balance: [{ price: 10, vat: 2.5 }], total: "5", schedule: [1, 3],
});
const order = () => ({
  number: "o1", items: [{ price: 100 }], currency: "SEK", customer: "c1",
  payment: { type: "customer", charge: "balance" },
});

const creditRequest = () => ({
  amount: 1234, description: "Payout", appears_on_statement_as: "ACME", meta: { order: "A1" },
  bank_account: { name: "Jane Doe", routing_number: "121000358", account_number: "9900000002", type: "checking" },
});
const credits = () => [
  { id: "CR1", amount: 100, created_at: "2026-01-01T00:00:00Z" },
  { id: "CR2", amount: 200, created_at: "2026-01-02T00:00:00Z" },
];
const funded = () => ({
  id: "ccsbtxn_1", type: "funded", currency: "eur", net_amount: 5000, created: 1,
  funded: { bank_transfer: { type: "eu_bank_transfer", reference: "Invoice 1" } },
});
/** A manual-mode cash balance holding EUR 50.00 and a payment awaiting EUR 20.00. */
const manualState = () => {
  let state = { customer: "cus_1", settings: { reconciliation_mode: "manual" } };
  ({ state } = api.addCashPayment(state, { id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1 }));
  return api.applyCashTransaction(state, { ...funded(), created: 2 }).state;
};

// Each function: a valid call (`args`, fresh objects each time), the exact answer it must give
// (`pin`, also asserted after every hostile case), where amounts sit in its arguments
// (`amounts`: argument index, then keys), and for functions that answer some input problems
// instead of throwing, how to read them (`refusals`).
const FUNCTIONS = {
  validateItems: {
    args: () => [[{ price: 119.6, vat: 29.9, quantity: 2, rebate: 0.5 }], { currency: "SEK" }],
    pin: {
      ok: true,
      items: [{ price: "119.60", quantity: "2", vat: "29.90", rebate: "0.50" }],
      lines: [{ net: "239.20", rebate: "1.00", vat: "59.80", amount: "298.00" }],
      totals: { currency: "SEK", count: 1, net: "239.20", rebate: "1.00", vat: "59.80", gross: "298.00" },
    },
    amounts: [[0, 0, "price"], [0, 0, "quantity"], [0, 0, "vat"], [0, 0, "rebate"]],
    refusals: (r) => (r.ok === false ? r.issues : null),
  },
  itemTotals: {
    args: () => [{ price: 119.6, vat: 29.9, quantity: 2 }, "SEK"],
    pin: { currency: "SEK", count: 1, net: "239.20", rebate: "0.00", vat: "59.80", gross: "299.00" },
    amounts: [[0, "price"], [0, "quantity"], [0, "vat"], [0, "rebate"]],
  },
  itemTotalsJson: {
    // Its body is JSON text as it arrived: wrappers that only JSON.stringify would unwrap do not apply.
    noWrappers: [0],
    args: () => [JSON.stringify({ price: 119.6, vat: 29.9, quantity: 2 }), "SEK"],
    pin: { currency: "SEK", count: 1, net: "239.20", rebate: "0.00", vat: "59.80", gross: "299.00" },
    amounts: [],
  },
  itemTotalsBatch: {
    // Columns are typed arrays read as numbers, not JSON: the object wrappers do not apply.
    noWrappers: [0],
    args: () => [{ price: Float64Array.of(11960, 100), vat: Float64Array.of(2990, 0), quantity: Float64Array.of(2, 1) }, "SEK"],
    pin: { currency: "SEK", count: 2, net: "240.20", rebate: "0.00", vat: "59.80", gross: "300.00" },
    amounts: [],
  },
  previewSettlementsBatch: {
    noWrappers: [0],
    args: () => [{ counts: Float64Array.of(2, 0), funds: [1000, 0], price: Float64Array.of(11960, 100), vat: [2990, 0] }, "SEK"],
    pin: { currency: "SEK", updated: 1, amounts: ["140.50", "0.00"], total: "140.50" }, // 119.60 + 29.90 + 1.00 − 10.00
    amounts: [],
  },
  chargeBalance: {
    args: () => [customer(), { price: 1.5 }, { now }],
    pin: (r) => {
      assert.equal(r.replayed, false);
      assert.equal(r.entries.length, 1);
      assert.equal(r.entries[0].amount, "1.50");
      assert.equal(r.entries[0].unsettled_after, "14.00");
      assert.equal(r.customer.version, 1);
      assert.deepEqual(r.customer.balance.map((i) => i.price), ["10.00", "1.50"]);
    },
    amounts: [[1, "price"], [0, "total"], [0, "balance", 0, "price"], [0, "limit"]],
  },
  fundBalance: {
    args: () => [customer(), order(), "success", { now }],
    pin: (r) => {
      assert.equal(r.customer.total, "105.00");
      assert.equal(r.entries[0].kind, "fund");
      assert.equal(r.entries[0].amount, "100.00");
    },
    amounts: [[1, "items", 0, "price"], [0, "total"]],
  },
  previewSettlement: {
    args: () => [customer(), { now }],
    pin: (r) => {
      assert.equal(r.amount, "7.50");
      assert.deepEqual(r.order.items.map((i) => i.price), ["10.00", "-5.00"]);
      assert.equal(r.after.success.total, "0.00");
      assert.equal(r.after.failure.status, "pending");
    },
    amounts: [[0, "total"], [0, "balance", 0, "vat"], [0, "balance", 0, "quantity"]],
  },
  settleBalance: {
    args: () => [customer(), "success", { now }],
    pin: (r) => {
      assert.equal(r.entries[0].kind, "settlement");
      assert.equal(r.entries[0].amount, "7.50");
      assert.deepEqual(r.customer.balance, []);
    },
    amounts: [[0, "balance", 0, "price"], [0, "total"]],
  },
  replayJournal: {
    args: () => [customer(), api.chargeBalance(customer(), { price: 1.5 }, { now }).entries],
    pin: (r) => {
      assert.equal(r.version, 1);
      assert.deepEqual(r.balance.map((i) => i.price), ["10.00", "1.50"]);
    },
    amounts: [[0, "total"], [0, "balance", 0, "price"]],
  },
  previewSettlements: {
    args: () => [[customer(), { ...customer(), id: "c2", balance: [] }], { now, detail: "summary" }],
    pin: (r) => {
      assert.equal(r.updated, 1);
      assert.equal(r.errors, 0);
      assert.equal(r.results.length, 2);
    },
    amounts: [[0, 0, "total"], [0, 1, "total"], [0, 0, "balance", 0, "price"]],
    // One broken customer never stops the others: its problems are in its result.
    refusals: (r) => (r.errors > 0 ? r.results.flatMap((x) => x.issues ?? []) : null),
  },
  settlementTarget: {
    args: () => ["private", "c1"],
    pin: { scope: "customer", customer: "c1" },
    amounts: [],
  },
  accountBalance: {
    args: () => [customer(), { request_tracking_id: "t1", billing_name: "ACME", ivr_fee: "5.0" }],
    pin: {
      request_tracking_id: "t1", billing_name: "ACME", ivr_fee: "5.00", last_payment_amount: null,
      last_payment_date: null, balance: [{ type: "total", amount: "7.50" }],
    },
    amounts: [[1, "ivr_fee"], [0, "total"], [0, "balance", 0, "price"]],
  },
  validateCredit: {
    args: () => [creditRequest(), { version: "1.1", minAmount: 100, maxAmount: 500000 }],
    pin: (r) => {
      assert.equal(r.ok, true);
      assert.equal(r.credit.amount, 1234);
      assert.equal(r.credit.fee, 25);
      assert.deepEqual(r.credit.meta, { order: "A1" });
      assert.equal(r.credit.bank_account.last_four, "0002");
    },
    amounts: [[0, "amount"]],
    refusals: (r) => (r.ok === false ? r.issues : null),
  },
  createCredit: {
    // A seed and a time given: the same resource every call.
    args: () => [creditRequest(), { version: "1.1", now: "2026-03-06T14:59:59-08:00", seed: "hostile" }],
    pin: (r) => {
      assert.match(r.id, /^CR[0-9A-Za-z]{22}$/);
      assert.match(r.links.destination, /^BA[0-9A-Za-z]{22}$/);
      assert.equal(r.amount, 1234);
      assert.equal(r.status, "pending");
      assert.equal(r.meta.order, "A1");
      assert.equal(r.meta["balance_ledger.available_at"], "2026-03-09T16:00:00Z");
    },
    amounts: [[0, "amount"]],
  },
  transitionCredit: {
    // "The credit in its new status, all else kept": a stored credit's own extra fields stay.
    keepsKeys: { 0: (r) => r },
    args: () => [api.validateCredit(creditRequest(), { version: "1.1" }).credit, "succeeded", { at: "2026-03-06T12:00:00-08:00" }],
    pin: (r) => {
      assert.equal(r.status, "succeeded");
      assert.equal(r.amount, 1234);
    },
    amounts: [],
  },
  creditSchedule: {
    args: () => ["2026-03-06T14:59:59-08:00", { version: "1.1" }],
    pin: {
      submitted_at: "2026-03-06T15:00:00-08:00",
      available_at: "2026-03-09T09:00:00-07:00",
      failure_deadline: "2026-03-12T09:00:00-07:00",
    },
    amounts: [],
  },
  isBusinessDay: {
    args: () => ["2026-07-03"],
    pin: true,
    amounts: [],
  },
  listPage: {
    args: () => [credits(), { uri: "/v1/credits", limit: 1, offset: 0 }],
    pin: (r) => {
      assert.deepEqual(r.items.map((c) => c.id), ["CR2"]);
      assert.equal(r.total, 2);
      assert.equal(r.previous_uri, null);
      assert.match(r.next_uri, /limit=1&offset=1/);
    },
    amounts: [],
  },
  applyCashTransaction: {
    // Fields Stripe adds to a transaction are kept as they came, on the transaction returned.
    keepsKeys: { 1: (r) => r.transaction },
    args: () => [{ customer: "cus_1" }, funded()],
    pin: (r) => {
      assert.equal(r.transaction.ending_balance, 5000);
      assert.equal(r.transaction.object, "customer_cash_balance_transaction");
      assert.deepEqual(r.state.available, { eur: 5000 });
      assert.deepEqual(r.applied, []);
    },
    amounts: [[1, "net_amount"]],
  },
  cashBalance: {
    args: () => ["cus_1", [api.applyCashTransaction({ customer: "cus_1" }, funded()).transaction], {}],
    pin: {
      object: "cash_balance", available: { eur: 5000 }, customer: "cus_1", customer_account: null, livemode: false,
      settings: { reconciliation_mode: "automatic", using_merchant_default: true },
    },
    amounts: [[1, 0, "net_amount"], [1, 0, "ending_balance"]],
  },
  addCashPayment: {
    args: () => [{ customer: "cus_1" }, { id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1 }],
    pin: (r) => {
      assert.deepEqual(r.state.open_payments, [{ id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1 }]);
      assert.deepEqual(r.applied, []);
    },
    amounts: [[1, "amount_remaining"]],
  },
  reconcileCashBalance: {
    args: () => [manualState(), { created: 5 }],
    pin: (r) => {
      assert.deepEqual(r.applied.map((t) => [t.type, t.net_amount, t.ending_balance]), [["applied_to_payment", -2000, 3000]]);
      assert.deepEqual(r.state.available, { eur: 3000 });
      assert.deepEqual(r.state.open_payments, []);
    },
    amounts: [[0, "available", "eur"], [0, "open_payments", 0, "amount_remaining"]],
  },
  canDeleteCustomer: {
    args: () => [{ customer: "cus_1", available: { eur: 0 } }],
    pin: false,
    amounts: [[0, "available", "eur"]],
  },
};

// The object paths (js/objects.js) in their own right: calls whose valid form the bridge reads
// itself (one plain item; plain items of a charge; plain customers of a summary settle-all), so every hostile value lands
// on the object path first. itemTotals' valid call above is already one. `call` names the function.
FUNCTIONS["validateItems (one item)"] = {
  ...FUNCTIONS.validateItems,
  call: "validateItems",
  args: () => [{ price: 119.6, vat: 29.9, quantity: 2, rebate: 0.5 }, { currency: "SEK" }],
  amounts: [[0, "price"], [0, "quantity"], [0, "vat"], [0, "rebate"]],
};
FUNCTIONS["chargeBalance (plain items)"] = {
  ...FUNCTIONS.chargeBalance,
  call: "chargeBalance",
  args: () => [customer(), [{ number: "A-1", name: "Kaffe 500 g", price: 1.5, unit: "st", vat: 0.25 }, { price: 2, quantity: 0.5 }], { now }],
  pin: (r) => {
    assert.equal(r.entries[0].amount, "2.75");
    assert.deepEqual(r.customer.balance.slice(1), [
      { number: "A-1", name: "Kaffe 500 g", price: "1.50", quantity: "1", unit: "st", vat: "0.25" },
      { price: "2.00", quantity: "0.5" },
    ]);
  },
  amounts: [[1, 0, "price"], [1, 0, "vat"], [1, 1, "quantity"]],
};
const plainCustomer = () => ({ id: "c1", currency: "SEK", status: "active", balance: [{ price: 10, vat: 2.5 }], total: 5 });
FUNCTIONS["previewSettlements (plain customers)"] = {
  ...FUNCTIONS.previewSettlements,
  call: "previewSettlements",
  args: () => [[plainCustomer(), { ...plainCustomer(), id: "c2", balance: [] }], { now, detail: "summary" }],
  // Without options (or with empty ones) the answer is the full preview: its amounts are the same.
  pin: (r) => {
    assert.deepEqual({ ...r, results: r.results.map(({ ok, id, amount }) => ({ ok, id, amount })) },
      { updated: 1, errors: 0, results: [{ ok: true, id: "c1", amount: "7.50" }, { ok: true, id: "c2", amount: "0.00" }] });
  },
};

// ---- hostile values, each built once (some are large) ------------------------------------------

const MB = 1024 * 1024;
const once = (make) => {
  let v;
  let made = false;
  return () => (made ? v : ((made = true), (v = make())));
};
const nest = (depth, wrap) => {
  let v = 1;
  for (let i = 0; i < depth; i++) v = wrap(v);
  return v;
};
const cyclic = () => {
  const o = { price: 1 };
  o.self = o;
  return o;
};
const throwing = (what) => () => {
  throw new Error(`hostile ${what}`);
};

/** Whole-argument replacements: [name, make]. */
const HOSTILE = [
  ["undefined", () => undefined],
  ["null", () => null],
  ["true", () => true],
  ["false", () => false],
  ["0", () => 0],
  ["-0", () => -0],
  ["-1", () => -1],
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["-Infinity", () => -Infinity],
  ["1e308", () => 1e308],
  ["-1e308", () => -1e308],
  ["5e-324", () => 5e-324],
  ["2^53+2", () => 2 ** 53 + 2],
  ["empty string", () => ""],
  ["blank string", () => "   "],
  ["'0x10'", () => "0x10"],
  ["'1e400'", () => "1e400"],
  ["'12,50'", () => "12,50"],
  ["Arabic-Indic digits", () => "\u0661\u0662"],
  ["fullwidth digits", () => "\uFF11\uFF12"],
  ["lone high surrogate", () => "\uD800"],
  ["lone low surrogate inside", () => "a\uDC00b"],
  ["NUL character", () => "\u0000"],
  ["10 MB string", once(() => "7".repeat(10 * MB))],
  ["BigInt", () => 10n],
  ["Symbol", () => Symbol("hostile")],
  ["function", () => () => 1],
  ["empty array", () => []],
  ["empty object", () => ({})],
  ["1,000,000-element array", once(() => new Array(1_000_000).fill(1))],
  ["1,000,000-element sparse array", once(() => new Array(1_000_000))],
  ["sparse array", () => [, { price: 1 }]], // eslint-disable-line no-sparse-arrays
  ["100,000-deep arrays", once(() => nest(100_000, (v) => [v]))],
  ["100,000-deep objects", once(() => nest(100_000, (v) => ({ items: v })))],
  ["65-deep arrays", () => nest(65, (v) => [v])],
  ["cycle", cyclic],
  ["getter that throws", () => Object.defineProperty({}, "price", { get: throwing("getter"), enumerable: true })],
  ["Proxy whose traps throw", () => new Proxy({}, { get: throwing("get"), ownKeys: throwing("ownKeys"), has: throwing("has"), getOwnPropertyDescriptor: throwing("gopd") })],
  ["revoked Proxy", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  }],
  ["toJSON that throws", () => ({ toJSON: throwing("toJSON") })],
  ["toJSON giving NaN", () => ({ toJSON: () => NaN })],
  ["own __proto__ key", () => JSON.parse('{"__proto__":{"polluted":true},"price":1}')],
  ["constructor key", () => ({ price: 1, constructor: { prototype: { polluted: true } } })],
  ["prototype key", () => ({ price: 1, prototype: { polluted: true } })],
  ["frozen nonsense", () => Object.freeze({ nonsense: Object.freeze([1]) })],
  ["Date", () => new Date(0)],
  ["Map", () => new Map([["price", 1]])],
  ["Uint8Array", () => new Uint8Array([1, 2])],
  ["boxed NaN", () => new Number(NaN)],
];

/** Amount-field replacements: [name, make]. */
const AMOUNTS = [
  ["NaN", () => NaN],
  ["Infinity", () => Infinity],
  ["-Infinity", () => -Infinity],
  // JSON has no negative zero: -0 is read as 0 (and must then behave exactly like 0).
  ["-0", () => -0, { like: 0 }],
  ["-0.01", () => -0.01],
  ["1e308", () => 1e308],
  ["1e-7", () => 1e-7],
  ["'0x10'", () => "0x10"],
  ["'1e400'", () => "1e400"],
  ["'12,50'", () => "12,50"],
  ["'1_000'", () => "1_000"],
  ["' 1'", () => " 1"],
  ["empty string", () => ""],
  ["Arabic-Indic digits", () => "\u0661\u0662"],
  ["fullwidth digits", () => "\uFF11\uFF12"],
  ["lone surrogate", () => "1\uD800"],
  ["10 MB of digits", once(() => "9".repeat(10 * MB))],
  ["BigInt", () => 10n],
  ["Symbol", () => Symbol("amount")],
  ["true", () => true],
  ["null", () => null],
  ["array", () => [1]],
  ["object", () => ({ value: 1 })],
  ["getter that throws", () => Object.defineProperty({}, "value", { get: throwing("getter"), enumerable: true })],
  ["toJSON giving Infinity", () => ({ toJSON: () => Infinity })],
];

// Wrappers around a valid argument: [name, applies to, make, "same" (the valid answer) or "refused"].
const isObject = (v) => typeof v === "object" && v !== null;
const deepFreeze = (v) => {
  if (isObject(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};
const withGetters = (v) => {
  if (!isObject(v)) return v;
  const out = Array.isArray(v) ? [] : {};
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, k, { get: () => withGetters(x), enumerable: true });
  }
  return out;
};
const proxied = (v) => (isObject(v) ? new Proxy(v, {}) : v);
const nullProto = (v) => (isObject(v) && !Array.isArray(v) ? Object.assign(Object.create(null), v) : v);
const extraKey = (key) => (v) => {
  Object.defineProperty(v, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  return v;
};
const WRAPPERS = [
  ["deep-frozen", isObject, deepFreeze, "same"],
  ["getters everywhere", isObject, withGetters, "same"],
  ["transparent Proxy", isObject, proxied, "same"],
  ["null prototype", isObject, nullProto, "same"],
  ["toJSON giving it", () => true, (v) => ({ toJSON: () => v }), "same"],
  ["structuredClone", isObject, (v) => structuredClone(v), "same"],
  ["non-enumerable throwing getter", isObject, (v) => Object.defineProperty(v, "boom", { get: throwing("hidden") }), "same"],
  ["boxed string", (v) => typeof v === "string", (v) => new String(v), "same"],
  // JSON.stringify reads only the elements of an array, so there these are never called.
  ["enumerable throwing getter", isObject, (v) => Object.defineProperty(v, "boom", { get: throwing("getter"), enumerable: true }), "refused-unless-array"],
  ["Proxy whose get throws", isObject, (v) => new Proxy(v, { get: throwing("get") }), "refused"],
  ["Proxy whose ownKeys throws", isObject, (v) => new Proxy(v, { ownKeys: throwing("ownKeys") }), "refused-unless-array"],
  ["Proxy whose has throws", isObject, (v) => new Proxy(v, { has: throwing("has") }), "refused-or-same"],
  // Keys an object does not have are refused; on an array JSON has no place for them.
  ["own __proto__ key", isObject, extraKey("__proto__"), "refused-unless-array"],
  ["constructor key", isObject, extraKey("constructor"), "refused-unless-array"],
  ["prototype key", isObject, extraKey("prototype"), "refused-unless-array"],
];

// Replacements that are legitimately valid, with the answer they must give ("pinned": the
// function's pinned answer). Keyed "function/argument/value"; anything not listed must be refused.
const unrounded = { ok: true, totals: { currency: null, count: 1, net: "239.2", rebate: "1.0", vat: "59.8", gross: "298.0" } };
const VALID = {
  // Options are optional: null, undefined and {} mean none (no currency: nothing is rounded).
  "validateItems/1/undefined": unrounded,
  "validateItems/1/null": unrounded,
  "validateItems/1/empty object": unrounded,
  "validateItems (one item)/1/undefined": unrounded,
  "validateItems (one item)/1/null": unrounded,
  "validateItems (one item)/1/empty object": unrounded,
  "previewSettlements (plain customers)/0/empty array": { updated: 0, errors: 0, results: [] },
  // Settling all of no customers settles nothing.
  "previewSettlements/0/empty array": { updated: 0, errors: 0, results: [] },
  // Folding no entries gives the customer as it is.
  "replayJournal/1/empty array": { version: 0, total: "5.00", status: "active" },
};
// A ledger call without options (or with empty ones) happens now; the amounts are the same.
for (const fn of ["chargeBalance", "chargeBalance (plain items)", "fundBalance", "previewSettlement", "settleBalance", "previewSettlements",
  "previewSettlements (plain customers)"]) {
  const slot = FUNCTIONS[fn].args().length - 1;
  for (const name of ["undefined", "null", "empty object"]) VALID[`${fn}/${slot}/${name}`] = "pinned";
}
// Options of these are optional too.
for (const [fn, slot] of [["validateCredit", 1], ["transitionCredit", 2], ["creditSchedule", 1], ["cashBalance", 2]]) {
  for (const name of ["undefined", "null", "empty object"]) VALID[`${fn}/${slot}/${name}`] = "pinned";
}
// A Date is read through its ISO text: 1970-01-01 (New Year's Day, a Thursday) is no business day.
VALID["creditSchedule/0/Date"] = {
  submitted_at: "1970-01-02T15:00:00-08:00", available_at: "1970-01-05T09:00:00-08:00", failure_deadline: "1970-01-08T09:00:00-08:00",
};
// An empty list is a list; no transactions fold into no cash balance (available: null).
VALID["listPage/0/empty array"] = {
  items: [], total: 0, limit: 1, offset: 0, uri: "/v1/credits?limit=1&offset=0", first_uri: "/v1/credits?limit=1&offset=0",
  previous_uri: null, next_uri: null, last_uri: "/v1/credits?limit=1&offset=0",
};
VALID["cashBalance/1/empty array"] = {
  object: "cash_balance", available: null, customer: "cus_1", customer_account: null, livemode: false,
  settings: { reconciliation_mode: "automatic", using_merchant_default: true },
};
// A Date is sent as its ISO text (its toJSON), which is a fine customer id.
VALID["settlementTarget/1/Date"] = { scope: "customer", customer: "1970-01-01T00:00:00.000Z" };
// A customer id is any non-empty text without control characters, up to its length limit.
for (const [name, make] of HOSTILE) {
  const id = make();
  if (typeof id === "string" && id !== "" && id.length <= 64 && !/[\u0000-\u001f\u007f-\u009f\ud800-\udfff]/.test(id)) {
    VALID[`settlementTarget/1/${name}`] = { scope: "customer", customer: id };
  }
}

// ---- running a case --------------------------------------------------------------------------

function outcome(fn, args) {
  const memory = memoryBytes();
  const start = performance.now();
  let result;
  let error;
  try {
    result = api[FUNCTIONS[fn].call ?? fn](...args);
  } catch (e) {
    error = e;
  }
  return { ms: performance.now() - start, growth: memoryBytes() - memory, result, error };
}

/** The case's cost: wasm memory growth bounded (asserted), its time recorded (printed). */
function assertBounded(out, key) {
  times.push([out.ms, key]);
  assert.ok(out.growth <= MAX_GROWTH, `${key}: wasm memory grew by ${out.growth} bytes`);
}

function assertIssues(issues, where) {
  assert.ok(Array.isArray(issues), `${where}: issues is an array`);
  for (const i of issues) {
    assert.equal(typeof i.path, "string", `${where}: issue path`);
    assert.ok(i.path === "" || i.path.startsWith("/"), `${where}: path ${i.path} is a JSON Pointer`);
    assert.ok(CODES.has(i.code), `${where}: issue code ${i.code} is known`);
    assert.match(i.message, /\S/, `${where}: issue message`);
  }
}

/** The case was refused with a known code; returns the issues (thrown or answered). */
function assertRefused(fn, { result, error }, where) {
  if (error !== undefined) {
    assert.ok(error instanceof BalanceLedgerError, `${where}: threw ${error?.stack ?? error}, not a BalanceLedgerError`);
    assert.ok(CODES.has(error.code), `${where}: code ${error.code} is known`);
    assert.notEqual(error.code, "internal_error", `${where}: ${error.message}`);
    assert.match(error.message, /\S/, `${where}: message`);
    assertIssues(error.issues, where);
    return { code: error.code, issues: error.issues };
  }
  const issues = FUNCTIONS[fn].refusals?.(result);
  assert.ok(issues && issues.length > 0, `${where}: accepted: ${JSON.stringify(result)?.slice(0, 300)}`);
  assertIssues(issues, where);
  return { code: "invalid_input", issues };
}

function assertPinned(fn, result, where) {
  const { pin } = FUNCTIONS[fn];
  if (typeof pin === "function") pin(result);
  else assert.deepEqual(result, pin, where);
}

function assertExpected(fn, expected, result, where) {
  if (expected === "pinned") assertPinned(fn, result, where);
  else if (typeof expected === "function") expected(result);
  else assert.deepEqual(pick(result, expected), expected, where);
}

/** The parts of `actual` that `shape` names (so a VALID entry lists only what matters). */
function pick(actual, shape) {
  if (!isObject(shape) || !isObject(actual)) return actual;
  if (Array.isArray(shape)) return actual;
  return Object.fromEntries(Object.keys(shape).map((k) => [k, pick(actual[k], shape[k])]));
}

/** After every case: the same function's valid call and a known-good call give their exact answers. */
function assertStillWorks(fn) {
  assertPinned(fn, api[FUNCTIONS[fn].call ?? fn](...FUNCTIONS[fn].args()), `${fn} after a hostile case`);
  assert.deepEqual(api.itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK"), FUNCTIONS.itemTotals.pin);
}

const setAt = (args, [index, ...keys], value) => {
  if (keys.length === 0) {
    args[index] = value;
    return args;
  }
  let target = args[index];
  for (const k of keys.slice(0, -1)) target = target[k];
  target[keys.at(-1)] = value;
  return args;
};

let cases = 0;
const protoKeys = () => [Object, Array, Function, String, Number].map((c) => Object.getOwnPropertyNames(c.prototype).join());
const protoBefore = protoKeys();

for (const [fn, spec] of Object.entries(FUNCTIONS)) {
  describe(`${fn}: hostile input`, () => {
    test("its valid call gives the pinned answer", () => {
      assertPinned(fn, api[spec.call ?? fn](...spec.args()), fn);
    });

    const arity = spec.args().length;
    for (let slot = 0; slot < arity; slot++) {
      for (const [name, make] of HOSTILE) {
        cases++;
        const key = `${fn}/${slot}/${name}`;
        test(`argument ${slot}: ${name}`, () => {
          const args = spec.args();
          args[slot] = make();
          const out = outcome(fn, args);
          assertBounded(out, key);
          if (key in VALID) {
            assert.equal(out.error, undefined, `${key}: ${out.error?.message}`);
            assertExpected(fn, VALID[key], out.result, key);
          } else {
            assertRefused(fn, out, key);
          }
          assertStillWorks(fn);
        });
      }

      for (const [name, applies, wrap, expect] of WRAPPERS) {
        const good = spec.args()[slot];
        if (spec.noWrappers?.includes(slot) || !applies(good)) continue;
        cases++;
        const key = `${fn}/${slot}/${name}`;
        test(`argument ${slot} ${name}`, () => {
          const args = spec.args();
          args[slot] = wrap(args[slot]);
          const out = outcome(fn, args);
          assertBounded(out, key);
          const keeper = spec.keepsKeys?.[slot];
          const kept = keeper !== undefined && name.endsWith(" key");
          const same = expect === "same" || (expect === "refused-unless-array" && Array.isArray(good))
            || (expect === "refused-or-same" && out.error === undefined) || kept;
          if (kept) {
            const key = name.replace(/^own /, "").replace(/ key$/, "");
            const holder = keeper(out.result);
            assert.ok(Object.hasOwn(holder, key), `${key} kept as an own key`);
            assert.deepEqual(holder[key], { polluted: true }, `${key} kept as it came`);
            assert.equal(Object.getPrototypeOf(holder), Object.prototype);
          }
          if (same) {
            assert.equal(out.error, undefined, `${key}: ${out.error?.stack}`);
            assertPinned(fn, out.result, key);
          } else {
            assertRefused(fn, out, key);
          }
          assertStillWorks(fn);
        });
      }
    }

    for (const path of spec.amounts) {
      const field = path.at(-1);
      for (const [name, make, { like } = {}] of AMOUNTS) {
        cases++;
        const key = `${fn}/${path.join(".")}/${name}`;
        test(`amount ${path.join(".")}: ${name}`, () => {
          const out = outcome(fn, setAt(spec.args(), path, make()));
          assertBounded(out, key);
          if (like !== undefined) {
            const same = outcome(fn, setAt(spec.args(), path, like));
            assert.deepEqual(out.result, same.result, key);
            assert.deepEqual(out.error, same.error, key);
          } else if (key in VALID) {
            assert.equal(out.error, undefined, `${key}: ${out.error?.message}`);
            assertExpected(fn, VALID[key], out.result, key);
          } else {
            const { code, issues } = assertRefused(fn, out, key);
            // A field problem points at the field; only whole-input refusals may not.
            if (!["input_too_large", "input_too_deep", "unreadable_input"].includes(code)) {
              assert.ok(
                issues.some((i) => i.path.endsWith(`/${field}`) || i.message.includes(field)),
                `${key}: no issue names ${field}: ${JSON.stringify(issues)}`,
              );
            }
          }
          assertStillWorks(fn);
        });
      }
    }
  });
}

describe("recovery and pollution", () => {
  test("a trap answers internal_error and the next call works", () => {
    assert.throws(() => trap(), (e) => e instanceof BalanceLedgerError && e.code === "internal_error");
    for (const fn of Object.keys(FUNCTIONS)) assertStillWorks(fn);
  });

  test("__proto__ in an old journal is read as data (and the journal not written back)", () => {
    const c = { ...customer(), journal: JSON.parse('[{"__proto__":{"polluted":true},"id":"x"}]') };
    const { customer: out } = api.chargeBalance(c, 1, { now });
    assert.equal(out.journal, undefined);
    assert.equal(out.version, 2);
    assert.equal({}.polluted, undefined);
  });

  test("__proto__ as an item name in entries stays data through replayJournal", () => {
    const body = JSON.parse('{"price":1,"name":"__proto__"}');
    const { customer: c, entries } = api.chargeBalance(customer(), body, { now, idempotency_key: "__proto__" });
    const out = api.replayJournal(customer(), entries);
    assert.deepEqual(out, c);
    assert.equal(out.idempotency_keys[0].key, "__proto__");
    assert.equal(Object.getPrototypeOf(out.idempotency_keys[0]), Object.prototype);
    assert.equal({}.polluted, undefined);
  });

  test("every function of the package's table has its hostile cases, and the package exports exactly them", () => {
    const table = TABLE.map((f) => f.name).sort();
    const own = Object.keys(FUNCTIONS).filter((k) => FUNCTIONS[k].call === undefined);
    assert.deepEqual(own.sort(), table, "FUNCTIONS here lists the functions of js/functions.js");
    const exported = Object.keys(api).filter((k) => typeof api[k] === "function" && !["default", "init", "BalanceLedgerError"].includes(k));
    assert.deepEqual(exported.sort(), table);
  });

  after(() => {
    const slowest = times.sort((a, b) => b[0] - a[0]).slice(0, 5);
    console.log(`slowest hostile cases (not asserted): ${slowest.map(([ms, key]) => `${key} ${ms.toFixed(0)} ms`).join("; ")}`);
    // Checked once every case has run: no global prototype gained a key.
    assert.deepEqual(protoKeys(), protoBefore);
    assert.equal({}.polluted, undefined);
    assert.equal([].polluted, undefined);
    assert.ok(cases >= 150, `only ${cases} hostile cases`);
    console.log(`# hostile cases: ${cases}`);
  });
});
