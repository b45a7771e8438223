// The cash balance functions of the built package (pkg/) from Node. Every `cash_balance` and
// `customer_cash_balance_transaction` returned is validated against Stripe's current schemas
// (tests/reference/stripe-cash-balance.schemas.json, from Stripe's OpenAPI spec) with Ajv, a
// JSON-Schema validator (tests/js/support/stripe-schemas.mjs, shared with the server's tests), and
// carries `customer_account` (the official client types it as always present).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  applyCashTransaction,
  cashBalance,
  addCashPayment,
  reconcileCashBalance,
  canDeleteCustomer,
  BalanceLedgerError,
} from "../../pkg/node.js";
import {
  checkCashBalance,
  checkedCount,
  checkTransaction,
  checkTransactionList,
  validCashBalance,
  validTransaction,
  validTransactionList,
} from "./support/stripe-schemas.mjs";

function apply(state, t, extra = []) {
  const r = applyCashTransaction(state, t);
  checkTransaction(r.transaction, extra);
  r.applied.forEach(checkTransaction);
  return r;
}

const funded = (id, amount, currency = "eur") => ({
  id, type: "funded", currency, net_amount: amount, created: 1690829143,
  funded: { bank_transfer: { type: "eu_bank_transfer", reference: "Payment for Invoice 28278FC-155",
    eu_bank_transfer: { bic: "BANKDEAAXXX", iban_last4: "7089", sender_name: "Sample Business GmbH" } } },
});

test("the validator is real: it refuses objects that break Stripe's schema", () => {
  const good = apply({ customer: "cus_1" }, funded("ccsbtxn_1", 5000)).transaction;
  assert.equal(validTransaction({ ...good, net_amount: 1.5 }), false);
  assert.equal(validTransaction({ ...good, type: "gift" }), false);
  assert.equal(validTransaction({ ...good, currency: undefined }), false);
  assert.equal(validTransaction({ ...good, customer_account: 5 }), false);
  assert.equal(validTransaction({ ...good, type: "transferred_to_balance", transferred_to_balance: {} }), false);
  assert.equal(validTransaction({ ...good, funded: { bank_transfer: { type: "eu_bank_transfer", reference: 7 } } }), false);
  assert.equal(validCashBalance({ object: "cash_balance", available: { eur: "1" }, customer: "c", livemode: false,
    settings: { reconciliation_mode: "automatic", using_merchant_default: true } }), false);
  assert.equal(validCashBalance({ object: "cash_balance", available: null, customer: "c", livemode: false,
    settings: { reconciliation_mode: "sometimes", using_merchant_default: true } }), false);
  // The list envelope of GET /v1/customers/:id/cash_balance_transactions (the server's answer).
  const list = { object: "list", data: [good], has_more: false, url: "/v1/customers/cus_1/cash_balance_transactions" };
  assert.equal(validTransactionList(list), true, JSON.stringify(validTransactionList.errors));
  checkTransactionList(list);
  assert.equal(validTransactionList({ ...list, object: "page" }), false);
  assert.equal(validTransactionList({ ...list, has_more: undefined }), false);
  assert.equal(validTransactionList({ ...list, url: undefined }), false);
  assert.equal(validTransactionList({ ...list, data: [{ ...good, net_amount: "1" }] }), false);
});

test("Stripe's example: a funding of 5000 after 5000 ends at 10000", () => {
  let { state, transaction } = apply({ customer: "cus_9s6XKzkNRiz8i3" }, funded("ccsbtxn_0", 5000));
  ({ state, transaction } = apply(state, funded("ccsbtxn_1Na16B2eZvKYlo2CUhyw3dsF", 5000)));
  assert.deepEqual(transaction, {
    id: "ccsbtxn_1Na16B2eZvKYlo2CUhyw3dsF",
    object: "customer_cash_balance_transaction",
    created: 1690829143,
    currency: "eur",
    customer: "cus_9s6XKzkNRiz8i3",
    customer_account: null,
    ending_balance: 10000,
    funded: { bank_transfer: { eu_bank_transfer: { bic: "BANKDEAAXXX", iban_last4: "7089", sender_name: "Sample Business GmbH" },
      reference: "Payment for Invoice 28278FC-155", type: "eu_bank_transfer" } },
    livemode: false,
    net_amount: 5000,
    type: "funded",
  });
  assert.deepEqual(state.available, { eur: 10000 });
});

test("all nine types validate against Stripe's schema, each with its detail and sign", () => {
  let state = apply({ customer: "cus_1" }, funded("f", 10000, "EUR")).state; // any case is read
  const steps = [
    { id: "a", type: "applied_to_payment", currency: "eur", net_amount: -1000, created: 2, applied_to_payment: { payment_intent: "pi_1" } },
    { id: "u", type: "unapplied_from_payment", currency: "eur", net_amount: 500, created: 3, unapplied_from_payment: { payment_intent: "pi_1" } },
    { id: "r", type: "refunded_from_payment", currency: "eur", net_amount: "200", created: 4, refunded_from_payment: { refund: "re_1" } },
    { id: "ri", type: "return_initiated", currency: "eur", net_amount: -300, created: 5 },
    { id: "rc", type: "return_canceled", currency: "eur", net_amount: 300, created: 6 },
    { id: "fr", type: "funding_reversed", currency: "eur", net_amount: -10000, created: 7 },
    { id: "ad", type: "adjusted_for_overdraft", currency: "eur", net_amount: 300, created: 8,
      adjusted_for_overdraft: { balance_transaction: "txn_1", linked_transaction: "fr" } },
    { id: "g", type: "funded", currency: "gbp", net_amount: 100, created: 9,
      funded: { bank_transfer: { type: "gb_bank_transfer", reference: null, gb_bank_transfer: { account_number_last4: "1234", sender_name: null, sort_code: "12-34-56" } } } },
    { id: "j", type: "funded", currency: "jpy", net_amount: 100, created: 10,
      funded: { bank_transfer: { type: "jp_bank_transfer", jp_bank_transfer: { sender_bank: "MUFG", sender_branch: null, sender_name: "ヤマダ" } } } },
    { id: "us", type: "funded", currency: "usd", net_amount: 100, created: 11,
      funded: { bank_transfer: { type: "us_bank_transfer", us_bank_transfer: { network: "swift", sender_name: "Jane" } } } },
    { id: "mx", type: "funded", currency: "mxn", net_amount: 100, created: 12, funded: { bank_transfer: { type: "mx_bank_transfer" } } },
    { id: "tb", type: "transferred_to_balance", currency: "usd", net_amount: -40, created: 13,
      transferred_to_balance: { balance_transaction: "txn_2" } },
  ];
  const types = new Set();
  for (const t of steps) {
    const r = apply(state, t);
    types.add(r.transaction.type);
    assert.equal(r.transaction.net_amount, Number(t.net_amount));
    state = r.state;
  }
  assert.equal(types.size, 9);
  assert.deepEqual(state.available, { eur: 0, gbp: 100, jpy: 100, mxn: 100, usd: 60 });
  assert.deepEqual(state.overdrafts, {});
  checkCashBalance(cashBalance("cus_1", [], null));
});

test("refusals throw BalanceLedgerError with their codes", () => {
  const { state } = apply({ customer: "cus_1" }, funded("f", 1000));
  const codeOf = (t) => {
    try {
      applyCashTransaction(state, t);
    } catch (e) {
      assert.ok(e instanceof BalanceLedgerError);
      return e.code === "invalid_input" ? e.issues[0].code : e.code;
    }
    assert.fail("expected a refusal");
  };
  assert.equal(codeOf(funded("f", 1)), "duplicate_transaction");
  assert.equal(codeOf({ ...funded("g", 1), currency: "zzz" }), "unknown_currency");
  assert.equal(codeOf({ ...funded("g", 1), type: "gift" }), "unknown_type");
  assert.equal(codeOf({ ...funded("g", 1), net_amount: 0.5 }), "not_integer");
  assert.equal(codeOf({ ...funded("g", 1), net_amount: 2 ** 53 }), "out_of_range");
  assert.equal(codeOf({ ...funded("g", 1), net_amount: NaN }), "not_finite");
  assert.equal(codeOf({ ...funded("g", 1), net_amount: -1 }), "wrong_sign");
  assert.equal(codeOf({ id: "x", type: "return_initiated", currency: "eur", net_amount: -1001, created: 1 }), "insufficient_funds");
  assert.throws(() => applyCashTransaction(state, { id: "x", type: "return_initiated", currency: "eur", net_amount: -1001, created: 1 }),
    (e) => e.code === "insufficient_funds" && e.issues[0].path === "/net_amount");
  assert.throws(() => cashBalance("cus_1", [funded("a", 1)], { reconciliation_mode: "sometimes" }), { code: "invalid_input" });
});

test("cashBalance is the seed's object, settings and merchant default as Stripe describes", () => {
  const cb = checkCashBalance(cashBalance("cus_OaCLf8Fi1nbFpJ", [funded("a", 6000), funded("b", 4000)]));
  assert.deepEqual(cb, { object: "cash_balance", available: { eur: 10000 }, customer: "cus_OaCLf8Fi1nbFpJ",
    customer_account: null, livemode: false, settings: { reconciliation_mode: "automatic", using_merchant_default: true } });
  const manual = checkCashBalance(cashBalance("cus_Ob4Xiw8KXOqcvM", [], { reconciliation_mode: "manual" }));
  assert.deepEqual(manual, { object: "cash_balance", available: null, customer: "cus_Ob4Xiw8KXOqcvM",
    customer_account: null, livemode: false, settings: { reconciliation_mode: "manual", using_merchant_default: false } });
  assert.deepEqual(checkCashBalance(cashBalance("c", [], { merchant_default: "manual" })).settings,
    { reconciliation_mode: "manual", using_merchant_default: true });
  assert.deepEqual(checkCashBalance(cashBalance("c", [], { reconciliation_mode: "merchant_default" })).settings,
    { reconciliation_mode: "automatic", using_merchant_default: true });
});

test("automatic reconciliation pays the oldest payments exactly, the next partially", () => {
  let state = { customer: "cus_1" };
  ({ state } = addCashPayment(state, { id: "pi_b", currency: "eur", amount_remaining: 3000, created: 20 }));
  ({ state } = addCashPayment(state, { id: "pi_a", currency: "eur", amount_remaining: 2000, created: 10 }));
  const r = apply(state, funded("f", 3500));
  assert.deepEqual(r.applied.map((t) => [t.applied_to_payment.payment_intent, t.net_amount, t.ending_balance]),
    [["pi_a", -2000, 1500], ["pi_b", -1500, 0]]);
  assert.deepEqual(r.state.open_payments, [{ id: "pi_b", currency: "eur", amount_remaining: 1500, created: 20 }]);
  // The whole log folds back to the same balance.
  const cb = checkCashBalance(cashBalance("cus_1", [r.transaction, ...r.applied]));
  assert.deepEqual(cb.available, r.state.available);
});

test("manual mode applies nothing until reconcileCashBalance is asked", () => {
  let state = { customer: "cus_1", settings: { reconciliation_mode: "manual" } };
  ({ state } = addCashPayment(state, { id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1 }));
  const r = apply(state, funded("f", 1500));
  assert.deepEqual(r.applied, []);
  const now = reconcileCashBalance(r.state, { created: 99 });
  now.applied.forEach(checkTransaction);
  assert.deepEqual(now.applied.map((t) => [t.net_amount, t.created]), [[-1500, 99]]);
  assert.equal(now.state.open_payments[0].amount_remaining, 500);
  assert.throws(() => reconcileCashBalance(now.state, { created: 1, payment_intent: "pi_x" }), { code: "unknown_payment" });
});

test("a customer with any cash balance, even 0, cannot be deleted", () => {
  assert.equal(canDeleteCustomer({ customer: "cus_1" }), true);
  const { state } = apply({ customer: "cus_1" }, funded("f", 100));
  const spent = apply(state, { id: "r", type: "return_initiated", currency: "eur", net_amount: -100, created: 2 }).state;
  assert.deepEqual(spent.available, { eur: 0 });
  assert.equal(canDeleteCustomer(spent), false);
  assert.equal(canDeleteCustomer(cashBalance("cus_1", [])), true);
  assert.equal(canDeleteCustomer(cashBalance("cus_1", [funded("f", 1)])), false);
});

test("user keys never change a prototype; available is plain data", () => {
  const state = JSON.parse('{"customer":"cus_1","available":{"__proto__":{"polluted":true}}}');
  assert.throws(() => applyCashTransaction(state, funded("f", 1)),
    (e) => e.issues.some((i) => i.path === "/available/__proto__" && i.code === "unknown_currency"));
  assert.equal(({}).polluted, undefined);
  const { state: s } = apply({ customer: "cus_1" }, funded("f", 1));
  assert.equal(Object.getPrototypeOf(s.available), Object.prototype);
  assert.deepEqual(Object.keys(s.available), ["eur"]);
});

/** A transaction exactly as Stripe's API returns it today. */
const stripeFunded = (id, amount, ending) => ({
  id, object: "customer_cash_balance_transaction", created: 1690829143, currency: "eur",
  customer: "cus_9s6XKzkNRiz8i3", customer_account: null, ending_balance: ending,
  funded: { bank_transfer: { eu_bank_transfer: { bic: "BANKDEAAXXX", iban_last4: "7089", sender_name: "Sample Business GmbH" },
    reference: "Payment for Invoice 28278FC-155", type: "eu_bank_transfer" } },
  livemode: false, net_amount: amount, type: "funded",
});

test("today's Stripe objects go in and come back as they came", () => {
  const t = stripeFunded("ccsbtxn_1", 5000, 5000);
  const r = apply({ customer: "cus_9s6XKzkNRiz8i3" }, t);
  assert.deepEqual(r.transaction, t);
  // Fields Stripe adds later are kept on the transaction they came with, at any depth.
  const later = { ...stripeFunded("ccsbtxn_2", 1, 5001), review: { status: "passed" } };
  later.funded.bank_transfer.purpose = "SUPP";
  const r2 = apply(r.state, later, ["review"]);
  assert.deepEqual(r2.transaction, later);
  assert.equal(JSON.stringify(r2.state).includes("review"), false);
  // Stripe's cash_balance object is a state, and what cashBalance folds validates.
  const cb = checkCashBalance(cashBalance("cus_9s6XKzkNRiz8i3", [t, later]));
  assert.deepEqual(cb.available, { eur: 5001 });
  const spent = apply(cb, { id: "tb", type: "transferred_to_balance", currency: "eur", net_amount: -5001, created: 3,
    transferred_to_balance: { balance_transaction: { id: "txn_1", object: "balance_transaction", amount: 5001 } } });
  assert.deepEqual(spent.transaction.transferred_to_balance, { balance_transaction: "txn_1" });
  assert.equal(spent.transaction.ending_balance, 0);
  assert.equal(canDeleteCustomer(cb), false);
});

test("expanded references are read as their ids; the account of the customer is kept", () => {
  const t = { ...stripeFunded("f", 1000, 1000), customer: { id: "cus_9s6XKzkNRiz8i3", object: "customer", email: "j@example.com" },
    customer_account: "acct_1" };
  const r = apply({ customer: "cus_9s6XKzkNRiz8i3" }, t);
  assert.equal(r.transaction.customer, "cus_9s6XKzkNRiz8i3");
  assert.equal(r.transaction.customer_account, "acct_1");
  assert.equal(r.state.customer_account, "acct_1");
  const paid = apply(r.state, { id: "a", type: "applied_to_payment", currency: "eur", net_amount: -100, created: 2,
    applied_to_payment: { payment_intent: { id: "pi_1", object: "payment_intent", amount: 100 } } });
  assert.deepEqual(paid.transaction.applied_to_payment, { payment_intent: "pi_1" });
  assert.equal(paid.transaction.customer_account, "acct_1");
  assert.throws(() => applyCashTransaction(r.state, { ...stripeFunded("g", 1, 901), customer_account: "acct_2" }),
    (e) => e.code === "customer_mismatch" && e.issues[0].path === "/customer_account");
  checkCashBalance(cashBalance("cus_9s6XKzkNRiz8i3", [t]));
});

test("every object returned above was checked against the schemas", () => {
  assert.ok(checkedCount() > 25, `${checkedCount()} objects checked`);
});
