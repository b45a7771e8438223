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
import type { BankAccountInput } from "./types/BankAccountInput.js";
import type { BankAccountType } from "./types/BankAccountType.js";
import type { BankAccountView } from "./types/BankAccountView.js";
import type { Credit } from "./types/Credit.js";
import type { CreditRequest } from "./types/CreditRequest.js";
import type { CreditSchedule } from "./types/CreditSchedule.js";
import type { CreditStateV1 } from "./types/CreditStateV1.js";
import type { CreditStatusV1_1 } from "./types/CreditStatusV1_1.js";
import type { CreditVersion } from "./types/CreditVersion.js";
import type { ListPage } from "./types/ListPage.js";

export type { ErrorBody, Issue, IssueCode, ItemInput, ItemView, LineView, Totals, ValidItems };
export type {
  BankAccountInput,
  BankAccountType,
  BankAccountView,
  Credit,
  CreditRequest,
  CreditSchedule,
  CreditStateV1,
  CreditStatusV1_1,
  CreditVersion,
  ListPage,
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
