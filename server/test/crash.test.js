// kill -9 of the server in the middle of a settle-all of 10,000 customers, on PostgreSQL and on
// PGlite; restart; settle-all again. Every customer must be settled exactly once (the customers the
// first run committed plus those the second run settled are all of them, none in both), every
// settlement the first run logged as committed must still be there (the database lost nothing),
// funds are conserved to the öre, and each customer's journal folds (replayJournal) to its state.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as ledger from "../src/ledger.js";
import { openDb } from "../src/db/index.js";
import { BACKENDS, PRIVATE_KEY, freshDatabase, startServer } from "./support/harness.js";
import { ore, seed } from "./support/seed.js";

const CUSTOMERS = 10_000;
const id = (i) => `crash-${String(i).padStart(5, "0")}`;

const settleAll = (url) =>
  fetch(`${url}/v1/customer/all/balance`, { method: "DELETE", headers: { authorization: `Bearer ${PRIVATE_KEY}` } });

/** Customers with a settlement entry, from the database itself. */
async function settledIds(db) {
  const { rows } = await db.query("SELECT customer_id FROM journal WHERE entry->>'kind' = 'settlement'");
  return rows.map((r) => r.customer_id);
}

for (const backend of BACKENDS) {
  describe(`kill -9 during settle-all on ${backend}`, () => {
    test(`${CUSTOMERS} customers: each settled exactly once, nothing lost, funds conserved, journal = state`, async () => {
      const fresh = await freshDatabase(backend);
      const open = () => openDb({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir, poolSize: 2 });
      try {
        let db = await open();
        const charged = await seed(db, CUSTOMERS, id);
        await db.close();

        // Run 1: killed once a few batches have committed. Debug logs name each settlement after
        // its commit: those must survive the kill.
        const env = { ...fresh.env, LOG_LEVEL: "debug" };
        const first = await startServer(env);
        const dying = settleAll(first.url).then(
          (r) => r.status,
          () => "connection lost",
        );
        await first.waitFor(/"settled":(1[5-9]\d\d|[2-9]\d\d\d)/, 120_000);
        const { signal } = await first.kill();
        assert.equal(signal, "SIGKILL");
        assert.equal(await dying, "connection lost", "the first settle-all died with its server");
        const logged = new Set([...first.output().matchAll(/"customer":"(crash-\d{5})"[^\n]*"msg":"settled"/g)].map((m) => m[1]));
        assert.ok(logged.size >= 1500, `the first run committed ${logged.size} settlements before the kill`);

        db = await open();
        const afterCrash = new Set(await settledIds(db));
        await db.close();
        const lost = [...logged].filter((c) => !afterCrash.has(c));
        assert.deepEqual(lost, [], `${backend} lost ${lost.length} committed settlements on kill -9`);
        assert.ok(afterCrash.size < CUSTOMERS, "the kill came before the end");

        // Run 2: settles exactly the rest.
        const second = await startServer(env);
        const r = await settleAll(second.url);
        assert.equal(r.status, 200);
        const answer = await r.json();
        await second.stop();
        assert.equal(answer.errors, 0, JSON.stringify(answer.results.filter((x) => x.error).slice(0, 3)));
        assert.equal(answer.updated, CUSTOMERS - afterCrash.size, "the rerun settled only those the first run had not");
        assert.ok(answer.results.every((x) => !afterCrash.has(x.id)), "nobody settled in both runs");

        db = await open();
        try {
          const { rows } = await db.query(
            `SELECT c.id, c.state, c.initial, c.version,
                    coalesce(json_agg(j.entry ORDER BY j.version, j.position) FILTER (WHERE j.entry IS NOT NULL), '[]') AS entries
             FROM customers c LEFT JOIN journal j ON j.customer_id = c.id GROUP BY c.id`,
          );
          assert.equal(rows.length, CUSTOMERS);
          let settled = 0n;
          for (const row of rows) {
            const kinds = row.entries.map((e) => e.kind);
            assert.deepEqual(kinds, ["charge", "settlement"], `${row.id}: one charge, one settlement`);
            assert.deepEqual(row.state.balance, [], row.id);
            assert.equal(row.version, 2, row.id);
            settled += ore(row.entries[1].amount);
            assert.deepEqual(ledger.replay(row.initial, row.entries), row.state, `${row.id}: the journal folds to the state`);
          }
          assert.equal(settled, charged, "every öre charged was settled once");
        } finally {
          await db.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
