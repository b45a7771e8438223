// Customers the bridge holds (js/bridge.js `held`, src/api/held.rs): a customer a state call
// returned, handed back unchanged, crosses into wasm as the handle of the typed customer the core
// kept, not as JSON text read again. Every answer must be the one the customer's JSON text gets;
// any change to the returned object, however made, must be seen; a customer the core no longer
// keeps (more customers than it keeps, a restarted instance) is read from its text again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chargeBalance, fundBalance, previewSettlement, settleBalance } from "../../pkg/node.js";
import { crossedAsHandle, fresh, outcome, randomChanges, recordedApi, trap } from "./support/testing.mjs";

const ROWS = [
  ["chargeBalance", "chargeBalance", ["state", "json", "timed"]],
  ["fundBalance", "fundBalance", ["state", "json", "json", "timed"]],
  ["previewSettlement", "previewSettlement", ["customer", "timed"]],
  ["settleBalance", "settleBalance", ["state", "json", "timed"]],
];
const minute = (i) => new Date(Date.UTC(2026, 10, 23, 7) + i * 60_000).toISOString();
const item = (i) => ({ number: `73100${i}`, name: `Kaffe "${i}" ö`, price: 10 + i, vat: "1.25", quantity: (i % 3) + 1, unit: "st" });
const start = (id = "c-7") => ({ id, currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } });
const order = (id, i) => ({ number: `o-${i}`, items: [{ price: 100 + i }], currency: "SEK", customer: id, payment: { type: "customer", charge: "balance" } });

/** The i-th call of a host's loop on `c`: mostly charges, some fundings, settlements, previews. */
function step(api, c, i) {
  const options = { now: minute(i), idempotency_key: `till-${i % 25}` };
  switch (i % 9) {
    case 4:
      return api.fundBalance(c, order(c.id, i), i % 2 ? "success" : "failure", options);
    case 7:
      return api.settleBalance(c, i % 4 ? "success" : "failure", options);
    case 8:
      return { customer: c, preview: api.previewSettlement(c, { now: minute(i) }) };
    default:
      return api.chargeBalance(c, [item(i), item(i + 1)], options);
  }
}

test("the host's loop: the customer crosses as its handle from the third call, and each answer is its text's", () => {
  const { api, calls } = recordedApi(ROWS);
  let c = start();
  for (let i = 0; i < 60; i++) {
    const expected = outcome(() => step(api, fresh(c), i));
    const before = calls.length;
    let r;
    assert.equal(outcome(() => (r = step(api, c, i))), expected, `call ${i}`);
    if (i >= 2) assert.equal(crossedAsHandle(calls.slice(before)).length, 1, `call ${i} crossed as a handle`);
    c = r.customer;
  }
  assert.ok(c.version > 40);
});

test("the package's own functions hold too: the same answers as the customer's text", () => {
  let c = start("c-pkg");
  const api = { chargeBalance, fundBalance, previewSettlement, settleBalance };
  for (let i = 0; i < 40; i++) {
    const expected = outcome(() => step(api, fresh(c), i));
    let r;
    assert.equal(outcome(() => (r = step(api, c, i))), expected, `call ${i}`);
    c = r.customer;
  }
});

/** A held customer: one the bridge returned and holds (its loop's third answer on). */
function heldCustomer(api, id = "c-9") {
  let c = start(id);
  for (let i = 0; i < 6; i++) c = api.chargeBalance(c, item(i), { now: minute(i), idempotency_key: `k-${i}` }).customer;
  return c;
}

test("every change to a held customer is seen: the answer is the changed customer's", () => {
  class Item {
    constructor(fields) {
      Object.assign(this, fields);
    }
  }
  const changes = {
    "an item's price": (c) => { c.balance[3].price = "1.00"; },
    "an item's name": (c) => { c.balance[0].name += " "; },
    "an item added": (c) => { c.balance.push({ price: "5.00" }); },
    "an item removed": (c) => { c.balance.pop(); },
    "items reordered": (c) => { c.balance.reverse(); },
    "an item replaced by an equal copy": (c) => { c.balance[2] = { ...c.balance[2] }; },
    "an item of a class": (c) => { c.balance[1] = new Item(c.balance[1]); },
    "an item's field set to undefined": (c) => { c.balance[1].note = undefined; },
    "an item's field removed": (c) => { delete c.balance[1].unit; },
    "an unknown field": (c) => { c.note = "x"; },
    "a number where a text was": (c) => { c.balance[0].price = Number(c.balance[0].price); },
    "the limit removed": (c) => { delete c.limit; },
    "the hard limit lowered": (c) => { c.limit.hard = "10.00"; },
    "the status": (c) => { c.status = "suspended"; },
    "the version": (c) => { c.version -= 1; },
    "the total": (c) => { c.total = "1000.00"; },
    "a key's versions": (c) => { c.idempotency_keys[0].versions.push(99); },
    "a key removed": (c) => { c.idempotency_keys.shift(); },
    "a key's fingerprint": (c) => { c.idempotency_keys[2].fingerprint = c.idempotency_keys[3].fingerprint; },
    "the schedule": (c) => { c.schedule[0] = 2; },
    "a getter with the same value": (c) => {
      const status = c.status;
      Object.defineProperty(c, "status", { get: () => status, enumerable: true });
    },
    "a getter that throws": (c) => { Object.defineProperty(c.balance[0], "name", { get: () => { throw new Error("no"); }, enumerable: true }); },
    "a toJSON": (c) => { c.limit.toJSON = () => ({ hard: "1.00" }); },
    "a null prototype": (c) => { c.limit = Object.assign(Object.create(null), c.limit); },
    "a hole": (c) => { delete c.balance[4]; },
    "an array turned object": (c) => { c.schedule = { ...c.schedule }; },
    "a key of Object.prototype shadowed": (c) => { c.balance[0].hasOwnProperty = 1; },
  };
  // Changes that leave the customer's JSON as it was.
  const SAME_VALUES = ["an item replaced by an equal copy", "a getter with the same value"];
  const reference = { chargeBalance, previewSettlement, settleBalance };
  const { api, calls } = recordedApi(ROWS);
  for (const [name, change] of Object.entries(changes)) {
    for (const [call, args] of [
      ["chargeBalance", [item(50), { now: minute(50), idempotency_key: "k-new" }]],
      ["previewSettlement", [{ now: minute(50) }]],
      ["settleBalance", ["success", { now: minute(50) }]],
    ]) {
      const c = heldCustomer(api);
      // It is held: unchanged, it crosses as its handle.
      const before = calls.length;
      const unchanged = outcome(() => api[call](c, ...args));
      assert.equal(crossedAsHandle(calls.slice(before)).length, 1, `${name}: ${call} of the held customer`);
      assert.equal(unchanged, outcome(() => api[call](fresh(c), ...args)));
      change(c);
      const before2 = calls.length;
      const got = outcome(() => api[call](c, ...args));
      // The package's own function has never seen `c`: it reads it from its text (JSON.stringify,
      // with what JSON cannot carry refused as for any argument).
      assert.equal(got, outcome(() => reference[call](c, ...args)), `${name}: ${call}`);
      const asHandle = crossedAsHandle(calls.slice(before2)).length;
      if (SAME_VALUES.includes(name)) assert.equal(asHandle, 1, `${name}: ${call} is still the held customer`);
      else assert.equal(asHandle, 0, `${name}: ${call} is not the held customer`);
    }
  }
});

test("changed customers never cross as a handle, and their answers are the text path's", () => {
  const { api, calls } = recordedApi(ROWS);
  const c = heldCustomer(api, "c-10");
  const copy = fresh(c);
  c.balance[0].price = "999.00";
  const before = calls.length;
  const r = api.chargeBalance(c, item(70), { now: minute(70) });
  assert.equal(crossedAsHandle(calls.slice(before)).length, 0);
  assert.equal(r.customer.balance[0].price, "999.00");
  assert.deepEqual(fresh(r), fresh(api.chargeBalance({ ...copy, balance: [{ ...copy.balance[0], price: "999.00" }, ...copy.balance.slice(1)] }, item(70), { now: minute(70) })));
});

test("more customers than the core keeps: each is read from its text again, with the same answers", () => {
  const { api, calls } = recordedApi(ROWS);
  const customers = Array.from({ length: 12 }, (_, k) => start(`c-many-${k}`));
  for (let i = 0; i < 10; i++) {
    for (let k = 0; k < customers.length; k++) {
      const c = customers[k];
      const expected = outcome(() => step(api, fresh(c), i));
      let r;
      assert.equal(outcome(() => (r = step(api, c, i))), expected, `customer ${k}, call ${i}`);
      customers[k] = r.customer;
    }
  }
  // Round robin over 12 customers and 8 kept: none is still held when its turn comes again.
  const held = crossedAsHandle(calls).length;
  assert.ok(held < 12, `${held} calls crossed as a handle`);
  // Two customers in turn are kept.
  let [a, b] = customers;
  const before = calls.length;
  for (let i = 10; i < 20; i++) {
    a = step(api, a, i).customer;
    b = step(api, b, i).customer;
  }
  assert.ok(crossedAsHandle(calls.slice(before)).length >= 16);
});

test("after a trap the instance is new: a held customer is read from its text, then held again", () => {
  const { api, calls } = recordedApi(ROWS);
  let c = heldCustomer(api, "c-trap");
  const expected = outcome(() => api.chargeBalance(fresh(c), item(80), { now: minute(80) }));
  assert.throws(() => trap(), (e) => e.code === "internal_error");
  let before = calls.length;
  let r;
  assert.equal(outcome(() => (r = api.chargeBalance(c, item(80), { now: minute(80) }))), expected);
  assert.equal(crossedAsHandle(calls.slice(before)).length, 0, "the restarted instance holds nothing");
  c = r.customer;
  c = api.chargeBalance(c, item(81), { now: minute(81) }).customer;
  before = calls.length;
  api.chargeBalance(c, item(82), { now: minute(82) });
  assert.equal(crossedAsHandle(calls.slice(before)).length, 1, "held again");
});

test("an error on a held customer is the text's error, and the customer stays held", () => {
  const { api, calls } = recordedApi(ROWS);
  const c = heldCustomer(api, "c-err");
  const huge = { price: "60000.00" };
  const expected = outcome(() => api.chargeBalance(fresh(c), huge, { now: minute(90) }));
  assert.match(expected, /limit_exceeded/);
  assert.equal(outcome(() => api.chargeBalance(c, huge, { now: minute(90) })), expected);
  const before = calls.length;
  api.previewSettlement(c, { now: minute(91) });
  assert.equal(crossedAsHandle(calls.slice(before)).length, 1);
});

test("random changes to held customers: every answer is the one the changed customer's text gets", () => {
  const values = [0, 1, -1, 1.5, "1.00", "", "x", null, true, false, [], {}, [1], { price: "1.00" }, "2026-11-23T07:00:00Z", 1e21];
  const { rnd, pick, place, changes } = randomChanges(0x5eed, values, ["note", "price", "status", "x"]);
  changes.push((c) => { const [h, k] = place(c); if (typeof h[k] === "string") h[k] = h[k] + ""; });
  const reference = { chargeBalance, previewSettlement };
  const { api, calls } = recordedApi(ROWS);
  let c = heldCustomer(api, "c-random");
  const before = calls.length;
  for (let i = 0; i < 300; i++) {
    const args = i % 3 === 2 ? [{ now: minute(100 + i) }] : [item(i), { now: minute(100 + i), idempotency_key: `r-${i % 7}` }];
    const call = i % 3 === 2 ? "previewSettlement" : "chargeBalance";
    if (rnd() < 0.5) pick(changes)(c);
    const expected = outcome(() => reference[call](c, ...args));
    let r;
    assert.equal(outcome(() => (r = api[call](c, ...args))), expected, `call ${i} (seed 0x5eed)`);
    // Carry on from the answer, or from a fresh held customer when the changes made it invalid.
    c = r?.customer ?? heldCustomer(api, `c-random-${i}`);
  }
  const asHandle = crossedAsHandle(calls.slice(before)).length;
  assert.ok(asHandle >= 100, `${asHandle} of 300 calls crossed as a handle`);
});
