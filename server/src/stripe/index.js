// The Stripe cash balance family (seed stripe-cash-balance.txt): the cash balance, its
// transactions, the held ones, and the signed webhook receiver.
import { HttpError, errorBody, toHttpError } from "../errors.js";
import { bearerKey } from "../keys.js";
import { cashRoutes } from "./cash.js";
import { webhookRoutes } from "./webhooks.js";

/** opts: { webhookSecret, webhookTolerance, cashSource }. */
export default async function stripe(app, opts) {
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    reply.status(e.status).send(errorBody(e));
  });
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(bearerKey(req.headers.authorization));
    if (!req.caller) throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>");
  });
  await app.register(cashRoutes);
  await app.register(webhookRoutes, opts);
}
