// `balance-ledger/checkout`: the item functions of the package, declared by the full package's
// declarations, on a wasm module that holds nothing else.
export {
  BalanceLedgerError,
  validateItems,
  itemTotals,
  itemTotalsJson,
  itemTotalsBatch,
  default,
} from "../index.js";
export type {
  Amount,
  Column,
  Issue,
  IssueCode,
  ItemBody,
  ItemColumns,
  ItemInput,
  ItemView,
  LineView,
  Totals,
  ValidateItemsResult,
  ValidItems,
} from "../index.js";
