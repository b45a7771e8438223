// The Balanced credits family (seeds balanced-v1-credits.rst, balanced-v1.1-credits.rst): credits
// under /v1 (v1, or v1.1 by Accept's revision) and at Balanced 1.1's own paths.
import { HttpError, errorBody, toHttpError } from "../errors.js";
import { bearerKey } from "../keys.js";
import { creditRoutes } from "./credits.js";

export default async function balanced(app) {
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    reply.status(e.status).send(errorBody(e));
  });
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(bearerKey(req.headers.authorization));
    if (!req.caller) throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>");
  });
  await app.register(creditRoutes("1"), { prefix: "/v1" });
  await app.register(creditRoutes("1.1"));
}
