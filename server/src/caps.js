// Bounds on one customer, so no customer can grow what every call on it reads and writes: the
// stored state (its JSON text in UTF-8 bytes: the unsettled items and the idempotency keys of the
// last 24 hours are most of it) and its unsettled items. Every call on a customer costs time in
// proportion to its state (a charge on 2,000 unsettled items or 256 KiB takes the package ~25-50 ms
// of CPU here, one on the package's own limit of 10,000 items ~110 ms), and a server's CPU is
// shared by all customers: the caps keep what one customer can make every call cost small. A
// charge that would cross either is refused (409: settle, then charge again); what shrinks a
// customer (a settlement) always passes.
// A zero-price item is a line like any other and counts toward both; a charge worth nothing in
// all (every line 0.00) is refused, so growing a customer always costs it something.
import { HttpError } from "./errors.js";

/** The default cap on a customer's stored state: 256 KiB of JSON (UTF-8 bytes). */
export const MAX_STATE_BYTES = 256 * 1024;
/** The default cap on a customer's unsettled items (the package's own is 10,000). */
export const MAX_UNSETTLED_ITEMS = 2_000;

const ZERO = /^-?0+(?:\.0+)?$/;

/**
 * Throws the refusal when the charge that turned `before` into `after` (with its `entries`) crosses
 * a cap of `caps` ({ stateBytes, unsettledItems }) or is worth nothing.
 */
export function checkCharge(before, after, entries, caps) {
  const charged = entries.find((e) => e.kind === "charge");
  if (charged && ZERO.test(String(charged.amount))) {
    throw new HttpError(422, "zero_charge", "a charge must be worth something: every item of this one is 0.00", [
      { path: "", code: "zero_charge", message: "the charge totals 0.00" },
    ]);
  }
  const items = after.balance?.length ?? 0;
  if (items > caps.unsettledItems && items > (before.balance?.length ?? 0)) {
    throw new HttpError(409, "too_many_unsettled_items", `the customer would hold ${items} unsettled items, more than ${caps.unsettledItems}: settle its balance first`, [
      { path: "", code: "too_many_unsettled_items", message: `at most ${caps.unsettledItems} unsettled items` },
    ]);
  }
  const bytes = Buffer.byteLength(JSON.stringify(after), "utf8");
  if (bytes > caps.stateBytes) {
    throw new HttpError(409, "customer_state_too_large", `the customer's state would be ${bytes} bytes, more than ${caps.stateBytes}: settle its balance first`, [
      { path: "", code: "customer_state_too_large", message: `at most ${caps.stateBytes} bytes of state` },
    ]);
  }
}
