// What the families' routes share: the id rule of a URL segment, key rules, Idempotency-Key.
import { createHash } from "node:crypto";
import { HttpError } from "./errors.js";

// Ids travel in URLs: letters, digits and - _ . : only, at most 64 (the package's limit), so no
// path separator, control character or encoding trick can ever reach the database or a log.
export const ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$";
export const idParams = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string", pattern: ID_PATTERN } },
};
// Words of the settlement target, never customer ids.
export const RESERVED_IDS = new Set(["all", "me"]);

/** A customer key acts for its own customer only; the private key for any. */
export function mayAct(caller, id) {
  if (caller.kind === "customer" && caller.customer !== id) {
    throw new HttpError(403, "forbidden", "a customer key acts only for its own customer");
  }
}

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * { key, fingerprint } of the request's Idempotency-Key, or null without one. The fingerprint is
 * the route, the customer and the parsed body (whitespace and key order do not matter; every value
 * does: 12.5 and "12.50" are two requests here, where the package would call them one).
 */
export function idempotency(req, scope) {
  const key = req.headers["idempotency-key"];
  if (key === undefined) return null;
  if (typeof key !== "string" || !KEY.test(key)) {
    throw new HttpError(400, "invalid_input", "Idempotency-Key must be 1 to 255 printable ASCII characters", [
      { path: "/headers/idempotency-key", code: "invalid_characters", message: "1 to 255 printable ASCII characters" },
    ]);
  }
  const fingerprint = createHash("sha256")
    .update(`${req.method} ${req.routeOptions.url} ${scope}\n${canonical(req.body)}`)
    .digest("hex");
  return { key, fingerprint };
}

// JSON with object keys sorted: the same body written in another key order is the same request.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
