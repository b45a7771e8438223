// Servers started together on one new PostgreSQL database: one applies the migrations, the others
// wait for its advisory lock and then find them applied — also when the database runs every
// transaction SERIALIZABLE (TEST_ISOLATION=serializable), where a snapshot taken before the wait
// would not see them and the second server would apply them again and fail to start.
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import pg from "pg";
import { ISOLATION, SERVER_DIR, freshDatabase, startServer } from "./support/harness.js";

test(`three servers starting at once on a new database (${ISOLATION}) migrate it once, and all serve`, async () => {
  const db = await freshDatabase("postgres");
  const started = [];
  try {
    const results = await Promise.allSettled([0, 1, 2].map(() => startServer(db.env)));
    for (const r of results) if (r.status === "fulfilled") started.push(r.value);
    assert.deepEqual(results.map((r) => r.status), ["fulfilled", "fulfilled", "fulfilled"], results.map((r) => r.reason?.message).join("\n"));
    for (const s of started) assert.equal((await fetch(`${s.url}/health`)).status, 200);
    const sql = new pg.Client({ connectionString: db.databaseUrl });
    await sql.connect();
    const { rows } = await sql.query("SELECT name FROM schema_migrations ORDER BY name");
    await sql.end();
    const files = (await readdir(join(SERVER_DIR, "migrations"))).filter((f) => f.endsWith(".sql")).sort();
    assert.deepEqual(rows.map((r) => r.name), files);
  } finally {
    for (const s of started) await s.stop();
    await db.drop();
  }
});
