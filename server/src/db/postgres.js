// PostgreSQL through node-postgres: a pool of connections, a transaction on one of them.
import pg from "pg";

export async function openPostgres(url, { max = 20 } = {}) {
  const pool = new pg.Pool({ connectionString: url, max });
  // A connection that breaks while idle must not crash the process; the pool replaces it.
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
  return {
    kind: "postgres",
    ...wrap(pool),
    async transaction(fn) {
      const c = await pool.connect();
      let broken = false;
      try {
        await c.query("BEGIN");
        const result = await fn(wrap(c));
        await c.query("COMMIT");
        return result;
      } catch (err) {
        // A failed ROLLBACK means the connection is gone; drop it from the pool.
        await c.query("ROLLBACK").catch(() => (broken = true));
        throw err;
      } finally {
        c.release(broken);
      }
    },
    // Queries waiting for a connection: the pool is saturated when this grows (under-pressure).
    waiting: () => pool.waitingCount,
    close: () => pool.end(),
  };
}
