// The public functions of balance-ledger, declared once. scripts/entries.mjs reads this table and
// writes every entry of the package from it (Node ESM and CommonJS, browser, workerd, Deno, the
// checkout entry) and the function part of index.d.ts / index.d.cts; the hostile-input test takes
// its list of functions from it. Adding a function: its Rust (src/api and src/wasm.rs), one row.
//
// A row:
//   name    the JS name (also the wasm-bindgen export, unless `wasm` names another)
//   module  "checkout" when the item-only module (`balance-ledger/checkout`) has it too, else "full"
//   args    [parameter, how the bridge passes it] in order:
//             json      any JS value, sent as JSON text (the replacer tags what JSON cannot carry)
//             customer  a customer state, sent as JSON text; when it is plain data, the answer
//                       shares its unchanged balance items and key records (js/bridge.js unshare);
//                       a customer the bridge returned and holds crosses as its handle instead
//             state     the same, for a call whose answer's `customer` is the state after it: the
//                       bridge has the core hold that customer when it is handed back (held)
//             optional  the same, undefined meaning null (options that may be left out)
//             timed     ledger options: `now` is added (the current time) when the caller gave none
//             created   createCredit's options: `now` and `seed` (16 random bytes) added likewise
//             text      JSON text the caller already holds, passed as it is (must be a string)
//             columns   item columns (typed arrays), each copied into wasm memory as one block
//             settlementColumns  the same with the leading `counts` and `funds` columns
//   doc     the TSDoc comment: its first sentence is the summary
//   throws  the codes it throws and when (the comment's @throws)
//   example a runnable example (the comment's @example; `// →` lines are checked by the test
//           command, tests/docs/examples.test.mjs, as the docs' examples are)
//   ts      the TypeScript signature after the name (a list for overloads)

export const FUNCTIONS = [
  {
    name: "validateItems",
    module: "checkout",
    args: [["body", "json"], ["options", "optional"]],
    doc: "Validates an item body; with a currency, lines are rounded to its minor unit.",
    throws: "`invalid_option` for options that are not `{ currency? }` or an unknown currency; problems in the body are answered as `{ ok: false, issues }`, not thrown.",
    example: `import { validateItems } from "balance-ledger";

validateItems([{ price: "12.50", quantity: 2 }], { currency: "SEK" }).totals.gross; // → "25.00"
validateItems([{ price: "12,50" }]).issues.map((i) => [i.path, i.code]); // → [["/0/price", "invalid_decimal"]]`,
    ts: "(body: ItemBody, options?: ValidateItemsOptions | null): ValidateItemsResult",
  },
  {
    name: "itemTotals",
    module: "checkout",
    args: [["body", "json"], ["currency", "json"]],
    doc: "Totals of an item body in a currency (ISO 4217, alphabetic or numeric). Throws on bad input.",
    throws: "`invalid_input` with an issue per problem (`invalid_decimal`, `not_positive`, `rebate_exceeds_price`, …), `unknown_currency`, `input_too_large`.",
    example: `import { itemTotals } from "balance-ledger";

itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK");
// → { currency: "SEK", count: 1, net: "239.20", rebate: "0.00", vat: "59.80", gross: "299.00" }`,
    ts: "(body: ItemBody, currency: string): Totals",
  },
  {
    name: "itemTotalsJson",
    wasm: "itemTotals",
    module: "checkout",
    args: [["text", "text"], ["currency", "json"]],
    doc: "`itemTotals` on an item body the caller already holds as JSON text (a request body): no\n`JSON.stringify` on the way in. The same rules and limits as `itemTotals`.",
    throws: "As `itemTotals`; `invalid_type` when `text` is not a string, `unreadable_input` when it is not JSON.",
    example: `import { itemTotalsJson } from "balance-ledger";

itemTotalsJson('[{"price":"119.60","quantity":2,"vat":"29.90"}]', "SEK").gross; // → "299.00"`,
    ts: "(text: string, currency: string): Totals",
  },
  {
    name: "itemTotalsBatch",
    module: "checkout",
    args: [["columns", "columns"], ["currency", "json"]],
    doc: "Totals of up to 4,000,000 items given as columns, in one crossing: the same rules and rounding\nas `itemTotals` on the same items, without writing or parsing any text. Throws a\n`BalanceLedgerError` with an issue at `/<column>/<row>` (`not_integer`, `not_finite`,\n`out_of_range`, `length_mismatch`, or the item rules' codes).",
    throws: "`invalid_input` with an issue at `/<column>/<row>`: `not_integer`, `not_finite`, `out_of_range`, `length_mismatch`, `invalid_type`, `unknown_field`, or the item rules' codes.",
    example: `import { itemTotalsBatch } from "balance-ledger";

// 119.60 and 5.00 in öre (the currency's minor unit), two of the first.
itemTotalsBatch({ price: new Float64Array([11960, 500]), quantity: new Float64Array([2, 1]) }, "SEK").gross; // → "244.20"`,
    ts: "(columns: ItemColumns, currency: string): Totals",
  },
  {
    name: "chargeBalance",
    module: "full",
    args: [["customer", "state"], ["body", "json"], ["options", "timed"]],
    doc: "Adds the body's items to the customer's balance (Intergiro's `POST customer/<id>/balance`).",
    throws: "`invalid_input` (the customer or the body), `limit_exceeded` (over the hard limit), `customer_not_chargeable` (inactive or suspended), `idempotency_key_reused` (the key with another request), `currency_mismatch`.",
    example: `import { chargeBalance } from "balance-ledger";

const r = chargeBalance({ id: "c1", currency: "SEK", status: "active" }, { price: "35.00" },
  { now: "2026-12-07T10:00:00Z", idempotency_key: "req-1" });
[r.customer.version, r.entries.length, r.replayed]; // → [1, 1, false]`,
    ts: "(customer: CustomerInput, body: ItemBody, options?: LedgerOptions | null): ChargeResult",
  },
  {
    name: "fundBalance",
    module: "full",
    args: [["customer", "state"], ["order", "json"], ["outcome", "json"], ["options", "timed"]],
    doc: "Credits an authorised order's total to the balance, or marks the customer pending with retries.",
    throws: "`invalid_input`, `currency_mismatch`, `customer_mismatch` (an order of another customer), `unsupported_payment` (not a balance payment), `idempotency_key_reused`.",
    example: `import { fundBalance } from "balance-ledger";

const order = { number: "o1", items: 100, currency: "SEK", customer: "c1", payment: { type: "customer", charge: "balance" } };
fundBalance({ id: "c1", currency: "SEK", status: "active" }, order, "success", { now: "2026-12-07T10:00:00Z" }).customer.total; // → "100.00"`,
    ts: "(customer: CustomerInput, order: FundingOrder, outcome: Outcome, options?: LedgerOptions | null): OrderResult",
  },
  {
    name: "previewSettlement",
    module: "full",
    args: [["customer", "customer"], ["options", "timed"]],
    doc: "What settling the balance (Intergiro's `DELETE customer/<id>/balance`) will do, both ways, without doing it.",
    throws: "`invalid_input` (a customer that cannot be read).",
    example: `import { previewSettlement } from "balance-ledger";

const customer = { id: "c1", currency: "SEK", status: "active", balance: [{ price: "299.00" }], total: "100.00" };
previewSettlement(customer, { now: "2026-12-07T10:00:00Z" }).amount; // → "199.00"`,
    ts: "(customer: CustomerInput, options?: LedgerOptions | null): SettlementPreview",
  },
  {
    name: "settleBalance",
    module: "full",
    args: [["customer", "state"], ["outcome", "json"], ["options", "timed"]],
    doc: "Settles the balance through the very computation of the preview, with one outcome applied.",
    throws: "`invalid_input` (a customer or an outcome that cannot be read), `idempotency_key_reused`.",
    example: `import { settleBalance } from "balance-ledger";

const customer = { id: "c1", currency: "SEK", status: "active", balance: [{ price: "299.00" }] };
const r = settleBalance(customer, "success", { now: "2026-12-07T10:00:00Z" });
[r.order.number, r.customer.balance]; // → ["c1-1", []]`,
    ts: "(customer: CustomerInput, outcome: Outcome, options?: LedgerOptions | null): OrderResult",
  },
  {
    name: "replayJournal",
    module: "full",
    args: [["customer", "customer"], ["entries", "json"]],
    doc: "Folds journal entries (oldest first, as the mutating calls returned them) onto a customer's\ninitial state: the state those calls returned. An entry that does not follow (a gap, a repeat,\na changed amount) throws `journal_mismatch`.",
    throws: "`journal_mismatch` at the first entry that does not follow (`/entries/<i>/<field>`), `invalid_input`.",
    example: `import { chargeBalance, replayJournal } from "balance-ledger";

const first = { id: "c1", currency: "SEK", status: "active" };
const r = chargeBalance(first, 5, { now: "2026-12-07T10:00:00Z" });
replayJournal(first, r.entries).version; // → 1`,
    ts: "(customer: CustomerInput, entries: LedgerEntry[]): CustomerView",
  },
  {
    name: "previewSettlements",
    module: "full",
    args: [["customers", "json"], ["options", "timed"]],
    doc: "Settle \"all\": the seed's counts and each customer's preview (or the issues that stopped it).",
    throws: "`duplicate_id` (a customer twice), `invalid_option`; a customer that cannot be read is reported in its result, not thrown.",
    example: `import { previewSettlements } from "balance-ledger";

const customers = [{ id: "a", currency: "SEK", balance: [{ price: 10 }] }, { id: "b", currency: "SEK" }];
const r = previewSettlements(customers, { now: "2026-12-07T10:00:00Z" });
[r.updated, r.errors]; // → [1, 0]`,
    ts: "(customers: CustomerInput[], options?: LedgerOptions | null): SettleAll",
  },
  {
    name: "previewSettlementsBatch",
    module: "full",
    args: [["columns", "settlementColumns"], ["currency", "json"]],
    doc: "What settling each customer of the columns will charge (`amounts[i]` for customer `i`).",
    throws: "`invalid_input` with an issue at `/<column>/<row>` (as `itemTotalsBatch`), at `/counts` when the counts do not add up to the rows (`length_mismatch`).",
    example: `import { previewSettlementsBatch } from "balance-ledger";

// Customer 0 has two items (10.00 and 5.00) and 3.00 of funds; customer 1 one item of 1.00.
const r = previewSettlementsBatch({ counts: [2, 1], funds: [300, 0], price: new Float64Array([1000, 500, 100]) }, "SEK");
[r.amounts, r.total]; // → [["12.00", "1.00"], "13.00"]`,
    ts: "(columns: SettlementColumns, currency: string): SettlementAmounts",
  },
  {
    name: "settlementTarget",
    module: "full",
    args: [["keyKind", "json"], ["customerId", "json"]],
    doc: "Whom a settlement may name: a customer key only \"me\"; a private key an id or \"all\". Throws otherwise.",
    throws: "`forbidden_target` (a customer key naming another customer, or a private key naming `me`), `unknown_key_kind`.",
    example: `import { settlementTarget } from "balance-ledger";

settlementTarget("private", "all"); // → { scope: "all" }
settlementTarget("customer", "c2"); // → throws { code: "forbidden_target" }`,
    ts: "(keyKind: \"customer\" | \"private\", customerId: string): Target",
  },
  {
    name: "accountBalance",
    module: "full",
    args: [["customer", "json"], ["extras", "optional"]],
    doc: "The IVR's account-balance view: what is due (unsettled items less funds) and the last payment.",
    throws: "`invalid_input` (a customer or extras that cannot be read).",
    example: `import { accountBalance } from "balance-ledger";

const customer = { id: "c1", currency: "USD", balance: [{ price: "25.00" }], total: "5.00" };
accountBalance(customer, { request_tracking_id: "t-1" }).balance; // → [{ type: "total", amount: "20.00" }]`,
    ts: "(customer: CustomerInput, extras: AccountExtras): AccountBalance",
  },
  {
    name: "applyCashTransaction",
    module: "full",
    args: [["state", "cashState"], ["transaction", "json"]],
    doc: "Applies one Stripe cash balance transaction to a state: the new state, the transaction with its\n`ending_balance`, and (automatic mode, funds added) the `applied_to_payment` transactions made.",
    throws: "`invalid_input`, `duplicate_transaction`, `stale_transaction`, `insufficient_funds`, `overdraft_pending`, `no_overdraft`, `balance_mismatch`, `customer_mismatch`, `wrong_sign`, `unknown_type`, `exceeds_payment`.",
    example: `import { applyCashTransaction } from "balance-ledger";

const r = applyCashTransaction({ customer: "cus_1" }, {
  id: "ccsbtxn_1", type: "funded", currency: "eur", net_amount: 5000, created: 1690829143,
  funded: { bank_transfer: { type: "eu_bank_transfer" } },
});
[r.transaction.ending_balance, r.state.available]; // → [5000, { eur: 5000 }]`,
    ts: "(state: CashBalanceStateInput | CashBalanceInput, transaction: CashTransactionInput): CashTransactionResult",
  },
  {
    name: "cashBalance",
    module: "full",
    args: [["customerId", "json"], ["transactions", "json"], ["settings", "optional"]],
    doc: "Stripe's `cash_balance` object folded from transactions, oldest first.",
    throws: "As `applyCashTransaction`, for each transaction in turn (`/transactions/<i>/…`).",
    example: `import { cashBalance } from "balance-ledger";

cashBalance("cus_1", [{ id: "ccsbtxn_1", type: "funded", currency: "eur", net_amount: 5000, created: 1690829143,
  funded: { bank_transfer: { type: "eu_bank_transfer" } } }]).available; // → { eur: 5000 }`,
    ts: "(customerId: string, transactions: readonly CashTransactionInput[], settings?: CashBalanceSettingsInput | null): CashBalance",
  },
  {
    name: "addCashPayment",
    module: "full",
    args: [["state", "json"], ["payment", "json"]],
    doc: "Adds a payment awaiting funds; in automatic mode the balance's funds go to it at once.",
    throws: "`invalid_input`, `duplicate_payment` (already awaiting funds).",
    example: `import { addCashPayment } from "balance-ledger";

const state = { customer: "cus_1", available: { eur: 5000 } };
addCashPayment(state, { id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1690000000 }).state.available; // → { eur: 3000 }`,
    ts: "(state: CashBalanceStateInput | CashBalanceInput, payment: CashPaymentInput): CashReconcileResult",
  },
  {
    name: "reconcileCashBalance",
    module: "full",
    args: [["state", "json"], ["request", "json"]],
    doc: "Applies funds to open payments now, oldest first (the \"apply\" of manual mode).",
    throws: "`invalid_input`, `unknown_payment` (not awaiting funds), `exceeds_payment`.",
    example: `import { addCashPayment, reconcileCashBalance } from "balance-ledger";

let { state } = addCashPayment({ customer: "cus_1", available: { eur: 5000 }, settings: { reconciliation_mode: "manual" } },
  { id: "pi_1", currency: "eur", amount_remaining: 2000, created: 1690000000 });
reconcileCashBalance(state, { created: 1690000100 }).state.available; // → { eur: 3000 }`,
    ts: "(state: CashBalanceStateInput | CashBalanceInput, request: CashReconcileRequest): CashReconcileResult",
  },
  {
    name: "canDeleteCustomer",
    module: "full",
    args: [["state", "json"]],
    doc: "False while the customer has any cash balance entry, even 0 (a state or a `cash_balance`).",
    throws: "`invalid_input` (not a state or a `cash_balance`).",
    example: `import { canDeleteCustomer } from "balance-ledger";

canDeleteCustomer({ customer: "cus_1", available: { eur: 0 } }); // → false`,
    ts: "(state: CashBalanceStateInput | CashBalanceInput | CashBalance): boolean",
  },
  {
    name: "validateCredit",
    module: "full",
    args: [["request", "json"], ["options", "optional"]],
    doc: "Validates a credit request (a payout to a bank account) against the merchant's settings.\nProblems in the request answer `{ ok: false, issues }`; bad options throw (`invalid_option`).",
    throws: "`invalid_option` (bad options); problems in the request are answered as `{ ok: false, issues }`.",
    example: `import { validateCredit } from "balance-ledger";

validateCredit({ amount: 1234, appears_on_statement_as: "ACME" }, { version: "1.1" }).credit.fee; // → 25
validateCredit({ amount: 0 }).issues.map((i) => i.path); // → ["/amount"]`,
    ts: "(request: CreditRequest, options?: CreditOptions | null): ValidateCreditResult",
  },
  {
    name: "createCredit",
    module: "full",
    args: [["request", "json"], ["options", "created"]],
    doc: "Makes the credit resource of a request (validated as `validateCredit` does; problems throw\n`invalid_input` with every issue): pending, with its id, transaction number and schedule. v1 in the\nshape of the v1 document's response bodies (`available_at`), v1.1 exactly as Balanced's 1.1 schema;\nwhat a version has no field for is in `meta`'s `balance_ledger.*` keys (submission time and failure\ndeadline; v1.1 also `available_at` and the fee). `now` defaults to the current time, `seed` (what\nthe id and transaction number are made from) to 16 random bytes from `crypto.getRandomValues`.",
    throws: "`invalid_input` with every issue of the request (as `validateCredit`), `invalid_option`.",
    example: `import { createCredit } from "balance-ledger";

const credit = createCredit({ amount: 1500, destination_uri: "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" },
  { version: "1.1", now: "2026-03-06T14:59:59-08:00", seed: "example" });
[credit.status, credit.amount, credit.links.destination]; // → ["pending", 1500, "BA2rvRdkxZ1w1B8cVSSAkgpm"]`,
    ts: [
      "(request: CreditRequest, options: CreateCreditOptions & { version: \"1\" }): CreditResourceV1",
      "(request: CreditRequest, options: CreateCreditOptions & { version: \"1.1\" }): CreditResourceV1_1",
      "(request: CreditRequest, options: CreateCreditOptions): CreditResource",
    ],
  },
  {
    name: "transitionCredit",
    module: "full",
    args: [["credit", "json"], ["status", "json"], ["options", "optional"]],
    doc: "Moves a credit to a new status, every other field kept (on a resource, `updated_at` becomes `at`).\nv1: `pending → cleared | rejected`;\nv1.1: `pending → succeeded | failed`; a bank's rejection after success is accepted up to the\nfailure deadline (judged at `options.at` against the credit's `created_at`). Any other move\nthrows `invalid_transition` (or `failure_window_closed`).",
    throws: "`invalid_transition` (a move the status machine does not allow), `failure_window_closed` (a rejection after the failure deadline), `invalid_input`, `invalid_option`.",
    example: `import { transitionCredit } from "balance-ledger";

transitionCredit({ status: "pending", amount: 1500 }, "succeeded"); // → { status: "succeeded", amount: 1500 }
transitionCredit({ status: "failed", amount: 1500 }, "succeeded"); // → throws { code: "invalid_transition" }`,
    ts: [
      "<C extends { state: CreditStateV1; created_at?: string | null }>(credit: C, state: CreditStateV1, options?: TransitionOptions | null): Omit<C, \"state\"> & { state: CreditStateV1 }",
      "<C extends { status: CreditStatusV1_1; created_at?: string | null }>(credit: C, status: CreditStatusV1_1, options?: TransitionOptions | null): Omit<C, \"status\"> & { status: CreditStatusV1_1 }",
    ],
  },
  {
    name: "creditSchedule",
    module: "full",
    args: [["createdAt", "json"], ["options", "optional"]],
    doc: "When a credit created at `createdAt` (ISO 8601 with an offset, or a `Date`) is submitted (a 3 pm\nPacific batch), expected available (9:00 am Pacific the business day after) and open to a bank's\nrejection until (three business days after that). Instants come back in Pacific time.",
    throws: "`invalid_input` (`invalid_date_time`: not ISO 8601 with an offset), `invalid_option`.",
    example: `import { creditSchedule } from "balance-ledger";

creditSchedule("2026-03-06T14:59:59-08:00");
// → { submitted_at: "2026-03-06T15:00:00-08:00", available_at: "2026-03-09T09:00:00-07:00",
//      failure_deadline: "2026-03-12T09:00:00-07:00" }`,
    ts: "(createdAt: string | Date, options?: ScheduleOptions | null): CreditSchedule",
  },
  {
    name: "listPage",
    module: "full",
    args: [["items", "json"], ["options", "optional"]],
    doc: "One page of `items` (each with a `created_at`), newest first, in the v1 list envelope; with\n`version: \"1.1\"`, in Balanced's 1.1 envelope of credits `{ credits, links, meta }`.",
    throws: "`invalid_input` (an item without a `created_at` time), `invalid_option` (limit, offset, uri or total out of range).",
    example: `import { listPage } from "balance-ledger";

const items = [{ id: "a", created_at: "2026-01-01T00:00:00Z" }, { id: "b", created_at: "2026-01-02T00:00:00Z" }];
listPage(items, { uri: "/v1/credits", limit: 1 }).items; // → [{ id: "b", created_at: "2026-01-02T00:00:00Z" }]`,
    ts: [
      "<T extends { created_at: string }>(items: readonly T[], options: ListOptions & { version?: \"1\" | null }): ListPage<T>",
      "<T extends { created_at: string }>(items: readonly T[], options: ListOptions & { version: \"1.1\" }): ListPageV1_1<T>",
    ],
  },
  {
    name: "isBusinessDay",
    module: "full",
    args: [["date", "json"]],
    doc: "Whether the Federal Reserve is open on a `\"YYYY-MM-DD\"` date (weekends and Fed holidays are not).",
    throws: "`invalid_input` (`invalid_date`: not a `YYYY-MM-DD` calendar date).",
    example: `import { isBusinessDay } from "balance-ledger";

isBusinessDay("2026-07-03"); // → true
isBusinessDay("2027-07-05"); // → false`,
    ts: "(date: string): boolean",
  },
];

/** The argument kinds the bridge knows (js/bridge.js `createApi`). */
export const ARG_KINDS = ["json", "customer", "state", "cashState", "optional", "timed", "created", "text", "columns", "settlementColumns"];
