// A TypeScript consumer of the cash balance functions: the right uses type-check, and each expected
// error proves the types are precise.
import {
  applyCashTransaction,
  cashBalance,
  addCashPayment,
  reconcileCashBalance,
  canDeleteCustomer,
  type CashBalance,
  type CashBalanceState,
  type CashBalanceTransaction,
  type CashTransactionType,
  type ReconciliationMode,
} from "balance-ledger";

const first = applyCashTransaction(
  { customer: "cus_1" },
  {
    id: "ccsbtxn_1",
    type: "funded",
    currency: "eur",
    net_amount: 5000,
    created: 1690829143,
    funded: { bank_transfer: { type: "eu_bank_transfer", reference: null, eu_bank_transfer: { bic: null, iban_last4: "7089", sender_name: null } } },
  },
);
const state: CashBalanceState = first.state;
const tx: CashBalanceTransaction = first.transaction;
const ending: number = tx.ending_balance;
const kind: CashTransactionType = tx.type;
const eur: number | undefined = state.available["eur"];
const paid = addCashPayment(state, { id: "pi_1", currency: "eur", amount_remaining: 100, created: 2 });
const applied: CashBalanceTransaction[] = reconcileCashBalance(paid.state, { created: 3 }).applied;
const cb: CashBalance = cashBalance("cus_1", [tx], { reconciliation_mode: "manual" });
const mode: ReconciliationMode = cb.settings.reconciliation_mode;
const amounts: Record<string, number> | null = cb.available;
const deletable: boolean = canDeleteCustomer(cb) && canDeleteCustomer(state);

// @ts-expect-error: amounts in Stripe objects are numbers of minor units, not strings
const asText: string = tx.net_amount;
// @ts-expect-error: available is null while there is no cash balance
const notNull: Record<string, number> = cb.available;
// @ts-expect-error: the types written back are Stripe's nine
const gift: CashTransactionType = "gift";
// (A reconciliation_mode in, like Stripe's own type of it, is any string; the core refuses one it
// does not know. The merchant's default, this package's own option, is checked by the types.)
// @ts-expect-error: the merchant's default mode is automatic or manual
cashBalance("cus_1", [], { merchant_default: "sometimes" });
// @ts-expect-error: a state names its customer
applyCashTransaction({}, { id: "x", type: "return_canceled", currency: "eur", net_amount: 1, created: 1 });
// @ts-expect-error: the object field of a transaction is a literal
const obj: "cash_balance" = tx.object;
// @ts-expect-error: a payment needs amount_remaining
addCashPayment(state, { id: "pi_2", currency: "eur", created: 1 });

console.log(ending, kind, eur, applied, mode, amounts, deletable, asText, notNull, gift, obj);
