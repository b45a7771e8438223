// The bulk entry points from Node: itemTotalsBatch (columns of scaled integers) and itemTotalsJson
// (JSON text), the same totals as itemTotals; previewSettlementsBatch, the amounts of
// previewSettlements; and coded errors for what they refuse. Also the
// normal path's pre-check: values JSON cannot carry still get their precise codes.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  itemTotals, itemTotalsBatch, itemTotalsJson, previewSettlements, previewSettlementsBatch, validateItems, BalanceLedgerError,
} from "../../pkg/node.js";

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

test("previewSettlementsBatch answers the amounts previewSettlements answers for the same customers", () => {
  const book = [
    { balance: items, total: 50 },
    { balance: [], total: 7 },
    { balance: [{ price: 1, vat: 0.25 }], total: 5 },
    { balance: [items[1], items[0], items[1]], total: 0 },
  ];
  const customers = book.map((c, i) => ({ id: `c${i}`, currency: "SEK", ...c }));
  const json = previewSettlements(customers, { detail: "summary", now: "2026-01-15T12:00:00Z" });
  const rows = book.flatMap((c) => c.balance);
  const cents = (x, scale) => Math.round(x * 10 ** scale);
  const batch = previewSettlementsBatch({
    counts: book.map((c) => c.balance.length),
    funds: new Float64Array(book.map((c) => c.total * 100)),
    price: new Float64Array(rows.map((r) => cents(r.price, 2))),
    quantity: rows.map((r) => cents(r.quantity ?? 1, 3)),
    vat: rows.map((r) => cents(r.vat ?? 0, 4)),
    rebate: rows.map((r) => cents(r.rebate ?? 0, 4)),
    scale: { quantity: 3, vat: 4, rebate: 4 },
  }, "SEK");
  assert.deepEqual(batch.amounts, json.results.map((r) => r.amount));
  assert.equal(batch.updated, json.updated);
  assert.equal(batch.currency, "SEK");
  assert.equal(batch.amounts[0], "618.63"); // 299.00 + (333.00 − 3.33 + 39.96) − 50.00
  assert.equal(batch.total, "1656.89"); // + 0.00 + 0.00 + 2 × 369.63 + 299.00
});

test("previewSettlementsBatch refuses bad columns with coded errors at their rows", () => {
  const ok = { counts: [1], price: [100] };
  assert.deepEqual(previewSettlementsBatch(ok, "SEK").amounts, ["1.00"]);
  assert.deepEqual(previewSettlementsBatch({ counts: [0, 0], price: [] }, "SEK").amounts, ["0.00", "0.00"]);
  fails(() => previewSettlementsBatch({ price: [1] }, "SEK"), "invalid_input", "/counts", "required");
  fails(() => previewSettlementsBatch({ counts: [1] }, "SEK"), "invalid_input", "/price", "required");
  fails(() => previewSettlementsBatch({ counts: [2], price: [1] }, "SEK"), "invalid_input", "/counts", "length_mismatch");
  fails(() => previewSettlementsBatch({ counts: [1.5], price: [1] }, "SEK"), "invalid_input", "/counts/0", "not_integer");
  fails(() => previewSettlementsBatch({ ...ok, funds: [-1] }, "SEK"), "invalid_input", "/funds/0", "negative");
  fails(() => previewSettlementsBatch({ ...ok, funds: [1, 2] }, "SEK"), "invalid_input", "/funds", "length_mismatch");
  fails(() => previewSettlementsBatch({ counts: [1, 1], price: [1, -1] }, "SEK"), "invalid_input", "/price/1", "negative");
  fails(() => previewSettlementsBatch({ ...ok, total: [1] }, "SEK"), "invalid_input", "/total", "unknown_field");
  fails(() => previewSettlementsBatch({ ...ok, counts: "1" }, "SEK"), "invalid_input", "/counts", "invalid_type");
  fails(() => previewSettlementsBatch(null, "SEK"), "invalid_input", "", "invalid_type");
  fails(() => previewSettlementsBatch(ok, "XXX"), "unknown_currency");
});
