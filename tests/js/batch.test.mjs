// The bulk entry points from Node: itemTotalsBatch (columns of scaled integers) and itemTotalsJson
// (JSON text), the same totals as itemTotals, and coded errors for what they refuse. Also the
// normal path's pre-check: values JSON cannot carry still get their precise codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { itemTotals, itemTotalsBatch, itemTotalsJson, validateItems, BalanceLedgerError } from "../../pkg/node.js";

const items = [
  { price: 119.6, quantity: 2, vat: 29.9 },
  { price: 999.99, quantity: 0.333, vat: 119.9988, rebate: 9.9999 },
];
const columns = {
  price: new Float64Array([11960, 99999]),
  quantity: new Float64Array([2000, 333]),
  vat: new Float64Array([299000, 1199988]),
  rebate: new Float64Array([0, 99999]),
  scale: { quantity: 3, vat: 4, rebate: 4 },
};

const fails = (f, code, path, issueCode) =>
  assert.throws(f, (e) => {
    assert.ok(e instanceof BalanceLedgerError, String(e));
    assert.equal(e.code, code);
    if (path !== undefined) assert.deepEqual([e.issues[0].path, e.issues[0].code], [path, issueCode]);
    return true;
  });

test("itemTotalsBatch totals columns exactly like itemTotals totals the objects", () => {
  const expected = itemTotals(items, "SEK");
  assert.deepEqual(itemTotalsBatch(columns, "SEK"), expected);
  assert.equal(expected.gross, "668.63");
  // Any integer-valued typed array or array of numbers is a column; absent columns are quantity 1,
  // no VAT, no rebate; amounts default to the currency's minor units.
  assert.deepEqual(itemTotalsBatch({ price: new Int32Array([1250, 1]) }, "SEK").gross, "12.51");
  assert.deepEqual(itemTotalsBatch({ price: [1250, 1], vat: null }, "752").gross, "12.51");
  assert.equal(itemTotalsBatch({ price: [1500] }, "JPY").gross, "1500");
});

test("itemTotalsBatch refuses non-integers, out-of-range values and bad columns with coded errors", () => {
  fails(() => itemTotalsBatch({ price: [1.5] }, "SEK"), "invalid_input", "/price/0", "not_integer");
  fails(() => itemTotalsBatch({ price: [1, NaN] }, "SEK"), "invalid_input", "/price/1", "not_finite");
  fails(() => itemTotalsBatch({ price: [2 ** 53] }, "SEK"), "invalid_input", "/price/0", "out_of_range");
  fails(() => itemTotalsBatch({ price: [1e15] }, "SEK"), "invalid_input", "/price/0", "out_of_range");
  fails(() => itemTotalsBatch({ price: [-1] }, "SEK"), "invalid_input", "/price/0", "negative");
  fails(() => itemTotalsBatch({ price: [1], quantity: [0] }, "SEK"), "invalid_input", "/quantity/0", "not_positive");
  fails(() => itemTotalsBatch({ price: [1], rebate: [2] }, "SEK"), "invalid_input", "/rebate/0", "rebate_exceeds_price");
  fails(() => itemTotalsBatch({ price: [1, 2], vat: [1] }, "SEK"), "invalid_input", "/vat", "length_mismatch");
  fails(() => itemTotalsBatch({ price: [] }, "SEK"), "invalid_input", "/price", "empty");
  fails(() => itemTotalsBatch({ vat: [1] }, "SEK"), "invalid_input", "/price", "required");
  fails(() => itemTotalsBatch({ price: ["12"] }, "SEK"), "invalid_input", "/price/0", "invalid_type");
  fails(() => itemTotalsBatch({ price: new BigInt64Array([1n]) }, "SEK"), "invalid_input", "/price", "invalid_type");
  fails(() => itemTotalsBatch({ price: "1,2" }, "SEK"), "invalid_input", "/price", "invalid_type");
  fails(() => itemTotalsBatch({ price: [1], tax: [1] }, "SEK"), "invalid_input", "/tax", "unknown_field");
  fails(() => itemTotalsBatch({ price: [1], scale: { price: 7 } }, "SEK"), "invalid_input", "/scale/price", "out_of_range");
  fails(() => itemTotalsBatch({ price: [1], scale: { price: NaN } }, "SEK"), "invalid_input", "/scale/price", "invalid_type");
  fails(() => itemTotalsBatch([1], "SEK"), "invalid_input", "", "invalid_type");
  fails(() => itemTotalsBatch({ price: [1] }, "XXX"), "unknown_currency");
});

test("itemTotalsJson reads JSON text with the rules of itemTotals", () => {
  assert.deepEqual(itemTotalsJson(JSON.stringify(items), "SEK"), itemTotals(items, "SEK"));
  assert.equal(itemTotalsJson('{"price":"12.5"}', "SEK").gross, "12.50");
  fails(() => itemTotalsJson('[{"price":12.5', "SEK"), "unreadable_input");
  fails(() => itemTotalsJson('[{"price":"12,5"}]', "SEK"), "invalid_input", "/0/price", "invalid_decimal");
  fails(() => itemTotalsJson(items, "SEK"), "invalid_type");
  fails(() => itemTotalsJson("[]", "SEK"), "invalid_input", "", "empty");
});

test("the pre-check leaves every value JSON cannot carry to the tagging replacer", () => {
  const code = (body) => validateItems(body, { currency: "SEK" }).issues?.map((i) => [i.path, i.code]);
  assert.deepEqual(code({ price: NaN }), [["/price", "not_finite"]]);
  assert.deepEqual(code({ price: 1, name: () => "x" }), [["/name", "invalid_type"]]);
  assert.deepEqual(code({ price: 1, [Symbol("s")]: 1, extra: Symbol("s") }), [["/extra", "unknown_field"]]);
  assert.deepEqual(code([{ price: 1 }, undefined]), [["/1", "invalid_type"]]);
  // eslint-disable-next-line no-sparse-arrays
  assert.deepEqual(code([{ price: 1 }, , { price: 2 }]), [["/1", "invalid_type"]]);
  assert.deepEqual(code({ price: 10n }), [["/price", "invalid_type"]]);
  // toJSON (own, inherited or non-enumerable) is honoured on both paths.
  assert.equal(validateItems({ price: 1, toJSON: () => ({ price: 2 }) }, { currency: "SEK" }).totals.gross, "2.00");
  const hidden = { price: 1 };
  Object.defineProperty(hidden, "toJSON", { value: () => ({ price: Infinity }) });
  assert.deepEqual(code(hidden), [["/price", "not_finite"]]);
  class Line { constructor() { this.price = 3; } }
  assert.equal(validateItems(new Line(), { currency: "SEK" }).totals.gross, "3.00");
  // A getter that throws: the same coded error as before.
  fails(() => itemTotals({ get price() { throw new Error("boom"); } }, "SEK"), "unreadable_input");
  // Null-prototype objects and a property set to undefined take the fast path and mean the same.
  const bare = Object.assign(Object.create(null), { price: 4, vat: undefined });
  assert.equal(itemTotals(bare, "SEK").gross, "4.00");
});
