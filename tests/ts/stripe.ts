// A backend on the official Stripe client (`stripe` on npm, 23.x) hands this package Stripe's own
// objects, typed as Stripe types them, without a cast; what comes back is assignable to Stripe's
// types. Each expected error shows the types are still precise where this package is strict.
import Stripe from "stripe";
import {
  applyCashTransaction,
  addCashPayment,
  reconcileCashBalance,
  cashBalance,
  canDeleteCustomer,
  type CashBalanceState,
} from "balance-ledger";

// Exactly what `stripe.customers.retrieveCashBalanceTransaction(…)` returns today.
const funded: Stripe.CustomerCashBalanceTransaction = {
  id: "ccsbtxn_1Na16B2eZvKYlo2CUhyw3dsF",
  object: "customer_cash_balance_transaction",
  created: 1690829143,
  currency: "eur",
  customer: "cus_9s6XKzkNRiz8i3",
  customer_account: null,
  ending_balance: 5000,
  funded: {
    bank_transfer: {
      eu_bank_transfer: { bic: "BANKDEAAXXX", iban_last4: "7089", sender_name: "Sample Business GmbH" },
      reference: "Payment for Invoice 28278FC-155",
      type: "eu_bank_transfer",
    },
  },
  livemode: false,
  net_amount: 5000,
  type: "funded",
};
const transfer: Stripe.CustomerCashBalanceTransaction = {
  ...funded,
  id: "ccsbtxn_2",
  type: "transferred_to_balance",
  net_amount: -2000,
  ending_balance: 3000,
  funded: undefined,
  transferred_to_balance: { balance_transaction: "txn_1" },
};
declare const expanded: Stripe.CustomerCashBalanceTransaction & { customer: Stripe.Customer };
declare const page: Stripe.ApiList<Stripe.CustomerCashBalanceTransaction>;
declare const retrieved: Stripe.Response<Stripe.CashBalance>;
declare const event: Stripe.Event;

// In, without a cast.
const first = applyCashTransaction({ customer: "cus_9s6XKzkNRiz8i3" }, funded);
const second = applyCashTransaction(first.state, transfer);
applyCashTransaction(second.state, expanded);
const fromStripeBalance = applyCashTransaction(retrieved, transfer);
const folded = cashBalance("cus_9s6XKzkNRiz8i3", page.data, retrieved.settings);
const blocked: boolean = canDeleteCustomer(retrieved) || canDeleteCustomer(first.state) || canDeleteCustomer(folded);
if (event.type === "customer_cash_balance_transaction.created") {
  applyCashTransaction(first.state, event.data.object);
}

// Out, as Stripe's own types.
const tx: Stripe.CustomerCashBalanceTransaction = second.transaction;
const made: Stripe.CustomerCashBalanceTransaction[] = addCashPayment(second.state, {
  id: "pi_1",
  currency: "eur",
  amount_remaining: 100,
  created: 2,
}).applied;
const reconciled: Stripe.CustomerCashBalanceTransaction[] = reconcileCashBalance(retrieved, { created: 3 }).applied;
const balance: Stripe.CashBalance = folded;
const account: string | null = balance.customer_account;
const state: CashBalanceState = fromStripeBalance.state;
const stateAccount: string | null = state.customer_account;

// @ts-expect-error: net_amount is an amount, not an object
applyCashTransaction(first.state, { ...funded, net_amount: { value: 1 } });
// @ts-expect-error: an expanded reference has its id
applyCashTransaction(first.state, { ...funded, customer: { object: "customer" } });
// @ts-expect-error: customer_account is an id or null
applyCashTransaction(first.state, { ...funded, customer_account: 7 });
// @ts-expect-error: a transaction names its type
applyCashTransaction(first.state, { ...funded, type: undefined });
// @ts-expect-error: a cash_balance's available is a map of amounts (or null)
canDeleteCustomer({ ...retrieved, available: { eur: "1" } });
// @ts-expect-error: the transaction's type written back is one this package knows, not any string
const anyType: "gift" = tx.type;

console.log(blocked, made, reconciled, account, stateAccount, anyType);
