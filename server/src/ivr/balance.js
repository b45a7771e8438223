// GET /api/v1/customers/:id/balance: the IVR's account-balance view (seed ivr-account-balance.md),
// from the package's accountBalance. The Request-Tracking-Id header is echoed, in the body and
// as a header; without one the server makes one up, so every answer can be traced. ProfileId
// (which IVR calls) is logged and echoed as a header.
import { randomUUID } from "node:crypto";
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { getCustomer } from "../store.js";
import { idParams, mayAct } from "../request.js";

const TRACKING = /^[\x20-\x7e]{1,128}$/;
const PROFILE = /^[\x21-\x7e]{1,128}$/;
const TAGS = ["IVR"];
const error = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "issues"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, code: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};
const balanceView = {
  type: "object",
  required: ["request_tracking_id", "balance"],
  additionalProperties: true,
  properties: {
    request_tracking_id: { type: "string" },
    billing_name: { type: "string" },
    ivr_fee: { type: "string" },
    last_payment_amount: { type: ["string", "null"] },
    last_payment_date: { type: ["string", "null"] },
    balance: {
      type: "array",
      items: { type: "object", required: ["type", "amount"], properties: { type: { type: "string" }, amount: { type: "string" } } },
    },
  },
};
const headers = {
  type: "object",
  properties: { "request-tracking-id": { type: "string" }, profileid: { type: "string" } },
};

export async function ivrRoutes(app, opts) {
  const schema = { operationId: "getAccountBalance", tags: TAGS, params: idParams, headers, response: { 200: balanceView, "4xx": error, "5xx": error } };
  app.get("/api/v1/customers/:id/balance", { onRequest: app.auth, schema }, async (req, reply) => {
    const given = req.headers["request-tracking-id"];
    if (given !== undefined && (typeof given !== "string" || !TRACKING.test(given))) {
      throw new HttpError(400, "invalid_input", "Request-Tracking-Id must be 1 to 128 printable ASCII characters", [
        { path: "/headers/request-tracking-id", code: "invalid_characters", message: "1 to 128 printable ASCII characters" },
      ]);
    }
    const tracking = given ?? randomUUID();
    reply.header("request-tracking-id", tracking);
    const profile = req.headers.profileid;
    if (profile !== undefined) {
      if (typeof profile !== "string" || !PROFILE.test(profile)) {
        throw new HttpError(400, "invalid_input", "ProfileId must be 1 to 128 printable ASCII characters", [
          { path: "/headers/profileid", code: "invalid_characters", message: "1 to 128 printable ASCII characters" },
        ]);
      }
      reply.header("profileid", profile);
      req.log.info({ profileId: profile, customer: req.params.id, ivr: req.caller.user }, "ivr balance read");
    }
    mayAct(req.caller, req.params.id);
    const row = await getCustomer(app.db, req.params.id);
    const extras = { request_tracking_id: tracking };
    if (row.name) extras.billing_name = row.name;
    if (opts.ivrFee !== undefined) extras.ivr_fee = opts.ivrFee;
    return ledger.ivrView(row.state, extras);
  });
}
