// Stripe's side of the webhook tests: transactions as Stripe's API writes them today, events, and
// deliveries signed with the official client's test helper.
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { checkTransactionList } from "../../../tests/js/support/stripe-schemas.mjs";

export const SECRET = `whsec_${randomBytes(16).toString("hex")}`;
const CREATED = 1_764_000_000;

/** A `funded` transaction of `customer`, exactly as Stripe's API returns one. */
export function funded(customer, id, amount, ending, created = CREATED) {
  return {
    id, object: "customer_cash_balance_transaction", created, currency: "eur", customer, customer_account: null,
    ending_balance: ending,
    funded: { bank_transfer: { eu_bank_transfer: { bic: "BANKDEAAXXX", iban_last4: "7089", sender_name: "Sample Business GmbH" },
      reference: `Invoice ${id}`, type: "eu_bank_transfer" } },
    livemode: false, net_amount: amount, type: "funded",
  };
}

/** A `transferred_to_balance` (funds moved to the merchant's Stripe balance). */
export function transferred(customer, id, amount, ending, created = CREATED) {
  return {
    id, object: "customer_cash_balance_transaction", created, currency: "eur", customer, customer_account: null,
    ending_balance: ending, livemode: false, net_amount: amount,
    transferred_to_balance: { balance_transaction: `txn_${id}` }, type: "transferred_to_balance",
  };
}

/** A customer's history: positive amounts funded, negative ones transferred out, each ending where the sum is. */
export function chain(customer, amounts) {
  let balance = 0;
  return amounts.map((amount, i) => {
    balance += amount;
    const id = `ccsbtxn_${customer}_${i}`;
    return amount > 0 ? funded(customer, id, amount, balance, CREATED + i) : transferred(customer, id, amount, balance, CREATED + i);
  });
}

export function eventOf(id, transaction) {
  return {
    id, object: "event", api_version: "2026-10-28.endive", created: transaction.created, livemode: false,
    pending_webhooks: 1, request: { id: null, idempotency_key: null },
    type: "customer_cash_balance_transaction.created", data: { object: transaction },
  };
}

/** POSTs the event as Stripe does: its JSON, signed (Stripe-Signature) with `secret` at `timestamp`. */
export async function deliver(s, event, { secret = SECRET, timestamp } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
  return s.call("POST", "/webhooks/stripe", {
    key: null,
    raw: payload,
    headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": header },
  });
}

/** Every transaction of the customer through the list endpoint, newest first, 100 a page. */
export async function listAll(s, customer) {
  const out = [];
  let after = "";
  for (;;) {
    const r = await s.call("GET", `/v1/customers/${customer}/cash_balance_transactions?limit=100${after}`);
    if (r.status !== 200) throw new Error(`list: ${r.status} ${JSON.stringify(r.body)}`);
    checkTransactionList(r.body);
    out.push(...r.body.data);
    if (!r.body.has_more) return out;
    after = `&starting_after=${r.body.data.at(-1).id}`;
  }
}

export function shuffled(list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
