// Stripe's cash balance endpoints on the stored balances: GET and POST (settings)
// /v1/customers/:id/cash_balance, GET /v1/customers/:id/cash_balance_transactions (Stripe's list
// envelope, newest first, limit / starting_after / ending_before) and GET …/:transaction, in
// Stripe's shapes. The POST
// takes JSON or Stripe's form encoding (what the official client sends). And the server's own, for
// the merchant: the transactions held back (GET /v1/customers/:id/cash_balance/pending), tried
// again (POST …/pending/retry) or, once refused, discarded (DELETE …/pending/:transaction).
import * as ledger from "../ledger.js";
import { HttpError, fromLedgerError } from "../errors.js";
import { cashStateOf, discardPending, getCash, listCash, pendingPage, retryPending, updateCash } from "../cash-store.js";
import { idParams, mayAct } from "../request.js";
import { acceptForms } from "./form-body.js";
import { stripeError } from "./errors.js";

const TAGS = ["Stripe cash balance"];
// Stripe's objects as the package writes them: the fields named are checked, any other is kept
// (Stripe adds fields as a backwards-compatible change).
const cashBalance = {
  type: "object",
  required: ["object", "customer"],
  additionalProperties: true,
  properties: { object: { type: "string", enum: ["cash_balance"] }, customer: { type: "string" } },
};
const cashTransaction = {
  type: "object",
  required: ["id", "object", "customer", "type", "net_amount", "ending_balance", "currency"],
  additionalProperties: true,
  properties: {
    id: { type: "string" },
    object: { type: "string", enum: ["customer_cash_balance_transaction"] },
    customer: { type: "string" },
    type: { type: "string" },
    currency: { type: "string" },
    net_amount: { type: "integer" },
    ending_balance: { type: "integer" },
  },
};
const list = (item) => ({
  type: "object",
  required: ["object", "data", "has_more", "url"],
  properties: { object: { type: "string", enum: ["list"] }, data: { type: "array", items: item }, has_more: { type: "boolean" }, url: { type: "string" } },
});
const errors = { "4xx": stripeError, "5xx": stripeError };

const TX_ID = "^[\\x21-\\x7e]{1,255}$";
const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    limit: { type: "string", pattern: "^(?:[1-9]\\d?|100)$" },
    starting_after: { type: "string", pattern: TX_ID },
    ending_before: { type: "string", pattern: TX_ID },
  },
};
// The same limit and cursor as the transactions' list; held ones are paged forward only.
const pendingQuery = {
  type: "object",
  additionalProperties: false,
  properties: { limit: listQuery.properties.limit, starting_after: listQuery.properties.starting_after },
};
const transactionParams = {
  type: "object",
  required: ["id", "transaction"],
  properties: { id: idParams.properties.id, transaction: { type: "string", pattern: TX_ID } },
};
const pendingParams = transactionParams;
const loose = { type: "object", additionalProperties: true };

/** Held transactions are the merchant's to see and resolve: the private key only. */
function merchantOnly(caller) {
  if (caller.kind !== "private") {
    throw new HttpError(403, "forbidden", "held cash balance transactions are for the merchant's private key");
  }
}

// Stripe's parameter: settings.reconciliation_mode (its values are the package's to judge).
const settingsBody = {
  type: "object",
  additionalProperties: false,
  required: ["settings"],
  properties: {
    settings: {
      type: "object",
      additionalProperties: false,
      required: ["reconciliation_mode"],
      properties: { reconciliation_mode: { type: "string", maxLength: 64 } },
    },
  },
};

/** A 404 in Stripe's terms: `param` the path parameter naming what is missing. */
function missing(message, param = "id") {
  const e = new HttpError(404, "not_found", message);
  e.param = param;
  return e;
}

/** The stored state, or a 404 for a customer neither the ledger nor a cash balance knows. */
async function stateOf(db, id) {
  const { state, exists } = await cashStateOf(db, id);
  if (!state && !exists) throw missing(`no customer "${id}"`);
  return state;
}

export async function cashRoutes(app) {
  // Stripe's own encoding too, so the official client, pointed at this server, can call it.
  acceptForms(app);
  app.get(
    "/v1/customers/:id/cash_balance",
    {
      onRequest: app.auth,
      schema: { operationId: "retrieveCashBalance", tags: TAGS, params: idParams, response: { 200: cashBalance, ...errors } },
    }, async (req) => {
    const { id } = req.params;
    mayAct(req.caller, id);
    return ledger.cashView(id, await stateOf(app.db, id));
  });

  app.post(
    "/v1/customers/:id/cash_balance",
    {
      onRequest: app.auth,
      schema: { operationId: "updateCashBalance", tags: TAGS, params: idParams, body: settingsBody, response: { 200: cashBalance, ...errors } },
    },
    async (req) => {
      const { id } = req.params;
      mayAct(req.caller, id);
      await stateOf(app.db, id);
      const mode = req.body.settings.reconciliation_mode;
      const state = await updateCash(app.db, id, (current) => {
        const settings = { ...(current.settings ?? {}), reconciliation_mode: mode };
        try {
          ledger.cashView(id, { ...current, settings }); // the package judges the settings
        } catch (err) {
          if (err instanceof ledger.BalanceLedgerError) {
            const e = fromLedgerError(err);
            e.issues = e.issues.map((i) => ({ ...i, path: `/settings${i.path}` }));
            throw e;
          }
          throw err;
        }
        return { ...current, settings };
      });
      return ledger.cashView(id, state);
    },
  );

  app.get(
    "/v1/customers/:id/cash_balance_transactions",
    {
      onRequest: app.auth,
      schema: {
        operationId: "listCashBalanceTransactions",
        tags: TAGS,
        params: idParams,
        querystring: listQuery,
        response: { 200: list(cashTransaction), ...errors },
      },
    },
    async (req) => {
      const { id } = req.params;
      mayAct(req.caller, id);
      const q = req.query;
      if (q.starting_after !== undefined && q.ending_before !== undefined) {
        throw new HttpError(400, "invalid_input", "starting_after and ending_before exclude each other", [
          { path: "/querystring/ending_before", code: "conflicting_fields", message: "give starting_after or ending_before, not both" },
        ]);
      }
      await stateOf(app.db, id);
      const page = await listCash(app.db, id, {
        limit: Number(q.limit ?? 10),
        startingAfter: q.starting_after,
        endingBefore: q.ending_before,
      });
      return { object: "list", data: page.data, has_more: page.has_more, url: `/v1/customers/${id}/cash_balance_transactions` };
    },
  );

  app.get(
    "/v1/customers/:id/cash_balance_transactions/:transaction",
    {
      onRequest: app.auth,
      schema: {
        operationId: "retrieveCashBalanceTransaction",
        tags: TAGS,
        params: transactionParams,
        response: { 200: cashTransaction, ...errors },
      },
    },
    async (req) => {
      const { id, transaction } = req.params;
      mayAct(req.caller, id);
      await stateOf(app.db, id);
      const found = await getCash(app.db, id, transaction);
      if (!found) throw missing(`no cash balance transaction "${transaction}" of customer "${id}"`, "transaction");
      return found;
    },
  );

  app.get(
    "/v1/customers/:id/cash_balance/pending",
    {
      onRequest: app.auth,
      schema: { operationId: "listHeldCashBalanceTransactions", tags: TAGS, params: idParams, querystring: pendingQuery, response: { 200: list(loose), ...errors } },
    },
    async (req) => {
      const { id } = req.params;
      merchantOnly(req.caller);
      await stateOf(app.db, id);
      const page = await pendingPage(app.db, id, { limit: Number(req.query.limit ?? 10), startingAfter: req.query.starting_after });
      return { object: "list", data: page.data, has_more: page.has_more, url: `/v1/customers/${id}/cash_balance/pending` };
    },
  );

  app.post(
    "/v1/customers/:id/cash_balance/pending/retry",
    { onRequest: app.auth, schema: { operationId: "retryHeldCashBalanceTransactions", tags: TAGS, params: idParams, response: { 200: loose, ...errors } } }, async (req) => {
    const { id } = req.params;
    merchantOnly(req.caller);
    // No cash balance yet (a customer only the ledger knows): nothing is held.
    if (!(await stateOf(app.db, id))) return { applied: [], held: 0, refused: [] };
    return retryPending(app.db, id);
  });

  app.delete(
    "/v1/customers/:id/cash_balance/pending/:transaction",
    { onRequest: app.auth, schema: { operationId: "discardHeldCashBalanceTransaction", tags: TAGS, params: pendingParams, response: { 200: loose, ...errors } } }, async (req) => {
    const { id, transaction } = req.params;
    merchantOnly(req.caller);
    const r = (await stateOf(app.db, id)) ? await discardPending(app.db, id, transaction) : { outcome: "not_found" };
    if (r.outcome === "not_found") {
      throw missing(`no held transaction ${JSON.stringify(transaction)} of customer "${id}"`, "transaction");
    }
    if (r.outcome === "waiting") {
      throw new HttpError(
        409,
        "still_waiting",
        `${JSON.stringify(transaction)} was not refused: it waits for an earlier transaction and applies once that one arrives`,
      );
    }
    return { id: transaction, discarded: true, already: r.already, applied: r.applied, held: r.held, refused: r.refused };
  });
}
