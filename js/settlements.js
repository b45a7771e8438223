// The summary settle-all's object path: plain customers read once, in JS, into the columns of
// previewSettlementsBatch (their balances by js/objects.js's item reader), so the core computes
// each settlement without any JSON text. Anything unusual answers `null` and the caller takes the
// general path, which reports it; like every object path, every read of a caller's value happens
// here, before wasm is entered.
import { align, exactScale, ItemReader, mantissa, plainObject, prototypeClean, textOk } from "./objects.js";
import {
  CUSTOMER_FIELDS, MAX_CUSTOMERS, MAX_CUSTOMERS_INPUT, MAX_ID_LEN, MAX_ITEMS, MAX_VERSION, STATUSES,
} from "./limits.js";

const STATUS_SET = new Set(STATUSES);
/** Upper bound of a customer's members but its items: keys, quotes, id, currency, status, numbers. */
const CUSTOMER_TEXT = 160;

/** True when no customer field can be inherited from Object.prototype (read once per call). */
function customerPrototypeClean() {
  for (const f of CUSTOMER_FIELDS) if (f in Object.prototype) return false;
  return true;
}

const ID = 1, CURRENCY = 2, BALANCE = 4, TOTAL = 8, STATUS = 16, VERSION = 32, KEYS = 64;

/** The field bits of a customer's own enumerable keys, or -1 for anything but a plain object of
 * the fields the object path reads. */
function customerBits(customer) {
  if (!plainObject(customer)) return -1;
  let bits = 0;
  for (const key in customer) {
    switch (key) {
      case "id": bits |= ID; break;
      case "currency": bits |= CURRENCY; break;
      case "balance": bits |= BALANCE; break;
      case "total": bits |= TOTAL; break;
      case "status": bits |= STATUS; break;
      case "version": bits |= VERSION; break;
      case "idempotency_keys": bits |= KEYS; break;
      default: return -1;
    }
  }
  return bits;
}

/** A plain array (no toJSON), else false. */
function plainArray(a) {
  return Array.isArray(a) && a.toJSON === undefined;
}

/**
 * The customers of a `previewSettlements` call as `{ ids, currency, args }`, `args` being
 * `[counts, funds, price, quantity, vat, rebate, scaleJson, fundsScale]` for the core's
 * previewSettlementsColumns, or null for anything but an array of 1 to 100,000 plain customers of one
 * currency, each `{ id, currency, balance?, total?, status?, version?, idempotency_keys: []? }`
 * with a unique id, a known status, a whole version below the last, a total read exactly and a
 * balance of plain items as itemTotals reads them. What a summary settle-all computes of such a
 * customer is exactly previewSettlementsBatch's amount (ledger/settle_all.rs says why); the core
 * checks every amount, rule and bound again, and what it refuses (or the options it refuses) it
 * answers in the same call as the general path does (src/api/refusals.rs); "" for full detail.
 */
export function settlementColumns(customers) {
  if (!plainArray(customers)) return null;
  const n = customers.length;
  if (n === 0 || n > MAX_CUSTOMERS || !prototypeClean() || !customerPrototypeClean()) return null;
  const counts = new Float64Array(n);
  const funds = new Float64Array(n);
  const fundsK = new Uint8Array(n);
  const ids = new Array(n);
  const seenIds = new Set();
  let currency;
  let maxF = 0;
  let bytes = 2;
  const r = new ItemReader(Math.min(n * 10, 1 << 20));
  for (let c = 0; c < n; c++) {
    const customer = customers[c];
    const bits = customerBits(customer);
    if (bits < 0 || (bits & (ID | CURRENCY)) !== (ID | CURRENCY)) return null;
    const { id, currency: code, balance, total, status, version, idempotency_keys: keys } = customer;
    let seen = ID | CURRENCY;
    if (typeof id !== "string" || id.length === 0 || !textOk(id, MAX_ID_LEN) || seenIds.has(id)) return null;
    seenIds.add(id);
    ids[c] = id;
    if (typeof code !== "string" || code.length > 3) return null;
    if (currency === undefined) currency = code;
    else if (code !== currency) return null;
    if (status !== undefined) {
      if (!STATUS_SET.has(status)) return null;
      seen |= STATUS;
    }
    if (version !== undefined) {
      // The settlement's entry takes the next version, which must exist.
      if (!Number.isInteger(version) || version < 0 || version >= MAX_VERSION) return null;
      seen |= VERSION;
    }
    if (keys !== undefined) {
      if (!plainArray(keys) || keys.length !== 0) return null;
      seen |= KEYS;
    }
    let k;
    if (total !== undefined) {
      // A number only: a string's written scale (trailing zeros) may pass the funds' bound.
      if (typeof total !== "number" || (k = exactScale(total, maxF)) < 0) return null;
      funds[c] = mantissa[0];
      fundsK[c] = k;
      if (k > maxF) maxF = k;
      seen |= TOTAL;
    }
    if (balance !== undefined) {
      if (!plainArray(balance)) return null;
      const items = balance.length;
      if (items > MAX_ITEMS) return null;
      for (let i = 0; i < items; i++) {
        if (!r.add(balance[i])) return null;
      }
      counts[c] = items;
      seen |= BALANCE;
    }
    if (seen !== bits) return null;
    bytes += CUSTOMER_TEXT + 3 * id.length;
  }
  // The general path refuses a text longer than MAX_CUSTOMERS_INPUT bytes.
  if (bytes + r.bytes > MAX_CUSTOMERS_INPUT || !r.textsOk()) return null;
  if (!align(funds, fundsK, n, maxF)) return null;
  const [price, quantity, vat, rebate, scale] = r.finish();
  return { ids, currency, args: [counts, funds, price, quantity, vat, rebate, scale, maxF] };
}

/**
 * The summary settle-all answer from previewSettlementsColumns's `{ updated, amounts }`: the same
 * object, keys in the same order, as the general path's `{ updated, errors, results }`.
 */
export function answerOfSettlements(read, value) {
  const { ids } = read;
  const { amounts } = value;
  const results = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) results[i] = { ok: true, id: ids[i], amount: amounts[i] };
  return { updated: value.updated, errors: 0, results };
}
