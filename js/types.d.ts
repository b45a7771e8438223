// The JS-side types of balance-ledger: those not generated from the Rust types. scripts/entries.mjs
// writes them into index.d.ts and index.d.cts, after an import of every generated type (./types)
// and before the declarations of the functions (js/functions.js).

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

/**
 * A cash balance state as given: what a previous call returned, or at least `{ customer }`. A
 * state of an earlier version, with `transaction_ids` (every id applied), is still accepted.
 */
export type CashBalanceStateInput = { customer: string } & Partial<
  Omit<CashBalanceState, "customer" | "settings">
> & { settings?: CashBalanceSettingsInput | null; transaction_ids?: string[] };

/**
 * Stripe's `cash_balance` object (a `Stripe.CashBalance`), read as a state: its balances and
 * settings (fields this package does not know are ignored).
 */
export interface CashBalanceInput {
  object: "cash_balance";
  available: Record<string, number> | null;
  customer: string;
  customer_account?: string | null;
  livemode?: boolean;
  settings?: CashBalanceSettingsInput | null;
}

/** A v1 credit (`state`), as `validateCredit` returns it. */
export type CreditV1 = Extract<Credit, { version: "1" }>;
/** A v1.1 credit (`status`), as `validateCredit` returns it. */
export type CreditV1_1 = Extract<Credit, { version: "1.1" }>;

/** What `validateCredit` answers: the normalised pending credit with its fee, or every issue. */
export type ValidateCreditResult = { ok: true; credit: Credit } | { ok: false; issues: Issue[] };

// The web types of init's input, read from the global scope so that the declarations also compile
// without the DOM library (a Node project with lib es2022 and no @types): each is `never` there.
type Global<K extends string> = typeof globalThis extends { [P in K]: { prototype: infer T } } ? T : never;
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer T } } } ? T : never;

/**
 * What `init` loads the WebAssembly module from (wasm-bindgen's forms): a URL or its text, a
 * `Request`, a `Response` (or a promise of one), the bytes, or a compiled `WebAssembly.Module`.
 */
export type InitInput =
  | string
  | Global<"URL">
  | Global<"Request">
  | Global<"Response">
  | PromiseLike<Global<"Response">>
  | ArrayBuffer
  | ArrayBufferView
  | WasmModule;
