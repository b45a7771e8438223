// HTTP tests of Balanced's credit endpoints on PGlite and on PostgreSQL: the real server process, a
// fresh database each. v1.1 answers are validated against Balanced's published 1.1 schemas at
// 2fd1ef7 (the copies in tests/reference/balanced-2fd1ef7) by a JSON-Schema validator; v1 answers keep the v1 seed's
// fields; the job that moves due credits runs on the database with a fixed clock.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import Ajv from "ajv-draft-04";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { createCredit } from "balance-ledger";
import { BACKENDS, createCustomer, serverOn } from "./support/harness.js";
import { insertCredit, moveDueCredits } from "../src/credits.js";

// The schemas as tests/js/credit_resources.test.mjs reads them (see there for the two readings), at
// balanced-api's latest commit (its credit's links name a settlement; the package's own tests use
// 172a527's, which do not).
const REFERENCE = new URL("../../tests/reference/balanced-2fd1ef7/", import.meta.url);
const V1_REFERENCE = new URL("../../tests/reference/balanced/", import.meta.url);
const BASE = "https://github.com/balanced/balanced-api/fixtures/";
const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const VARSPEC = String.raw`[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?::[1-9]\d{0,3}|\*)?`;
const EXPRESSION = new RegExp(String.raw`\{[+#./;?&=,!@|]?${VARSPEC}(?:,${VARSPEC})*\}`, "g");
ajv.addFormat("uri", (s) => fullFormats["uri-reference"].test(s.replace(EXPRESSION, "x")));
for (const path of ["_models/status.json", "_models/meta.json", "_models/appears_on_statement_as.json", "_models/credit.json", "credits.json"]) {
  ajv.addSchema({ ...JSON.parse(readFileSync(new URL(path, REFERENCE), "utf8")), id: BASE + path });
}
const envelope = ajv.getSchema(BASE + "credits.json");
const balanced = (body) => assert.ok(envelope(body), JSON.stringify(envelope.errors, null, 1));

const V11 = { accept: "application/vnd.api+json;revision=1.1" };
const account = { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" };
// The v1 seed's response bodies (the copy in tests/reference/balanced/v1): a v1 answer has their
// fields, field for field, but `account` (the marketplace account object, not kept by this ledger).
const SEED_V1 = JSON.parse(readFileSync(new URL("v1/credits-responses.json", V1_REFERENCE), "utf8"));
const { account: _account, ...seedCredit } = SEED_V1["Credit an Account"];
const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
/** `ours` has exactly the fields of the seed's `body`, each of its JSON type (a null there: any). */
function asTheSeed(ours, body, where) {
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(body).sort(), where);
  for (const [key, value] of Object.entries(body)) {
    assert.ok(value === null || kind(ours[key]) === kind(value), `${where}.${key}: ${JSON.stringify(ours[key])}`);
  }
}

for (const backend of BACKENDS) {
  describe(`credits on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend);
    });
    after(() => s?.close());

    test("POST /v1/credits (v1): 201, the v1 seed's fields, stored; the bank account kept for the nested endpoint", async () => {
      const r = await s.call("POST", "/v1/credits", { body: { amount: 1234, description: "hiya", meta: { "my-id": "1" }, bank_account: account } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const c = r.body;
      asTheSeed(c, seedCredit, "credit");
      asTheSeed(c.destination, seedCredit.destination, "credit.destination");
      assert.equal(c.state, "pending");
      assert.equal(c.uri, `/v1/credits/${c.id}`);
      assert.match(c.transaction_number, /^CR\d{3}-\d{3}-\d{4}$/);
      assert.equal(c.destination.last_four, "1234");
      assert.equal(c.destination.uri, `/v1/bank_accounts/${c.destination.id}`);
      assert.ok(Date.parse(c.available_at) > Date.parse(c.created_at));
      const g = await s.call("GET", c.uri);
      assert.equal(g.status, 200);
      assert.deepEqual(g.body, c);
      // The kept account takes credits by its nested endpoint and by destination_uri.
      const nested = await s.call("POST", `/v1/bank_accounts/${c.destination.id}/credits`, { body: { amount: 431 } });
      assert.equal(nested.status, 201, JSON.stringify(nested.body));
      assert.deepEqual(nested.body.destination, c.destination);
      const byUri = await s.call("POST", "/v1/credits", { body: { amount: 500, destination_uri: c.destination.uri } });
      assert.equal(byUri.status, 201, JSON.stringify(byUri.body));
      assert.equal(byUri.body.destination.id, c.destination.id);
    });

    test("v1.1, by Balanced's Accept header under /v1 or at Balanced 1.1's own paths: answers pass Balanced's schema", async () => {
      const a = await s.call("POST", "/v1/credits", { headers: V11, body: { amount: 1500, appears_on_statement_as: "ACME", bank_account: account } });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      balanced(a.body);
      const c = a.body.credits[0];
      assert.equal(c.status, "pending");
      const b = await s.call("POST", `/bank_accounts/${c.links.destination}/credits`, { body: { amount: 1600 } });
      assert.equal(b.status, 201, JSON.stringify(b.body));
      balanced(b.body);
      // Its href is a path of this server.
      const g = await s.call("GET", c.href);
      assert.equal(g.status, 200);
      balanced(g.body);
      assert.deepEqual(g.body.credits[0], c);
      assert.deepEqual((await s.call("GET", `/v1/credits/${c.id}`, { headers: V11 })).body, g.body);
      // A credit answers in its own version only; a revision that is not served is 406.
      assert.equal((await s.call("GET", `/v1/credits/${c.id}`)).status, 406);
      assert.equal((await s.call("GET", c.href, { headers: { accept: "application/vnd.api+json;revision=1" } })).status, 406);
      assert.equal((await s.call("GET", "/v1/credits", { headers: { accept: "application/json;revision=2" } })).body.errors[0].additional, "not_acceptable");
    });

    test("lists: newest first, limit/offset, each version's envelope, per bank account", async () => {
      const made = [];
      for (const amount of [101, 102, 103]) {
        const r = await s.call("POST", "/credits", { body: { amount, bank_account: account } });
        assert.equal(r.status, 201);
        made.push(r.body.credits[0]);
      }
      const page = await s.call("GET", "/credits?limit=2");
      assert.equal(page.status, 200);
      balanced(page.body);
      assert.deepEqual(page.body.credits.map((c) => c.amount), [103, 102]);
      const total = page.body.meta.total;
      assert.ok(total >= 5, `${total}`);
      assert.equal(page.body.meta.next, "/credits?limit=2&offset=2");
      const second = await s.call("GET", "/credits?limit=2&offset=2");
      balanced(second.body);
      assert.equal(second.body.meta.previous, "/credits?limit=2&offset=0");
      // One bank account's credits.
      const one = await s.call("GET", `/bank_accounts/${made[0].links.destination}/credits`);
      assert.deepEqual(one.body.credits.map((c) => c.id), [made[0].id]);
      assert.equal(one.body.meta.total, 1);
      // v1: the v1 document's envelope, v1 credits only.
      const v1 = await s.call("GET", "/v1/credits?limit=1&offset=1");
      assert.equal(v1.status, 200);
      assert.equal(v1.body.limit, 1);
      assert.equal(v1.body.offset, 1);
      assert.equal(v1.body.uri, "/v1/credits?limit=1&offset=1");
      assert.ok(v1.body.items.every((c) => "state" in c));
      assert.equal(v1.body.total, 3);
      // The v1 document's list envelope, field for field.
      const { items: _seedItems, ...seedList } = SEED_V1["List All Credits"];
      const { items: _ourItems, ...ourList } = v1.body;
      asTheSeed(ourList, seedList, "list");
      for (const item of v1.body.items) asTheSeed(item, seedCredit, "list item");
      for (const bad of ["/credits?limit=0", "/credits?limit=101", "/credits?offset=-1", "/credits?colour=red"]) {
        assert.equal((await s.call("GET", bad)).status, 400, bad);
      }
      assert.equal((await s.call("GET", "/v1/bank_accounts/BA0000000000000000000000/credits")).status, 404);
    });

    test("PUT: description and meta (this ledger's keys kept), a bank's status report through the machine", async () => {
      const c = (await s.call("POST", "/credits", { body: { amount: 2000, meta: { a: "1" }, bank_account: account } })).body.credits[0];
      const u = await s.call("PUT", c.href, { body: { description: "my new description", meta: { "my-id": "0987654321" } } });
      assert.equal(u.status, 200, JSON.stringify(u.body));
      balanced(u.body);
      const v = u.body.credits[0];
      assert.equal(v.description, "my new description");
      assert.equal(v.meta["my-id"], "0987654321");
      assert.deepEqual(v.meta, { "my-id": "0987654321" }, "the caller's meta is replaced; this ledger's own keys are not shown");
      // The whole resource sent back (as Balanced's client's save() does): read-only fields ignored.
      const whole = await s.call("PUT", c.href, { body: { ...v, amount: 5, links: {}, destination_href: `/resources/${c.links.destination}` } });
      assert.equal(whole.status, 200, JSON.stringify(whole.body));
      assert.deepEqual(whole.body.credits[0], v);
      assert.ok(Date.parse(v.updated_at) >= Date.parse(c.updated_at));
      // The bank reports success, then a rejection within the window, with its reason.
      const ok = await s.call("PUT", c.href, { body: { status: "succeeded" } });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.credits[0].status, "succeeded");
      const failed = await s.call("PUT", c.href, { body: { status: "failed", failure_reason_code: "account-closed", failure_reason: "The account was closed." } });
      assert.equal(failed.status, 200, JSON.stringify(failed.body));
      balanced(failed.body);
      assert.equal(failed.body.credits[0].failure_reason_code, "account-closed");
      // failed is final; the same report again changes nothing.
      const again = await s.call("PUT", c.href, { body: { status: "failed" } });
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, failed.body);
      const back = await s.call("PUT", c.href, { body: { status: "succeeded" } });
      assert.equal(back.status, 409);
      assert.equal(back.body.errors[0].additional, "invalid_transition");
      // Refusals: another version's field, this ledger's meta keys, a bad meta value, an unknown status.
      for (const [body, code] of [
        [{ state: "cleared" }, "invalid_input"],
        [{ meta: { "balance_ledger.fee": "0" } }, "invalid_input"],
        [{ meta: { nested: { a: "b" } } }, "invalid_input"],
        [{ colour: "red" }, "invalid_input"],
      ]) {
        const r = await s.call("PUT", c.href, { body });
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.body.errors[0].additional, code);
      }
      // Its timeline: created, updated, succeeded, failed.
      const ev = await s.call("GET", `${c.href}/events`);
      assert.deepEqual(ev.body.events.map((e) => [e.type, e.source]), [
        ["credit.created", "api"], ["credit.updated", "api"], ["credit.succeeded", "bank"], ["credit.failed", "bank"],
      ]);
      assert.equal((await s.call("PUT", "/credits/CR0000000000000000000000", { body: { status: "failed" } })).status, 404);
    });

    test("Idempotency-Key: the same request makes one credit; another request with the key is 409", async () => {
      const headers = { "idempotency-key": `k-${Math.random()}` };
      const body = { amount: 777, bank_account: account };
      const a = await s.call("POST", "/credits", { headers, body });
      const b = await s.call("POST", "/credits", { headers, body });
      assert.equal(a.status, 201);
      assert.equal(b.status, 201);
      assert.equal(b.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(b.body, a.body);
      const c = await s.call("POST", "/credits", { headers, body: { ...body, amount: 778 } });
      assert.equal(c.status, 409);
      assert.equal(c.body.errors[0].additional, "idempotency_key_reused");
      const all = await s.call("GET", "/credits?limit=100");
      assert.equal(all.body.credits.filter((x) => x.amount === 777).length, 1);
    });

    test("refusals: the package's issues, unknown accounts, keys", async () => {
      const bad = await s.call("POST", "/credits", { body: { amount: 0, appears_on_statement_as: "ACME, Inc", bank_account: account } });
      assert.equal(bad.status, 400);
      assert.deepEqual(Object.keys(bad.body.errors[0].extras), ["amount", "appears_on_statement_as"]);
      const none = await s.call("POST", "/credits", { body: { amount: 1 } });
      assert.equal(none.status, 400);
      assert.deepEqual(Object.keys(none.body.errors[0].extras), ["destination_uri"]);
      assert.equal((await s.call("POST", "/credits", { body: { amount: 1, destination_uri: "/bank_accounts/BA0000000000000000000000" } })).status, 404);
      assert.equal((await s.call("POST", "/bank_accounts/BA0000000000000000000000/credits", { body: { amount: 1 } })).status, 404);
      assert.equal((await s.call("POST", "/credits", { body: [1] })).status, 400);
      assert.equal((await s.call("GET", "/credits", { key: null })).status, 401);
      const { key } = await createCustomer(s, { currency: "USD" });
      assert.equal((await s.call("GET", "/credits", { key })).status, 403);
      assert.equal((await s.call("GET", "/credits/not-an-id")).status, 400);
    });

    test("a bank's rejection after the failure window is refused (failure_window_closed), nothing changed", async () => {
      // A credit of January, stored directly: its window closed long before this server's now.
      const old = createCredit({ amount: 900, bank_account: account }, { version: "1.1", now: "2026-01-05T10:00:00Z", seed: `old-${backend}` });
      await s.direct(async (db) => {
        await insertCredit(db, {
          version: "1.1", resource: old, destination: old.links.destination,
          newAccount: { name: "Fit Finlay", routing_number: "325182797", last_four: "1234", type: "checking" },
          idempotency: null, respond: (r) => r,
        });
      });
      assert.equal((await s.call("PUT", old.href, { body: { status: "succeeded" } })).status, 200);
      const late = await s.call("PUT", old.href, { body: { status: "failed" } });
      assert.equal(late.status, 409);
      assert.equal(late.body.errors[0].additional, "failure_window_closed");
      assert.equal((await s.call("GET", old.href)).body.credits[0].status, "succeeded");
    });

    test("the job moves due credits to their expected status at available_at (a fixed clock), once", async () => {
      const v11 = (await s.call("POST", "/credits", { body: { amount: 3000, bank_account: account } })).body.credits[0];
      const v1 = (await s.call("POST", "/v1/credits", { body: { amount: 3100, bank_account: account } })).body;
      // Created the same minute: the same schedule (v1 shows it; v1.1's schema has no field for it).
      const due = v1.available_at;
      const early = await s.direct((db) => moveDueCredits(db, new Date(Date.parse(due) - 1000)));
      assert.equal((await s.call("GET", v11.href)).body.credits[0].status, "pending", `not due yet (${early} others were)`);
      const counts = await s.direct(async (db) => [await moveDueCredits(db, new Date(due), { batch: 1 }), await moveDueCredits(db, new Date(due))]);
      assert.ok(counts[0] >= 2, `${counts}`);
      assert.equal(counts[1], 0, "a second run moves none");
      const a = (await s.call("GET", v11.href)).body.credits[0];
      assert.equal(a.status, "succeeded");
      assert.equal(a.updated_at, due);
      const b = (await s.call("GET", v1.uri)).body;
      assert.equal(b.state, "cleared");
      assert.equal(b.meta["balance_ledger.updated_at"], due);
      const ev = (await s.call("GET", `${v11.href}/events`)).body.events;
      const { type, status, source, occurred_at } = ev.at(-1);
      assert.deepEqual({ type, status, source, occurred_at }, { type: "credit.succeeded", status: "succeeded", source: "schedule", occurred_at: new Date(due).toISOString() });
    });
  });
}
