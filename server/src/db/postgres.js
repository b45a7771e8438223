// PostgreSQL through node-postgres: a pool of connections, a transaction on one of them, each
// transaction (and each statement outside one) retried on serialization failures and deadlocks
// (faults.js). Every wait is bounded, so a request never hangs on a database that vanished: a new
// connection within `connectTimeout` ms, a free one from the pool within `queueTimeout` ms (a
// burst on one hot row waits its turn there: longer), each statement's answer within
// `queryTimeout` ms; past any, the request is answered 503 (and a connection that failed dropped).
import pg from "pg";
import { isUnavailable, retrying } from "./faults.js";

export async function openPostgres(url, { max = 20, connectTimeout = 10_000, queueTimeout = 30_000, queryTimeout = 15_000 } = {}) {
  // The pool's timeout bounds both the wait for a free connection and the opening of a new one;
  // the client's own (shorter) bounds the opening.
  class Client extends pg.Client {
    constructor(config) {
      super({ ...config, connectionTimeoutMillis: connectTimeout });
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max,
    Client,
    connectionTimeoutMillis: queueTimeout,
    query_timeout: queryTimeout,
    keepAlive: true,
  });
  // A connection that breaks while idle must not crash the process; the pool drops it.
  pool.on("error", () => {});
  const client = await pool.connect(); // fail fast on a wrong URL
  client.release();
  const wrap = (q) => ({
    // A named statement is parsed and planned once per connection (the hot ones: src/store.js).
    async query(sql, params = [], name = undefined) {
      const r = await q.query(name ? { name, text: sql, values: params } : sql, params);
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
    },
    // Without parameters node-postgres uses the simple protocol: several statements at once.
    exec: (sql) => q.query(sql),
  });
  const direct = wrap(pool); // pool.query drops a connection whose statement failed on it
  return {
    kind: "postgres",
    // A statement on its own is a transaction of its own: rolled back whole when it must be retried.
    query: (sql, params, name) => retrying(() => direct.query(sql, params, name)),
    exec: (sql) => retrying(() => direct.exec(sql)),
    transaction: (fn) => retrying(() => transaction(pool, wrap, fn)),
    // Queries waiting for a connection: the pool is saturated when this grows (under-pressure).
    waiting: () => pool.waitingCount,
    close: () => pool.end(),
  };
}

async function transaction(pool, wrap, fn) {
  const c = await pool.connect();
  let broken = false;
  // The pool listens for errors on idle connections only: one that dies while this transaction
  // holds it (the database crashed between two statements) would otherwise crash the process.
  // Its next statement fails, and it is dropped below.
  const lost = () => (broken = true);
  c.on("error", lost);
  try {
    await c.query("BEGIN");
    const result = await fn(wrap(c));
    await c.query("COMMIT");
    return result;
  } catch (err) {
    // A connection that failed is not asked to roll back (the server does when it goes); one that
    // cannot roll back is gone too. Either is dropped from the pool, not handed to the next request.
    if (isUnavailable(err)) broken = true;
    else await c.query("ROLLBACK").catch(() => (broken = true));
    throw err;
  } finally {
    c.off("error", lost);
    c.release(broken);
  }
}
