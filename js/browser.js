// Browser entry: `await init()` (the default export) fetches and instantiates the wasm once;
// every function is usable after that.
import initWasm, * as raw from "./wasm/balance_ledger.js";
import { BalanceLedgerError, browserEntry } from "./bridge.js";

const { init, api } = browserEntry(initWasm, raw);

/** Loads the wasm; by default the `.wasm` beside this file is fetched. */
export default init;
export { BalanceLedgerError };
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
