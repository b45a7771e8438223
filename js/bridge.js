// The JS side of the binding: one JSON text crosses into wasm per argument and one comes back.
// JSON.stringify reads any JS value (getters, Proxies, toJSON) in C++ speed; the replacer tags what
// JSON cannot carry so the core refuses it precisely instead of seeing `null`. JSON.parse builds
// the results, so a key such as "__proto__" stays an own data property and never a prototype; a
// customer call's answer leaves out the items and keys it did not change, and the caller's own
// objects take their place (unshare, below).
// Plain item and customer objects take the object paths first (js/objects.js, js/keystroke.js,
// js/settlements.js; OBJECT_PATHS below).

import { answerOfTotals, currencyCode, itemColumns, packedCode } from "./objects.js";
import { answerOfItem, keystroke, refusalText } from "./keystroke.js";
import { answerOfSettlements, settlementColumns } from "./settlements.js";
import { MAX_DEPTH, MAX_INPUT } from "./limits.js";

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

/** Text larger than any function accepts is refused before it is copied into wasm memory. */
const MAX_TEXT = MAX_INPUT;

// Set by plain() when an object has a null prototype or a property set to undefined: JSON data
// still, but not what JSON.parse would build from its text (so not shared into an answer).
let lax = false;

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
      if (proto !== Object.prototype) {
        if (proto !== null) return false;
        lax = true;
      }
      for (const key in value) {
        const e = value[key];
        // A property set to undefined is absent either way.
        if (e === undefined) lax = true;
        else if (!plain(e, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

function isPlain(value) {
  lax = false;
  try {
    return plain(value, 0);
  } catch {
    return false;
  }
}

/**
 * True when `value` is what JSON.parse of the text of `copy` would build again: the same plain
 * objects and arrays (plain() above), the same keys and the same strings, numbers, booleans and
 * nulls. `copy` (an object or an array) is the bridge's private copy of a customer it returned
 * (parsed from the answer), so `value` is then exactly the customer the core holds for it (held,
 * below). A getter that throws is a difference (isSame). Leaves are compared in place and each
 * copied object's key count is counted once (KEYS): this check runs on every call of the host's
 * loop (measured: 0.7x the time of the plain recursion).
 */
function same(value, copy) {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || value.length !== copy.length) return false;
    for (let i = 0; i < copy.length; i++) {
      const c = copy[i];
      if (typeof c !== "object" || c === null ? value[i] !== c : !same(value[i], c)) return false;
    }
    return true;
  }
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype || typeof value.toJSON === "function") {
    return false;
  }
  let keys = 0;
  for (const key in value) {
    // A copy holds no undefined and no own "__proto__" (no customer field has that name).
    const c = copy[key];
    if (key === "__proto__" || (c === undefined && !Object.hasOwn(copy, key))) return false;
    keys++;
    if (typeof c !== "object" || c === null ? value[key] !== c : !same(value[key], c)) return false;
  }
  let count = copy[KEYS];
  if (count === undefined) {
    count = 0;
    for (const key in copy) count++;
    copy[KEYS] = count;
  }
  return keys === count;
}

/** A copied object's number of keys (a symbol: neither enumerated nor written as JSON). */
const KEYS = Symbol("keys");

function isSame(value, copy) {
  try {
    return same(value, copy);
  } catch {
    return false;
  }
}

/**
 * A customer argument: its text, and whether its answer may share its elements — true when it is
 * plain data that JSON.parse of its text would build again (plain objects, no property set to
 * undefined), so an element whose text the core finds unchanged can be returned as it is.
 */
function encodeCustomer(value) {
  const isPlainValue = isPlain(value);
  return { text: encode(value, isPlainValue), strict: isPlainValue && !lax };
}

/** `value` as JSON text; `isPlainValue` is isPlain(value) when the caller knows it. */
function encode(value, isPlainValue = isPlain(value)) {
  let text;
  if (isPlainValue) {
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
  // As the core writes it: the path first, unless the issue is about the whole argument.
  return new BalanceLedgerError("invalid_input", `${path ? `${path}: ` : ""}${message}`, [{ path, code, message }]);
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

/** The columns of a batch call read (a throwing getter or Proxy trap is unreadable input). */
function readBatch(columns, leading) {
  try {
    return readColumns(columns, leading);
  } catch (e) {
    if (e instanceof BalanceLedgerError) throw e;
    throw new BalanceLedgerError("unreadable_input", `the columns could not be read: ${e && e.message}`);
  }
}

/** Options larger than this go to the core as they are (and are refused there). */
const MAX_OPTIONS_TEXT = 64 * 1024;

/**
 * Encodes a call's options, adding those of `keys` that are absent: `now` (the current time) and
 * `seed` (16 random bytes as hex, from `randomBytes`: the core draws no randomness of its own).
 * The caller's value is read once, by JSON.stringify like every argument (so a throwing getter or
 * Proxy trap is a coded error), and the defaults are added to a plain copy of that text, never to
 * the caller's object.
 */
function encodeFilled(options, keys, randomBytes) {
  const text = encode(options ?? null);
  const fill = {
    now: () => new Date().toISOString(),
    seed: () => Array.from(randomBytes(16), (b) => b.toString(16).padStart(2, "0")).join(""),
  };
  let copy;
  if (text === "null") copy = {};
  else if (text.startsWith("{") && text.length <= MAX_OPTIONS_TEXT) {
    copy = JSON.parse(text);
    if (Object.hasOwn(copy, TAG)) return text;
  } else return text;
  const missing = keys.filter((key) => !Object.hasOwn(copy, key));
  if (missing.length === 0) return text;
  for (const key of missing) copy[key] = fill[key]();
  return JSON.stringify(copy);
}

/** Random bytes where the platform has Web Crypto (browsers, Node >= 19, Deno, Bun, workerd). */
const webRandom = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** `read(...args)`, or null when it throws (a getter or Proxy trap: the general path reports it). */
function attempt(read, ...args) {
  try {
    return read(...args);
  } catch {
    return null;
  }
}

/** The value of an answer envelope, or its error thrown (as `invoke` in createApi does). */
function answerOf(text) {
  const answer = JSON.parse(text);
  if (answer.error) throw new BalanceLedgerError(answer.error.code, answer.error.message, answer.error.issues);
  return answer.value;
}

/**
 * The object paths: plain objects read once, here in JS, into numbers and columns for the core's
 * numeric exports (js/objects.js says how and why). Each answers the public result, or undefined
 * when the general path must answer: anything unusual, which it then reports. What the core
 * refuses it answers in the same crossing as the general path does (src/api/refusals.rs), so
 * every error is the general path's. No user code runs while wasm is on the stack. Every
 * entry (Node ESM and CommonJS, browser, workerd, Deno, checkout) builds its API in createApi, so
 * each has them; a module without the export a path needs (the checkout module has no
 * settle-all) keeps the general path. `cross(fn, args)` is one crossing into wasm; `memory` gives
 * views of the answers the core leaves in wasm memory.
 */
const OBJECT_PATHS = {
  // One plain item (a widget's keystroke): its numbers read exactly here, the rules and the line
  // in the core, the answer built here from the amounts the core leaves in wasm memory.
  validateItems: {
    needs: "validateItem",
    run(fn, cross, [body, options], memory) {
      const read = attempt(keystroke, body, options);
      if (read === null) return undefined;
      // 1: accepted, its amounts in wasm memory; 2: refused, the general path's answer there as text.
      const answer = cross(fn, read.args);
      if (answer === 0) return undefined;
      return answer === 1 ? answerOfItem(read, memory.keystroke()) : answerOf(refusalText(memory.keystroke()));
    },
  },
  // Plain item objects read into columns, totalled by the batch core; the currency a code of three
  // capital letters (or `{ currency }` of one), its letters packed; the compact totals back.
  itemTotals: {
    needs: "itemTotalsColumns",
    run(fn, cross, [body, currency]) {
      const code = attempt(currencyCode, currency);
      const packed = typeof code === "string" ? packedCode(code) : 0;
      if (packed === 0) return undefined;
      const columns = attempt(itemColumns, body);
      if (columns === null) return undefined;
      // The compact totals, or the general path's error envelope for what the core refuses.
      const text = cross(fn, [...columns, packed, !Array.isArray(body)]);
      if (text === "") return undefined;
      return text.charCodeAt(0) === 123 ? answerOf(text) : answerOfTotals(code, text);
    },
  },
  // A summary settle-all of plain customers, read into the columns of previewSettlementsBatch;
  // the core reads the options as the general path does and answers "" for full detail; its
  // refusals are the general path's answer, the ids there the customers' indexes.
  previewSettlements: {
    needs: "previewSettlementsColumns",
    run(fn, cross, [customers, options]) {
      const read = attempt(settlementColumns, customers);
      if (read === null) return undefined;
      const optionsText = attempt(encodeFilled, options, ["now"]);
      if (optionsText === null) return undefined;
      const text = cross(fn, [...read.args, JSON.stringify(read.currency), optionsText]);
      if (text === "") return undefined;
      const value = answerOf(text);
      if (value.results === undefined) return answerOfSettlements(read, value);
      for (let i = 0; i < read.ids.length; i++) value.results[i].id = read.ids[i];
      return value;
    },
  },
};

/**
 * Wraps the raw wasm-bindgen exports (text in, text out) into the public API: one function per row
 * `[name, wasm export, argument kinds]` of the table (js/functions.js, written into each entry),
 * each trying its object path first when it has one.
 * `ready()` throws when the module is not initialised yet (the browser build before `init()`);
 * `randomBytes(n)` gives the random bytes of createCredit's default seed.
 */
export function createApi(raw, functions, ready = () => {}, randomBytes = webRandom) {
  // The keystroke's answer in wasm memory (src/wasm.rs `keystrokeAnswer`), viewed once per
  // instance: a growing memory detaches the view's buffer (its length is then 0), and a restart
  // (here or through any other bridge over the same glue) starts an instance with a new memory.
  // Once initialised, the glue's initSync returns the running instance's exports (an export of
  // the memory as a JS value cost the checkout module 300 bytes gzipped).
  let keystrokeExports = null;
  let keystrokeCells = null;
  const memory = {
    keystroke() {
      const exports = raw.initSync();
      if (exports !== keystrokeExports || keystrokeCells.length === 0) {
        keystrokeCells = new Float64Array(exports.memory.buffer, raw.keystrokeAnswer(), 16);
        keystrokeExports = exports;
      }
      return keystrokeCells;
    },
  };

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

  /**
   * A state call whose answer shares the state argument's unchanged elements (the core was told
   * it may): each reference is replaced by the argument's own elements (`sources` gives its
   * arrays, by the core's index of them). Should a reference not fit the argument (it changed
   * under a getter), the call is made again whole (`shared` is the wasm argument saying it may).
   */
  function invokeSharing(fn, args, shared, argument, sources, returned) {
    const answer = JSON.parse(cross(fn, args));
    if (answer.error) throw new BalanceLedgerError(answer.error.code, answer.error.message, answer.error.issues);
    // A held value's private copy, taken while its references are still references.
    const copy = answer.held === undefined ? undefined : copyOf(answer.value[returned]);
    if (unshare(answer.value, sources(argument))) return { value: answer.value, held: answer.held, copy };
    args[shared] = false;
    if (shared + 2 < args.length) args[shared + 2] = false; // nothing to hold from a whole answer
    return { value: invoke(fn, args), held: undefined, copy: undefined };
  }

  // The customers and cash states this bridge returned (js/functions.js `state` and `cashState`
  // arguments): each maps to its handle in the core (src/api/held.rs), the instance that holds it,
  // what it is (`of`: the answer's key, "customer" or "state") and the bridge's private copy of it,
  // or to RETURNED until it is held. Handed back unchanged (same) to a call of its kind, it crosses
  // as its handle: no JSON text, no reading. Weak, so a value the host drops is forgotten with it.
  const held = new WeakMap();
  const RETURNED = {};

  /** The handle of the value of kind `of` the core holds for `value`, when it is unchanged; else 0. */
  function heldHandle(value, memo, of) {
    if (memo === undefined || memo === RETURNED || memo.of !== of) return 0;
    if (memo.instance !== raw.initSync() || !raw.isHeld(memo.handle) || !isSame(value, memo.copy)) return 0;
    return memo.handle;
  }

  /**
   * Remembers the value an answer returned (its `of`): held (`handle`) with a private copy of it
   * (`copy`, the answer's value before its references were filled, filled from `sources`: the
   * argument's arrays as the core read them), or as RETURNED.
   */
  function remember(value, of, handle, copy, sources) {
    if (typeof value !== "object" || value === null) return;
    if (handle !== undefined && copy !== undefined) {
      if (unshare(copy, sources())) {
        held.set(value, { handle, instance: raw.initSync(), of, copy });
        return;
      }
    }
    held.set(value, RETURNED);
  }

  // How each kind of argument (js/functions.js) is passed: one text each, except a set of
  // columns, which spreads into one wasm argument per column (and the scales).
  const pass = {
    json: (a) => encode(a),
    customer: (a) => encode(a),
    state: (a) => encode(a),
    cashState: (a) => encode(a),
    optional: (a) => encode(a ?? null),
    timed: (a) => encodeFilled(a, ["now"], randomBytes),
    created: (a) => encodeFilled(a, ["now", "seed"], randomBytes),
    text: (a, name) => {
      if (typeof a !== "string") {
        throw new BalanceLedgerError("invalid_type", `${name} takes JSON text, got ${typeof a}`);
      }
      return a;
    },
    columns: (a) => readBatch(a, []),
    settlementColumns: (a) => readBatch(a, SETTLE_COLUMNS),
  };

  const api = {};
  for (const [name, wasm, kinds] of functions) {
    const fn = raw[wasm];
    if (typeof fn !== "function") throw new Error(`balance-ledger: the wasm module has no ${wasm}`);
    const encoders = kinds.map((k) => pass[k]);
    const spread = kinds.some((k) => k.endsWith("olumns"));
    const objects = Object.hasOwn(OBJECT_PATHS, name) ? OBJECT_PATHS[name] : null;
    const objectFn = objects !== null && typeof raw[objects.needs] === "function" ? raw[objects.needs] : null;
    // A customer or cash state argument (the first, where there is one): the wasm export takes
    // two more arguments, whether its answer may share the argument's elements (src/input/shared.rs:
    // a customer's items and keys, a cash state's remembered transactions) and its handle when the
    // core holds it (0 when not); for a `state` or `cashState` one more, whether to hold the value
    // the call answers (its `of`).
    const sharing = kinds.findIndex((k) => k === "customer" || k === "state" || k === "cashState");
    const cash = kinds[sharing] === "cashState";
    const holds = kinds[sharing] === "state" || cash;
    const of = cash ? "state" : "customer";
    const sources = cash ? (s) => [s.recent_transactions] : (c) => [c.balance, c.idempotency_keys];
    api[name] = (...args) => {
      ready();
      if (objectFn !== null) {
        const answer = objects.run(objectFn, cross, args, memory);
        if (answer !== undefined) return answer;
      }
      const crossing = [];
      let strict = false;
      let handle = 0;
      let memo;
      let text;
      for (let i = 0; i < encoders.length; i++) {
        if (i === sharing) {
          const argument = args[i];
          memo = typeof argument === "object" && argument !== null ? held.get(argument) : undefined;
          handle = heldHandle(argument, memo, of);
          if (handle !== 0) {
            text = "";
            strict = true;
          } else {
            const customer = encodeCustomer(argument);
            text = customer.text;
            strict = customer.strict;
          }
          crossing.push(text);
          continue;
        }
        const encoded = encoders[i](args[i], name);
        if (spread && Array.isArray(encoded)) crossing.push(...encoded);
        else crossing.push(encoded);
      }
      if (sharing < 0) return invoke(fn, crossing);
      const shared = crossing.length;
      crossing.push(strict, handle);
      // A value this bridge returned is held from the second call that hands it back.
      const hold = holds && strict && memo !== undefined;
      if (holds) crossing.push(hold);
      if (!strict) {
        const value = invoke(fn, crossing);
        if (holds) remember(value[of], of);
        return value;
      }
      const answer = invokeSharing(fn, crossing, shared, args[sharing], sources, of);
      if (holds) {
        // The arrays the core read the argument from: the held copy, or the text it crossed as.
        const read = () => sources(handle !== 0 ? memo.copy : JSON.parse(text));
        remember(answer.value[of], of, answer.held, answer.copy, read);
      }
      return answer.value;
    };
  }
  return api;
}

const SHARED = "\u0000shared";

/** A copy of plain data as JSON.parse builds it (an answer's), sharing nothing with it. */
function copyOf(value) {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const copy = {};
  for (const key in value) {
    // An own "__proto__" as JSON.parse makes it, not the prototype.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: copyOf(value[key]), enumerable: true, writable: true, configurable: true });
    else copy[key] = copyOf(value[key]);
  }
  return copy;
}

/**
 * Replaces each `{"\u0000shared": [source, from, to, count]}` in an answer (src/input/shared.rs)
 * by the elements `from..to` of `sources[source]`, which the core found unchanged, so they are
 * returned as the caller passed them rather than parsed again; and each order's packed lines,
 * `{"\u0000lines": "net rebate vat amount …"}` (src/checkout/item.rs `Lines`), by their
 * objects. False when a reference does not fit its source (not an array of `count` elements).
 */
function unshare(value, sources) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const e = value[i];
      if (typeof e !== "object" || e === null) continue;
      const reference = e[SHARED];
      if (reference === undefined) {
        if (!unshare(e, sources)) return false;
        continue;
      }
      const [source, from, to, count] = reference;
      const elements = sources[source];
      if (!Array.isArray(elements) || elements.length !== count) return false;
      value.splice(i, 1, ...elements.slice(from, to));
      i += to - from - 1;
    }
    return true;
  }
  for (const key in value) {
    const e = value[key];
    if (typeof e !== "object" || e === null) continue;
    const packed = e[LINES];
    if (typeof packed === "string") value[key] = linesOf(packed);
    else if (!unshare(e, sources)) return false;
  }
  return true;
}

const LINES = "\u0000lines";

/** An order's lines from their packed amounts, four a line. */
function linesOf(packed) {
  if (packed === "") return [];
  const amounts = packed.split(" ");
  const lines = new Array(amounts.length >> 2);
  for (let i = 0, j = 0; i < lines.length; i++, j += 4) {
    lines[i] = { net: amounts[j], rebate: amounts[j + 1], vat: amounts[j + 2], amount: amounts[j + 3] };
  }
  return lines;
}

/**
 * An entry that loads the wasm itself (the browser's): `init` takes what wasm-bindgen's init takes
 * (a URL or its text, a Request, a Response, bytes, a compiled `WebAssembly.Module`, or
 * `{ module_or_path }` of any of these; by default the `.wasm` beside the glue is fetched), and the
 * API's functions throw `not_initialized` until it has.
 */
export function browserEntry(initWasm, raw, functions, wasmFile = "balance_ledger_bg.wasm") {
  let ready = false;
  async function init(input) {
    const options = isModuleOrPath(input) ? input : input === undefined ? undefined : { module_or_path: input };
    try {
      await initWasm(options);
    } catch (e) {
      if (input !== undefined) throw e;
      // The default: the .wasm beside the glue, which a bundler that does not follow
      // the URL of a module-relative asset (esbuild) has not emitted. Say how to give it.
      throw new Error(
        `balance-ledger could not load ${wasmFile} from beside its module (${e && e.message}). ` +
          `If a bundler did not emit it (esbuild): import wasm from "balance-ledger/wasm/${wasmFile}" ` +
          "(esbuild --loader:.wasm=file) and call init(wasm), or serve the file and pass its URL to init().",
        { cause: e },
      );
    }
    ready = true;
  }
  const api = createApi(raw, functions, () => {
    if (!ready) {
      throw new BalanceLedgerError("not_initialized", "call `await init()` before using balance-ledger");
    }
  });
  return { init, api };
}

/** wasm-bindgen's own form of init's argument: a plain object with `module_or_path`. */
function isModuleOrPath(input) {
  return typeof input === "object" && input !== null && Object.getPrototypeOf(input) === Object.prototype &&
    Object.hasOwn(input, "module_or_path");
}
