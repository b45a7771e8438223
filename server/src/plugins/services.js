// What every family reads, decorated once on the root instance (fastify-plugin: not encapsulated):
// `db`, the payment `authorise`r, the credits' `clock`, `callerOf(key)` (who a key is: the
// merchant's private key or a customer's, or null) and `lifecycle` ({ stopping }: set when the
// server begins to close, so a settle-all stops between customers).
import fp from "fastify-plugin";
import { callerOfKey } from "../keys.js";
import { testAuthoriser } from "../authoriser.js";

async function services(app, { db, privateKeyHash, authorise, clock }) {
  app.decorate("db", db);
  app.decorate("authorise", authorise ?? testAuthoriser);
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
