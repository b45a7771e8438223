// DELETE /v1/customer/:id/balance (settle) and GET /v1/customer/:id/balance/preview: `:id` is a
// customer id or "all" with the private key, "me" with a customer key (the package's
// settlementTarget decides). Both answer through the same package computation.
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { getCustomer } from "../store.js";
import { previewAll, settleAll, settleOne, tally } from "../settlement.js";
import { idParams } from "../request.js";

function targetOf(req) {
  try {
    const t = ledger.target(req.caller.kind, req.params.id);
    return t.scope === "me" ? { scope: "customer", customer: req.caller.customer } : t;
  } catch (err) {
    if (err instanceof ledger.BalanceLedgerError) throw new HttpError(403, err.code, err.message, err.issues);
    throw err;
  }
}

/** options: { settleBatch, settleConcurrency }. */
export async function settleRoutes(app, { settleBatch, settleConcurrency }) {
  const opts = { onRequest: app.auth, schema: { params: idParams } };
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

  app.delete("/v1/customer/:id/balance", opts, async (req) => {
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
      return tally([{ id: t.customer, error: { code: err.code, message: err.message, issues: err.issues ?? [] } }]);
    }
  });

  app.get("/v1/customer/:id/balance/preview", opts, async (req) => {
    const t = targetOf(req);
    if (t.scope === "all") return previewAll(run);
    return ledger.preview((await getCustomer(app.db, t.customer)).state);
  });
}
