// The JS side of the binding: one JSON text crosses into wasm per argument and one comes back.
// JSON.stringify reads any JS value (getters, Proxies, toJSON) in C++ speed; the replacer tags what
// JSON cannot carry so the core refuses it precisely instead of seeing `null`. JSON.parse builds
// the results, so a key such as "__proto__" stays an own data property and never a prototype.

import { answerOfItem, answerOfSettlements, itemColumns, keystroke, settlementColumns } from "./objects.js";

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
const MAX_DEPTH = 64;

// True when JSON.stringify without the replacer writes exactly what it writes with it: only
// strings, booleans, null, finite numbers, arrays without holes or undefined, and plain objects
// without toJSON. A JIT-compiled walk costs a fraction of the replacer (a call from C++ into JS for
// every key). Anything else, or a getter that throws, takes the replacer path.
function plain(value, depth) {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object": {
      if (value === null) return true;
      if (depth >= MAX_DEPTH || typeof value.toJSON === "function") return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const e = value[i];
          if (e === undefined || !plain(e, depth + 1)) return false;
        }
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        const e = value[key];
        // A property set to undefined is absent either way.
        if (e !== undefined && !plain(e, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function isPlain(value) {
  try {
    return plain(value, 0);
  } catch {
    return false;
  }
}

function encode(value) {
  let text;
  if (isPlain(value)) {
    try {
      text = JSON.stringify(value);
    } catch {
      // A getter that threw only on the second read: the replacer path reports it.
    }
  }
  if (text === undefined) text = encodeTagged(value);
  if (text.length > MAX_TEXT) {
    throw new BalanceLedgerError(
      "input_too_large",
      `the input is ${text.length} characters as JSON, more than the ${MAX_TEXT} accepted`,
    );
  }
  return text;
}

function encodeTagged(value) {
  try {
    return JSON.stringify(value === undefined ? { [TAG]: "undefined" } : value, replacer);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw new BalanceLedgerError("input_too_deep", "the input is nested too deeply to read");
    }
    if (e instanceof RangeError) {
      throw new BalanceLedgerError("input_too_large", "the input is too large to read");
    }
    throw new BalanceLedgerError("unreadable_input", `the input could not be read: ${e && e.message}`);
  }
}

function invalid(path, code, message) {
  return new BalanceLedgerError("invalid_input", `invalid input: ${path}: ${message}`, [{ path, code, message }]);
}

const ITEM_COLUMNS = ["price", "quantity", "vat", "rebate"];
const SETTLE_COLUMNS = ["counts", "funds"];

// A column of a batch call: a typed array of numbers (copied into wasm memory as one block) or an
// array of numbers; absent when undefined or null. Values are checked by the core.
function column(columns, key, required) {
  const c = columns[key];
  if (c === undefined || c === null) {
    if (required) throw invalid(`/${key}`, "required", `the ${key} column is required`);
    return undefined;
  }
  if (ArrayBuffer.isView(c) && !(c instanceof DataView) && !(c instanceof BigInt64Array) && !(c instanceof BigUint64Array)) {
    return c;
  }
  if (Array.isArray(c)) {
    for (let i = 0; i < c.length; i++) {
      if (typeof c[i] !== "number") {
        throw invalid(`/${key}/${i}`, "invalid_type", `${key}: expected a number, got ${typeof c[i]}`);
      }
    }
    return c;
  }
  throw invalid(`/${key}`, "invalid_type", `the ${key} column must be a Float64Array (or an array of numbers)`);
}

/**
 * The columns of a batch call, each read once: `leading` columns (the first required), then the
 * item columns price, quantity, vat, rebate, then the scales as JSON.
 */
function readColumns(columns, leading = []) {
  if (typeof columns !== "object" || columns === null || Array.isArray(columns)) {
    throw invalid("", "invalid_type", `columns must be an object such as { ${leading[0] ?? "price"}: Float64Array }`);
  }
  const keys = [...leading, ...ITEM_COLUMNS, "scale"];
  for (const key of Object.keys(columns)) {
    if (!keys.includes(key)) {
      throw invalid(`/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, "unknown_field",
        `unknown field ${JSON.stringify(key.slice(0, 40))}; columns has only ${keys.join(", ")}`);
    }
  }
  return [
    ...leading.map((key, i) => column(columns, key, i === 0)),
    ...ITEM_COLUMNS.map((key) => column(columns, key, key === "price")),
    encode(columns.scale ?? null),
  ];
}

/** A batch call: the columns read (a throwing getter or Proxy trap is unreadable input), then one crossing. */
function batch(columns, leading, currency) {
  let cols;
  try {
    cols = readColumns(columns, leading);
  } catch (e) {
    if (e instanceof BalanceLedgerError) throw e;
    throw new BalanceLedgerError("unreadable_input", `the columns could not be read: ${e && e.message}`);
  }
  return [...cols, encode(currency)];
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

/** `read(...args)`, or null when it throws (a getter or Proxy trap: the general path reports it). */
function attempt(read, ...args) {
  try {
    return read(...args);
  } catch {
    return null;
  }
}

/**
 * Wraps the raw wasm-bindgen exports (text in, text out) into the public API.
 * `ready()` throws when the module is not initialised yet (the browser build before `init()`).
 */
export function createApi(raw, ready = () => {}) {
  function call(fn, ...args) {
    ready();
    return invoke(fn, args.map((a) => (timedOptions.has(a) ? encodeTimed(a.options) : encode(a))));
  }

  /** One crossing into wasm; a trap restarts the instance and is a coded error. */
  function cross(fn, args) {
    try {
      return fn(...args);
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
  }

  function invoke(fn, args) {
    const answer = JSON.parse(cross(fn, args));
    if (answer.error) {
      const { code, message, issues } = answer.error;
      throw new BalanceLedgerError(code, message, issues);
    }
    return answer.value;
  }

  return {
    validateItems: (body, options) => {
      ready();
      // One plain item (a widget's keystroke): its numbers read exactly here, the rules and the
      // lines in the core, the answer built here from its compact text. Anything else, and any
      // problem, takes the general path, which says what is wrong.
      const read = attempt(keystroke, body, options);
      if (read !== null) {
        const text = cross(raw.validateItem, read.args);
        if (text !== "") return answerOfItem(read, text);
      }
      return call(raw.validateItems, body, options ?? null);
    },
    itemTotals: (body, currency) => {
      ready();
      // Plain item objects read once into columns, totalled by the batch core; a call it refuses
      // is answered by the general path, so every error is the general path's own.
      const columns = attempt(itemColumns, body);
      if (columns !== null) {
        const currencyText = attempt(encode, currency);
        if (currencyText !== null) {
          const answer = JSON.parse(cross(raw.itemTotalsBatch, [...columns, currencyText]));
          if (!answer.error) return answer.value;
        }
      }
      return call(raw.itemTotals, body, currency);
    },
    // The body as JSON text the caller already holds (a request body): no stringify, no replacer.
    itemTotalsJson: (text, currency) => {
      ready();
      if (typeof text !== "string") {
        throw new BalanceLedgerError("invalid_type", `itemTotalsJson takes JSON text, got ${typeof text}`);
      }
      return invoke(raw.itemTotals, [text, encode(currency)]);
    },
    // Columns of scaled integers: one copy per column, no text at all.
    itemTotalsBatch: (columns, currency) => {
      ready();
      return invoke(raw.itemTotalsBatch, batch(columns, [], currency));
    },
    // Settle-all over columns: counts and funds per customer, then the items of all of them.
    previewSettlementsBatch: (columns, currency) => {
      ready();
      return invoke(raw.previewSettlementsBatch, batch(columns, SETTLE_COLUMNS, currency));
    },
    chargeBalance: (customer, body, options) => call(raw.chargeBalance, customer, body, timed(options)),
    fundBalance: (customer, order, outcome, options) =>
      call(raw.fundBalance, customer, order, outcome, timed(options)),
    previewSettlement: (customer, options) => call(raw.previewSettlement, customer, timed(options)),
    settleBalance: (customer, outcome, options) => call(raw.settleBalance, customer, outcome, timed(options)),
    replayJournal: (customer, entries) => call(raw.replayJournal, customer, entries),
    previewSettlements: (customers, options) => {
      ready();
      // A summary settle-all of plain customers: read here into the columns of
      // previewSettlementsBatch; the core reads the options and answers "" for anything else.
      const read = attempt(settlementColumns, customers);
      if (read !== null) {
        const optionsText = attempt(encodeTimed, options);
        if (optionsText !== null) {
          const text = cross(raw.previewSettlementsRead, [...read.args, JSON.stringify(read.currency), optionsText]);
          if (text !== "") return answerOfSettlements(read, JSON.parse(text).value);
        }
      }
      return call(raw.previewSettlements, customers, timed(options));
    },
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

/**
 * A browser entry: `init` loads the wasm (a URL, a Response, bytes or a compiled module; by
 * default the `.wasm` beside the glue is fetched), and the API's functions throw
 * `not_initialized` until it has.
 */
export function browserEntry(initWasm, raw) {
  let ready = false;
  async function init(input) {
    await initWasm(input === undefined ? undefined : { module_or_path: input });
    ready = true;
  }
  const api = createApi(raw, () => {
    if (!ready) {
      throw new BalanceLedgerError("not_initialized", "call `await init()` before using balance-ledger");
    }
  });
  return { init, api };
}
