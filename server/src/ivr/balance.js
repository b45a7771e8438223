// GET /api/v1/customers/:id/balance: the IVR's account-balance view (seed ivr-account-balance.md),
// from the package's accountBalance. The Request-Tracking-Id header is echoed, in the body and
// as a header; without one the server makes one up, so every answer can be traced.
import { randomUUID } from "node:crypto";
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { getCustomer } from "../store.js";
import { idParams, mayAct } from "../request.js";

const TRACKING = /^[\x20-\x7e]{1,128}$/;

export async function ivrRoutes(app, opts) {
  app.get("/api/v1/customers/:id/balance", { onRequest: app.auth, schema: { params: idParams } }, async (req, reply) => {
    const given = req.headers["request-tracking-id"];
    if (given !== undefined && (typeof given !== "string" || !TRACKING.test(given))) {
      throw new HttpError(400, "invalid_input", "Request-Tracking-Id must be 1 to 128 printable ASCII characters", [
        { path: "/headers/request-tracking-id", code: "invalid_characters", message: "1 to 128 printable ASCII characters" },
      ]);
    }
    const tracking = given ?? randomUUID();
    reply.header("request-tracking-id", tracking);
    mayAct(req.caller, req.params.id);
    const row = await getCustomer(app.db, req.params.id);
    const extras = { request_tracking_id: tracking };
    if (row.name) extras.billing_name = row.name;
    if (opts.ivrFee !== undefined) extras.ivr_fee = opts.ivrFee;
    return ledger.ivrView(row.state, extras);
  });
}
