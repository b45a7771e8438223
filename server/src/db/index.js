// One small interface over both databases: query(sql, params, name?) → { rows, rowCount } (name:
// a prepared statement's, where the database keeps them),
// transaction(fn) (fn gets the same query on one connection; commit on return, rollback on throw),
// exec(sql) for migrations, close(). On PostgreSQL a transaction may run more than once (a
// serialization failure or deadlock runs it again: faults.js), so `fn` does nothing outside the
// database that it could not do twice (the authoriser is asked with an idempotency key), and an
// unreachable database throws DatabaseUnavailable (503, Retry-After).
import { mkdir } from "node:fs/promises";
import { migrate } from "./migrate.js";

export async function openDb({ databaseUrl, dataDir, poolSize } = {}) {
  let db;
  if (databaseUrl) {
    const { openPostgres } = await import("./postgres.js");
    db = await openPostgres(databaseUrl, { max: poolSize });
  } else {
    await mkdir(dataDir, { recursive: true });
    const { openPglite } = await import("./pglite.js");
    db = await openPglite(dataDir);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}
