// POST /webhooks/stripe: Stripe's events, verified with the official client against the raw body
// and STRIPE_WEBHOOK_SECRET (a forged, altered or replayed delivery is refused), then stored and
// applied (cash-store.js); 2xx only once the event is stored. When a transaction waits for an
// earlier one and a source of Stripe's transactions is configured (`opts.cashSource`, pluggable),
// the customer's transactions are fetched from it and the missing ones applied in their order; a
// source that lists a transaction's predecessors is asked with every delivery.
import Stripe from "stripe";
import { HttpError } from "../errors.js";
import { placeOf, receiveEvent, receiveFetched } from "../cash-store.js";
import { stripeError } from "./errors.js";

// The body is bytes until the signature over them verifies (no JSON schema can see it before).
const schema = {
  operationId: "receiveStripeEvent",
  tags: ["Stripe cash balance"],
  headers: { type: "object", properties: { "stripe-signature": { type: "string" } } },
  response: {
    200: {
      type: "object",
      required: ["received", "event"],
      additionalProperties: true,
      properties: { received: { type: "boolean" }, event: { type: "string" } },
    },
    "4xx": stripeError,
    "5xx": stripeError,
  },
};

const placeable = (t) => {
  try {
    placeOf(t);
    return true;
  } catch {
    return false;
  }
};

export async function webhookRoutes(app, opts) {
  // The signature covers the body's exact bytes: this route alone reads it raw (this plugin's own
  // parser; every other route keeps the exact-number JSON parser).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.post("/webhooks/stripe", { schema }, async (req, reply) => {
    if (!opts.webhookSecret) {
      throw new HttpError(503, "not_configured", "STRIPE_WEBHOOK_SECRET is not set: no event can be verified");
    }
    const signature = req.headers["stripe-signature"];
    if (typeof signature !== "string" || !Buffer.isBuffer(req.body)) {
      throw new HttpError(400, "invalid_signature", "a Stripe event comes with its Stripe-Signature header and a JSON body");
    }
    let event;
    try {
      event = Stripe.webhooks.constructEvent(req.body, signature, opts.webhookSecret, opts.webhookTolerance);
    } catch (err) {
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new HttpError(400, "invalid_signature", `the event does not verify: ${err.message}`);
      }
      // Signed, but not an event's JSON.
      throw new HttpError(400, "unreadable_input", `the event cannot be read: ${err.message}`);
    }
    let predecessors = [];
    if (event.type === "customer_cash_balance_transaction.created" && opts.cashSource?.before) {
      const place = placeOf(event.data?.object); // a malformed transaction is refused before any fetch
      try {
        const listed = await opts.cashSource.before(place.customer, place.id);
        // A listed transaction this server cannot place is left to its own delivery.
        predecessors = listed.filter((p) => placeable(p) && placeOf(p).customer === place.customer);
      } catch (err) {
        // Without them the chain alone decides, as with no source.
        req.log.warn({ err, customer: place.customer }, "fetching the predecessors of a cash balance transaction failed");
      }
    }
    let r = await receiveEvent(app.db, event, predecessors);
    if (r.outcome === "held" && opts.cashSource) {
      try {
        const fetched = await opts.cashSource.transactions(r.customer);
        r = { ...r, fetched: fetched.length, ...(await receiveFetched(app.db, r.customer, fetched)) };
        if (r.applied.includes(event.data.object.id)) r.outcome = "applied";
      } catch (err) {
        // The event is stored: it waits for the missing transaction's own delivery.
        req.log.warn({ err, customer: r.customer }, "fetching the missing cash balance transactions failed");
      }
    }
    if (r.refused.length > 0) req.log.warn({ customer: r.customer, refused: r.refused }, "cash balance transactions refused");
    reply.status(200);
    return { received: true, event: event.id, ...r };
  });
}
