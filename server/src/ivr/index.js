// The IVR family (seed ivr-account-balance.md): the account balance an IVR reads while a caller
// waits, in the IVR's dialect: HTTP Basic with a login of IVR_CREDENTIALS (as the seed's sample
// request sends it), or a Bearer key of this server; its ProfileId accepted, logged and echoed.
import { HttpError, errorBody, toHttpError } from "../errors.js";
import { basicCredentials, bearerKey } from "../keys.js";
import { ivrLogin } from "./credentials.js";
import { ivrRoutes } from "./balance.js";

/** opts: { ivrFee, credentials } (credentials as ivrCredentials() reads IVR_CREDENTIALS). */
export default async function ivr(app, opts) {
  const credentials = opts.credentials ?? [];
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    if (e.status === 401) reply.header("www-authenticate", 'Basic realm="ivr", Bearer');
    reply.status(e.status).send(errorBody(e));
  });
  app.decorate("auth", async (req) => {
    const header = req.headers.authorization;
    const basic = basicCredentials(header);
    if (basic) {
      const login = ivrLogin(credentials, basic.user, basic.password);
      // An IVR reads any customer's balance, as the merchant would.
      if (login) req.caller = { kind: "ivr", user: login.user };
    } else {
      req.caller = await app.callerOf(bearerKey(header));
    }
    if (!req.caller) {
      throw new HttpError(401, "unauthorized", "a valid login is required: Basic with an IVR login, or Authorization: Bearer <key>");
    }
  });
  await app.register(ivrRoutes, opts);
}
