// The IVR family (seed ivr-account-balance.md): the account balance an IVR reads while a caller waits.
import { HttpError, errorBody, toHttpError } from "../errors.js";
import { bearerKey } from "../keys.js";
import { ivrRoutes } from "./balance.js";

/** opts: { ivrFee }. */
export default async function ivr(app, opts) {
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    reply.status(e.status).send(errorBody(e));
  });
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(bearerKey(req.headers.authorization));
    if (!req.caller) throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>");
  });
  await app.register(ivrRoutes, opts);
}
