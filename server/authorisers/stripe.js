// An example authoriser (AUTHORISER=./authorisers/stripe.js, see src/authoriser.js): each payment
// is a Stripe PaymentIntent charged off-session to the customer's default payment method, through
// the official client. The ledger customer's id is its Stripe customer's id (as the cash balance
// routes take it). STRIPE_SECRET_KEY is the account's key; STRIPE_API_URL points the client
// elsewhere than api.stripe.com (a test double).
//   succeeded                                   → "success"
//   declined (a card error), no payment method  → "failure": the order is recorded as failed and retried
//   anything else (network, 5xx, processing)   → a throw: nothing is written, the client retries, and
//                                                 Stripe answers the retry from the same idempotency key.
import Stripe from "stripe";

// Stripe's amounts are integers in the currency's minor unit.
const ZERO_DECIMAL = new Set("BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split(" "));
const THREE_DECIMAL = new Set("BHD JOD KWD OMR TND".split(" "));

/** "12.50" in SEK → 1250: decimal text to minor units without floating point; a throw if it does not fit. */
export function minorUnits(amount, currency) {
  const code = String(currency).toUpperCase();
  const exponent = ZERO_DECIMAL.has(code) ? 0 : THREE_DECIMAL.has(code) ? 3 : 2;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(amount));
  if (!m) throw new Error(`the amount ${JSON.stringify(amount)} is not a positive decimal`);
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  if (fraction.length > exponent) throw new Error(`${amount} ${code} is finer than the currency's minor unit`);
  const minor = BigInt(m[1] + fraction.padEnd(exponent, "0"));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${amount} ${code} is too large`);
  return Number(minor);
}

let client = null;
function stripe() {
  if (client) return client;
  const key = process.env.STRIPE_SECRET_KEY;
  if (!key) throw new Error("the Stripe authoriser needs STRIPE_SECRET_KEY");
  const where = {};
  if (process.env.STRIPE_API_URL) {
    const u = new URL(process.env.STRIPE_API_URL);
    where.protocol = u.protocol.replace(/:$/, "");
    where.host = u.hostname;
    where.port = Number(u.port || (where.protocol === "http" ? 80 : 443));
  }
  client = new Stripe(key, { ...where, maxNetworkRetries: 2, timeout: 20_000 });
  return client;
}

export async function authorise({ customer, order, amount, currency, idempotencyKey }) {
  const s = stripe();
  const found = await s.customers.retrieve(customer.id);
  const method = found.deleted ? null : found.invoice_settings?.default_payment_method;
  if (!method) return "failure"; // nothing to charge: the customer goes pending, as for a decline
  try {
    const intent = await s.paymentIntents.create(
      {
        amount: minorUnits(amount, currency),
        currency: String(currency).toLowerCase(),
        customer: customer.id,
        payment_method: typeof method === "string" ? method : method.id,
        off_session: true,
        confirm: true,
        ...(order?.number ? { metadata: { order: String(order.number) } } : {}),
      },
      { idempotencyKey },
    );
    if (intent.status === "succeeded") return "success";
    if (intent.status === "requires_payment_method" || intent.status === "canceled") return "failure";
    throw new Error(`PaymentIntent ${intent.id} is ${intent.status}: not decided yet`);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeCardError) return "failure";
    throw err;
  }
}
