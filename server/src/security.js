// What guards every route whatever its family: response headers (@fastify/helmet, and
// Cache-Control: no-store: an answer may carry a key, shown once), one Authorization header only,
// request rate limits per key and per address and a stop to repeated failed authentication
// (@fastify/rate-limit), and a request log that never holds a key.
import { createHash } from "node:crypto";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import { HttpError } from "./errors.js";

// The demo page runs under a policy of 'self' and wasm compilation only (as scripts/serve.mjs).
export const CSP_DIRECTIVES = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "'wasm-unsafe-eval'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "base-uri": ["'none'"],
  "frame-ancestors": ["'none'"],
};

/** The limits' defaults, per minute (main.js reads RATE_LIMIT_* over them; 0 turns one off). */
export const RATE_LIMITS = { perKey: 1200, perAddress: 6000, authFailures: 30 };
const WINDOW_MS = 60_000;

// Keys this server issues, wherever they might appear in a logged text (a URL path).
const ISSUED_KEY = /\b(?:sk|ck|whsec|rk|pk)_[A-Za-z0-9_-]{8,}/g;

/**
 * Fastify's `logger` option: pino at `level`, each request logged by method, path without its
 * query string (a key sent there is refused, and must not be written down either), and the peer;
 * no header is serialised, and any that a log call passes is redacted.
 */
export function loggerOptions(level) {
  return {
    level,
    serializers: {
      req: (req) => ({
        method: req.method,
        url: String(req.url ?? "").split("?")[0].replace(ISSUED_KEY, "[redacted]"),
        remoteAddress: req.ip,
      }),
    },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["stripe-signature"]',
        'req.headers["idempotency-key"]',
        "req.query",
        "headers.authorization",
        "*.authorization",
        "*.key",
        "*.secret",
        "*.password",
        "*.apiKey",
        "*.privateKey",
      ],
      censor: "[redacted]",
    },
  };
}

/** The credential an Authorization header carries (Bearer token, or Basic's user name), or null. */
function credentialOf(header) {
  if (typeof header !== "string") return null;
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!m) return header;
  if (m[1].toLowerCase() === "basic") {
    const text = Buffer.from(m[2], "base64").toString("utf8");
    return text.slice(0, text.includes(":") ? text.indexOf(":") : undefined);
  }
  return m[2];
}
const hashed = (text) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

/**
 * Installs the guards on the root instance (before any route): `limits` as RATE_LIMITS.
 * Every refusal goes through the app's error handler (its shape), 429s with Retry-After.
 */
export async function security(app, limits = RATE_LIMITS) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: "no-referrer" },
    // Served over plain HTTP on 127.0.0.1 by default: HSTS is the TLS terminator's to send.
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", async (req, reply) => {
    reply.header("cache-control", "no-store");
    // Node keeps the first of two Authorization headers; a proxy in front may act on the last.
    let count = 0;
    for (let i = 0; i < req.raw.rawHeaders.length; i += 2) {
      if (req.raw.rawHeaders[i].toLowerCase() === "authorization") count++;
    }
    if (count > 1) {
      throw new HttpError(400, "invalid_input", "one Authorization header, not several", [
        { path: "/headers/authorization", code: "duplicate_header", message: `${count} Authorization headers` },
      ]);
    }
  });

  // One store (an LRU of counters, in this process) for the three counts, told apart by prefix.
  // The plugin's own hook runs once per request, so the counts are kept through createRateLimit
  // and refused here, in the app's error shape.
  await app.register(rateLimit, { global: false, cache: 100_000 });
  const limiters = [];
  if (limits.perAddress > 0) {
    limiters.push({
      what: "from this address",
      count: app.createRateLimit({ max: limits.perAddress, timeWindow: WINDOW_MS, keyGenerator: (req) => `address:${req.ip}` }),
    });
  }
  if (limits.perKey > 0) {
    limiters.push({
      what: "with this key",
      count: app.createRateLimit({
        max: limits.perKey,
        timeWindow: WINDOW_MS,
        // Counted by a hash of the credential, never the credential itself.
        keyGenerator: (req) => `key:${hashed(credentialOf(req.headers.authorization) ?? "")}`,
        allowList: (req) => typeof req.headers.authorization !== "string",
      }),
    });
  }
  // Failed authentication (any 401) is counted per address; once `authFailures` are counted in the
  // window, the address is refused before any key is looked at, a valid one included.
  const failures =
    limits.authFailures > 0
      ? app.createRateLimit({ max: limits.authFailures, timeWindow: WINDOW_MS, keyGenerator: (req) => `failed:${req.ip}` })
      : null;
  const refuse = (reply, seconds, what) => {
    reply.header("retry-after", String(Math.max(1, seconds)));
    return new HttpError(429, "rate_limited", `too many requests ${what}: retry in ${Math.max(1, seconds)} s`);
  };
  app.addHook("onRequest", async (req, reply) => {
    if (failures) {
      const f = await failures(req, { increment: false });
      if (!f.isAllowed && f.remaining === 0) throw refuse(reply, f.ttlInSeconds, "after failed authentications from this address");
    }
    for (const { what, count } of limiters) {
      const r = await count(req);
      if (!r.isAllowed && r.isExceeded) throw refuse(reply, r.ttlInSeconds, what);
    }
  });
  if (failures) {
    app.addHook("onResponse", async (req, reply) => {
      if (reply.statusCode === 401) await failures(req);
    });
  }
}
