// The JS side of the binding: one JSON text crosses into wasm per argument and one comes back.
// JSON.stringify reads any JS value (getters, Proxies, toJSON) in C++ speed; the replacer tags what
// JSON cannot carry so the core refuses it precisely instead of seeing `null`. JSON.parse builds
// the results, so a key such as "__proto__" stays an own data property and never a prototype.

const TAG = "\u0000js";

/** An error from balance-ledger: a stable `code` and, for input problems, every `issue`. */
export class BalanceLedgerError extends Error {
  constructor(code, message, issues = []) {
    super(message);
    this.name = "BalanceLedgerError";
    this.code = code;
    this.issues = issues;
  }
}

function replacer(_key, value) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : { [TAG]: String(value) };
    case "bigint":
      return { [TAG]: "bigint" };
    case "symbol":
    case "function":
      return { [TAG]: typeof value };
    case "undefined":
      // A property set to undefined is absent, as in JSON; an array element (or a hole) is refused.
      return Array.isArray(this) ? { [TAG]: "undefined" } : undefined;
    default:
      return value;
  }
}

/** Text larger than this is refused before it is copied into wasm memory. */
const MAX_TEXT = 256 * 1024 * 1024;

function encode(value) {
  let text;
  try {
    text = JSON.stringify(value === undefined ? { [TAG]: "undefined" } : value, replacer);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new BalanceLedgerError("input_too_deep", "the input is nested too deeply to read");
    }
    if (e instanceof RangeError) {
      throw new BalanceLedgerError("input_too_large", "the input is too large to read");
    }
    throw new BalanceLedgerError("unreadable_input", `the input could not be read: ${e && e.message}`);
  }
  if (text.length > MAX_TEXT) {
    throw new BalanceLedgerError(
      "input_too_large",
      `the input is ${text.length} characters as JSON, more than the ${MAX_TEXT} accepted`,
    );
  }
  return text;
}

/**
 * Wraps the raw wasm-bindgen exports (text in, text out) into the public API.
 * `ready()` throws when the module is not initialised yet (the browser build before `init()`).
 */
export function createApi(raw, ready = () => {}) {
  function call(fn, ...args) {
    ready();
    const texts = args.map(encode);
    let out;
    try {
      out = fn(...texts);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        // A trap leaves the instance unusable: start a fresh one so the next call works.
        raw.__wbg_reset_state();
        throw new BalanceLedgerError(
          "internal_error",
          `balance-ledger failed unexpectedly (${e.message}); it was restarted and the next call works`,
        );
      }
      throw e;
    }
    const answer = JSON.parse(out);
    if (answer.error) {
      const { code, message, issues } = answer.error;
      throw new BalanceLedgerError(code, message, issues);
    }
    return answer.value;
  }

  // Ledger calls are pure functions of their input; the time they happen at defaults to now.
  const timed = (options) =>
    options === undefined || options === null ? { now: new Date().toISOString() }
      : typeof options === "object" && !("now" in options) ? { ...options, now: new Date().toISOString() }
        : options;

  return {
    validateItems: (body, options) => call(raw.validateItems, body, options ?? null),
    itemTotals: (body, currency) => call(raw.itemTotals, body, currency),
    chargeBalance: (customer, body, options) => call(raw.chargeBalance, customer, body, timed(options)),
    fundBalance: (customer, order, outcome, options) =>
      call(raw.fundBalance, customer, order, outcome, timed(options)),
    previewSettlement: (customer, options) => call(raw.previewSettlement, customer, timed(options)),
    settleBalance: (customer, outcome, options) => call(raw.settleBalance, customer, outcome, timed(options)),
    previewSettlements: (customers, options) => call(raw.previewSettlements, customers, timed(options)),
    settlementTarget: (keyKind, customerId) => call(raw.settlementTarget, keyKind, customerId),
    accountBalance: (customer, extras) => call(raw.accountBalance, customer, extras ?? null),
    applyCashTransaction: (state, transaction) => call(raw.applyCashTransaction, state, transaction),
    cashBalance: (customerId, transactions, settings) =>
      call(raw.cashBalance, customerId, transactions, settings ?? null),
    addCashPayment: (state, payment) => call(raw.addCashPayment, state, payment),
    reconcileCashBalance: (state, request) => call(raw.reconcileCashBalance, state, request),
    canDeleteCustomer: (state) => call(raw.canDeleteCustomer, state),
    validateCredit: (request, options) => call(raw.validateCredit, request, options ?? null),
    transitionCredit: (credit, status, options) => call(raw.transitionCredit, credit, status, options ?? null),
    creditSchedule: (createdAt, options) => call(raw.creditSchedule, createdAt, options ?? null),
    listPage: (items, options) => call(raw.listPage, items, options ?? null),
    isBusinessDay: (date) => call(raw.isBusinessDay, date),
    /** @internal Traps on purpose; tests use it to prove recovery. */
    __trap: () => call(raw.__trap),
  };
}
