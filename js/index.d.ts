// Public API of balance-ledger. The object types under ./types are generated from the Rust types
// (ts-rs) at build time; this file declares the functions over them.
import type { ErrorBody } from "./types/ErrorBody.js";
import type { Issue } from "./types/Issue.js";
import type { IssueCode } from "./types/IssueCode.js";
import type { ItemInput } from "./types/ItemInput.js";
import type { ItemView } from "./types/ItemView.js";
import type { LineView } from "./types/LineView.js";
import type { Totals } from "./types/Totals.js";
import type { ValidItems } from "./types/ValidItems.js";
import type { After } from "./types/After.js";
import type { BalanceItemInput } from "./types/BalanceItemInput.js";
import type { ChargeResult } from "./types/ChargeResult.js";
import type { CustomerInput } from "./types/CustomerInput.js";
import type { CustomerStatus } from "./types/CustomerStatus.js";
import type { CustomerView } from "./types/CustomerView.js";
import type { EntryKind } from "./types/EntryKind.js";
import type { LedgerEntry } from "./types/LedgerEntry.js";
import type { LimitView } from "./types/LimitView.js";
import type { Order } from "./types/Order.js";
import type { OrderResult } from "./types/OrderResult.js";
import type { Payment } from "./types/Payment.js";
import type { SettleAll } from "./types/SettleAll.js";
import type { SettleAllResult } from "./types/SettleAllResult.js";
import type { SettlementPreview } from "./types/SettlementPreview.js";
import type { Target } from "./types/Target.js";

export type { ErrorBody, Issue, IssueCode, ItemInput, ItemView, LineView, Totals, ValidItems };
export type {
  After, BalanceItemInput, ChargeResult, CustomerInput, CustomerStatus, CustomerView, EntryKind,
  LedgerEntry, LimitView, Order, OrderResult, Payment, SettleAll, SettleAllResult, SettlementPreview,
  Target,
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
  /** The same key twice applies the operation once; the second call answers `replayed: true`. */
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

/** Settle "all": the seed's counts and each customer's preview (or the issues that stopped it). */
export declare function previewSettlements(
  customers: CustomerInput[],
  options?: LedgerOptions & { detail?: "full" | "summary" },
): SettleAll;

/** Whom a settlement may name: a customer key only "me"; a private key an id or "all". Throws otherwise. */
export declare function settlementTarget(keyKind: "customer" | "private", customerId: string): Target;

/**
 * Loads the WebAssembly module. Required once in a browser before any other call; in Node the
 * module is ready on import and this resolves at once.
 */
export default function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
