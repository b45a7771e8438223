// Public API of balance-ledger. The object types under ./types are generated from the Rust types
// (ts-rs) at build time; this file declares the functions over them.
import type { AccountBalance } from "./types/AccountBalance.js";
import type { AdjustedForOverdraft } from "./types/AdjustedForOverdraft.js";
import type { After } from "./types/After.js";
import type { AfterEntries } from "./types/AfterEntries.js";
import type { BalanceItemInput } from "./types/BalanceItemInput.js";
import type { BalanceLine } from "./types/BalanceLine.js";
import type { BankAccountInput } from "./types/BankAccountInput.js";
import type { BankAccountType } from "./types/BankAccountType.js";
import type { BankAccountView } from "./types/BankAccountView.js";
import type { BankTransfer } from "./types/BankTransfer.js";
import type { BankTransferType } from "./types/BankTransferType.js";
import type { CashBalance } from "./types/CashBalance.js";
import type { CashBalanceSettings } from "./types/CashBalanceSettings.js";
import type { CashBalanceSettingsState } from "./types/CashBalanceSettingsState.js";
import type { CashBalanceState } from "./types/CashBalanceState.js";
import type { CashBalanceTransaction } from "./types/CashBalanceTransaction.js";
import type { CashFunded } from "./types/CashFunded.js";
import type { CashOpenPayment } from "./types/CashOpenPayment.js";
import type { CashPaymentRef } from "./types/CashPaymentRef.js";
import type { CashReconcileResult } from "./types/CashReconcileResult.js";
import type { CashRecentTransaction } from "./types/CashRecentTransaction.js";
import type { CashRefundRef } from "./types/CashRefundRef.js";
import type { CashTransactionResult } from "./types/CashTransactionResult.js";
import type { CashTransactionType } from "./types/CashTransactionType.js";
import type { ChargeResult } from "./types/ChargeResult.js";
import type { Credit } from "./types/Credit.js";
import type { CreditRequest } from "./types/CreditRequest.js";
import type { CreditSchedule } from "./types/CreditSchedule.js";
import type { CreditStateV1 } from "./types/CreditStateV1.js";
import type { CreditStatusV1_1 } from "./types/CreditStatusV1_1.js";
import type { CreditVersion } from "./types/CreditVersion.js";
import type { CustomerInput } from "./types/CustomerInput.js";
import type { CustomerStatus } from "./types/CustomerStatus.js";
import type { CustomerView } from "./types/CustomerView.js";
import type { EntryKind } from "./types/EntryKind.js";
import type { ErrorBody } from "./types/ErrorBody.js";
import type { EuBankTransfer } from "./types/EuBankTransfer.js";
import type { GbBankTransfer } from "./types/GbBankTransfer.js";
import type { Issue } from "./types/Issue.js";
import type { IssueCode } from "./types/IssueCode.js";
import type { ItemInput } from "./types/ItemInput.js";
import type { ItemView } from "./types/ItemView.js";
import type { JpBankTransfer } from "./types/JpBankTransfer.js";
import type { KeyRecord } from "./types/KeyRecord.js";
import type { LastPaymentView } from "./types/LastPaymentView.js";
import type { LedgerEntry } from "./types/LedgerEntry.js";
import type { LimitView } from "./types/LimitView.js";
import type { LineView } from "./types/LineView.js";
import type { ListPage } from "./types/ListPage.js";
import type { Order } from "./types/Order.js";
import type { OrderResult } from "./types/OrderResult.js";
import type { Payment } from "./types/Payment.js";
import type { ReconciliationMode } from "./types/ReconciliationMode.js";
import type { ReconciliationSetting } from "./types/ReconciliationSetting.js";
import type { SettleAll } from "./types/SettleAll.js";
import type { SettlementAmounts } from "./types/SettlementAmounts.js";
import type { SettleAllResult } from "./types/SettleAllResult.js";
import type { SettlementPreview } from "./types/SettlementPreview.js";
import type { Target } from "./types/Target.js";
import type { Totals } from "./types/Totals.js";
import type { UsBankTransfer } from "./types/UsBankTransfer.js";
import type { UsNetwork } from "./types/UsNetwork.js";
import type { ValidItems } from "./types/ValidItems.js";

export type {
  AccountBalance,
  AdjustedForOverdraft,
  After,
  AfterEntries,
  BalanceItemInput,
  BalanceLine,
  BankAccountInput,
  BankAccountType,
  BankAccountView,
  BankTransfer,
  BankTransferType,
  CashBalance,
  CashBalanceSettings,
  CashBalanceSettingsState,
  CashBalanceState,
  CashBalanceTransaction,
  CashFunded,
  CashOpenPayment,
  CashPaymentRef,
  CashReconcileResult,
  CashRecentTransaction,
  CashRefundRef,
  CashTransactionResult,
  CashTransactionType,
  ChargeResult,
  Credit,
  CreditRequest,
  CreditSchedule,
  CreditStateV1,
  CreditStatusV1_1,
  CreditVersion,
  CustomerInput,
  CustomerStatus,
  CustomerView,
  EntryKind,
  ErrorBody,
  EuBankTransfer,
  GbBankTransfer,
  Issue,
  IssueCode,
  ItemInput,
  ItemView,
  JpBankTransfer,
  KeyRecord,
  LastPaymentView,
  LedgerEntry,
  LimitView,
  LineView,
  ListPage,
  Order,
  OrderResult,
  Payment,
  ReconciliationMode,
  ReconciliationSetting,
  SettleAll,
  SettleAllResult,
  SettlementAmounts,
  SettlementPreview,
  Target,
  Totals,
  UsBankTransfer,
  UsNetwork,
  ValidItems,
};

/** An amount as input: a number (read through its shortest round-trip text) or a decimal string. */
export type Amount = number | string;

/** An item body: a strictly positive amount (a bare charge), one item, or a non-empty array of items. */
export type ItemBody = Amount | ItemInput | ItemInput[];

/** What `validateItems` answers: the normalised items with lines and totals, or every issue. */
export type ValidateItemsResult = ({ ok: true } & ValidItems) | { ok: false; issues: Issue[] };

/** Thrown by every function on bad input: a stable `code` and, for input problems, every issue. */
export declare class BalanceLedgerError extends Error {
  readonly name: "BalanceLedgerError";
  readonly code: IssueCode;
  readonly issues: Issue[];
}

/** Validates an item body; with a currency, lines are rounded to its minor unit. */
export declare function validateItems(
  body: ItemBody,
  options?: { currency?: string } | null,
): ValidateItemsResult;

/** Totals of an item body in a currency (ISO 4217, alphabetic or numeric). Throws on bad input. */
export declare function itemTotals(body: ItemBody, currency: string): Totals;

/**
 * A column of `itemTotalsBatch`: whole numbers, each at most 2^53 − 1 in magnitude (a
 * `Float64Array` is copied into wasm memory as one block; other typed arrays and arrays of numbers
 * are accepted and converted).
 */
export type Column =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array
  | Uint8Array | Uint8ClampedArray | readonly number[];

/**
 * Items as columns of scaled integers, row `i` being one item: `price[i] / 10^scale.price` and so
 * on. `quantity` (default 1 each), `vat` and `rebate` (per unit, default none) may be left out.
 */
export interface ItemColumns {
  price: Column;
  quantity?: Column | null;
  vat?: Column | null;
  rebate?: Column | null;
  /**
   * Digits after the point of each column's integers, 0 to 6. Defaults: the currency's minor
   * units for price, vat and rebate (öre for SEK, yen for JPY); 0 for quantity.
   */
  scale?: { price?: number; quantity?: number; vat?: number; rebate?: number } | null;
}

/**
 * Totals of up to 4,000,000 items given as columns, in one crossing: the same rules and rounding
 * as `itemTotals` on the same items, without writing or parsing any text. Throws a
 * `BalanceLedgerError` with an issue at `/<column>/<row>` (`not_integer`, `not_finite`,
 * `out_of_range`, `length_mismatch`, or the item rules' codes).
 */
export declare function itemTotalsBatch(columns: ItemColumns, currency: string): Totals;

/**
 * `itemTotals` on an item body the caller already holds as JSON text (a request body): no
 * `JSON.stringify` on the way in. The same rules and limits as `itemTotals`.
 */
export declare function itemTotalsJson(text: string, currency: string): Totals;

/** Options of the ledger calls. `now` (ISO 8601 with an offset) defaults to the current time. */
export interface LedgerOptions {
  now?: string;
  /**
   * Stripe's idempotency: within 24 hours of its use the same key with the same request replays
   * (`replayed: true`, the original entries, nothing changed); with another request it throws
   * `idempotency_key_reused`. 1 to 255 characters.
   */
  idempotency_key?: string;
}

/** What an order's payment did. */
export type Outcome = "success" | "failure";

/** An order that funds the balance (the seed's order with a balance payment). */
export interface FundingOrder {
  number: string;
  items: ItemBody;
  currency: string;
  customer: string;
  payment: { type: "customer"; charge: "balance" };
}

/** Adds the body's items to the customer's balance (POST customer/<id>/balance). */
export declare function chargeBalance(customer: CustomerInput, body: ItemBody, options?: LedgerOptions): ChargeResult;

/** Credits an authorised order's total to the balance, or marks the customer pending with retries. */
export declare function fundBalance(
  customer: CustomerInput,
  order: FundingOrder,
  outcome: Outcome,
  options?: LedgerOptions,
): OrderResult;

/** What settling the balance (DELETE customer/<id>/balance) will do, both ways, without doing it. */
export declare function previewSettlement(customer: CustomerInput, options?: LedgerOptions & { number?: string }): SettlementPreview;

/** Settles the balance through the very computation of the preview, with one outcome applied. */
export declare function settleBalance(
  customer: CustomerInput,
  outcome: Outcome,
  options?: LedgerOptions & { number?: string },
): OrderResult;

/**
 * Folds journal entries (oldest first, as the mutating calls returned them) onto a customer's
 * initial state: the state those calls returned. An entry that does not follow (a gap, a repeat,
 * a changed amount) throws `journal_mismatch`.
 */
export declare function replayJournal(customer: CustomerInput, entries: LedgerEntry[]): CustomerView;

/** Settle "all": the seed's counts and each customer's preview (or the issues that stopped it). */
export declare function previewSettlements(
  customers: CustomerInput[],
  options?: LedgerOptions & { detail?: "full" | "summary" },
): SettleAll;

/**
 * Settle-all over columns, for a run over a whole book: customer `i` has the next `counts[i]` rows
 * of the item columns as its unsettled items and `funds[i]` minor units on its balance (default 0).
 * Each amount is exactly the `amount` `previewSettlements` answers for the same customer written
 * as an object; nothing else of a customer is needed or read. Any bad value refuses the whole call,
 * with an issue at `/<column>/<row>` for each.
 */
export interface SettlementColumns extends ItemColumns {
  /** Rows of the item columns each customer has, in order: whole numbers from 0 to 10,000. */
  counts: Column;
  /** Funds on each customer's balance in minor units (whole numbers, 0 to 10^15 of the currency). */
  funds?: Column | null;
  /** May be empty when no customer has items. */
  price: Column;
}

/** What settling each customer of the columns will charge (`amounts[i]` for customer `i`). */
export declare function previewSettlementsBatch(columns: SettlementColumns, currency: string): SettlementAmounts;

/** Whom a settlement may name: a customer key only "me"; a private key an id or "all". Throws otherwise. */
export declare function settlementTarget(keyKind: "customer" | "private", customerId: string): Target;

/** What the IVR passes along with the customer. */
export interface AccountExtras {
  request_tracking_id: string;
  billing_name?: string;
  ivr_fee?: Amount;
}

/** The IVR's account-balance view: what is due (unsettled items less funds) and the last payment. */
export declare function accountBalance(customer: CustomerInput, extras: AccountExtras): AccountBalance;
/** Cash balance settings as given: without `reconciliation_mode` the merchant's default applies. */
export interface CashBalanceSettingsInput {
  reconciliation_mode?: ReconciliationSetting;
  /** The merchant's default mode (Stripe's is `automatic`). */
  merchant_default?: ReconciliationMode;
  /** Stripe's `settings` object reads back: true means the mode given is the merchant's default. */
  using_merchant_default?: boolean;
}

/**
 * A cash balance state as given: what a previous call returned, or at least `{ customer }`. A
 * state of an earlier version, with `transaction_ids` (every id applied), is still accepted.
 */
export type CashBalanceStateInput = { customer: string } & Partial<
  Omit<CashBalanceState, "customer" | "settings">
> & { settings?: CashBalanceSettingsInput | null; transaction_ids?: string[] };

/** A whole number of minor units (a JS number or a decimal string such as `"5000"`). */
export type MinorUnits = number | string;

/**
 * A transaction as given: Stripe's object, where `object`, `customer`, `livemode` and
 * `ending_balance` may be left out (when given they must match the balance).
 */
export type CashTransactionInput = Omit<
  CashBalanceTransaction,
  "object" | "customer" | "livemode" | "ending_balance" | "net_amount" | "created"
> & {
  object?: "customer_cash_balance_transaction";
  customer?: string;
  livemode?: boolean;
  ending_balance?: MinorUnits;
  net_amount: MinorUnits;
  created: MinorUnits;
};

/** A payment (payment intent) awaiting funds from the cash balance. */
export interface CashPaymentInput {
  id: string;
  currency: string;
  amount_remaining: MinorUnits;
  created: MinorUnits;
}

/** What `reconcileCashBalance` applies: everything, or one currency, one payment, up to an amount. */
export interface CashReconcileRequest {
  /** The `created` of the `applied_to_payment` transactions made (seconds since the epoch). */
  created: MinorUnits;
  currency?: string;
  payment_intent?: string;
  amount?: MinorUnits;
}

/**
 * Applies one Stripe cash balance transaction to a state: the new state, the transaction with its
 * `ending_balance`, and (automatic mode, funds added) the `applied_to_payment` transactions made.
 */
export declare function applyCashTransaction(
  state: CashBalanceStateInput,
  transaction: CashTransactionInput,
): CashTransactionResult;

/** Stripe's `cash_balance` object folded from transactions, oldest first. */
export declare function cashBalance(
  customerId: string,
  transactions: CashTransactionInput[],
  settings?: CashBalanceSettingsInput | null,
): CashBalance;

/** Adds a payment awaiting funds; in automatic mode the balance's funds go to it at once. */
export declare function addCashPayment(
  state: CashBalanceStateInput,
  payment: CashPaymentInput,
): CashReconcileResult;

/** Applies funds to open payments now, oldest first (the "apply" of manual mode). */
export declare function reconcileCashBalance(
  state: CashBalanceStateInput,
  request: CashReconcileRequest,
): CashReconcileResult;

/** False while the customer has any cash balance entry, even 0 (a state or a `cash_balance`). */
export declare function canDeleteCustomer(state: CashBalanceStateInput | CashBalance): boolean;
/** A v1 credit (`state`) and a v1.1 credit (`status`), as `validateCredit` returns them. */
export type CreditV1 = Extract<Credit, { version: "1" }>;
export type CreditV1_1 = Extract<Credit, { version: "1.1" }>;

/** The merchant's settings a credit request is judged against. */
export interface CreditOptions {
  /** `"1"` or `"1.1"` (the default). */
  version?: CreditVersion | null;
  /** Smallest amount in cents (default 1). */
  minAmount?: number | string | null;
  /** Largest amount in cents (default 2^53 − 1). */
  maxAmount?: number | string | null;
  /** Balanced's fee per credit in cents. No rule is documented; every seed example shows 25, the default. */
  fee?: number | string | null;
}

/** What `validateCredit` answers: the normalised pending credit with its fee, or every issue. */
export type ValidateCreditResult = { ok: true; credit: Credit } | { ok: false; issues: Issue[] };

/** Options of `transitionCredit`. */
export interface TransitionOptions {
  /** When the status change arrived (ISO 8601 with an offset); required for a late rejection. */
  at?: string | null;
}

/** Options of `listPage`. */
export interface ListOptions {
  /** Page size, 1 to 100 (default 10). */
  limit?: number | string | null;
  /** Items to skip (default 0). */
  offset?: number | string | null;
  /** The collection's URI, e.g. `"/v1/marketplaces/TEST-MP…/credits"`; `limit` and `offset` are added. */
  uri: string;
}

/**
 * Validates a credit request (a payout to a bank account) against the merchant's settings.
 * Problems in the request answer `{ ok: false, issues }`; bad options throw (`invalid_option`).
 */
export declare function validateCredit(
  request: CreditRequest,
  options?: CreditOptions | null,
): ValidateCreditResult;

/**
 * Moves a credit to a new status, every other field kept. v1: `pending → cleared | rejected`;
 * v1.1: `pending → succeeded | failed`; a bank's rejection after success is accepted up to the
 * failure deadline (judged at `options.at` against the credit's `created_at`). Any other move
 * throws `invalid_transition` (or `failure_window_closed`).
 */
export declare function transitionCredit<C extends { state: CreditStateV1; created_at?: string | null }>(
  credit: C,
  state: CreditStateV1,
  options?: TransitionOptions | null,
): Omit<C, "state"> & { state: CreditStateV1 };
export declare function transitionCredit<C extends { status: CreditStatusV1_1; created_at?: string | null }>(
  credit: C,
  status: CreditStatusV1_1,
  options?: TransitionOptions | null,
): Omit<C, "status"> & { status: CreditStatusV1_1 };

/**
 * When a credit created at `createdAt` (ISO 8601 with an offset, or a `Date`) is submitted (a 3 pm
 * Pacific batch), expected available (9:00 am Pacific the business day after) and open to a bank's
 * rejection until (three business days after that). Instants come back in Pacific time.
 */
export declare function creditSchedule(
  createdAt: string | Date,
  options?: { version?: CreditVersion | null } | null,
): CreditSchedule;

/** One page of `items` (each with a `created_at`), newest first, in the v1 list envelope. */
export declare function listPage<T extends { created_at: string }>(
  items: readonly T[],
  options: ListOptions,
): ListPage<T>;

/** Whether the Federal Reserve is open on a `"YYYY-MM-DD"` date (weekends and Fed holidays are not). */
export declare function isBusinessDay(date: string): boolean;

/**
 * Loads the WebAssembly module. Required once in a browser before any other call; in Node the
 * module is ready on import and this resolves at once.
 */
export default function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
