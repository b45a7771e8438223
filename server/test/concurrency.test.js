// Two server processes on one PostgreSQL, as two instances behind a load balancer would run:
// concurrent charges on one customer lose nothing and apply nothing twice; an Idempotency-Key sent
// 50 times at once charges once; a reused key with another body is refused by both. Each server
// remembers the states it last saw (src/state-cache.js): what the other wrote meanwhile still counts.
import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { PRIVATE_KEY, call, freshDatabase, startServer } from "./support/harness.js";
import { checkAnswer } from "./support/contract.js";

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
        res.on("end", () => {
          // The harness's contract check, as for fetch.
          const answer = new Response(text, { status: res.statusCode, headers: Object.entries(res.headers).flatMap(([k, v]) => [v].flat().map((x) => [k, x])) });
          checkAnswer("POST", `${base}${path}`, answer).then(
            () => resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(text) }),
            reject,
          );
        });
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

  test("a state one server remembers, changed by the other, is neither written over nor trusted for a refusal", async () => {
    const [a, b] = servers;
    assert.equal((await call(a.url, "POST", "/customer", { body: { id: "moved", currency: "SEK", limit: 100 } })).status, 201);
    // a remembers the customer at 90 of its limit of 100 …
    assert.equal((await call(a.url, "POST", "/customer/moved/balance", { body: 90 })).status, 200);
    const refused = await call(a.url, "POST", "/customer/moved/balance", { body: 20 });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, "limit_exceeded");
    // … b settles it (its balance is empty now, version 2) and charges 5 …
    assert.equal((await call(b.url, "DELETE", "/v1/customer/moved/balance")).body.updated, 1);
    assert.equal((await call(b.url, "POST", "/customer/moved/balance", { body: 5 })).status, 200);
    // … so 20 more through a fits: a's remembered 90 is not what judges, and b's 5 is kept.
    const ok = await call(a.url, "POST", "/customer/moved/balance", { body: 20 });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.balance.map((i) => i.price), ["5.00", "20.00"]);
    assert.equal(ok.body.version, 4);
    const rows = (await sql.query("SELECT version FROM journal WHERE customer_id = 'moved' ORDER BY version")).rows;
    assert.deepEqual(rows.map((r) => r.version), [1, 2, 3, 4]);
  });
});
