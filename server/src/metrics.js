// GET /metrics in Prometheus' text format (prom-client), for the private key only: requests and
// their latency per route and status, and the domain's own counters. The counters count in this
// process (each instance is scraped on its own); what the database holds for every instance (held
// and discarded cash balance transactions, credits by status) is counted there at each scrape.
import fastifyPlugin from "fastify-plugin";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { HttpError } from "./errors.js";

export const registry = new Registry();

const counter = (name, help, labelNames = []) => new Counter({ name, help, labelNames, registers: [registry] });

/** The domain's counters, counted where the operations are applied (routes, store, settlement). */
export const domain = {
  charges: counter("balance_ledger_charges_total", "Charges applied to a balance (replays not counted)"),
  funds: counter("balance_ledger_funds_total", "Orders funded, by the authoriser's outcome", ["outcome"]),
  settlements: counter("balance_ledger_settlements_total", "Customers settled, by outcome (success, failure, error)", ["outcome"]),
  replays: counter("balance_ledger_idempotent_replays_total", "Requests answered from their Idempotency-Key's stored answer", ["operation"]),
  idempotencyConflicts: counter("balance_ledger_idempotency_conflicts_total", "Idempotency-Keys reused with another request (409)"),
  settleAllRunning: new Gauge({ name: "balance_ledger_settle_all_in_progress", help: "Settle-all runs in progress", registers: [registry] }),
};

const requests = new Histogram({
  name: "http_request_duration_seconds",
  help: "Requests and their latency, by method, route and status",
  labelNames: ["method", "route", "status_code"],
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  registers: [registry],
});

// Counted in the database at each scrape: the same for every instance.
function databaseGauges(db) {
  const gauge = (name, help, labelNames, sql, labels) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        const { rows } = await db.query(sql);
        for (const row of rows) this.set(labels(row), Number(row.n));
      },
    });
  gauge("balance_ledger_cash_held", "Cash balance transactions held (waiting or refused)", [], "SELECT count(*) AS n FROM cash_pending", () => ({}));
  gauge("balance_ledger_cash_discarded", "Held cash balance transactions the merchant discarded", [], "SELECT count(*) AS n FROM cash_discarded", () => ({}));
  gauge(
    "balance_ledger_credits",
    "Credits by API version and status",
    ["version", "status"],
    "SELECT version, status, count(*) AS n FROM credits GROUP BY version, status",
    (r) => ({ version: r.version, status: r.status }),
  );
}

async function metrics(app, { db, auth }) {
  databaseGauges(db);
  app.addHook("onResponse", async (req, reply) => {
    // Unmatched requests under one label: a path never becomes a label of its own.
    const route = req.routeOptions.url ?? "(no route)";
    requests.observe({ method: req.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
  });
  app.get(
    "/metrics",
    {
      onRequest: auth,
      schema: {
        operationId: "metrics",
        summary: "Prometheus metrics (private key)",
        response: {
          200: { description: "Prometheus' text format", content: { "text/plain": { schema: { type: "string" } } } },
          401: { description: "No valid key", $ref: "IntergiroError#" },
          403: { description: "Not the private key", $ref: "IntergiroError#" },
        },
      },
    },
    async (req, reply) => {
      if (req.caller.kind !== "private") throw new HttpError(403, "forbidden", "metrics need the private key");
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}

export const metricsPlugin = fastifyPlugin(metrics, { name: "metrics" });
