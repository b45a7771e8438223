// Browser entry of `balance-ledger/checkout`: the item functions only, on a wasm module that holds
// nothing else (a fraction of the full one's size), for pages that only check out.
import initWasm, * as raw from "../wasm/balance_ledger_checkout.js";
import { BalanceLedgerError, browserEntry } from "../bridge.js";

const { init, api } = browserEntry(initWasm, raw);

/** Loads the wasm; by default the `.wasm` beside the glue is fetched. */
export default init;

export { BalanceLedgerError };
export const { validateItems, itemTotals, itemTotalsJson, itemTotalsBatch, __trap, __memoryBytes } = api;
