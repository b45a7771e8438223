// The state calls' answers share the customer argument's unchanged items and key records
// (src/input/shared.rs, js/bridge.js unshare): those come back as the very objects passed, the
// rest is parsed; the values are exactly the whole answer's. Anything the bridge cannot vouch for
// (not plain data) gets the whole answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chargeBalance, fundBalance, previewSettlement, settleBalance, replayJournal,
} from "../../pkg/node.js";

const minute = (i) => new Date(Date.UTC(2026, 10, 23, 7) + i * 60_000).toISOString();
const item = (i) => ({ number: `73100${i}`, name: `Kaffe "${i}" ö`, price: 10 + i, vat: "1.25", quantity: (i % 3) + 1, unit: "st" });
// Plain data the bridge does not share from (a property set to undefined): the whole answer.
const whole = (customer) => ({ ...customer, unshared: undefined });

function host(n) {
  let customer = { id: "c-7", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } };
  const journal = [];
  for (let i = 0; i < n; i++) {
    const r = chargeBalance(customer, item(i), { now: minute(i), idempotency_key: `till-${i}` });
    journal.push(...r.entries);
    customer = r.customer;
  }
  return { customer, journal };
}

test("a charge returns the argument's own items and keys, and the whole answer's values", () => {
  const { customer } = host(20);
  const options = { now: minute(30), idempotency_key: "till-new" };
  const r = chargeBalance(customer, item(99), options);
  assert.deepEqual(r, chargeBalance(whole(customer), item(99), options));
  assert.equal(r.customer.balance.length, 21);
  for (let i = 0; i < 20; i++) assert.equal(r.customer.balance[i], customer.balance[i], `item ${i}`);
  assert.notEqual(r.customer.balance[20], undefined);
  assert.equal(r.customer.idempotency_keys.length, 20, "the window keeps 20 keys: the oldest goes");
  for (let i = 0; i < 19; i++) assert.equal(r.customer.idempotency_keys[i], customer.idempotency_keys[i + 1]);
  assert.equal(r.customer.idempotency_keys[19].key, "till-new");
  // The argument itself is untouched.
  assert.equal(customer.balance.length, 20);
  // A replay returns everything as it was passed.
  const again = chargeBalance(r.customer, item(99), options);
  assert.equal(again.replayed, true);
  assert.deepEqual(again.customer, r.customer);
  assert.ok(again.customer.balance.every((x, i) => x === r.customer.balance[i]));
});

test("preview, settle, fund and replay: the same values as the whole answers", () => {
  const { customer, journal } = host(12);
  const now = { now: minute(40) };
  const preview = previewSettlement(customer, now);
  assert.deepEqual(preview, previewSettlement(whole(customer), now));
  assert.equal(preview.order.items[3], customer.balance[3]);
  assert.equal(preview.after.failure.balance[11], customer.balance[11]);
  assert.deepEqual(preview.after.success.balance, []);
  for (const outcome of ["success", "failure"]) {
    assert.deepEqual(settleBalance(customer, outcome, now), settleBalance(whole(customer), outcome, now));
  }
  const order = { number: "o-1", items: [{ price: 500 }], currency: "SEK", customer: "c-7", payment: { type: "customer", charge: "balance" } };
  assert.deepEqual(fundBalance(customer, order, "success", now), fundBalance(whole(customer), order, "success", now));
  const start = { id: "c-7", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } };
  assert.deepEqual(replayJournal(start, journal), customer);
  assert.deepEqual(replayJournal(customer, []), customer);
});

test("what is not plain data is answered whole, with the same values", () => {
  const { customer } = host(5);
  const options = { now: minute(30) };
  const expected = chargeBalance(customer, 1, options);
  class Item {
    constructor(fields) { Object.assign(this, fields); }
  }
  const cases = {
    "items of a class": { ...customer, balance: customer.balance.map((x) => new Item(x)) },
    "a null prototype": Object.assign(Object.create(null), customer),
    "an item with a property set to undefined": { ...customer, balance: [{ ...customer.balance[0], note: undefined }, ...customer.balance.slice(1)] },
  };
  for (const [name, c] of Object.entries(cases)) {
    const r = chargeBalance(c, 1, options);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(JSON.stringify(expected)), name);
    assert.ok(r.customer.balance.every((x) => Object.getPrototypeOf(x) === Object.prototype && !("note" in x)), name);
  }
  // An item written by hand (a number where the answers write a string) is parsed, not shared.
  const hand = { ...customer, balance: [{ ...customer.balance[0], price: Number(customer.balance[0].price) }, ...customer.balance.slice(1)] };
  const r = chargeBalance(hand, 1, options);
  assert.deepEqual(r, expected);
  assert.notEqual(r.customer.balance[0], hand.balance[0]);
  assert.equal(r.customer.balance[1], hand.balance[1]);
});

test("a balance that changes between reads (a getter) is answered whole", () => {
  const { customer } = host(4);
  const options = { now: minute(30) };
  const expected = chargeBalance(customer, 1, options);
  let reads = 0;
  const shifty = { ...customer };
  Object.defineProperty(shifty, "balance", {
    enumerable: true,
    get: () => (reads++ < 2 ? customer.balance : customer.balance.slice(1)),
  });
  assert.deepEqual(chargeBalance(shifty, 1, options), expected);
});
