// What every family reads, decorated once on the root instance (fastify-plugin: not encapsulated):
// `db`, the payment `authorise`r (the one configured: none is assumed), the `caps` on one customer
// (caps.js), the credits' `clock`, `callerOf(key)` (who a key is: the
// merchant's private key or a customer's, or null) and `lifecycle` ({ stopping }: set when the
// server begins to close, so a settle-all stops between customers).
import fp from "fastify-plugin";
import { callerOfKey } from "../keys.js";
import { HttpError } from "../errors.js";
import { MAX_STATE_BYTES, MAX_UNSETTLED_ITEMS } from "../caps.js";

async function services(app, { db, privateKeyHash, authoriser, caps, clock }) {
  app.decorate("db", db);
  // A throw (the processor unreachable) fails the request, nothing written: 502, the detail logged.
  app.decorate("authorise", async (payment) => {
    try {
      return await authoriser.authorise(payment);
    } catch (err) {
      const e = new HttpError(502, "authoriser_unavailable", "the payment authoriser did not answer; nothing was recorded: retry");
      e.cause = err;
      throw e;
    }
  });
  app.decorate("caps", caps ?? { stateBytes: MAX_STATE_BYTES, unsettledItems: MAX_UNSETTLED_ITEMS });
  // The credits' clock (a test may fix it); every other route reads the time itself.
  app.decorate("clock", clock ?? (() => new Date()));
  app.decorate("callerOf", (key) => callerOfKey(db, key, privateKeyHash));
  const lifecycle = { stopping: false };
  app.decorate("lifecycle", lifecycle);
  app.addHook("preClose", async () => {
    lifecycle.stopping = true;
  });
}

export default fp(services, { name: "services", fastify: "5.x" });
