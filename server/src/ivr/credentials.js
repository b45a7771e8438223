// The IVR's logins (IVR_CREDENTIALS: `user:password`, comma-separated for several), kept only as
// SHA-256 hashes of `user:password` and compared in constant time: every stored hash is compared,
// whichever matches, so the time taken says nothing of which or how much matched.
import { createHash, timingSafeEqual } from "node:crypto";

const hash = (text) => createHash("sha256").update(text, "utf8").digest();

/** IVR_CREDENTIALS → [{ user, hash }] (the user name kept for the log; the password only hashed). */
export function ivrCredentials(text) {
  if (!text) return [];
  return text.split(",").map((pair, i) => {
    const colon = pair.indexOf(":");
    if (colon < 1 || colon === pair.length - 1) {
      throw new Error(`IVR_CREDENTIALS entry ${i + 1} is not user:password`);
    }
    return { user: pair.slice(0, colon), hash: hash(pair) };
  });
}

/** The stored login `user:password` matches, or null. */
export function ivrLogin(credentials, user, password) {
  const given = hash(`${user}:${password}`);
  let found = null;
  for (const c of credentials) {
    if (timingSafeEqual(given, c.hash)) found = c;
  }
  return found;
}
