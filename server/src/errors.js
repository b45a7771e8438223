// Every refusal is `{ error: { code, message, issues } }`: the package's codes for what the package
// refuses, and a few of the server's own (unauthorized, forbidden, not_found, unsupported_media_type,
// version_conflict, not_acceptable_route, not_acceptable: a credit revision not served) for what
// only HTTP knows.

import { BalanceLedgerError } from "./ledger.js";

export class HttpError extends Error {
  constructor(status, code, message, issues = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

// Package codes that refuse a well-formed request on the ledger's rules: 422 (the rest are 400).
const UNPROCESSABLE = new Set([
  "limit_exceeded",
  "customer_not_chargeable",
  "currency_mismatch",
  "customer_mismatch",
  "unsupported_payment",
  "overflow",
]);
const STATUS = {
  idempotency_key_reused: 409,
  version_conflict: 409,
  duplicate_id: 409,
  forbidden_target: 403,
  // A credit's status machine or failure window refuses the move from where the credit stands.
  invalid_transition: 409,
  failure_window_closed: 409,
  input_too_large: 413,
  internal_error: 500,
};

/** The status of a package error: its code, or for `invalid_input` its issues' codes. */
export function statusOf(code, issues = []) {
  if (STATUS[code]) return STATUS[code];
  if (UNPROCESSABLE.has(code)) return 422;
  // A well-formed request the rules refuse (an order in another currency) comes as invalid_input
  // whose every issue is such a refusal.
  if (code === "invalid_input" && issues.length > 0 && issues.every((i) => UNPROCESSABLE.has(i.code))) return 422;
  return 400;
}

/**
 * A package error (BalanceLedgerError) as an HttpError; issue paths under `strip` re-rooted, in the
 * issues and in the message (which begins with its first issue's path), so both say `/0/price`.
 */
export function fromLedgerError(err, { strip = "" } = {}) {
  const reroot = (path) => (strip && (path === strip || path.startsWith(`${strip}/`)) ? path.slice(strip.length) : path);
  const issues = (err.issues ?? []).map((i) => ({ path: reroot(i.path), code: i.code, message: i.message }));
  const first = err.issues?.[0]?.path;
  const rest = first && err.message.startsWith(`${first}: `) ? err.message.slice(first.length + 2) : undefined;
  const message = rest === undefined ? err.message : reroot(first) ? `${reroot(first)}: ${rest}` : rest;
  return new HttpError(statusOf(err.code, issues), err.code, message, issues);
}

// JSON-schema (ajv) errors as the package's issues: JSON Pointer paths, the package's codes.
const AJV_CODES = {
  required: "required",
  additionalProperties: "unknown_field",
  type: "invalid_type",
  maxLength: "too_long",
  minLength: "required",
  pattern: "invalid_characters",
  enum: "unknown_value",
  maxItems: "too_many_items",
  minimum: "out_of_range",
  maximum: "out_of_range",
};
// Ajv's own words where they say what is wrong, else the package's: a missing or unknown field
// is named by its path already ("/currency must have required property 'currency'" said it twice).
function ajvMessage(e) {
  switch (e.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a field here";
    case "enum":
      return `must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return e.message;
  }
}
export function fromValidation(errors, where = "body") {
  const root = where === "body" ? "" : `/${where}`;
  const issues = errors.map((e) => {
    let path = root + e.instancePath;
    if (e.keyword === "required") path += `/${e.params.missingProperty}`;
    if (e.keyword === "additionalProperties") path += `/${e.params.additionalProperty}`;
    return { path, code: AJV_CODES[e.keyword] ?? "invalid_input", message: `${path || where} ${ajvMessage(e)}` };
  });
  const first = issues[0];
  return new HttpError(400, "invalid_input", first ? first.message : `invalid ${where}`, issues);
}

/** Anything a route or Fastify threw, as an HttpError (`bodyLimit` names the limit a body broke). */
export function toHttpError(err, bodyLimit) {
  if (err instanceof HttpError) return err;
  if (err instanceof BalanceLedgerError) return fromLedgerError(err, { strip: "/body" });
  if (err.validation) return fromValidation(err.validation, err.validationContext);
  switch (err.code) {
    case "FST_UNDER_PRESSURE":
      return new HttpError(503, "unavailable", "the server is saturated; retry after a moment");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError(413, "input_too_large", `the body is larger than ${bodyLimit} bytes`);
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError(415, "unsupported_media_type", "the body must be application/json");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new HttpError(400, "unreadable_input", err.message);
  }
  if (err.statusCode >= 400 && err.statusCode < 500) return new HttpError(err.statusCode, "bad_request", err.message);
  return new HttpError(500, "internal_error", "internal error");
}

/** The server's own shape (the Intergiro routes', /health's and unknown paths'). */
export const errorBody = (err) => ({ error: { code: err.code, message: err.message, issues: err.issues ?? [] } });
