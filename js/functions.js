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
//             optional  the same, undefined meaning null (options that may be left out)
//             timed     ledger options: `now` is added (the current time) when the caller gave none
//             text      JSON text the caller already holds, passed as it is (must be a string)
//             columns   item columns (typed arrays), each copied into wasm memory as one block
//             settlementColumns  the same with the leading `counts` and `funds` columns
//   doc     the TSDoc comment
//   ts      the TypeScript signature after the name (a list for overloads)

export const FUNCTIONS = [
  {
    name: "validateItems",
    module: "checkout",
    args: [["body", "json"], ["options", "optional"]],
    doc: "Validates an item body; with a currency, lines are rounded to its minor unit.",
    ts: "(body: ItemBody, options?: ValidateItemsOptions | null): ValidateItemsResult",
  },
  {
    name: "itemTotals",
    module: "checkout",
    args: [["body", "json"], ["currency", "json"]],
    doc: "Totals of an item body in a currency (ISO 4217, alphabetic or numeric). Throws on bad input.",
    ts: "(body: ItemBody, currency: string): Totals",
  },
  {
    name: "itemTotalsJson",
    wasm: "itemTotals",
    module: "checkout",
    args: [["text", "text"], ["currency", "json"]],
    doc: "`itemTotals` on an item body the caller already holds as JSON text (a request body): no\n`JSON.stringify` on the way in. The same rules and limits as `itemTotals`.",
    ts: "(text: string, currency: string): Totals",
  },
  {
    name: "itemTotalsBatch",
    module: "checkout",
    args: [["columns", "columns"], ["currency", "json"]],
    doc: "Totals of up to 4,000,000 items given as columns, in one crossing: the same rules and rounding\nas `itemTotals` on the same items, without writing or parsing any text. Throws a\n`BalanceLedgerError` with an issue at `/<column>/<row>` (`not_integer`, `not_finite`,\n`out_of_range`, `length_mismatch`, or the item rules' codes).",
    ts: "(columns: ItemColumns, currency: string): Totals",
  },
  {
    name: "chargeBalance",
    module: "full",
    args: [["customer", "json"], ["body", "json"], ["options", "timed"]],
    doc: "Adds the body's items to the customer's balance (POST customer/<id>/balance).",
    ts: "(customer: CustomerInput, body: ItemBody, options?: LedgerOptions | null): ChargeResult",
  },
  {
    name: "fundBalance",
    module: "full",
    args: [["customer", "json"], ["order", "json"], ["outcome", "json"], ["options", "timed"]],
    doc: "Credits an authorised order's total to the balance, or marks the customer pending with retries.",
    ts: "(customer: CustomerInput, order: FundingOrder, outcome: Outcome, options?: LedgerOptions | null): OrderResult",
  },
  {
    name: "previewSettlement",
    module: "full",
    args: [["customer", "json"], ["options", "timed"]],
    doc: "What settling the balance (DELETE customer/<id>/balance) will do, both ways, without doing it.",
    ts: "(customer: CustomerInput, options?: LedgerOptions | null): SettlementPreview",
  },
  {
    name: "settleBalance",
    module: "full",
    args: [["customer", "json"], ["outcome", "json"], ["options", "timed"]],
    doc: "Settles the balance through the very computation of the preview, with one outcome applied.",
    ts: "(customer: CustomerInput, outcome: Outcome, options?: LedgerOptions | null): OrderResult",
  },
  {
    name: "replayJournal",
    module: "full",
    args: [["customer", "json"], ["entries", "json"]],
    doc: "Folds journal entries (oldest first, as the mutating calls returned them) onto a customer's\ninitial state: the state those calls returned. An entry that does not follow (a gap, a repeat,\na changed amount) throws `journal_mismatch`.",
    ts: "(customer: CustomerInput, entries: LedgerEntry[]): CustomerView",
  },
  {
    name: "previewSettlements",
    module: "full",
    args: [["customers", "json"], ["options", "timed"]],
    doc: "Settle \"all\": the seed's counts and each customer's preview (or the issues that stopped it).",
    ts: "(customers: CustomerInput[], options?: LedgerOptions | null): SettleAll",
  },
  {
    name: "previewSettlementsBatch",
    module: "full",
    args: [["columns", "settlementColumns"], ["currency", "json"]],
    doc: "What settling each customer of the columns will charge (`amounts[i]` for customer `i`).",
    ts: "(columns: SettlementColumns, currency: string): SettlementAmounts",
  },
  {
    name: "settlementTarget",
    module: "full",
    args: [["keyKind", "json"], ["customerId", "json"]],
    doc: "Whom a settlement may name: a customer key only \"me\"; a private key an id or \"all\". Throws otherwise.",
    ts: "(keyKind: \"customer\" | \"private\", customerId: string): Target",
  },
  {
    name: "accountBalance",
    module: "full",
    args: [["customer", "json"], ["extras", "optional"]],
    doc: "The IVR's account-balance view: what is due (unsettled items less funds) and the last payment.",
    ts: "(customer: CustomerInput, extras: AccountExtras): AccountBalance",
  },
  {
    name: "applyCashTransaction",
    module: "full",
    args: [["state", "json"], ["transaction", "json"]],
    doc: "Applies one Stripe cash balance transaction to a state: the new state, the transaction with its\n`ending_balance`, and (automatic mode, funds added) the `applied_to_payment` transactions made.",
    ts: "(state: CashBalanceStateInput, transaction: CashTransactionInput): CashTransactionResult",
  },
  {
    name: "cashBalance",
    module: "full",
    args: [["customerId", "json"], ["transactions", "json"], ["settings", "optional"]],
    doc: "Stripe's `cash_balance` object folded from transactions, oldest first.",
    ts: "(customerId: string, transactions: CashTransactionInput[], settings?: CashBalanceSettingsInput | null): CashBalance",
  },
  {
    name: "addCashPayment",
    module: "full",
    args: [["state", "json"], ["payment", "json"]],
    doc: "Adds a payment awaiting funds; in automatic mode the balance's funds go to it at once.",
    ts: "(state: CashBalanceStateInput, payment: CashPaymentInput): CashReconcileResult",
  },
  {
    name: "reconcileCashBalance",
    module: "full",
    args: [["state", "json"], ["request", "json"]],
    doc: "Applies funds to open payments now, oldest first (the \"apply\" of manual mode).",
    ts: "(state: CashBalanceStateInput, request: CashReconcileRequest): CashReconcileResult",
  },
  {
    name: "canDeleteCustomer",
    module: "full",
    args: [["state", "json"]],
    doc: "False while the customer has any cash balance entry, even 0 (a state or a `cash_balance`).",
    ts: "(state: CashBalanceStateInput | CashBalance): boolean",
  },
  {
    name: "validateCredit",
    module: "full",
    args: [["request", "json"], ["options", "optional"]],
    doc: "Validates a credit request (a payout to a bank account) against the merchant's settings.\nProblems in the request answer `{ ok: false, issues }`; bad options throw (`invalid_option`).",
    ts: "(request: CreditRequest, options?: CreditOptions | null): ValidateCreditResult",
  },
  {
    name: "transitionCredit",
    module: "full",
    args: [["credit", "json"], ["status", "json"], ["options", "optional"]],
    doc: "Moves a credit to a new status, every other field kept. v1: `pending → cleared | rejected`;\nv1.1: `pending → succeeded | failed`; a bank's rejection after success is accepted up to the\nfailure deadline (judged at `options.at` against the credit's `created_at`). Any other move\nthrows `invalid_transition` (or `failure_window_closed`).",
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
    ts: "(createdAt: string | Date, options?: ScheduleOptions | null): CreditSchedule",
  },
  {
    name: "listPage",
    module: "full",
    args: [["items", "json"], ["options", "optional"]],
    doc: "One page of `items` (each with a `created_at`), newest first, in the v1 list envelope.",
    ts: "<T extends { created_at: string }>(items: readonly T[], options: ListOptions): ListPage<T>",
  },
  {
    name: "isBusinessDay",
    module: "full",
    args: [["date", "json"]],
    doc: "Whether the Federal Reserve is open on a `\"YYYY-MM-DD\"` date (weekends and Fed holidays are not).",
    ts: "(date: string): boolean",
  },
];

/** The argument kinds the bridge knows (js/bridge.js `createApi`). */
export const ARG_KINDS = ["json", "optional", "timed", "text", "columns", "settlementColumns"];
