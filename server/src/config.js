// The server's configuration: every environment variable it reads, as one JSON schema checked by
// @fastify/env (types, ranges, defaults). A value that does not fit stops the start with a message
// naming the variable (`CREDIT_JOB_SECONDS=1m` is refused, not read as NaN).
import Fastify from "fastify";
import fastifyEnv from "@fastify/env";
import { MAX_STATE_BYTES, MAX_UNSETTLED_ITEMS } from "./caps.js";
import { RATE_LIMITS } from "./security.js";

const int = (description, extra) => ({ type: "integer", description, ...extra });
const str = (description, extra) => ({ type: "string", description, ...extra });

export const configSchema = {
  type: "object",
  properties: {
    PORT: int("The port (0 picks a free one)", { minimum: 0, maximum: 65535, default: 8080 }),
    HOST: str("The address to listen on", { minLength: 1, default: "127.0.0.1" }),
    DATABASE_URL: str("PostgreSQL; without it PGlite in DATA_DIR", { pattern: "^postgres(ql)?://" }),
    DATA_DIR: str("PGlite's directory", { minLength: 1, default: "./data" }),
    DB_POOL: int("PostgreSQL connections", { minimum: 1, maximum: 1000 }),
    PRIVATE_KEY: str("The merchant's key; generated and printed when not given (or empty)"),
    WWW_DIR: str("The demo, served from the same origin", { minLength: 1, default: "../www" }),
    API_DOCS_DIR: str("The API reference (TypeDoc) served at /docs/api/", { minLength: 1, default: "../docs/api" }),
    AUTHORISER: str('Who decides payments: "test" (the built-in test mode) or a module exporting authorise; required'),
    CUSTOMER_MAX_STATE_BYTES: int("A customer's stored state at most, UTF-8 bytes of JSON", { minimum: 0, default: MAX_STATE_BYTES }),
    CUSTOMER_MAX_UNSETTLED_ITEMS: int("Unsettled items a customer holds at most", { minimum: 0, default: MAX_UNSETTLED_ITEMS }),
    RATE_LIMIT_PER_KEY: int("Requests per minute per key (0: off)", { minimum: 0, default: RATE_LIMITS.perKey }),
    RATE_LIMIT_PER_ADDRESS: int("Requests per minute per address (0: off)", { minimum: 0, default: RATE_LIMITS.perAddress }),
    RATE_LIMIT_AUTH_FAILURES: int("Failed authentications per minute per address (0: off)", { minimum: 0, default: RATE_LIMITS.authFailures }),
    IVR_FEE: str("The fee the IVR view reads out"),
    IVR_CREDENTIALS: str("The IVR's Basic logins, user:password, comma-separated (kept as hashes)"),
    LOG_LEVEL: str("pino's level", { enum: ["fatal", "error", "warn", "info", "debug", "trace", "silent"], default: "info" }),
    SERVE_MINUTES: { type: "number", description: "Stop by itself after that long", exclusiveMinimum: 0 },
    STRIPE_WEBHOOK_SECRET: str("The Stripe webhook endpoint's signing secret"),
    STRIPE_SECRET_KEY: str("Fetch delivered cash balance transactions' predecessors from Stripe"),
    STRIPE_API_URL: str("Another API host for that client (stripe-mock)", { pattern: "^https?://" }),
    CREDIT_JOB_SECONDS: int("How often due credits move to their expected status (0: never)", { minimum: 0, maximum: 86400, default: 60 }),
    // Off unless set: PGlite runs queries on the event loop itself, so its delay says little there.
    MAX_EVENT_LOOP_DELAY_MS: int("Answer 503 above this event loop delay (0: no limit)", { minimum: 0, default: 0 }),
    MAX_DB_WAITING: int("Answer 503 when this many queries wait for a database connection (0: no limit)", { minimum: 0, default: 1000 }),
  },
};

/**
 * The configuration read from `env` (process.env): each variable converted and checked, defaults
 * filled in. Throws an Error naming each variable that does not fit.
 */
export async function readConfig(env) {
  // @fastify/env decorates an instance with the result: a bare one, closed at once, because the
  // server itself is built from what this returns (its logger level, its database).
  const app = Fastify({ logger: false });
  try {
    await app.register(fastifyEnv, { schema: configSchema, data: env, dotenv: false });
    await app.ready();
    return app.config;
  } finally {
    await app.close();
  }
}
