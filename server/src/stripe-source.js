// The pluggable source of a customer's cash balance transactions, asked when a delivered
// transaction shows a gap (an earlier one has not arrived): Stripe's own list endpoint through the
// official client. Any object with `transactions(customerId) → Promise<transaction[]>` will do
// (buildApp's `cashSource`); main.js makes this one when STRIPE_SECRET_KEY is set. A source may
// also have `before(customerId, transactionId) → Promise<transaction[]>`: the few transactions
// just before one (newest first), asked with every delivery, so that a transaction whose balance
// happens to fit is not applied before a predecessor that has not been delivered yet.
import Stripe from "stripe";

/** At most this many transactions are fetched for one gap. */
export const MAX_FETCHED = 10_000;
/** The predecessors asked with each delivery (one page of Stripe's list). */
export const PREDECESSORS = 10;

/** `apiUrl` (STRIPE_API_URL) points the client elsewhere than api.stripe.com: a test double, stripe-mock. */
export function stripeSource(secretKey, apiUrl) {
  const where = {};
  if (apiUrl) {
    const u = new URL(apiUrl);
    where.protocol = u.protocol.replace(/:$/, "");
    where.host = u.hostname;
    where.port = Number(u.port || (where.protocol === "http" ? 80 : 443));
  }
  const stripe = new Stripe(secretKey, { ...where, maxNetworkRetries: 1, timeout: 10_000 });
  return {
    async transactions(customer) {
      const out = [];
      for await (const t of stripe.customers.listCashBalanceTransactions(customer, { limit: 100 })) {
        out.push(t);
        if (out.length >= MAX_FETCHED) break;
      }
      return out;
    },
    async before(customer, id) {
      const page = await stripe.customers.listCashBalanceTransactions(customer, { limit: PREDECESSORS, starting_after: id });
      return page.data;
    },
  };
}
