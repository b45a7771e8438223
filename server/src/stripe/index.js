// The Stripe cash balance family (seed stripe-cash-balance.txt): the cash balance, its
// transactions, the held ones, and the signed webhook receiver — in Stripe's dialect, so Stripe's
// official clients work against it: a key as `Bearer <key>` or as Basic's user name (Stripe
// accepts both), Stripe's error object (errors.js), a `Request-Id` on every answer.
import { randomBytes } from "node:crypto";
import { HttpError, toHttpError } from "../errors.js";
import { basicCredentials, bearerKey } from "../keys.js";
import { stripeErrorBody } from "./errors.js";
import { cashRoutes } from "./cash.js";
import { webhookRoutes } from "./webhooks.js";

/** The key of a request as Stripe takes it: Bearer, or Basic with the key as the user name. */
export function stripeKey(header) {
  return bearerKey(header) ?? basicCredentials(header)?.user ?? null;
}

/** opts: { webhookSecret, webhookTolerance, cashSource }. */
export default async function stripe(app, opts) {
  app.addHook("onRequest", async (req, reply) => {
    reply.header("request-id", `req_${randomBytes(12).toString("base64url")}`);
  });
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    if (e.status === 401) reply.header("www-authenticate", 'Bearer realm="stripe", Basic realm="stripe"');
    reply.status(e.status).send(stripeErrorBody(e));
  });
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(stripeKey(req.headers.authorization));
    if (!req.caller) {
      throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>, or Basic with the key as the user name");
    }
  });
  await app.register(cashRoutes);
  await app.register(webhookRoutes, opts);
}
