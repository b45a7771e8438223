// Balanced's error envelope, as its client reads it (balanced.exc.HTTPError takes the first one):
// `{ errors: [ { status, status_code, category_code, category_type, description, request_id,
// additional, extras } ] }`, valid against balanced/balanced-api's fixtures/errors.json: the
// description ends "Your request id is OHM….", extras names each refused field, `additional`
// keeps the server's own code (invalid_transition, failure_window_closed, …).
import { randomBytes } from "node:crypto";
import { STATUS_CODES } from "node:http";

// The server's codes as Balanced's categories (any other: "request").
const CATEGORY = {
  not_found: "not-found",
  limit_exceeded: "amount-exceeds-limit",
  method_not_allowed: "method-not-allowed",
};
const ISSUE_CATEGORY = { "/amount": "invalid-amount", "/bank_account/routing_number": "invalid-routing-number", "/bank_account/account_number": "invalid-bank-account-number" };

/** A request id as Balanced wrote them (OHM and 24 letters or digits). */
export const newRequestId = () => `OHM${randomBytes(12).toString("hex")}`;

/** An HttpError as Balanced's envelope; `requestId` the request's (also in its description). */
export function balancedErrorBody(e, requestId) {
  const issue = e.issues?.[0];
  const extras = {};
  for (const i of e.issues ?? []) {
    const field = i.path.replace(/^\/(?:body|querystring|params)(?=\/)/, "").slice(1);
    extras[field || "request"] ??= i.message;
  }
  const category_code = CATEGORY[e.code] ?? (issue && ISSUE_CATEGORY[issue.path]) ?? "request";
  return {
    errors: [
      {
        status: STATUS_CODES[e.status] ?? "Error",
        status_code: e.status,
        category_code,
        category_type: e.status === 409 || e.status === 422 ? "logical" : "request",
        description: `${e.message.replace(/\.?$/, ".")} Your request id is ${requestId}.`,
        request_id: requestId,
        additional: e.code,
        extras,
      },
    ],
  };
}

/** The envelope as a JSON schema (each route's error responses). */
export const balancedError = {
  type: "object",
  required: ["errors"],
  properties: {
    errors: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["status", "status_code", "category_code", "category_type", "description", "request_id"],
        properties: {
          status: { type: "string" },
          status_code: { type: "integer" },
          category_code: { type: "string" },
          category_type: { type: "string" },
          description: { type: "string" },
          request_id: { type: "string" },
          additional: { type: ["string", "null"] },
          extras: { type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
  },
};
