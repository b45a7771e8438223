// `balance-ledger/checkout`: the item functions with the full package's types; nothing else.
import init, {
  BalanceLedgerError, itemTotals, itemTotalsBatch, validateItems, type Totals, type ValidateItemsResult,
} from "balance-ledger/checkout";
import * as checkout from "balance-ledger/checkout";

await init();
const r: ValidateItemsResult = validateItems({ price: 119.6, vat: 29.9, quantity: 2 }, { currency: "SEK" });
if (r.ok) {
  const gross: string = r.totals.gross;
  console.log(gross);
}
const t: Totals = itemTotals([{ price: "1.50" }], "EUR");
console.log(t.net, itemTotalsBatch({ price: [1] }, "SEK").gross);
try {
  itemTotals("12,50", "SEK");
} catch (e) {
  if (e instanceof BalanceLedgerError) console.log(e.code, e.issues.length);
}
// @ts-expect-error the ledger is not in the checkout entry
checkout.chargeBalance;
