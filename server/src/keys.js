// API keys: `Authorization: Bearer <key>`. The merchant's private key comes from the environment
// and is kept only as its hash; customer keys are random, shown once, stored as SHA-256 hex.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const hashKey = (key) => createHash("sha256").update(key, "utf8").digest("hex");

export const newPrivateKey = () => `sk_${randomBytes(24).toString("base64url")}`;
export const newCustomerKey = () => `ck_${randomBytes(24).toString("base64url")}`;

// Printable ASCII only, bounded: anything else is not a key we could have issued.
const BEARER = /^Bearer ([\x21-\x7e]{1,200})$/i; // the scheme is case-insensitive (RFC 9110)

/**
 * Who is calling: { kind: "private" } or { kind: "customer", customer } — or null for a missing,
 * malformed or unknown key (the caller answers 401).
 */
export async function authenticate(db, header, privateKeyHash) {
  const match = typeof header === "string" ? BEARER.exec(header) : null;
  if (!match) return null;
  const hash = hashKey(match[1]);
  if (timingSafeEqual(Buffer.from(hash, "hex"), Buffer.from(privateKeyHash, "hex"))) {
    return { kind: "private" };
  }
  const { rows } = await db.query("SELECT customer_id FROM api_keys WHERE hash = $1", [hash]);
  return rows.length === 1 ? { kind: "customer", customer: rows[0].customer_id } : null;
}
