// DELETE /v1/customer/:id/balance (settle) and GET /v1/customer/:id/balance/preview: `:id` is a
// customer id or "all" with the private key, "me" with a customer key (the package's
// settlementTarget decides). Both answer through the same package computation.
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { getCustomer } from "../store.js";
import { previewAll, settleAll, settleOne, tally } from "../settlement.js";
import { idParams } from "../request.js";
import { COMMON_ERRORS, intergiroErrors } from "../openapi/components.js";
import { domain } from "../metrics.js";

function targetOf(req) {
  try {
    const t = ledger.target(req.caller.kind, req.params.id);
    return t.scope === "me" ? { scope: "customer", customer: req.caller.customer } : t;
  } catch (err) {
    if (err instanceof ledger.BalanceLedgerError) throw new HttpError(403, err.code, err.message, err.issues);
    throw err;
  }
}

const tags = ["Intergiro balance"];
const security = [{ bearerAuth: [] }];
const targetParams = {
  ...idParams,
  properties: { id: { ...idParams.properties.id, description: "A customer id, `me` (customer key) or `all` (private key)" } },
};
// 502: the settlement asks the authoriser for its payment.
const errors = intergiroErrors([...COMMON_ERRORS, 403, 404, 502]);
// One customer's settlement (`order` the order) or, in a settle-all, its order number; or why not.
const settled = {
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: {
    id: { type: "string" },
    outcome: { type: "string", enum: ["success", "failure"] },
    amount: { $ref: "Amount#" },
    order: { anyOf: [{ type: "string" }, { type: "null" }, { $ref: "Order#" }] },
    error: { $ref: "Problem#" },
  },
};
const settleSchema = {
  operationId: "settle",
  summary: "Settle a customer's balance, your own (`me`) or every customer's (`all`)",
  tags,
  security,
  params: targetParams,
  response: {
    200: {
      description: "The seed's counts, and each customer's outcome",
      type: "object",
      additionalProperties: false,
      required: ["updated", "errors", "declined", "results"],
      properties: {
        updated: { type: "integer" },
        errors: { type: "integer" },
        declined: { type: "integer" },
        results: { type: "array", items: settled },
        stopped: { type: "boolean", description: "The server shut down part way; a rerun settles the rest." },
      },
    },
    ...errors,
  },
};
const previewSchema = {
  operationId: "preview",
  summary: "What settling would do, without doing it",
  tags,
  security,
  params: targetParams,
  response: {
    200: {
      description: "One customer's preview, or (`all`) each customer's amount due",
      anyOf: [
        { $ref: "SettlementPreview#" },
        {
          type: "object",
          additionalProperties: false,
          required: ["updated", "errors", "results"],
          properties: {
            updated: { type: "integer" },
            errors: { type: "integer" },
            results: {
              type: "array",
              items: {
                type: "object",
                additionalProperties: false,
                required: ["id"],
                properties: {
                  id: { type: "string" },
                  currency: { type: "string" },
                  amount: { $ref: "Amount#" },
                  error: { $ref: "Problem#" },
                },
              },
            },
          },
        },
      ],
    },
    ...errors,
  },
};

/** options: { settleBatch, settleConcurrency }. */
export async function settleRoutes(app, { settleBatch, settleConcurrency }) {
  // What settlement.js runs on: the services and this server's batch settings.
  const run = {
    db: app.db,
    authorise: app.authorise,
    settleBatch,
    settleConcurrency,
    get stopping() {
      return app.lifecycle.stopping;
    },
  };

  app.delete("/v1/customer/:id/balance", { onRequest: app.auth, schema: settleSchema }, async (req) => {
    const t = targetOf(req);
    if (t.scope === "all") return settleAll(run, req.log);
    try {
      const r = await settleOne(run, t.customer);
      return tally(r.outcome === "nothing" ? [] : [r]);
    } catch (err) {
      // The seed's counts even for one customer: a customer the package cannot settle (its state
      // refused) is an error of the count; a missing customer, or the server's own failure, is not.
      if (!(err instanceof ledger.BalanceLedgerError)) throw err;
      req.log.warn({ customer: t.customer, err }, "settle: customer not settled");
      domain.settlements.inc({ outcome: "error" });
      return tally([{ id: t.customer, error: { code: err.code, message: err.message, issues: err.issues ?? [] } }]);
    }
  });

  app.get("/v1/customer/:id/balance/preview", { onRequest: app.auth, schema: previewSchema }, async (req) => {
    const t = targetOf(req);
    if (t.scope === "all") return previewAll(run);
    return ledger.preview((await getCustomer(app.db, t.customer)).state);
  });
}
