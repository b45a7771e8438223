// Every call the server makes into the balance-ledger package, in one place: the rest of the
// server sees `{ customer, entries, replayed, order? }`, the customer carrying its `version` and
// no journal (the journal is the database's).
import * as pkg from "balance-ledger";

export const { BalanceLedgerError } = pkg;

const key = (idempotencyKey) => (idempotencyKey ? { idempotency_key: idempotencyKey } : {});

/** A new customer's state as the package writes it (amounts as decimal strings), or a throw. */
export const newCustomer = (fields) => pkg.previewSettlement(fields).customer;

/** POST /customer/:id/balance. */
export const charge = (state, body, { idempotencyKey, now } = {}) =>
  pkg.chargeBalance(state, body, { now, ...key(idempotencyKey) });

/** POST /order: the order applied with the authoriser's outcome. */
export const fund = (state, order, outcome, { idempotencyKey, now } = {}) =>
  pkg.fundBalance(state, order, outcome, { now, ...key(idempotencyKey) });

/** GET …/balance/preview, and what DELETE will charge. */
export const preview = (state, { now } = {}) => pkg.previewSettlement(state, { now });

/** DELETE …/balance for one customer, with the authoriser's outcome. */
export const settle = (state, outcome, { now } = {}) => pkg.settleBalance(state, outcome, { now });

/** Whom a key may settle: { scope: "me" | "customer" | "all", customer? }, or a throw. */
export const target = (keyKind, id) => pkg.settlementTarget(keyKind, id);

/** GET /api/v1/customers/:id/balance (the IVR's view). */
export const ivrView = (state, extras) => pkg.accountBalance(state, extras);

/** Folding `entries` onto the customer as created: what the state must be (a check). */
export const replay = (initial, entries) => pkg.replayJournal(initial, entries);
