// The HTTP service: Fastify with strict JSON-schema validation, one JSON parser (exact numbers),
// a body limit, the shared services (plugins/services.js), one plugin per API family (each with
// its routes, auth scheme and error shape), /health, and the demo's static files from one origin.
import Fastify from "fastify";
import fastifyStatic from "@fastify/static";
import underPressure from "@fastify/under-pressure";
import { HttpError, errorBody, toHttpError } from "./errors.js";
import { DatabaseUnavailable } from "./db/faults.js";
import { DuplicateKeyError, parseJsonExact } from "./json-body.js";
import services from "./plugins/services.js";
import { RATE_LIMITS, loggerOptions, security } from "./security.js";
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

/**
 * config: { db, privateKeyHash, authoriser, logger?, wwwDir?, pkgDir?, apiDocsDir?, ivrFee?, ivrCredentials?,
 * clock?, settleConcurrency?, settleBatch?, webhookSecret?, webhookTolerance?, cashSource?, caps?,
 * rateLimits? }. `authoriser` ({ name, authorise }, authoriser.js) is required: none is assumed.
 * `logger` is Fastify's option (pino settings, or false). `caps` ({ stateBytes, unsettledItems },
 * caps.js) bound each customer; `rateLimits` as security.js's RATE_LIMITS. `webhookSecret`
 * (STRIPE_WEBHOOK_SECRET) verifies Stripe's events; `cashSource` ({ transactions(customerId) })
 * fetches a customer's cash balance transactions when a delivered one shows a gap
 * (stripe-source.js). `ivrCredentials`: the IVR's logins as ivr/credentials.js reads
 * IVR_CREDENTIALS (hashes only). `maxEventLoopDelay` (ms) and
 * `maxDbWaiting` (queries waiting for a connection) answer 503 past them; 0 turns either off.
 */
export async function buildApp(config) {
  if (typeof config.authoriser?.authorise !== "function") throw new Error("buildApp: no authoriser configured");
  const app = Fastify({
    logger: config.logger ?? loggerOptions(process.env.LOG_LEVEL ?? "info"),
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
    authoriser: config.authoriser,
    caps: config.caps,
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
      if (err instanceof DuplicateKeyError) {
        done(new HttpError(400, "duplicate_key", `the body is ambiguous: ${err.message}`, [
          { path: err.path, code: "duplicate_key", message: err.message },
        ]));
        return;
      }
      done(new HttpError(400, "unreadable_input", `the body is not JSON: ${err.message}`));
    }
  });

  // A database that cannot serve now (db/faults.js) is a 503 the client retries after Retry-After,
  // whichever family's handler renders the error: the header is set before any of them runs.
  app.addHook("onError", async (_req, reply, err) => {
    if (err.retryAfter) reply.header("retry-after", String(err.retryAfter));
  });
  // The server's own shape outside the families (each family sets its own).
  app.setErrorHandler((err, req, reply) => {
    const e = toHttpError(err, app.initialConfig.bodyLimit);
    if (e instanceof DatabaseUnavailable) req.log.warn({ err: err.cause ?? err }, "database unavailable");
    else if (e.status >= 500) req.log.error({ err }, "request failed");
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

  // Headers, one Authorization header, rate limits: before any route, on every one.
  await security(app, config.rateLimits ?? RATE_LIMITS);

  // Which authoriser decides payments is announced (a test one must never go unnoticed); a
  // module's path is the operator's, not the public's.
  const authoriser = config.authoriser.name === "test" ? "test" : "module";

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
        required: ["status", "database", "authoriser"],
        properties: {
          status: { type: "string", const: "ok" },
          database: { type: "string", enum: ["pglite", "postgres"] },
          authoriser: { type: "string", enum: ["test", "module"] },
        },
      },
      // The checks every request passes first (security.js): one Authorization header, the per-address limit.
      400: { description: "More than one Authorization header (duplicate_header)", $ref: "IntergiroError#" },
      429: { description: "Too many requests from this address (see Retry-After)", $ref: "IntergiroError#" },
      503: { description: "The database does not answer, or the server is closing or saturated", $ref: "IntergiroError#" },
    },
  };
  app.get("/health", { schema: healthSchema }, async (_req, reply) => {
    try {
      await app.db.query("SELECT 1");
      return { status: "ok", database: app.db.kind, authoriser };
    } catch (err) {
      const e = err instanceof DatabaseUnavailable ? err : new DatabaseUnavailable("the database is unavailable; retry", err);
      reply.status(503).header("retry-after", String(e.retryAfter));
      return errorBody(e);
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

  // Headers (the demo's CSP among them, no-store) come from security.js, as for every answer.
  const common = { cacheControl: false, etag: false, lastModified: false };
  if (config.wwwDir) {
    await app.register(fastifyStatic, { root: config.wwwDir, prefix: "/", ...common });
    if (config.pkgDir) {
      await app.register(fastifyStatic, { root: config.pkgDir, prefix: "/pkg/", decorateReply: false, ...common });
    }
  }
  // The generated API reference (docs/api/, TypeDoc): static files at exactly /docs/api/, beside
  // the OpenAPI explorer at /docs.
  if (config.apiDocsDir) {
    // Its CSP and other headers are security.js's (helmet), as for every answer.
    await app.register(fastifyStatic, { root: config.apiDocsDir, prefix: "/docs/api/", decorateReply: false, ...common });
  }
  return app;
}
