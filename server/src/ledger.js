// Every call the server makes into the balance-ledger package, in one place. The rest of the
// server sees one shape: `{ customer, entries, replayed, order? }`, the customer carrying its
// `version` and no journal (the journal is the database's).
//
// TOLERANCE (remove when main has the state contract of issue 13): a package without
// `replayJournal` answers `{ customer, entry }` with the journal inside the customer and refuses
// a `version` field; for it the version is kept here and the journal dropped.
import * as pkg from "balance-ledger";

export const { BalanceLedgerError } = pkg;
const modern = typeof pkg.replayJournal === "function";

const toPackage = (state) => {
  if (modern) return state;
  const { version: _version, ...rest } = state;
  return rest;
};

function fromPackage(prev, result) {
  if (modern) return result;
  const { journal: _journal, ...customer } = result.customer;
  const entries = result.entry ? [result.entry] : [];
  const version = (prev.version ?? 0) + (!result.replayed && entries.length > 0 ? 1 : 0);
  return {
    ...result,
    customer: { ...customer, version },
    entries: entries.map((e) => ({ ...e, version })),
  };
}

// The old package numbers orders by journal length, which the server no longer passes in.
const orderNumber = (state) => (modern ? {} : { number: `${state.id}-${(state.version ?? 0) + 1}` });

/** A new customer's state as the package writes it (amounts as decimal strings), or a throw. */
export function newCustomer(fields) {
  const customer = pkg.previewSettlement(fields).customer;
  return fromPackage({ version: 0 }, { customer, entry: null, replayed: false }).customer;
}

/** POST /customer/:id/balance. */
export function charge(state, body, { idempotencyKey, now } = {}) {
  const opts = { now, ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}) };
  return fromPackage(state, pkg.chargeBalance(toPackage(state), body, opts));
}

/** POST /order: the order applied with the authoriser's outcome. */
export function fund(state, order, outcome, { idempotencyKey, now } = {}) {
  const opts = { now, ...(idempotencyKey ? { idempotency_key: idempotencyKey } : {}) };
  return fromPackage(state, pkg.fundBalance(toPackage(state), order, outcome, opts));
}

/** GET …/balance/preview, and what DELETE will charge. */
export function preview(state, { now } = {}) {
  const p = pkg.previewSettlement(toPackage(state), { now, ...orderNumber(state) });
  if (modern) return p;
  const strip = (c) => {
    const { journal: _journal, ...rest } = c;
    return rest;
  };
  return {
    ...p,
    customer: { ...strip(p.customer), version: state.version ?? 0 },
    after: { success: strip(p.after.success), failure: strip(p.after.failure) },
  };
}

/** DELETE …/balance for one customer, with the authoriser's outcome. */
export function settle(state, outcome, { now } = {}) {
  return fromPackage(state, pkg.settleBalance(toPackage(state), outcome, { now, ...orderNumber(state) }));
}

/** Whom a key may settle: { scope: "me" | "customer" | "all", customer? }, or a throw. */
export const target = (keyKind, id) => pkg.settlementTarget(keyKind, id);

/** GET /api/v1/customers/:id/balance (the IVR's view). */
export const ivrView = (state, extras) => pkg.accountBalance(toPackage(state), extras);

/** Folding `entries` onto the customer as created: what the state must be (a check). */
export function replay(initial, entries) {
  if (!modern) throw new Error("replayJournal needs the package of issue 13");
  return pkg.replayJournal(initial, entries);
}
export const canReplay = modern;

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
