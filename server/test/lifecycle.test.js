// The process around the API: SIGTERM finishes what is in flight, refuses what comes after and
// exits 0 with the database closed; SERVE_MINUTES stops it by itself; without PRIVATE_KEY one is
// made and printed, and it works.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BACKENDS, call, freshDatabase, startServer } from "./support/harness.js";

for (const backend of BACKENDS) {
  describe(`the server process on ${backend}`, () => {
    test("SIGTERM: requests in flight are answered and kept, the process exits 0", async () => {
      const db = await freshDatabase(backend);
      try {
        let s = await startServer({ ...db.env, LOG_LEVEL: "info" });
        assert.equal((await call(s.url, "POST", "/customer", { body: { id: "term", currency: "SEK" } })).status, 201);
        const inFlight = Array.from({ length: 30 }, (_, i) =>
          call(s.url, "POST", "/customer/term/balance", { body: { price: 1, number: `t${i}` } }).then(
            (r) => r.status,
            () => "connection lost",
          ),
        );
        await Promise.race(inFlight); // the first is answered: the others are in flight or queued
        s.proc.kill("SIGTERM");
        const statuses = await Promise.all(inFlight);
        const { code } = await s.exited;
        assert.equal(code, 0, s.output().slice(-2000));
        assert.match(s.output(), /"msg":"stopped"/);
        // Every request either got its answer or was never taken: none half-done, none lost.
        assert.ok(statuses.every((x) => x === 200 || x === 503 || x === "connection lost"), statuses.join(","));
        const answered = statuses.filter((x) => x === 200).length;
        s = await startServer(db.env);
        const c = (await call(s.url, "GET", "/customer/term")).body;
        await s.stop();
        assert.equal(c.balance.length, c.version);
        assert.equal(c.version, answered, "exactly the answered charges were kept");
      } finally {
        await db.drop();
      }
    });
  });
}

describe("the server process (PGlite)", () => {
  test("SERVE_MINUTES stops it by itself, exit 0", async () => {
    const db = await freshDatabase("pglite");
    try {
      const s = await startServer({ ...db.env, SERVE_MINUTES: "0.02", LOG_LEVEL: "info" });
      assert.match(s.output(), /stops by itself in 0\.02 min/);
      const { code } = await s.exited;
      assert.equal(code, 0);
      assert.match(s.output(), /"reason":"SERVE_MINUTES"/);
    } finally {
      await db.drop();
    }
  });

  test("without PRIVATE_KEY a key is made, printed once, and it is the private key", async () => {
    const db = await freshDatabase("pglite");
    try {
      const s = await startServer({ ...db.env, PRIVATE_KEY: "" });
      try {
        const key = /PRIVATE_KEY=(sk_[A-Za-z0-9_-]{32})\n/.exec(s.output())?.[1];
        assert.ok(key, s.output());
        assert.equal((await call(s.url, "POST", "/customer", { key, body: { currency: "SEK" } })).status, 201);
        assert.equal((await call(s.url, "POST", "/customer", { body: { currency: "SEK" } })).status, 401, "the harness's key is not it");
      } finally {
        await s.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
