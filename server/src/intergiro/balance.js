// POST /customer/:id/balance (charge) and POST /order (fund), each one transaction, each
// idempotent with an Idempotency-Key.
import * as ledger from "../ledger.js";
import { HttpError, fromLedgerError } from "../errors.js";
import { mutate } from "../store.js";
import { checkCharge } from "../caps.js";
import { ID_PATTERN, idParams, idempotency, mayAct } from "../request.js";

// The body is the package's to judge (a positive amount, an Item or an array of Items); the schema
// only refuses what cannot be one.
const chargeBody = { type: ["number", "string", "object", "array"] };
const orderBody = {
  type: "object",
  required: ["customer"],
  properties: { customer: { type: "string", pattern: ID_PATTERN } },
};

function send(reply, out) {
  if (out.replayed) reply.header("idempotent-replayed", "true");
  reply.status(out.status);
  return out.body;
}

export async function balanceRoutes(app) {
  app.post(
    "/customer/:id/balance",
    { onRequest: app.auth, schema: { params: idParams, body: chargeBody } },
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
      return send(reply, out);
    },
  );

  // The authoriser is asked with the amount the package computed for the order; a declined order
  // is still applied (the customer becomes pending, retries scheduled) and answered with its outcome.
  app.post("/order", { onRequest: app.auth, schema: { body: orderBody } }, async (req, reply) => {
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
    return send(reply, out);
  });
}
