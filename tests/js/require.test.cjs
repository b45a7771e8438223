// The built package from CommonJS: require() of the Node entries' CommonJS build (what
// `require("balance-ledger")` resolves to), which needs no require() of ES modules.
const { test } = require("node:test");
const assert = require("node:assert/strict");
const ledger = require("../../pkg/node.cjs");

test("require() gives ready functions", () => {
  const t = ledger.itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK");
  assert.equal(t.gross, "299.00");
  assert.equal(t.vat, "59.80");
  assert.equal(typeof ledger.default, "function");
});

test("errors from require() are the same BalanceLedgerError", () => {
  assert.throws(() => ledger.itemTotals("12,50", "SEK"), (e) => e instanceof ledger.BalanceLedgerError && e.issues[0].code === "invalid_decimal");
});

test("require() of balance-ledger/checkout gives the item functions, ready", () => {
  const checkout = require("../../pkg/checkout/node.cjs");
  assert.equal(checkout.itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK").gross, "299.00");
  assert.equal(checkout.chargeBalance, undefined);
  assert.ok(checkout.BalanceLedgerError === ledger.BalanceLedgerError);
});
