// The JS-side types of balance-ledger: those not generated from the Rust types. scripts/entries.mjs
// writes them into index.d.ts and index.d.cts, after an import of every generated type (./types)
// and before the declarations of the functions (js/functions.js).

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

/** Options of the ledger calls. `now` (ISO 8601 with an offset) defaults to the current time. */
export interface LedgerOptions {
  now?: string;
  /** The same key twice applies the operation once; the second call answers `replayed: true`. */
  idempotency_key?: string;
  /** `previewSettlement`, `settleBalance`: the settlement order's number. */
  number?: string;
  /** `previewSettlements`: `"summary"` leaves each customer's order out. */
  detail?: "full" | "summary";
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

/** What the IVR passes along with the customer. */
export interface AccountExtras {
  request_tracking_id: string;
  billing_name?: string;
  ivr_fee?: Amount;
}

/** Cash balance settings as given: without `reconciliation_mode` the merchant's default applies. */
export interface CashBalanceSettingsInput {
  reconciliation_mode?: ReconciliationSetting;
  /** The merchant's default mode (Stripe's is `automatic`). */
  merchant_default?: ReconciliationMode;
  /** Stripe's `settings` object reads back: true means the mode given is the merchant's default. */
  using_merchant_default?: boolean;
}

/** A cash balance state as given: what a previous call returned, or at least `{ customer }`. */
export type CashBalanceStateInput = { customer: string } & Partial<
  Omit<CashBalanceState, "customer" | "settings">
> & { settings?: CashBalanceSettingsInput | null };

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

/** Options of `validateItems`: with a currency, lines are rounded to its minor unit. */
export interface ValidateItemsOptions {
  currency?: string | null;
}

/** Options of `creditSchedule`. */
export interface ScheduleOptions {
  version?: CreditVersion | null;
}

/** What `init` loads the WebAssembly module from (wasm-bindgen's forms). */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;
