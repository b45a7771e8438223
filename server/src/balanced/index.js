// The Balanced credits family (seeds balanced-v1-credits.rst, balanced-v1.1-credits.rst): credits
// and the bank accounts they pay, under /v1 (v1, or v1.1 by Accept's revision) and at Balanced
// 1.1's own paths — in Balanced's dialect, so its official client works against it: the key as
// Basic's user name (as Bearer too), answers as `application/json` exactly (the client refuses
// any other Content-Type), errors in Balanced's envelope (errors.js), every link a served path.
import { HttpError, toHttpError } from "../errors.js";
import { parseJsonExact } from "../json-body.js";
import { basicCredentials, bearerKey } from "../keys.js";
import { balancedError, balancedErrorBody, newRequestId } from "./errors.js";
import { RESOURCE_ID, creditRoutes } from "./credits.js";
import { bankAccountRoutes } from "./bank-accounts.js";
import { getBankAccount } from "../bank-accounts.js";
import { getCredit } from "../credits.js";
import { BANK_ACCOUNT_LINKS, CREDIT_LINKS, bankAccountView, creditView, one } from "./views.js";

/** The key of a request as Balanced takes it: Basic with the key as the user name, or Bearer. */
function balancedKey(header) {
  const basic = basicCredentials(header);
  // Balanced's client sends no password (requests writes Python's None as "None"); Balanced read the user name only.
  if (basic) return basic.user;
  return bearerKey(header);
}

export default async function balanced(app) {
  // Balanced's client sends its Content-Type on every request, a DELETE's empty body too: an empty
  // body is no body here (a route that needs one refuses it by its schema); the rest as everywhere.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, text, done) => {
    if (text === "") return done(null, undefined);
    try {
      done(null, parseJsonExact(text));
    } catch (err) {
      done(new HttpError(400, "unreadable_input", `the body is not JSON: ${err.message}`));
    }
  });
  app.addHook("onRequest", async (req) => {
    req.balancedRequestId = newRequestId();
  });
  app.addHook("onSend", async (req, reply, payload) => {
    reply.header("x-balanced-guru", req.balancedRequestId);
    if (String(reply.getHeader("content-type") ?? "").startsWith("application/json")) reply.header("content-type", "application/json");
    return payload;
  });
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    // Balanced refused a request its rules do not allow with 400 (its schema knows no 422).
    if (e.status === 422) e.status = 400;
    if (e.status === 401) reply.header("www-authenticate", 'Basic realm="balanced", Bearer realm="balanced"');
    reply.status(e.status).send(balancedErrorBody(e, req.balancedRequestId ?? newRequestId()));
  });
  app.decorate("auth", async (req) => {
    req.caller = await app.callerOf(balancedKey(req.headers.authorization));
    if (!req.caller) {
      throw new HttpError(401, "unauthorized", "a valid key is required: Basic with the key as the user name, or Authorization: Bearer <key>");
    }
  });
  app.decorate("merchantAuth", async (req) => {
    await app.auth(req);
    if (req.caller.kind !== "private") throw new HttpError(403, "forbidden", "credits and bank accounts need the merchant's private key");
  });
  await app.register(creditRoutes("1"), { prefix: "/v1" });
  await app.register(creditRoutes("1.1"));
  await app.register(bankAccountRoutes("1"), { prefix: "/v1" });
  await app.register(bankAccountRoutes("1.1"));

  const TAGS = ["Balanced credits"];
  const params = { type: "object", required: ["id"], properties: { id: { type: "string", pattern: RESOURCE_ID } } };
  const response = { 200: { type: "object", additionalProperties: true }, "4xx": balancedError, "5xx": balancedError };
  // A v1.1 credit's destination link: whatever the id names (a bank account; a v1.1 credit too).
  app.get(
    "/resources/:id",
    { onRequest: app.merchantAuth, schema: { operationId: "fetchBalancedResource", tags: TAGS, params, response } },
    async (req) => {
      const { id } = req.params;
      if (id.startsWith("BA")) return one("1.1", "bank_accounts", BANK_ACCOUNT_LINKS, bankAccountView("1.1", await getBankAccount(app.db, id)));
      if (id.startsWith("CR")) {
        const row = await getCredit(app.db, id);
        if (row.version === "1.1") return one("1.1", "credits", CREDIT_LINKS, creditView("1.1", row.resource));
      }
      throw new HttpError(404, "not_found", `no resource "${id}"`);
    },
  );
  // Templates the links carry whose value is always null here (no customer, order, settlement or
  // verification is kept): served, and each id is not found.
  for (const [path, what] of [["customers", "customer"], ["orders", "order"], ["settlements", "settlement"], ["verifications", "verification"]]) {
    app.get(
      `/${path}/:id`,
      { onRequest: app.merchantAuth, schema: { operationId: `fetchBalanced${what[0].toUpperCase()}${what.slice(1)}`, tags: TAGS, params, response } },
      async (req) => {
        throw new HttpError(404, "not_found", `no ${what} "${req.params.id}": this ledger keeps none`);
      },
    );
  }
}
