// Starts the server from the environment, read and checked by config.js (@fastify/env: every
// variable, its type, range and default; a bad one stops the start naming it):
//   PORT (default 8080; 0 picks a free one), HOST (default 127.0.0.1),
//   DATABASE_URL (PostgreSQL; without it PGlite in DATA_DIR, default ./data), DB_POOL,
//   PRIVATE_KEY (the merchant's key; generated and printed when not given),
//   WWW_DIR (the demo, served from the same origin; default ../www), IVR_FEE, LOG_LEVEL,
//   IVR_CREDENTIALS (the IVR's Basic logins, `user:password`, comma-separated; kept as hashes),
//   SERVE_MINUTES (stop by itself after that long; default: run until stopped),
//   STRIPE_WEBHOOK_SECRET (the signing secret of the Stripe webhook endpoint; without it
//   POST /webhooks/stripe refuses every event), STRIPE_SECRET_KEY (optional: fetch each delivered
//   cash balance transaction's predecessors, and the missing ones when a delivery shows a gap, from
//   Stripe), STRIPE_API_URL (another API host for that client: a test double, stripe-mock).
//   CREDIT_JOB_SECONDS (how often due credits move to their expected status; default 60, 0: never).
//   AUTHORISER (required: "test" for the built-in test mode, or the path of a module exporting
//   `authorise`, see authoriser.js), CUSTOMER_MAX_STATE_BYTES, CUSTOMER_MAX_UNSETTLED_ITEMS (caps.js),
//   RATE_LIMIT_PER_KEY, RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_AUTH_FAILURES (per minute; 0: off;
//   security.js). API_DOCS_DIR (the TypeDoc reference served at /docs/api/).
//   MAX_EVENT_LOOP_DELAY_MS, MAX_DB_WAITING (503 with Retry-After past them: @fastify/under-pressure).
// SIGTERM / SIGINT (close-with-grace): stop accepting, finish the requests in flight (a settle-all
// stops between customers), wait for the credit job, close the database, exit.
import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.js";
import { readConfig } from "./config.js";
import { openDb } from "./db/index.js";
import { hashKey, newPrivateKey } from "./keys.js";
import { stripeSource } from "./stripe-source.js";
import { moveDueCredits } from "./credits.js";
import { loadAuthoriser } from "./authoriser.js";
import { loggerOptions } from "./security.js";
import { ivrCredentials } from "./ivr/credentials.js";

const root = resolve(import.meta.dirname, "..");
let env;
try {
  env = await readConfig(process.env);
} catch (err) {
  console.error(`balance-ledger server: bad configuration: ${err.message}`);
  process.exit(2);
}

const caps = { stateBytes: env.CUSTOMER_MAX_STATE_BYTES, unsettledItems: env.CUSTOMER_MAX_UNSETTLED_ITEMS };
const rateLimits = {
  perKey: env.RATE_LIMIT_PER_KEY,
  perAddress: env.RATE_LIMIT_PER_ADDRESS,
  authFailures: env.RATE_LIMIT_AUTH_FAILURES,
};
// No authoriser is assumed: without one named, the server does not start.
let authoriser;
try {
  authoriser = await loadAuthoriser(env.AUTHORISER);
} catch (err) {
  console.error(`balance-ledger server: ${err.message}`);
  process.exit(2);
}

let privateKey = env.PRIVATE_KEY;
if (!privateKey) {
  privateKey = newPrivateKey();
  // Printed once so the person who started it can call the API; never logged as a field.
  console.log(`PRIVATE_KEY=${privateKey}`);
}

const wwwDir = resolve(root, env.WWW_DIR);
// The API reference scripts/build.sh generates (TypeDoc), served at /docs/api/.
const apiDocsDir = resolve(root, env.API_DOCS_DIR);
// The package's files as installed (the browser build the demo imports from /pkg/).
const pkgDir = dirname(realpathSync(createRequire(import.meta.url).resolve("balance-ledger/package.json")));

const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR), poolSize: env.DB_POOL });
// The IVR's logins are kept as hashes only: the plain text leaves this process's environment.
const ivrLogins = ivrCredentials(env.IVR_CREDENTIALS);
delete env.IVR_CREDENTIALS;
delete process.env.IVR_CREDENTIALS;
const app = await buildApp({
  db,
  logger: loggerOptions(env.LOG_LEVEL),
  privateKeyHash: hashKey(privateKey),
  wwwDir: existsSync(wwwDir) ? wwwDir : undefined,
  pkgDir,
  apiDocsDir: existsSync(apiDocsDir) ? apiDocsDir : undefined,
  authoriser,
  caps,
  rateLimits,
  ivrFee: env.IVR_FEE,
  ivrCredentials: ivrLogins,
  webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
  cashSource: env.STRIPE_SECRET_KEY ? stripeSource(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL) : undefined,
  maxEventLoopDelay: env.MAX_EVENT_LOOP_DELAY_MS,
  maxDbWaiting: env.MAX_DB_WAITING,
});

// The credit job: each run moves the credits due by now (each in its own transaction, so several
// servers may run it at once); runs never overlap, and shutdown waits for the one in flight.
let jobRun = Promise.resolve();
let jobTimer = null;
function runJob() {
  jobRun = jobRun
    .then(() => moveDueCredits(db, new Date()))
    .then((moved) => moved > 0 && app.log.info({ moved }, "due credits moved"))
    .catch((err) => app.log.error({ err }, "the credit job failed"));
  return jobRun;
}

// Connections that finish their request after close() began stay open as keep-alive until they
// time out; close them as they go idle so closing waits only for requests in flight.
let idle = null;
app.addHook("preClose", async () => {
  if (jobTimer) clearInterval(jobTimer);
  idle = setInterval(() => app.server.closeIdleConnections(), 50);
});
app.addHook("onClose", async () => {
  clearInterval(idle);
  await jobRun;
  app.log.info("requests finished; closing the database");
  await db.close();
  app.log.info("stopped");
});

// Signals (and SERVE_MINUTES, through closer.close) close the app: its hooks above; an error in
// them, or requests still running after 30 s, exits 1.
const closer = closeWithGrace({ delay: 30_000, logger: app.log }, async ({ signal, err, manual }) => {
  if (err) app.log.error({ err }, "exiting on an error");
  app.log.info({ reason: signal ?? (manual ? "SERVE_MINUTES" : "error") }, "shutting down");
  await app.close();
});

try {
  await app.listen({ port: env.PORT, host: env.HOST });
} catch (err) {
  app.log.error({ err }, "could not listen");
  await db.close();
  process.exit(1);
}
const { port: actual } = app.server.address();
const minutes = env.SERVE_MINUTES;
app.log.info({ url: `http://${env.HOST}:${actual}/`, database: db.kind, authoriser: authoriser.name }, "listening");
if (authoriser.name === "test") {
  app.log.warn("AUTHORISER=test: payments are decided by the built-in test mode (approves every amount outside 2000.00–2999.99); never in production");
}
// The test harness and scripts/serve.sh read this line for the port.
console.log(`balance-ledger server: http://${env.HOST}:${actual}/ (${db.kind}; authoriser ${authoriser.name}${minutes ? `; stops by itself in ${minutes} min` : ""})`);
if (minutes) setTimeout(() => closer.close(), minutes * 60_000).unref();
if (env.CREDIT_JOB_SECONDS > 0) {
  runJob();
  jobTimer = setInterval(runJob, env.CREDIT_JOB_SECONDS * 1000);
  jobTimer.unref();
}
