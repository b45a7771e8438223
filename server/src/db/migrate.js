// Applies server/migrations/*.sql in name order, each once, all in one transaction under an
// advisory lock, so two servers starting together on one PostgreSQL apply them once.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "..", "migrations");
const LOCK = 7_346_113; // any constant: the key of this project's migration lock

export async function migrate(db) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  await db.transaction(async (tx) => {
    // Each statement after the lock must see what a server that held it before committed: at
    // SERIALIZABLE (a database's default) the snapshot would be the one taken before the wait.
    await tx.query("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK]);
    await tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await tx.query("SELECT name FROM schema_migrations")).rows.map((r) => r.name));
    for (const name of files) {
      if (done.has(name)) continue;
      await tx.exec(await readFile(join(dir, name), "utf8"));
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
    }
  });
}
