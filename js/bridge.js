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
  // JSON.stringify would turn a boxed NaN into null and a Map or Set into {}: tag them instead.
  if (value instanceof Number) value = value.valueOf();
  else if (value instanceof Map || value instanceof Set) return { [TAG]: value instanceof Map ? "Map" : "Set" };
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

/** Options of a ledger call, whose `now` defaults to the current time. Recognised by identity
 * (a WeakSet), as `instanceof` would run the traps of a caller's Proxy. */
const timedOptions = new WeakSet();
function timed(options) {
  const marked = { options };
  timedOptions.add(marked);
  return marked;
}

/** Options larger than this go to the core as they are (and are refused there). */
const MAX_OPTIONS_TEXT = 64 * 1024;

/**
 * Encodes a ledger call's options, adding `now` when they have none. The caller's value is read
 * once, by JSON.stringify like every argument (so a throwing getter or Proxy trap is a coded
 * error), and `now` is added to a plain copy of that text, never to the caller's object.
 */
function encodeTimed(options) {
  const text = encode(options ?? null);
  const now = () => new Date().toISOString();
  if (text === "null") return JSON.stringify({ now: now() });
  if (text.startsWith("{") && text.length <= MAX_OPTIONS_TEXT) {
    const copy = JSON.parse(text);
    if (!Object.hasOwn(copy, "now") && !Object.hasOwn(copy, TAG)) {
      copy.now = now();
      return JSON.stringify(copy);
    }
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
    const texts = args.map((a) => (timedOptions.has(a) ? encodeTimed(a.options) : encode(a)));
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
    /** @internal Bytes of wasm linear memory; the leak test watches it. */
    __memoryBytes: () => raw.__memoryBytes(),
  };
}
