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
