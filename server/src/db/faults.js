// What a database error means for the request. A serialization failure (40001) or a deadlock
// (40P01) rolled the transaction back: it is run again from its start, a bounded number of times
// with jittered backoff (SERIALIZABLE, and distributed SQL, answer these for the client to retry).
// A database that cannot be reached, is restarting or dropped the connection is unavailable: the
// request is answered 503 with Retry-After, in the caller's error shape, and the next request tries
// again (nothing to restart). Anything else is the request's own error.
import { HttpError } from "../errors.js";

/** The database cannot serve the request now; the client retries after `retryAfter` seconds. */
export class DatabaseUnavailable extends HttpError {
  constructor(message, cause) {
    super(503, "database_unavailable", message);
    this.retryAfter = 1;
    if (cause) this.cause = cause;
  }
}

const RETRY_CODES = new Set(["40001", "40P01"]);
// Lost connections (class 08), the server shutting down or crashed (57P01–57P03), out of
// connection slots (53300), and what node and node-postgres say of a socket that failed.
const DOWN_CODES = new Set(["57P01", "57P02", "57P03", "53300", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
const DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|^timeout expired$|Query read timeout|not queryable|connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)/i;

export const mustRetry = (err) => RETRY_CODES.has(err?.code);

export function isUnavailable(err) {
  if (err instanceof DatabaseUnavailable) return true;
  const code = typeof err?.code === "string" ? err.code : "";
  return code.startsWith("08") || DOWN_CODES.has(code) || DOWN_MESSAGES.test(String(err?.message ?? ""));
}

/** The error as the request should see it: DatabaseUnavailable for an unreachable database, else itself. */
export const asRequestError = (err) =>
  isUnavailable(err) && !(err instanceof DatabaseUnavailable) ? new DatabaseUnavailable("the database is unavailable; retry", err) : err;

/** At most this many runs of one transaction, within this many ms from its first start. */
export const ATTEMPTS = 30;
export const RETRY_BUDGET_MS = 10_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` (a whole transaction, or one statement outside one) until it is not rolled back for a
 * serialization failure or deadlock, waiting a random time up to 5 ms, 10 ms, 20 ms … 640 ms, then
 * 1 s, between runs (full jitter: writers of one hot row spread out instead of colliding again).
 * At most ATTEMPTS runs and RETRY_BUDGET_MS in all; then the request is answered 503, contention
 * the client may retry later.
 */
export async function retrying(fn) {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!mustRetry(err)) throw asRequestError(err);
      const wait = Math.random() * Math.min(1000, 5 * 2 ** (attempt - 1));
      if (attempt >= ATTEMPTS || Date.now() + wait > deadline) {
        throw new DatabaseUnavailable(`the transaction was rolled back ${attempt} times (${err.code}); retry`, err);
      }
      await sleep(wait);
    }
  }
}
