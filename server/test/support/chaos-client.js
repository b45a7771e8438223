// A client as Stripe's official ones behave: every request that fails without an answer (the
// server died, the connection broke, no answer within the timeout) or is answered 5xx is sent
// again, with the same Idempotency-Key, after Retry-After or a jittered backoff, until it gets a
// final answer (2xx, or a 4xx refusal). Counts what it saw.
import { PRIVATE_KEY } from "./harness.js";

/** The longest a request may go unanswered (the server's own bounds: server/README.md, "Faults and scale-out"). */
export const CLIENT_TIMEOUT_MS = 60_000;

export function counters() {
  return { requests: 0, attempts: 0, acknowledged: 0, refused: 0, retried: 0, unavailable: 0, limited: 0, noAnswer: 0, timedOut: 0, errors5xx: [], bad503: [], refusals: {} };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends until final. `req`: { method, path, body?, raw?, headers? } or a function of the attempt
 * (a webhook is signed anew each time). → { status, body, headers }.
 */
export async function untilFinal(pick, random, counts, req) {
  counts.requests += 1;
  for (let attempt = 1; ; attempt++) {
    const r = typeof req === "function" ? req() : req;
    const headers = { ...(r.headers ?? {}) };
    if (r.key !== null) headers.authorization = `Bearer ${PRIVATE_KEY}`;
    let payload = r.raw;
    if (r.body !== undefined) {
      payload = JSON.stringify(r.body);
      headers["content-type"] = "application/json";
    }
    counts.attempts += 1;
    if (attempt > 1) counts.retried += 1;
    let res;
    let text;
    try {
      res = await fetch(pick() + r.path, { method: r.method, headers, body: payload, signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      text = await res.text();
    } catch (err) {
      if (err.name === "TimeoutError") counts.timedOut += 1;
      counts.noAnswer += 1;
      await sleep(50 + random() * 250);
      continue;
    }
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text (and a 5xx that is not JSON is noted below)
    }
    if (res.status === 503) {
      counts.unavailable += 1;
      const after = Number(res.headers.get("retry-after"));
      // What a client must see: Retry-After, and its family's error shape saying why (no stack, no
      // detail): { error: { code } } (Intergiro; Stripe's also has a type), Balanced's { errors: [ … ] }.
      const said = body?.error?.code ?? body?.errors?.[0]?.additional;
      if (!(after > 0) || said !== "database_unavailable" || /\.js:\d+/.test(text)) {
        counts.bad503.push({ path: r.path, retryAfter: res.headers.get("retry-after"), body: text.slice(0, 300) });
      }
      await sleep((after > 0 ? after * 1000 : 500) * (0.25 + random() * 0.5));
      continue;
    }
    // Too many requests is not a refusal of the request: a client waits as told and sends it again
    // (as Stripe's do), or an applied request whose answer was lost would count as refused.
    if (res.status === 429) {
      counts.limited += 1;
      const after = Number(res.headers.get("retry-after"));
      await sleep((after > 0 ? after * 1000 : 1000) * (0.25 + random() * 0.5));
      continue;
    }
    if (res.status >= 500) {
      counts.errors5xx.push({ path: r.path, status: res.status, body: text.slice(0, 300) });
      await sleep(200 + random() * 300);
      continue;
    }
    if (res.status < 300) counts.acknowledged += 1;
    else {
      counts.refused += 1;
      const what = `${r.method} ${r.path.replace(/\/(chaos-\d+|CR\w+)/, "/:id")} ${res.status} ${body?.error?.code ?? ""}`;
      counts.refusals[what] = (counts.refusals[what] ?? 0) + 1;
    }
    return { status: res.status, body, headers: res.headers };
  }
}
