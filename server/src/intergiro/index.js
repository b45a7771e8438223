// The Intergiro balance family (seed intergiro-customer-balance.md): customers, charge and fund,
// settle and preview. Bearer keys; refusals in the server's own shape `{ error: { code, message,
// issues } }` with the package's codes.
import { HttpError, errorBody, toHttpError } from "../errors.js";
import { bearerKey } from "../keys.js";
import { customerRoutes } from "./customers.js";
import { balanceRoutes } from "./balance.js";
import { settleRoutes } from "./settle.js";

/** opts: { settleBatch, settleConcurrency }. */
export default async function intergiro(app, opts) {
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    if (e.status === 401) reply.header("www-authenticate", "Bearer");
    reply.status(e.status).send(errorBody(e));
  });
  // Every route names its key rule: the caller is set before the body is even read.
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(bearerKey(req.headers.authorization));
    if (!req.caller) throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>");
  });
  await app.register(customerRoutes);
  await app.register(balanceRoutes);
  await app.register(settleRoutes, opts);
}
