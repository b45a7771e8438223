// Hostile HTTP on PGlite and PostgreSQL: oversized bodies and headers, bodies that are not JSON or
// not declared JSON, ids with path separators, control characters and encoding tricks, forged keys.
// Bodies nested deep with an Idempotency-Key, duplicate JSON keys, two Authorization headers,
// signed webhook bodies that are no event, signatures from the future (issue 32).
// Each gets its status and code, nothing is changed, and the server keeps serving.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { BODY_LIMIT } from "../src/app.js";
import { BACKENDS, PRIVATE_KEY, createCustomer, serverOn } from "./support/harness.js";
import { SECRET, chain, deliver, eventOf } from "./support/stripe.js";

/**
 * One request written as is on a raw socket (`headers` an object, or [name, value] pairs to repeat
 * a header); → { status, text } of the response.
 */
function send(port, method, path, headers = {}, body = "") {
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  headers = Object.fromEntries(pairs);
  const head = [
    `${method} ${path} HTTP/1.1`,
    "host: 127.0.0.1",
    "connection: close",
    ...pairs.map(([k, v]) => `${k}: ${v}`),
    ...(body && !headers["transfer-encoding"] ? [`content-length: ${Buffer.byteLength(body, "latin1")}`] : []),
    "",
  ].join("\r\n");
  return new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    let data = "";
    let done = false;
    sock.setEncoding("latin1");
    sock.on("data", (d) => {
      data += d;
    });
    const finish = () => {
      if (done) return;
      done = true;
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      resolve({ status: m ? Number(m[1]) : 0, text: data });
    };
    // A server that refuses a body early closes while it is still being written (EPIPE): what it
    // answered before that is the answer.
    sock.on("error", () => {});
    sock.on("close", finish);
    sock.setTimeout(10_000, () => sock.destroy());
    // No half-close: `connection: close` makes the server end the connection after its answer.
    (async () => {
      sock.write(`${head}\r\n`);
      for (let i = 0; i < body.length && !data && !sock.destroyed; i += 65_536) {
        if (!sock.write(body.slice(i, i + 65_536), "latin1")) await new Promise((r) => sock.once("drain", r));
      }
    })().catch(() => {});
  });
}
const errorOf = (text) => JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)).error;

for (const backend of BACKENDS) {
  describe(`hostile HTTP on ${backend}`, () => {
    let s;
    let port;
    before(async () => {
      s = await serverOn(backend, { STRIPE_WEBHOOK_SECRET: SECRET });
      port = s.server.port;
      await createCustomer(s, { id: "victim", currency: "SEK" });
    });
    after(() => s?.close());

    async function stillServing() {
      assert.equal((await s.call("GET", "/health", { key: null })).status, 200);
      const c = await s.call("GET", "/customer/victim");
      assert.equal(c.status, 200);
      assert.deepEqual(c.body.balance, [], "no hostile request changed the customer");
    }

    test("a body over the limit is 413 input_too_large, declared or chunked", async () => {
      // Only as much is sent as the server reads before refusing, so it closes cleanly and its
      // answer is not lost to a reset.
      const declared = await send(port, "POST", "/customer/victim/balance", {
        authorization: `Bearer ${PRIVATE_KEY}`,
        "content-type": "application/json",
        "content-length": String(6 * 1024 * 1024),
      });
      assert.equal(declared.status, 413);
      assert.equal(errorOf(declared.text).code, "input_too_large");
      const size = BODY_LIMIT + 16;
      const chunked = await send(
        port,
        "POST",
        "/customer/victim/balance",
        { authorization: `Bearer ${PRIVATE_KEY}`, "content-type": "application/json", "transfer-encoding": "chunked" },
        `${size.toString(16)}\r\n[${"1,".repeat((size - 2) / 2)}]`,
      );
      assert.equal(chunked.status, 413);
      assert.equal(errorOf(chunked.text).code, "input_too_large");
      await stillServing();
    });

    test("oversized headers are refused by Node (431) and the server keeps serving", async () => {
      const r = await send(port, "GET", "/health", { "x-filler": "a".repeat(64 * 1024) });
      assert.equal(r.status, 431);
      await stillServing();
    });

    test("bodies that are not JSON are 400 unreadable_input", async () => {
      for (const body of ["{", "[1,]", "NaN", "'x'", "{\"price\": 1} trailing", "\u0000"]) {
        const r = await s.call("POST", "/customer/victim/balance", { raw: body, headers: { "content-type": "application/json" } });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.error.code, "unreadable_input", JSON.stringify(body));
      }
      const empty = await send(port, "POST", "/customer/victim/balance", {
        authorization: `Bearer ${PRIVATE_KEY}`,
        "content-type": "application/json",
        "content-length": "0",
      });
      assert.equal(empty.status, 400);
      await stillServing();
    });

    test("a body that is not application/json is 415 unsupported_media_type", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "text/json"]) {
        const r = await s.call("POST", "/customer/victim/balance", { raw: "5", headers: { "content-type": type } });
        assert.equal(r.status, 415, type);
        assert.equal(r.body.error.code, "unsupported_media_type", type);
      }
      const none = await send(port, "POST", "/customer/victim/balance", { authorization: `Bearer ${PRIVATE_KEY}` }, "5");
      assert.equal(none.status, 415);
      const charset = await s.call("POST", "/customer/victim/balance", { raw: "[]", headers: { "content-type": "application/json; charset=utf-8" } });
      assert.equal(charset.status, 400, "a JSON body with a charset parameter is read (and [] refused by the rules)");
      await stillServing();
    });

    test("deep nesting and prototype keys are refused by the package's rules", async () => {
      const deep = "[".repeat(100_000) + "]".repeat(100_000);
      const r = await s.call("POST", "/customer/victim/balance", { raw: deep, headers: { "content-type": "application/json" } });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, "input_too_deep");
      const proto = await s.call("POST", "/customer/victim/balance", {
        raw: '{"price": 1, "__proto__": {"polluted": true}}',
        headers: { "content-type": "application/json" },
      });
      assert.equal(proto.status, 400);
      assert.equal(proto.body.error.issues[0].code, "unknown_field");
      assert.equal({}.polluted, undefined);
      await stillServing();
    });

    test("ids with path separators, dot segments, control characters or odd Unicode are 400, never a file or a row", async () => {
      const ids = ["a%2Fb", "..%2F..%2Fetc%2Fpasswd", "a%5Cb", "%00", "a%0Ab", "a%0D%0Aset-cookie:x", "a%20b", "%E2%80%AEabc", "%C0%AF", "x".repeat(65), ".", "-leading"];
      for (const id of ids) {
        for (const path of [`/customer/${id}`, `/customer/${id}/balance`, `/v1/customer/${id}/balance/preview`, `/api/v1/customers/${id}/balance`]) {
          const r = await send(port, "GET", path, { authorization: `Bearer ${PRIVATE_KEY}` });
          // 400 from the API's id rule; a GET no API route has falls to the static files, which
          // refuse (403) or find nothing (404), or is 405 when the path is a POST route's
          assert.ok([400, 403, 404, 405].includes(r.status), `${path}: ${r.status}`);
          if (r.status === 400) assert.equal(errorOf(r.text).code, "invalid_input", path);
          assert.doesNotMatch(r.text, /root:|"balance":\[/, path);
        }
      }
      const dots = await send(port, "GET", "/customer/../customer/victim", { authorization: `Bearer ${PRIVATE_KEY}` });
      assert.ok([400, 403, 404].includes(dots.status), `dot segments: ${dots.status}`);
      assert.doesNotMatch(dots.text, /"balance":\[/);
      const raw0 = await send(port, "GET", "/customer/a\u0001b", { authorization: `Bearer ${PRIVATE_KEY}` });
      assert.equal(raw0.status, 400, "a raw control character in the path");
      const traversal = await send(port, "GET", "/pkg/..%2F..%2F..%2Fetc%2Fpasswd");
      assert.ok([403, 404].includes(traversal.status), `static traversal: ${traversal.status}`);
      assert.doesNotMatch(traversal.text, /root:/);
      await stillServing();
    });

    test("forged, malformed and foreign keys are 401 and change nothing", async () => {
      const forged = [
        `Bearer ${PRIVATE_KEY}x`,
        `Bearer ${PRIVATE_KEY.slice(0, -1)}`,
        `Bearer ${PRIVATE_KEY.toUpperCase()}`,
        "Basic b2NzdXNlcjpvY3N1c2Vy",
        "Bearer",
        "Bearer ",
        `Bearer  ${PRIVATE_KEY}`,
        `${PRIVATE_KEY}`,
        `Bearer ck_${"A".repeat(32)}`,
        `Bearer ${"k".repeat(5000)}`,
        `Bearer ${PRIVATE_KEY} ${PRIVATE_KEY}`,
      ];
      for (const authorization of forged) {
        const r = await send(port, "POST", "/customer/victim/balance", { authorization, "content-type": "application/json" }, "5");
        assert.equal(r.status, 401, authorization.slice(0, 40));
        assert.equal(errorOf(r.text).code, "unauthorized");
      }
      const ctl = await send(port, "POST", "/customer/victim/balance", { authorization: `Bearer ${PRIVATE_KEY}\u0001`, "content-type": "application/json" }, "5");
      assert.equal(ctl.status, 400, "Node refuses a control character in a header");
      const lower = await s.call("GET", "/customer/victim", { key: null, headers: { authorization: `bearer ${PRIVATE_KEY}` } });
      assert.equal(lower.status, 200, "the scheme is case-insensitive");
      await stillServing();
    });

    test("a body nested 100,000 deep with an Idempotency-Key is 400 input_too_deep, not a stack overflow", async () => {
      const deep = "[".repeat(100_000) + "]".repeat(100_000);
      for (const path of ["/customer/victim/balance", "/order"]) {
        const r = await s.call("POST", path, { raw: deep, headers: { "content-type": "application/json", "idempotency-key": "deep-1" } });
        assert.equal(r.status, 400, path);
        assert.equal(r.body.error.code, path === "/order" ? "invalid_input" : "input_too_deep", `${path}: ${JSON.stringify(r.body)}`);
      }
      const nested = `{"customer":"victim","items":${"[".repeat(50_000)}1${"]".repeat(50_000)}}`;
      const order = await s.call("POST", "/order", { raw: nested, headers: { "content-type": "application/json", "idempotency-key": "deep-2" } });
      assert.equal(order.status, 400, JSON.stringify(order.body).slice(0, 200));
      await stillServing();
    });

    test("a JSON body naming a key twice is 400 duplicate_key with the key's path", async () => {
      const cases = [
        ['{"customer":"victim","customer":"victim"}', "/customer", "/order"],
        ['{"number":"o-1","items":[{"price":1},{"price":1,"price":2}],"currency":"SEK","customer":"victim"}', "/items/1/price", "/order"],
        ['[{"name":"a","name":"b","price":1}]', "/0/name", "/customer/victim/balance"],
        ['{"price":1,"pr\\u0069ce":2}', "/price", "/customer/victim/balance"],
      ];
      for (const [raw, path, route] of cases) {
        const r = await s.call("POST", route, { raw, headers: { "content-type": "application/json" } });
        assert.equal(r.status, 400, raw);
        assert.equal(r.body.error.code, "duplicate_key", raw);
        assert.deepEqual(r.body.error.issues.map((i) => [i.path, i.code]), [[path, "duplicate_key"]], raw);
      }
      const sameKeyInTwoObjects = await s.call("POST", "/customer/victim/balance", {
        raw: '[{"name":"a","price":1},{"name":"a","price":1}]',
        headers: { "content-type": "application/json" },
      });
      assert.equal(sameKeyInTwoObjects.status, 200, "one key in each of two objects is no duplicate");
      const settled = await s.call("DELETE", "/v1/customer/victim/balance");
      assert.equal(settled.status, 200);
      assert.equal((await s.call("GET", "/customer/victim")).body.balance.length, 0);
    });

    test("a request with two Authorization headers is 400, whichever of them is valid", async () => {
      for (const pair of [
        [`Bearer ${PRIVATE_KEY}`, "Bearer ck_forged"],
        ["Bearer ck_forged", `Bearer ${PRIVATE_KEY}`],
        [`Bearer ${PRIVATE_KEY}`, `Bearer ${PRIVATE_KEY}`],
      ]) {
        const r = await send(port, "POST", "/customer/victim/balance", [
          ["authorization", pair[0]],
          ["Authorization", pair[1]],
          ["content-type", "application/json"],
        ], "5");
        assert.equal(r.status, 400, r.text.slice(0, 300));
        const e = errorOf(r.text);
        assert.equal(e.code, "invalid_input");
        assert.deepEqual(e.issues.map((i) => [i.path, i.code]), [["/headers/authorization", "duplicate_header"]]);
      }
      await stillServing();
    });

    test("answers are no-store, nosniff and no-referrer, the key's one showing included", async () => {
      const created = await s.call("POST", "/customer", { body: { currency: "SEK" } });
      assert.equal(created.status, 201);
      const refused = await s.call("GET", "/customer/victim", { key: "ck_nobody" });
      assert.equal(refused.status, 401);
      const page = await s.call("GET", "/", { key: null });
      for (const [what, r] of [["POST /customer", created], ["a 401", refused], ["GET /health", await s.call("GET", "/health", { key: null })], ["a static file", page]]) {
        assert.equal(r.headers.get("cache-control"), "no-store", what);
        assert.equal(r.headers.get("x-content-type-options"), "nosniff", what);
        assert.equal(r.headers.get("referrer-policy"), "no-referrer", what);
      }
      assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self' 'wasm-unsafe-eval'/);
    });

    test("a correctly signed webhook that is no event is 400 and stores nothing", async () => {
      const [t] = chain("cus_hostile", [100]);
      const { data, ...noData } = eventOf("evt_h1", t);
      const bodies = [{}, [], null, "x", 5, { id: "evt_h2" }, noData, { ...eventOf("evt_h3", t), data: { object: null } },
        { ...eventOf("evt_h4", t), id: 12 }, { ...eventOf("evt_h5", t), type: ["x"] }];
      for (const body of bodies) {
        const r = await deliver(s, body);
        assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.body)}`);
        // In Stripe's error shape (the Stripe family's dialect).
        assert.equal(r.body.error.type, "invalid_request_error", JSON.stringify(r.body));
      }
      const count = await s.direct(async (db) => (await db.query("SELECT count(*)::int AS n FROM stripe_events")).rows[0].n);
      port = s.server.port;
      assert.equal(count, 0, "no event stored");
      assert.equal((await deliver(s, eventOf("evt_h6", t))).status, 200, "a real event still passes");
    });

    test("a webhook signed more than 60 s in the future is refused; within the skew it passes", async () => {
      const [t0, t1] = chain("cus_future", [100, 50]);
      const now = Math.floor(Date.now() / 1000);
      const ahead = await deliver(s, eventOf("evt_f1", t0), { timestamp: now + 3600 });
      assert.equal(ahead.status, 400);
      assert.equal(ahead.body.error.code, "invalid_signature");
      assert.match(ahead.body.error.message, /future/);
      const skewed = await deliver(s, eventOf("evt_f2", t0), { timestamp: now + 20 });
      assert.equal(skewed.status, 200, JSON.stringify(skewed.body));
      assert.equal((await deliver(s, eventOf("evt_f3", t1))).status, 200);
    });
  });
}
