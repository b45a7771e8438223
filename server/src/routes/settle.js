// DELETE /v1/customer/:id/balance (settle) and GET /v1/customer/:id/balance/preview: `:id` is a
// customer id or "all" with the private key, "me" with a customer key (the package's
// settlementTarget decides). Both answer through the same package computation.
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { getCustomer } from "../store.js";
import { previewAll, settleAll, settleOne, tally } from "../settlement.js";
import { idParams } from "./common.js";

function targetOf(req) {
  try {
    const t = ledger.target(req.caller.kind, req.params.id);
    return t.scope === "me" ? { scope: "customer", customer: req.caller.customer } : t;
  } catch (err) {
    if (err instanceof ledger.BalanceLedgerError) throw new HttpError(403, err.code, err.message, err.issues);
    throw err;
  }
}

export async function settleRoutes(app, ctx) {
  const opts = { onRequest: ctx.auth, schema: { params: idParams } };

  app.delete("/v1/customer/:id/balance", opts, async (req) => {
    const t = targetOf(req);
    if (t.scope === "all") return settleAll(ctx, req.log);
    try {
      const r = await settleOne(ctx, t.customer);
      return tally(r.outcome === "nothing" ? [] : [r]);
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) throw err;
      // The seed's counts even for one customer: a customer that cannot be settled is an error.
      req.log.warn({ customer: t.customer, err }, "settle: customer not settled");
      if (err instanceof HttpError && err.status >= 500) throw err;
      return tally([{ id: t.customer, error: { code: err.code, message: err.message, issues: err.issues ?? [] } }]);
    }
  });

  app.get("/v1/customer/:id/balance/preview", opts, async (req) => {
    const t = targetOf(req);
    if (t.scope === "all") return previewAll(ctx);
    return ledger.preview((await getCustomer(ctx.db, t.customer)).state);
  });
}
