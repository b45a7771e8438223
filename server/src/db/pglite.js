// The embedded database: PGlite (PostgreSQL compiled to wasm) with its files in a directory.
// One PGlite instance is one connection, so its transactions run one at a time; PGlite queues
// queries and transactions itself.
import { PGlite } from "@electric-sql/pglite";

export async function openPglite(dataDir) {
  const pg = await PGlite.create(dataDir);
  const wrap = (q) => ({
    async query(sql, params = []) {
      const r = await q.query(sql, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    exec: (sql) => q.exec(sql),
  });
  return {
    kind: "pglite",
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
