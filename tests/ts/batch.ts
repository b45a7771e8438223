// The bulk entry points' types: columns of numbers, optional columns and scales, Totals back.
import {
  itemTotalsBatch, itemTotalsJson, previewSettlementsBatch, type ItemColumns, type SettlementAmounts,
  type SettlementColumns, type Totals,
} from "balance-ledger";

const columns: ItemColumns = {
  price: new Float64Array([11960]),
  quantity: new Int32Array([2]),
  vat: [2990],
  scale: { vat: 2 },
};
const t: Totals = itemTotalsBatch(columns, "SEK");
const gross: string = t.gross;
const fromJson: Totals = itemTotalsJson('{"price":1}', "SEK");
console.log(gross, fromJson.count, itemTotalsBatch({ price: [1] }, "JPY").net);

// @ts-expect-error a price column is required
itemTotalsBatch({ vat: [1] }, "SEK");
// @ts-expect-error columns of BigInts are not accepted
itemTotalsBatch({ price: new BigInt64Array(1) }, "SEK");
// @ts-expect-error strings are not a column
itemTotalsBatch({ price: ["12.50"] }, "SEK");
// @ts-expect-error a scale is a number
itemTotalsBatch({ price: [1], scale: { price: "2" } }, "SEK");
// @ts-expect-error itemTotalsJson takes text, not items
itemTotalsJson([{ price: 1 }], "SEK");

const book: SettlementColumns = { counts: new Uint32Array([1, 0]), funds: [0, 500], price: [11960] };
const settled: SettlementAmounts = previewSettlementsBatch(book, "SEK");
const first: string | undefined = settled.amounts[0];
const updated: number = settled.updated;
console.log(first, updated, settled.total);
// @ts-expect-error counts are required
previewSettlementsBatch({ price: [1] }, "SEK");
// @ts-expect-error amounts are strings
const wrong: number[] = settled.amounts;
