// Stripe's error object, as its clients read it: `{ error: { type, code, message, param?, doc_url? } }`
// with Stripe's types (invalid_request_error, authentication_error, idempotency_error, api_error)
// and codes (resource_missing, parameter_unknown, parameter_missing, parameter_invalid_integer, …).
// The server's refusals (errors.js) are translated here; status codes stay.

// The server's codes that Stripe names otherwise (any other code passes as it is).
const CODES = {
  not_found: "resource_missing",
  unknown_field: "parameter_unknown",
  required: "parameter_missing",
  conflicting_fields: "parameters_exclusive",
};
// Stripe's documented codes: their doc_url exists.
const DOCUMENTED = new Set([
  "resource_missing",
  "parameter_unknown",
  "parameter_missing",
  "parameter_invalid_integer",
  "parameter_invalid_empty",
  "parameters_exclusive",
]);
const INTEGER_PARAMS = new Set(["limit"]);

/** A JSON Pointer of the request as Stripe's parameter name: /settings/reconciliation_mode → settings[reconciliation_mode]. */
function paramOf(path) {
  const parts = path
    .split("/")
    .slice(1)
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  if (parts[0] === "querystring" || parts[0] === "body") parts.shift();
  if (parts[0] === "params" || parts[0] === "headers" || parts.length === 0) return undefined;
  return parts[0] + parts.slice(1).map((p) => `[${p}]`).join("");
}

function typeOf(e) {
  if (e.status === 401) return "authentication_error";
  if (e.code === "idempotency_key_reused") return "idempotency_error";
  if (e.status >= 500) return "api_error";
  return "invalid_request_error";
}

/** An HttpError as Stripe's error body. `resource` names what a 404 misses (Stripe's `param`). */
export function stripeErrorBody(e) {
  const issue = e.issues?.[0];
  const param = issue ? paramOf(issue.path) : e.param;
  let code = CODES[issue?.code] ?? CODES[e.code] ?? e.code;
  if (param && INTEGER_PARAMS.has(param) && ["out_of_range", "invalid_characters", "invalid_type"].includes(issue?.code)) {
    code = "parameter_invalid_integer";
  }
  const error = { type: typeOf(e), code, message: e.message };
  if (param) error.param = param;
  if (DOCUMENTED.has(code)) error.doc_url = `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}`;
  return { error };
}

/** Stripe's error object as a JSON schema (each route's error responses). */
export const stripeError = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["type", "message"],
      properties: {
        type: { type: "string", enum: ["invalid_request_error", "authentication_error", "idempotency_error", "api_error"] },
        code: { type: "string" },
        message: { type: "string" },
        param: { type: "string" },
        doc_url: { type: "string" },
      },
    },
  },
};
