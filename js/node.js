// Node entry: the module is compiled synchronously on import (no top-level await), so both
// `import` and `require()` (Node >= 20.19) give ready functions.
import { readFileSync } from "node:fs";
import * as raw from "./wasm/balance_ledger.js";
import { createApi } from "./bridge.js";

raw.initSync({ module: readFileSync(new URL("./wasm/balance_ledger_bg.wasm", import.meta.url)) });

const api = createApi(raw);

export { BalanceLedgerError } from "./bridge.js";
export const {
  validateItems,
  itemTotals,
  itemTotalsJson,
  itemTotalsBatch,
  chargeBalance,
  fundBalance,
  previewSettlement,
  settleBalance,
  replayJournal,
  previewSettlements,
  previewSettlementsBatch,
  settlementTarget,
  accountBalance,
  applyCashTransaction,
  cashBalance,
  addCashPayment,
  reconcileCashBalance,
  canDeleteCustomer,
  validateCredit,
  transitionCredit,
  creditSchedule,
  listPage,
  isBusinessDay,
  __trap,
  __memoryBytes,
} = api;

/** Already initialised in Node; kept so code written for the browser runs unchanged. */
export default async function init() {}
