// What only the tests need of the package, outside it (not in its `files` nor its `exports`): the
// instance's memory size, watched by the leak test, and a real trap of the instance, through the
// package's own bridge, to prove it recovers. The package's Node entries use these very glue
// modules (CommonJS, one instance per process), so the tests reach the instance they call.
import { createRequire } from "node:module";
import { createApi } from "../../../pkg/bridge.cjs";
// The entries instantiate the modules these hooks reach.
import "../../../pkg/node.js";
import "../../../pkg/checkout/node.js";

const require = createRequire(import.meta.url);
const GLUE = {
  full: require("../../../pkg/wasm/balance_ledger.cjs"),
  checkout: require("../../../pkg/wasm/balance_ledger_checkout.cjs"),
};

/** The live instance's exports: initSync answers the existing instance once there is one. */
const instance = (module) => GLUE[module].initSync();

/** Bytes of the instance's linear memory now. */
export function memoryBytes(module = "full") {
  return instance(module).memory.buffer.byteLength;
}

/**
 * Makes the instance trap, through the bridge the package's functions use: the raw `itemTotals`
 * export is given a currency text 4 GiB away, beyond the instance's memory, so the core's first
 * read of it is an out-of-bounds access (a WebAssembly.RuntimeError, as a bug in the core would
 * be). The bridge must answer `internal_error` and restart the instance for the next call.
 */
export function trap(module = "full") {
  const glue = GLUE[module];
  const api = createApi({ ...glue, trapping: () => instance(module).itemTotals(0, 0, 0xffff_ff00, 16) }, [["trap", "trapping", []]]);
  return api.trap();
}

/**
 * The package's bridge over the running full module, built from `rows` (js/functions.js's
 * [name, wasm export, argument kinds]), with every crossing into those exports recorded as
 * [export, arguments]: what the tests of held customers read to see a customer cross as its
 * handle (js/bridge.js `held`) instead of its text.
 */
export function recordedApi(rows) {
  const glue = GLUE.full;
  const calls = [];
  const raw = { ...glue };
  for (const [, wasm] of rows) {
    raw[wasm] = (...args) => {
      calls.push([wasm, args]);
      return glue[wasm](...args);
    };
  }
  return { api: createApi(raw, rows), calls };
}

/** A value's JSON read again: an object the bridge never returned, so it crosses as text. */
export const fresh = (v) => JSON.parse(JSON.stringify(v));

/** What a call answers or throws, as JSON, to compare a held call with its text's call. */
export function outcome(call) {
  try {
    return JSON.stringify({ value: call() });
  } catch (e) {
    return JSON.stringify({ error: [e.name, e.code, e.message, e.issues] });
  }
}

/** The recorded crossings (recordedApi) whose first argument crossed as a handle: "" and a handle above 0. */
export const crossedAsHandle = (calls) => calls.filter(([, args]) => args[0] === "" && args.some((a) => typeof a === "number" && a > 0));

/**
 * Random changes to a held value, from a seeded generator (mulberry32), so a failure is
 * reproduced by its seed: a place set to one of `values`, removed, added to (an element, or a
 * field named one of `keys`), or replaced by an equal copy. `place(v)` is a random place in `v`:
 * [the object or array holding it, its key].
 */
export function randomChanges(seed, values, keys) {
  let a = seed;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  function place(v) {
    let holder = v;
    let key = pick(Object.keys(v));
    while (typeof holder[key] === "object" && holder[key] !== null && Object.keys(holder[key]).length > 0 && rnd() < 0.7) {
      holder = holder[key];
      key = pick(Object.keys(holder));
    }
    return [holder, key];
  }
  const changes = [
    (v) => { const [h, k] = place(v); h[k] = pick(values); },
    (v) => { const [h, k] = place(v); if (Array.isArray(h)) h.splice(Number(k), 1); else delete h[k]; },
    (v) => { const [h] = place(v); if (Array.isArray(h)) h.push(structuredClone(pick(values))); else h[pick(keys)] = pick(values); },
    (v) => { const [h, k] = place(v); h[k] = structuredClone(h[k]); }, // an equal copy
  ];
  return { rnd, pick, place, changes };
}
