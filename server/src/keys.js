// API keys. The merchant's private key comes from the environment and is kept only as its hash;
// customer keys are random, shown once, stored as SHA-256 hex. How a key travels (Bearer, Basic)
// is each family's scheme (its auth.js); this module only says whose a key is.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const hashKey = (key) => createHash("sha256").update(key, "utf8").digest("hex");

export const newPrivateKey = () => `sk_${randomBytes(24).toString("base64url")}`;
export const newCustomerKey = () => `ck_${randomBytes(24).toString("base64url")}`;

// Printable ASCII only, bounded: anything else is not a key we could have issued.
export const KEY_TEXT = /^[\x21-\x7e]{1,200}$/;

/**
 * Who a key is: { kind: "private" } or { kind: "customer", customer } — or null for a malformed
 * or unknown key (the family answers 401).
 */
export async function callerOfKey(db, key, privateKeyHash) {
  if (typeof key !== "string" || !KEY_TEXT.test(key)) return null;
  const hash = hashKey(key);
  if (timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(privateKeyHash, "hex"))) {
    return { kind: "private" };
  }
  const { rows } = await db.query("SELECT customer_id FROM api_keys WHERE hash = $1", [hash]);
  return rows.length === 1 ? { kind: "customer", customer: rows[0].customer_id } : null;
}

const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/i; // the scheme is case-insensitive (RFC 9110)
const BASIC = /^Basic ([A-Za-z0-9+/=]{1,400})$/i;

/** The key of `Authorization: Bearer <key>`, or null. */
export function bearerKey(header) {
  const m = typeof header === "string" ? BEARER.exec(header) : null;
  return m ? m[1] : null;
}

/** { user, password } of `Authorization: Basic base64(user:password)`, or null. */
export function basicCredentials(header) {
  const m = typeof header === "string" ? BASIC.exec(header) : null;
  if (!m) return null;
  const text = Buffer.from(m[1], "base64").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
