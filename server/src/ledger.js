// Every call the server makes into the balance-ledger package, in one place: the rest of the
// server sees `{ customer, entries, replayed, matched?, order? }`, the customer carrying its
// `version` and no journal (the journal is the database's). The store appends `entries` as
// returned (none on a replay) and writes `customer` only if the version is still the one read.
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

/** A Stripe cash balance transaction applied to a stored cash balance state → { state, transaction, applied }. */
export const applyCash = (state, transaction) => pkg.applyCashTransaction(state, transaction);

/**
 * Stripe's `cash_balance` object of a stored cash balance state (`null`: none yet). The package
 * writes it (the settings as Stripe shows them, and their check); the balances, account and
 * livemode are the state's.
 */
export function cashView(customer, state) {
  const s = state ?? { customer };
  const base = pkg.cashBalance(customer, [], s.settings ?? null);
  const available = s.available && Object.keys(s.available).length > 0 ? s.available : null;
  return { ...base, available, customer_account: s.customer_account ?? null, livemode: s.livemode ?? false };
}
// Credits (Balanced's payouts, issue 17).
/** The credit resource of a request (its version's shape, ids, schedule), or a throw. */
export const createCredit = (request, options) => pkg.createCredit(request, options);
/** A request or an edit (description, meta) checked by the package's rules: `{ ok, credit | issues }`. */
export const validateCredit = (request, options) => pkg.validateCredit(request, options);
/** The credit in its new status, through the status machine and the failure window, or a throw. */
export const transitionCredit = (credit, status, options) => pkg.transitionCredit(credit, status, options);
/** `{ submitted_at, available_at, failure_deadline }` of a credit created at `createdAt`. */
export const creditSchedule = (createdAt) => pkg.creditSchedule(createdAt);
/** A page in its version's envelope; with `total`, `items` are the page a query cut. */
export const listPage = (items, options) => pkg.listPage(items, options);
/** A JS ISO instant (milliseconds) as the package writes a credit's instants: UTC, microseconds. */
export const utcInstant = (iso) => iso.replace(/\.(\d{3})Z$/, (_, ms) => (ms === "000" ? "Z" : `.${ms}000Z`));
