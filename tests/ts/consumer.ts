// A TypeScript consumer of the built package: `tsc --noEmit` must accept the right uses, and each
// expected error below proves the types are precise (an `any` would leave the directive unused).
import init, {
  validateItems,
  itemTotals,
  BalanceLedgerError,
  type Totals,
  type Issue,
  type IssueCode,
  type ItemInput,
  type ValidateItemsResult,
} from "balance-ledger";

await init();

const item: ItemInput = { number: "A1", name: "Coffee", price: 119.6, quantity: "2", vat: 29.9 };
const totals: Totals = itemTotals(item, "SEK");
const gross: string = totals.gross;
const count: number = totals.count;

const result: ValidateItemsResult = validateItems([item, 12.5 as unknown as ItemInput], { currency: "SEK" });
if (result.ok) {
  const first: string | undefined = result.items[0]?.price;
  const amount: string = result.lines[0]!.amount;
  console.log(first, amount, result.totals.currency);
} else {
  const issues: Issue[] = result.issues;
  const code: IssueCode = issues[0]!.code;
  console.log(code);
}

try {
  itemTotals(1, "SEK");
} catch (e) {
  if (e instanceof BalanceLedgerError) {
    const code: IssueCode = e.code;
    console.log(code, e.issues.length);
  }
}

// @ts-expect-error: an item has no `colour`
const bad: ItemInput = { price: 1, colour: "red" };
// @ts-expect-error: amounts are numbers or strings, not booleans
itemTotals({ price: true }, "SEK");
// @ts-expect-error: gross is a decimal string, not a number
const wrong: number = totals.gross;
// @ts-expect-error: codes are a closed set
const unknownCode: IssueCode = "no_such_code";
// @ts-expect-error: validateItems's answer must be narrowed before reading items
result.items;

console.log(gross, count, bad, wrong, unknownCode);

// Misuse the types refuse: an item without its price, a number as the currency.
// @ts-expect-error price is required
itemTotals({ quantity: 2 }, "SEK");
// @ts-expect-error the currency is an ISO 4217 code as a string
itemTotals(item, 752);

// init's forms (DOM types here; without the DOM library they fall away and the rest still compiles).
declare const wasmModule: WebAssembly.Module;
async function inits() {
  await init(new URL("https://example.invalid/balance_ledger_bg.wasm"));
  await init("./balance_ledger_bg.wasm");
  await init(fetch("./balance_ledger_bg.wasm"));
  await init(await fetch("./balance_ledger_bg.wasm"));
  await init(new Request("./balance_ledger_bg.wasm"));
  await init(new Uint8Array(8));
  await init(wasmModule);
  await init({ module_or_path: wasmModule });
  // @ts-expect-error null is no wasm source (WebAssembly.Module, an empty interface, takes any object)
  await init(null);
}
void inits;
