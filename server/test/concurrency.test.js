// Two server processes on one PostgreSQL, as two instances behind a load balancer would run:
// concurrent charges on one customer lose nothing and apply nothing twice; an Idempotency-Key sent
// 50 times at once charges once; a reused key with another body is refused by both.
import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { PRIVATE_KEY, call, freshDatabase, startServer } from "./support/harness.js";

/** POST with JSON through a keep-alive agent (its maxSockets bounds the connections). */
function post(agent, base, path, body, headers = {}) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${PRIVATE_KEY}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("two servers on one PostgreSQL", () => {
  let db;
  let servers;
  let agents;
  let sql;
  before(async () => {
    db = await freshDatabase("postgres");
    servers = [await startServer(db.env), await startServer(db.env)];
    // 10 keep-alive connections to each server: 20 in all
    agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: 10 }));
    sql = new pg.Client({ connectionString: db.databaseUrl });
    await sql.connect();
    const r = await call(servers[0].url, "POST", "/customer", { body: { id: "busy", currency: "SEK" } });
    assert.equal(r.status, 201);
  });
  after(async () => {
    for (const a of agents ?? []) a.destroy();
    await sql?.end();
    for (const s of servers ?? []) await s.stop();
    await db?.drop();
  });

  const journalRows = async () =>
    (await sql.query("SELECT count(*)::int AS n, count(DISTINCT version)::int AS v FROM journal WHERE customer_id = 'busy'")).rows[0];

  test("200 charges with distinct keys over 20 connections: 200 items, 200 journal rows, version 200", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(agents[i % 2], servers[i % 2].url, "/customer/busy/balance", { number: `n${i}`, price: "1.25" }, { "idempotency-key": `distinct-${i}` }),
      ),
    );
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.equal(answers.filter((a) => a.headers["idempotent-replayed"]).length, 0);
    const c = (await call(servers[1].url, "GET", "/customer/busy")).body;
    assert.equal(c.balance.length, 200);
    assert.equal(c.version, 200);
    assert.deepEqual(new Set(c.balance.map((i) => i.number)), new Set(answers.map((_, i) => `n${i}`)));
    assert.deepEqual(await journalRows(), { n: 200, v: 200 });
    const p = (await call(servers[0].url, "GET", "/v1/customer/busy/balance/preview")).body;
    assert.equal(p.amount, "250.00");
  });

  test("one Idempotency-Key sent 50 times at once to both servers: one charge, 49 replays", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(agents[i % 2], servers[i % 2].url, "/customer/busy/balance", { number: "once", price: 7 }, { "idempotency-key": "the-same-key" }),
      ),
    );
    assert.deepEqual([...new Set(answers.map((a) => a.status))], [200]);
    assert.equal(answers.filter((a) => a.headers["idempotent-replayed"] === "true").length, 49);
    for (const a of answers) assert.deepEqual(a.body, answers[0].body, "every replay is the first answer");
    const c = (await call(servers[0].url, "GET", "/customer/busy")).body;
    assert.equal(c.balance.filter((i) => i.number === "once").length, 1);
    assert.equal(c.version, 201);
    assert.deepEqual(await journalRows(), { n: 201, v: 201 });
  });

  test("the key reused with another body is 409 on both servers and changes nothing", async () => {
    for (const [i, s] of servers.entries()) {
      const r = await post(agents[i], s.url, "/customer/busy/balance", { number: "once", price: 8 }, { "idempotency-key": "the-same-key" });
      assert.equal(r.status, 409);
      assert.equal(r.body.error.code, "idempotency_key_reused");
    }
    assert.deepEqual(await journalRows(), { n: 201, v: 201 });
  });
});
