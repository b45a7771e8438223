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

export type { ErrorBody, Issue, IssueCode, ItemInput, ItemView, LineView, Totals, ValidItems };

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
 * Loads the WebAssembly module. Required once in a browser before any other call; in Node the
 * module is ready on import and this resolves at once.
 */
export default function init(
  input?: string | URL | Request | Response | BufferSource | WebAssembly.Module,
): Promise<void>;
