// The HTTP service: Fastify with strict JSON-schema validation, one JSON parser (exact numbers),
// a body limit, the shared services (plugins/services.js), one plugin per API family (each with
// its routes, auth scheme and error shape), /health, and the demo's static files from one origin.
import Fastify from "fastify";
import fastifyStatic from "@fastify/static";
import underPressure from "@fastify/under-pressure";
import { HttpError, errorBody, toHttpError } from "./errors.js";
import { parseJsonExact } from "./json-body.js";
import services from "./plugins/services.js";
import intergiro from "./intergiro/index.js";
import ivr from "./ivr/index.js";
import stripe from "./stripe/index.js";
import balanced from "./balanced/index.js";
import { bearerKey } from "./keys.js";
import { openapiDocument } from "./openapi/document.js";
import { metricsPlugin } from "./metrics.js";
import { methodNotAllowed } from "./method-not-allowed.js";

// The package reads at most 4 MiB of input; the body may carry a little JSON around it.
export const BODY_LIMIT = 4 * 1024 * 1024 + 64 * 1024;

// The demo page runs under a policy of 'self' and wasm compilation only (as scripts/serve.mjs).
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * config: { db, privateKeyHash, authorise?, logger?, wwwDir?, pkgDir?, ivrFee?, ivrCredentials?, clock?,
 * settleConcurrency?, settleBatch?, webhookSecret?, webhookTolerance?, cashSource? }. `logger` is
 * Fastify's option (pino settings, or false). `webhookSecret` (STRIPE_WEBHOOK_SECRET) verifies
 * Stripe's events; `cashSource` ({ transactions(customerId) }) fetches a customer's cash balance
 * transactions when a delivered one shows a gap (stripe-source.js). `ivrCredentials`: the IVR's
 * logins as ivr/credentials.js reads IVR_CREDENTIALS (hashes only). `maxEventLoopDelay` (ms) and
 * `maxDbWaiting` (queries waiting for a connection) answer 503 past them; 0 turns either off.
 */
export async function buildApp(config) {
  const app = Fastify({
    logger: config.logger ?? { level: process.env.LOG_LEVEL ?? "info" },
    bodyLimit: config.bodyLimit ?? BODY_LIMIT,
    // Long enough for a customer id that must then be refused with 400 rather than a bare 404.
    routerOptions: { maxParamLength: 500 },
    // Refuse what does not fit the schema; never coerce, default or silently drop a field.
    ajv: { customOptions: { allowUnionTypes: true, removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
    // A URL that does not decode (%C0%AF) never reaches a route: answered in the error shape too.
    frameworkErrors: (err, _req, reply) => {
      reply.status(400).send(errorBody(new HttpError(400, "invalid_input", `the URL cannot be read: ${err.message}`)));
    },
    // Answered below in the route's own error shape (Fastify's would be its own).
    return503OnClosing: false,
    forceCloseConnections: "idle",
  });
  await app.register(services, {
    db: config.db,
    privateKeyHash: config.privateKeyHash,
    authorise: config.authorise,
    clock: config.clock,
  });

  // While closing, a request on a connection still open is 503 with Retry-After, refused before it
  // is read, in the error shape of the family it was for.
  app.addHook("onRequest", async (_req, reply) => {
    if (!app.lifecycle.stopping) return;
    reply.header("connection", "close").header("retry-after", "1");
    throw new HttpError(503, "unavailable", "the server is shutting down");
  });

  // JSON only, parsed exactly (json-body.js); anything else is 415 before a route sees it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, text, done) => {
    // A GET or DELETE has no body to read: a client that still says JSON is not refused for it.
    if (text === "" && (req.method === "GET" || req.method === "DELETE")) return done(null, undefined);
    try {
      done(null, parseJsonExact(text));
    } catch (err) {
      done(new HttpError(400, "unreadable_input", `the body is not JSON: ${err.message}`));
    }
  });

  // The server's own shape outside the families (each family sets its own).
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e.status >= 500) req.log.error({ err }, "request failed");
    reply.status(e.status).send(errorBody(e));
  });
  // The document first: its onRoute hook tags every route registered after it.
  await app.register(openapiDocument);
  const allowed = methodNotAllowed(app);
  app.setNotFoundHandler((req, reply) => {
    // A known path asked with a method it does not have: 405 and what it has.
    const allow = allowed(req.url.split("?")[0]);
    if (allow) {
      reply.header("allow", allow.join(", "));
      return reply.status(405).send(errorBody(new HttpError(405, "method_not_allowed", `${req.method} is not allowed here; Allow: ${allow.join(", ")}`)));
    }
    reply.status(404).send(errorBody(new HttpError(404, "not_found", `no route ${req.method} ${req.url.split("?")[0]}`)));
  });

  // 503 with Retry-After while the event loop lags or queries queue for a database connection.
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelay ?? 0,
    healthCheck: async () => !(config.maxDbWaiting > 0 && (config.db.waiting?.() ?? 0) > config.maxDbWaiting),
    healthCheckInterval: 500,
    retryAfter: 1,
  });
  // The metrics take the merchant's key as the Intergiro routes do (Bearer).
  const auth = async (req) => {
    req.caller = await app.callerOf(bearerKey(req.headers.authorization));
    if (!req.caller) throw new HttpError(401, "unauthorized", "a valid key is required: Authorization: Bearer <key>");
  };
  await app.register(metricsPlugin, { db: config.db, auth });

  const healthSchema = {
    operationId: "health",
    summary: "Whether the server and its database answer",
    response: {
      200: {
        type: "object",
        additionalProperties: false,
        required: ["status", "database"],
        properties: { status: { type: "string", const: "ok" }, database: { type: "string", enum: ["pglite", "postgres"] } },
      },
      503: { description: "The database does not answer, or the server is closing or saturated", $ref: "IntergiroError#" },
    },
  };
  app.get("/health", { schema: healthSchema }, async (_req, reply) => {
    try {
      await app.db.query("SELECT 1");
      return { status: "ok", database: app.db.kind };
    } catch (err) {
      reply.status(503);
      return errorBody(new HttpError(503, "unavailable", `database: ${err.message}`));
    }
  });
  await app.register(intergiro, {
    settleBatch: config.settleBatch ?? 500,
    settleConcurrency: config.settleConcurrency ?? (config.db.kind === "postgres" ? 8 : 1),
  });
  await app.register(ivr, { ivrFee: config.ivrFee, credentials: config.ivrCredentials });
  await app.register(stripe, {
    webhookSecret: config.webhookSecret,
    webhookTolerance: config.webhookTolerance,
    cashSource: config.cashSource,
  });
  await app.register(balanced);

  if (config.wwwDir) {
    // @fastify/static hands setHeaders the reply.
    const setHeaders = (reply) => {
      reply.header("content-security-policy", CSP);
      reply.header("cache-control", "no-store");
    };
    const common = { setHeaders, cacheControl: false, etag: false, lastModified: false };
    await app.register(fastifyStatic, { root: config.wwwDir, prefix: "/", ...common });
    if (config.pkgDir) {
      await app.register(fastifyStatic, { root: config.pkgDir, prefix: "/pkg/", decorateReply: false, ...common });
    }
  }
  return app;
}
