// Node entry of `balance-ledger/checkout`: the item functions only, on their own smaller wasm
// module, compiled synchronously on import like the full entry.
import { readFileSync } from "node:fs";
import * as raw from "../wasm/balance_ledger_checkout.js";
import { createApi } from "../bridge.js";

raw.initSync({ module: readFileSync(new URL("../wasm/balance_ledger_checkout_bg.wasm", import.meta.url)) });

export { BalanceLedgerError } from "../bridge.js";
export const { validateItems, itemTotals, itemTotalsJson, itemTotalsBatch, __trap, __memoryBytes } = createApi(raw);

/** Already initialised in Node; kept so code written for the browser runs unchanged. */
export default async function init() {}
