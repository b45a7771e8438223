// The built package (pkg/) from Node through `import`: items, totals, errors, recovery.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { validateItems, itemTotals, BalanceLedgerError } from "../../pkg/node.js";
import * as api from "../../pkg/node.js";
import { trap } from "./support/testing.mjs";

const golden = { price: 119.6, vat: 29.9, quantity: 2 };

test("the seed's example totals to 299.00 with 59.80 VAT", () => {
  assert.deepEqual(itemTotals(golden, "SEK"), {
    currency: "SEK", count: 1, net: "239.20", rebate: "0.00", vat: "59.80", gross: "299.00",
  });
});

test("init() resolves in Node, where the module is ready on import", async () => {
  await init();
  assert.equal(itemTotals(1, "JPY").gross, "1");
});

test("JS numbers are read through their shortest text: 0.1 + 0.2 is 0.30", () => {
  assert.equal(itemTotals([{ price: 0.1 }, { price: 0.2 }], "EUR").gross, "0.30");
  assert.equal(itemTotals([{ price: 1.005 }], "EUR").gross, "1.01"); // 1.005 is 1.00499999… as a double
  assert.deepEqual(itemTotals({ price: 0.1, quantity: 3 }, "EUR"), itemTotals({ price: "0.1", quantity: "3" }, "EUR"));
});

test("validateItems answers ok with normalised items, lines and totals", () => {
  const r = validateItems([{ number: "A1", price: "10", quantity: 3, rebate: 1, vat: 2.25 }], { currency: "752" });
  assert.equal(r.ok, true);
  assert.deepEqual(r.items, [{ number: "A1", price: "10.00", quantity: "3", rebate: "1.00", vat: "2.25" }]);
  assert.deepEqual(r.lines, [{ net: "30.00", rebate: "3.00", vat: "6.75", amount: "33.75" }]);
  assert.equal(r.totals.currency, "SEK");
  assert.equal(r.totals.gross, "33.75");
});

test("validateItems reports every problem with its JSON Pointer and code", () => {
  const r = validateItems([{ price: "12,50", quantity: NaN, colour: "red" }, { vat: -1 }, 7], { currency: "SEK" });
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.issues.map((i) => [i.path, i.code]),
    [
      ["/0/colour", "unknown_field"],
      ["/0/price", "invalid_decimal"],
      ["/0/quantity", "not_finite"],
      ["/1/price", "required"],
      ["/1/vat", "negative"],
      ["/2", "invalid_type"],
    ],
  );
  for (const i of r.issues) assert.match(i.message, /\S/);
});

test("values JSON cannot carry are refused precisely, not read as null", () => {
  const codeAt = (item) => validateItems(item).issues[0].code;
  assert.equal(codeAt({ price: Infinity }), "not_finite");
  assert.equal(codeAt({ price: -Infinity }), "not_finite");
  assert.equal(codeAt({ price: 10n }), "invalid_type");
  assert.equal(codeAt({ price: Symbol("x") }), "invalid_type");
  assert.equal(codeAt({ price: () => 1 }), "invalid_type");
  assert.equal(codeAt({ price: "" }), "empty_amount");
  assert.equal(codeAt({ price: "1e999" }), "out_of_range");
  assert.equal(codeAt({ price: "0x10" }), "invalid_decimal");
  assert.equal(validateItems({ price: 1, vat: undefined }).ok, true); // undefined is absent
  assert.equal(validateItems([{ price: 1 }, , { price: 2 }]).issues[0].path, "/1"); // a hole
});

test("errors thrown are BalanceLedgerError with a code and the issues", () => {
  assert.throws(() => itemTotals({ price: -1 }, "SEK"), (e) => {
    assert.ok(e instanceof BalanceLedgerError && e instanceof Error);
    assert.equal(e.code, "invalid_input");
    assert.deepEqual(e.issues.map((i) => i.code), ["negative"]);
    assert.match(e.message, /\/price/);
    return true;
  });
  assert.throws(() => itemTotals(1, "XYZ"), { code: "unknown_currency" });
  assert.throws(() => itemTotals(1), { code: "unknown_currency" });
  assert.throws(() => itemTotals(undefined, "SEK"), { code: "invalid_input" });
});

test("unreadable and hostile input ends in a coded error, and the next call works", () => {
  const cyclic = { price: 1 };
  cyclic.self = cyclic;
  assert.throws(() => itemTotals(cyclic, "SEK"), { code: "unreadable_input" });
  const throwing = { get price() { throw new Error("boom"); } };
  assert.throws(() => itemTotals(throwing, "SEK"), { code: "unreadable_input" });
  let deep = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.throws(() => itemTotals(deep, "SEK"), (e) => ["input_too_deep"].includes(e.code));
  assert.throws(() => itemTotals({ price: 1, name: "x".repeat(10_000_000) }, "SEK"), { code: "input_too_large" });
  assert.throws(() => itemTotals(new Array(1_000_000).fill({ price: 1 }), "SEK"), { code: "input_too_large" });
  assert.equal(itemTotals(golden, "SEK").gross, "299.00");
});

test("a key such as __proto__ stays data and never changes a prototype", () => {
  const body = JSON.parse('{"price": 1, "__proto__": {"polluted": true}}');
  const r = validateItems(body);
  assert.equal(r.ok, false);
  assert.equal(r.issues[0].path, "/__proto__");
  assert.equal(({}).polluted, undefined);
});

test("after a trap the package restores a working instance", () => {
  assert.equal(validateItems({ price: 1, vat: 0.25 }, "SEK").totals.gross, "1.25");
  assert.throws(() => trap(), (e) => e instanceof BalanceLedgerError && e.code === "internal_error");
  assert.equal(itemTotals(golden, "SEK").gross, "299.00");
  // One item (the keystroke path, its answer read from the new instance's memory, not the old).
  assert.equal(validateItems({ price: 2, vat: 0.5 }, "SEK").totals.gross, "2.50");
  assert.throws(() => trap(), { code: "internal_error" });
  assert.equal(validateItems(golden, { currency: "SEK" }).totals.vat, "59.80");
  assert.equal(validateItems({ price: 3, quantity: 2 }, "SEK").totals.gross, "6.00");
});

test("no test hook is exported", () => {
  for (const hook of ["__trap", "__memoryBytes"]) assert.equal(hook in api, false, hook);
});
