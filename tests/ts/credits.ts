// A TypeScript consumer of the credit functions: `tsc --noEmit` must accept the right uses, and each
// expected error proves the types are precise.
import {
  validateCredit,
  transitionCredit,
  creditSchedule,
  listPage,
  isBusinessDay,
  type Credit,
  type CreditV1,
  type CreditV1_1,
  type CreditRequest,
  type CreditSchedule,
  type CreditStateV1,
  type CreditStatusV1_1,
  type ListPage,
  type ValidateCreditResult,
} from "balance-ledger";

const request: CreditRequest = {
  amount: 1234,
  description: "payout",
  meta: { "my-id": "0987654321" },
  appears_on_statement_as: "ACME",
  bank_account: { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" },
};
const result: ValidateCreditResult = validateCredit(request, { version: "1", minAmount: 100, maxAmount: "100000", fee: 25 });
if (result.ok) {
  const credit: Credit = result.credit;
  const fee: number = credit.fee;
  const last: string | undefined = credit.bank_account?.last_four;
  if (credit.version === "1") {
    const state: CreditStateV1 = credit.state;
    const cleared = transitionCredit(credit, "cleared");
    const s: CreditStateV1 = cleared.state;
    const amount: number = cleared.amount;
    // @ts-expect-error: the moved v1 credit has a state, no status
    cleared.status;
    console.log(state, s, amount);
    // @ts-expect-error: a v1 credit has a state, never succeeded
    transitionCredit(credit, "succeeded");
  } else {
    const status: CreditStatusV1_1 = credit.status;
    const failed = transitionCredit(credit, "failed", { at: "2026-03-12T09:00:00-07:00" });
    const s: CreditStatusV1_1 = failed.status;
    console.log(status, s);
    // @ts-expect-error: v1.1 has no "cleared"
    transitionCredit(credit, "cleared");
  }
  console.log(fee, last);
} else {
  console.log(result.issues[0]?.code);
}

const v1: CreditV1 = { version: "1", state: "pending", amount: 1, fee: 25, description: null, meta: {}, appears_on_statement_as: null, destination_uri: null, bank_account: null };
const v11: CreditV1_1 = { ...v1, version: "1.1", status: "pending" } as unknown as CreditV1_1;
const stored = transitionCredit({ ...v11, created_at: "2026-03-06T14:59:59-08:00", id: "CR1" }, "succeeded");
const id: string = stored.id;

const schedule: CreditSchedule = creditSchedule("2026-03-06T14:59:59-08:00", { version: "1.1" });
const fromDate: CreditSchedule = creditSchedule(new Date());
const open: boolean = isBusinessDay("2026-07-03");

const page: ListPage<{ id: string; created_at: string }> = listPage([{ id: "CR1", created_at: "2026-03-06T10:00:00Z" }], { uri: "/v1/credits", limit: 5 });
const next: string | null = page.next_uri;
const firstId: string | undefined = page.items[0]?.id;

// @ts-expect-error: amount is required
const noAmount: CreditRequest = { description: "x" };
// @ts-expect-error: meta values are strings
const nested: CreditRequest = { amount: 1, meta: { a: { b: "c" } } };
// @ts-expect-error: an account is checking or savings
const money: CreditRequest = { amount: 1, bank_account: { name: "F", routing_number: "1", account_number: "1", type: "money" } };
// @ts-expect-error: versions are "1" and "1.1"
validateCredit(request, { version: "2" });
// @ts-expect-error: listPage needs the collection's uri
listPage([], {});
// @ts-expect-error: items must carry created_at
listPage([{ id: "x" }], { uri: "/c" });
// @ts-expect-error: submitted_at is ISO 8601 text, not a Date
const when: Date = schedule.submitted_at;
// @ts-expect-error: the answer must be narrowed before reading credit
result.credit;
// @ts-expect-error: isBusinessDay answers a boolean
const notString: string = isBusinessDay("2026-07-03");
// @ts-expect-error: next_uri may be null
const nextNotNull: string = page.next_uri;

console.log(id, schedule, fromDate, open, next, firstId, noAmount, nested, money, when, notString, nextNotNull);
