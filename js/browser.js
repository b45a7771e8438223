// Browser entry: `await init()` (the default export) fetches and instantiates the wasm once;
// every function is usable after that.
import initWasm, * as raw from "./wasm/balance_ledger.js";
import { BalanceLedgerError, createApi } from "./bridge.js";

let ready = false;

/**
 * Loads the wasm. `input` may be a URL, a Response, bytes or a compiled module; by default the
 * `.wasm` beside this file is fetched.
 */
export default async function init(input) {
  await initWasm(input === undefined ? undefined : { module_or_path: input });
  ready = true;
}

const api = createApi(raw, () => {
  if (!ready) {
    throw new BalanceLedgerError("not_initialized", "call `await init()` before using balance-ledger");
  }
});

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
