// A TypeScript consumer of the credit resources: createCredit's answer is typed by its version,
// transitionCredit keeps it, listPage's v1.1 envelope holds it; each expected error proves the
// types are precise.
import {
  createCredit,
  transitionCredit,
  listPage,
  type CreditResource,
  type CreditResourceV1,
  type CreditResourceV1_1,
  type CreateCreditOptions,
  type ListPageV1_1,
} from "balance-ledger";

const account = { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" } as const;

const v11: CreditResourceV1_1 = createCredit({ amount: 1500, bank_account: account }, { version: "1.1", seed: "s" });
const href: string = v11.href;
const destination: string = v11.links.destination;
const reason: string | null = v11.failure_reason;
const currency: "USD" = v11.currency;
// @ts-expect-error: a v1.1 credit has a status, no state
v11.state;
// @ts-expect-error: and no available_at (it is in meta)
v11.available_at;
const availableAt: string | undefined = v11.meta["balance_ledger.available_at"];

const v1: CreditResourceV1 = createCredit(
  { amount: 1234, bank_account: account },
  { version: "1", now: "2012-10-31T16:40:12.425960Z", marketplace: "TEST-MP2roQeM4oBkR8Kw4GVeNT2Q" },
);
const uri: string = v1.uri;
const fee: number = v1.fee;
const lastFour: string = v1.destination.last_four;
// @ts-expect-error: a v1 credit has a uri, no href
v1.href;

const options: CreateCreditOptions = { version: "1.1" };
const either: CreditResource = createCredit({ amount: 1, destination_uri: "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }, options);
// @ts-expect-error: version is required
createCredit({ amount: 1 }, { now: "2026-03-06T10:00:00Z" });
// @ts-expect-error: a transaction number is a string
createCredit({ amount: 1 }, { version: "1.1", transaction_number: 5603 });

const done = transitionCredit(v11, "succeeded", { at: "2026-03-09T09:00:00-07:00", version: "1.1" });
const updated: string = done.updated_at;
const failed = transitionCredit(done, "failed", { at: "2026-03-10T09:00:00-07:00", failure_reason_code: "account-closed" });
// @ts-expect-error: v1.1 has no "rejected"
transitionCredit(v11, "rejected", { at: "2026-03-09T09:00:00-07:00" });
const rejected = transitionCredit(v1, "rejected", { at: "2012-11-01T09:00:00-07:00", version: "1" });

const page: ListPageV1_1<CreditResourceV1_1> = listPage([v11, done], { uri: "/credits", version: "1.1" });
const total: number = page.meta.total;
const next: string | null = page.meta.next;
const first: CreditResourceV1_1 | undefined = page.credits[0];
// @ts-expect-error: the v1.1 envelope has no items
page.items;

console.log(href, destination, reason, currency, availableAt, uri, fee, lastFour, either, updated, failed, rejected, total, next, first);
