// POST /customer/:id/balance (charge) and POST /order (fund), each one transaction, each
// idempotent with an Idempotency-Key.
import * as ledger from "../ledger.js";
import { HttpError, fromLedgerError } from "../errors.js";
import { mutate } from "../store.js";
import { checkCharge } from "../caps.js";
import { ID_PATTERN, idParams, idempotency, mayAct } from "../request.js";
import { COMMON_ERRORS, intergiroErrors } from "../openapi/components.js";
import { domain } from "../metrics.js";

// The body is the package's to judge (a positive amount, an Item or an array of Items); the schema
// only refuses what cannot be one.
const chargeBody = { type: ["number", "string", "object", "array"] };
const orderBody = {
  type: "object",
  required: ["customer"],
  properties: { customer: { type: "string", pattern: ID_PATTERN } },
};

function send(reply, out, operation) {
  if (out.replayed) {
    reply.header("idempotent-replayed", "true");
    domain.replays.inc({ operation });
  } else if (operation === "charge") domain.charges.inc();
  else domain.funds.inc({ outcome: out.body.outcome });
  reply.status(out.status);
  return out.body;
}

const tags = ["Intergiro balance"];
const security = [{ bearerAuth: [] }];
const idempotencyHeader = {
  type: "object",
  properties: { "idempotency-key": { type: "string", description: "Retries with the same key apply once." } },
};
const replayed = { "idempotent-replayed": { type: "string", description: "\"true\" when the answer is a replay" } };

const chargeSchema = {
  operationId: "charge",
  summary: "Charge items to a customer's balance",
  tags,
  security,
  params: idParams,
  headers: idempotencyHeader,
  body: chargeBody,
  // The document shows what the package reads (document.js puts it in the place of `body`).
  documentedBody: {
    description: "An amount, an item or an array of items.",
    anyOf: [{ $ref: "Money#" }, { $ref: "Item#" }, { type: "array", items: { $ref: "Item#" } }],
  },
  response: {
    200: { description: "The customer after the charge", headers: replayed, $ref: "Customer#" },
    ...intergiroErrors([...COMMON_ERRORS, 403, 404, 409, 422]),
  },
};
const fundSchema = {
  operationId: "fund",
  summary: "Fund a customer's balance with an order",
  tags,
  security,
  headers: idempotencyHeader,
  body: orderBody,
  response: {
    201: {
      description: "The order, the customer after it, and the authoriser's outcome",
      headers: replayed,
      type: "object",
      additionalProperties: false,
      required: ["order", "customer", "outcome"],
      properties: {
        order: { $ref: "Order#" },
        customer: { $ref: "Customer#" },
        outcome: { type: "string", enum: ["success", "failure"] },
      },
    },
    ...intergiroErrors([...COMMON_ERRORS, 403, 404, 409, 422, 502]),
  },
};

export async function balanceRoutes(app) {
  app.post(
    "/customer/:id/balance",
    { onRequest: app.auth, schema: chargeSchema },
    async (req, reply) => {
      const { id } = req.params;
      mayAct(req.caller, id);
      const idem = idempotency(req, id);
      const out = await mutate(app.db, id, idem, (row) => {
        const r = ledger.charge(row.state, req.body, { idempotencyKey: idem?.key });
        if (!r.replayed) checkCharge(row.state, r.customer, r.entries, app.caps);
        // What the package returns is appended as it is: a replay returns no entries.
        return { status: 200, body: r.customer, state: r.customer, entries: r.entries };
      }, { pure: true }); // the package only: it may run again if the customer changed meanwhile
      return send(reply, out, "charge");
    },
  );

  // The authoriser is asked with the amount the package computed for the order; a declined order
  // is still applied (the customer becomes pending, retries scheduled) and answered with its outcome.
  app.post("/order", { onRequest: app.auth, schema: fundSchema }, async (req, reply) => {
    const id = req.body.customer;
    mayAct(req.caller, id);
    const idem = idempotency(req, id);
    const out = await mutate(app.db, id, idem, async (row) => {
      const opts = { idempotencyKey: idem?.key, now: new Date().toISOString() };
      let r;
      try {
        r = ledger.fund(row.state, req.body, "success", opts); // pure: a dry run that validates
      } catch (err) {
        if (err instanceof ledger.BalanceLedgerError) throw fromLedgerError(err, { strip: "/order" });
        throw err;
      }
      // A replay (no entries: nothing to append) asks the authoriser nothing.
      if (r.replayed) return { status: 201, body: { order: r.order, customer: r.customer, outcome: "success" }, state: r.customer, entries: r.entries };
      const outcome = await app.authorise({
        customer: row.state,
        order: r.order,
        amount: r.order.amount,
        currency: r.order.currency,
        idempotencyKey: `fund:${id}:${row.version}`,
      });
      if (outcome !== "success" && outcome !== "failure") {
        throw new HttpError(500, "internal_error", `the authoriser answered ${JSON.stringify(outcome)}`);
      }
      if (outcome === "failure") r = ledger.fund(row.state, req.body, "failure", opts);
      return {
        status: 201,
        body: { order: r.order, customer: r.customer, outcome },
        state: r.customer,
        entries: r.entries,
      };
    });
    return send(reply, out, "fund");
  });
}
