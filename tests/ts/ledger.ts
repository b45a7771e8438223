// Type-check of the ledger API: precise customers, orders, previews and entries.
import {
  chargeBalance, fundBalance, previewSettlement, settleBalance, previewSettlements, settlementTarget,
  replayJournal,
  type CustomerInput, type CustomerView, type SettlementPreview, type LedgerEntry, type Order, type Target,
  type CustomerStatus, type KeyRecord,
} from "balance-ledger";

const customer: CustomerInput = { id: "c1", currency: "SEK", balance: [{ price: 1, currency: "SEK" }], total: "0", status: "active", limit: { hard: 100 } };
const charged = chargeBalance(customer, [{ price: 2 }], { now: "2026-11-23T10:00:00Z", idempotency_key: "k" });
const entries: LedgerEntry[] = charged.entries;
const entry: LedgerEntry = charged.entries[0]!;
const version: number = charged.customer.version;
const keys: KeyRecord[] = charged.customer.idempotency_keys;
const replayed: boolean = charged.replayed;
const matched: number[] | undefined = charged.matched; // on a replay: the original entries' versions
const recorded: number[] = keys[0]!.versions;
console.log(matched, recorded);
const folded: CustomerView = replayJournal(customer, entries);
// A customer of an earlier version, with its journal, is still accepted.
chargeBalance({ ...customer, journal: [{ id: "c1/1", kind: "charge" }] }, 1);
// @ts-expect-error: the journal is an array of entries
replayJournal(customer, entries[0]);
console.log(version, keys, replayed, folded);
const status: CustomerStatus = charged.customer.status;
const again = chargeBalance(charged.customer, 1); // an answer's customer is the next call's input

const funded = fundBalance(again.customer, { number: "o", items: 10, currency: "SEK", customer: "c1", payment: { type: "customer", charge: "balance" } }, "success");
const preview: SettlementPreview = previewSettlement(funded.customer);
const order: Order | null = preview.order;
const amount: string = preview.amount;
const settled = settleBalance(funded.customer, "failure");
const all = previewSettlements([customer], { detail: "summary" });
for (const r of all.results) {
  if (r.ok) {
    const a: string = r.amount;
    console.log(a);
  } else {
    console.log(r.issues.length);
  }
}
const target: Target = settlementTarget("private", "all");
if (target.scope === "customer") console.log(target.customer);

// @ts-expect-error: outcomes are "success" or "failure"
settleBalance(customer, "ok");
// @ts-expect-error: a status is one of the model's
const badStatus: CustomerStatus = "deleted";
// @ts-expect-error: a funding order's payment is the balance payment
fundBalance(customer, { number: "o", items: 1, currency: "SEK", customer: "c1", payment: { type: "card", charge: "balance" } }, "success");
// @ts-expect-error: key kinds are customer or private
settlementTarget("public", "me");
// @ts-expect-error: entry kinds are a closed set
const k: LedgerEntry["kind"] = "refund";

console.log(entry, status, order, amount, settled, badStatus, k);

import { accountBalance, type AccountBalance } from "balance-ledger";
const ivr: AccountBalance = accountBalance(customer, { request_tracking_id: "1", ivr_fee: "5.0" });
const due: string = ivr.balance[0]!.amount;
const lastDate: string | null = ivr.last_payment_date;
// @ts-expect-error: the tracking id is required
accountBalance(customer, { billing_name: "x" });
console.log(due, lastDate);
