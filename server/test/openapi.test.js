// The server's OpenAPI document: generated from the routes (GET /openapi.json, /openapi.yaml), valid
// OpenAPI 3.1 by @seriousme/openapi-schema-validator, with a tag per API family, the auth schemes,
// the package's shapes as named components, operation ids and response schemas (errors included)
// on the Intergiro routes; the explorer at /docs beside /docs/api/. Answers serialise through the
// schemas without dropping a field: each is compared with what the server stored before serialising.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { BACKENDS, createCustomer, serverOn } from "./support/harness.js";

const FAMILIES = ["Intergiro balance", "Balanced credits", "Stripe cash balance", "IVR", "health"];
const INTERGIRO = {
  "post /customer": "createCustomer",
  "get /customer": "listCustomers",
  "get /customer/{id}": "getCustomer",
  "get /customer/{id}/journal": "getJournal",
  "post /customer/{id}/balance": "charge",
  "post /order": "fund",
  "delete /v1/customer/{id}/balance": "settle",
  "get /v1/customer/{id}/balance/preview": "preview",
  "get /health": "health",
  "get /metrics": "metrics",
};

describe("the OpenAPI document (PGlite)", () => {
  let s;
  let doc;
  before(async () => {
    s = await serverOn("pglite");
    doc = (await s.call("GET", "/openapi.json", { key: null })).body;
  });
  after(() => s?.close());

  test("is valid OpenAPI 3.1", async () => {
    assert.equal(doc.openapi, "3.1.0");
    const result = await new Validator().validate(doc);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 1)?.slice(0, 3000));
  });

  test("/openapi.yaml is the same document in YAML", async () => {
    const r = await s.call("GET", "/openapi.yaml", { key: null });
    assert.equal(r.status, 200);
    assert.match(r.headers.get("content-type"), /yaml/);
    assert.match(r.body, /^openapi: 3\.1\.0$/m);
    for (const path of Object.keys(doc.paths)) assert.ok(r.body.includes(`${path}:`), path);
  });

  test("a tag per family, every operation tagged, the auth schemes, the package's shapes as components", () => {
    assert.deepEqual(doc.tags.map((t) => t.name), FAMILIES);
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ["basicAuth", "bearerAuth"]);
    assert.equal(doc.components.securitySchemes.bearerAuth.scheme, "bearer");
    assert.equal(doc.components.securitySchemes.basicAuth.scheme, "basic");
    for (const name of ["Money", "Amount", "Item", "ItemView", "Customer", "Order", "LedgerEntry", "IntergiroError"]) {
      assert.ok(doc.components.schemas[name], name);
    }
    const used = new Set();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        assert.equal(op.tags?.length, 1, `${method} ${path} has one family tag`);
        assert.ok(FAMILIES.includes(op.tags[0]), `${method} ${path}: ${op.tags[0]}`);
        used.add(op.tags[0]);
      }
    }
    assert.deepEqual([...used].sort(), [...FAMILIES].sort());
    // Each family's scheme: Bearer for Intergiro, Basic or Bearer for Stripe and Balanced, Basic for the IVR.
    assert.deepEqual(doc.paths["/customer/{id}/balance"].post.security, [{ bearerAuth: [] }]);
    assert.deepEqual(doc.paths["/v1/customers/{id}/cash_balance"].get.security, [{ basicAuth: [] }, { bearerAuth: [] }]);
    assert.deepEqual(doc.paths["/v1/credits"].post.security, [{ basicAuth: [] }, { bearerAuth: [] }]);
    assert.deepEqual(doc.paths["/api/v1/customers/{id}/balance"].get.security, [{ basicAuth: [] }]);
  });

  test("the Intergiro routes, health and metrics: operation ids, answers and refusals by status, shared components", () => {
    for (const [key, id] of Object.entries(INTERGIRO)) {
      const [method, path] = key.split(" ");
      const op = doc.paths[path]?.[method];
      assert.ok(op, key);
      assert.equal(op.operationId, id, key);
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((x) => x.startsWith("2")), `${key}: ${statuses}`);
      assert.ok(statuses.some((x) => x >= "400"), `${key}: ${statuses}`);
      for (const st of statuses) assert.ok(op.responses[st].content, `${key} ${st} has a body schema`);
      for (const st of statuses.filter((x) => x >= "400")) {
        assert.deepEqual(op.responses[st].content["application/json"].schema, { $ref: "#/components/schemas/IntergiroError" }, `${key} ${st}`);
      }
    }
    const charge = doc.paths["/customer/{id}/balance"].post;
    assert.deepEqual(charge.responses["200"].content["application/json"].schema, { $ref: "#/components/schemas/Customer" });
    assert.match(JSON.stringify(charge.requestBody), /#\/components\/schemas\/Item"/);
    assert.match(JSON.stringify(charge.requestBody), /#\/components\/schemas\/Money"/);
    assert.match(JSON.stringify(doc.components.schemas.Customer), /#\/components\/schemas\/ItemView"/);
  });

  test("the explorer at /docs; /docs/api/ is not the explorer's", async () => {
    const ui = await fetch(`${s.url}/docs/`);
    assert.equal(ui.status, 200);
    assert.match(await ui.text(), /swagger-ui/i);
    const api = await fetch(`${s.url}/docs/api/`);
    assert.doesNotMatch(await api.text(), /swagger-ui/i);
  });
});

for (const backend of BACKENDS) {
  describe(`answers keep every field through their schemas on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend);
    });
    after(() => s?.close());

    test("a charge, a fund, the customer, its journal and its preview are what was stored, field for field", async () => {
      const { key } = await createCustomer(s, { id: "full", currency: "SEK", limit: { hard: 5000, soft: 4000, margin: 100 }, schedule: [1, 3], name: "Full AB" });
      const items = [
        { number: "p1", name: "Coffee", price: "119.60", quantity: "2", unit: "kg", vat: "29.90", rebate: "1.50" },
        { price: 3 },
      ];
      const charged = await s.call("POST", "/customer/full/balance", { key, body: items, headers: { "idempotency-key": "c1" } });
      assert.equal(charged.status, 200);
      const order = { customer: "full", number: "o1", items: [{ name: "Top-up", price: "50.00", vat: "12.50" }], currency: "SEK", payment: { type: "customer", charge: "balance" } };
      const funded = await s.call("POST", "/order", { body: order, headers: { "idempotency-key": "f1" } });
      assert.equal(funded.status, 201);
      const customer = await s.call("GET", "/customer/full");
      const journal = await s.call("GET", "/customer/full/journal");
      const preview = await s.call("GET", "/v1/customer/full/balance/preview");
      const list = await s.call("GET", "/customer");
      // What the routes handed the serializer, as stored (the idempotency keys keep each answer).
      const stored = await s.direct(async (db) => ({
        answers: Object.fromEntries((await db.query("SELECT key, response FROM idempotency_keys WHERE customer_id = 'full'")).rows.map((r) => [r.key, r.response])),
        state: (await db.query("SELECT state FROM customers WHERE id = 'full'")).rows[0].state,
        journal: (await db.query("SELECT entry FROM journal WHERE customer_id = 'full' ORDER BY version, position")).rows.map((r) => r.entry),
      }));
      assert.deepEqual(charged.body, stored.answers.c1);
      assert.deepEqual(funded.body, stored.answers.f1);
      assert.deepEqual(customer.body, stored.state);
      assert.deepEqual(journal.body.entries, stored.journal);
      assert.deepEqual(preview.body.customer, stored.state);
      assert.deepEqual(list.body.customers, [stored.state]);
      assert.deepEqual(list.body.names, { full: "Full AB" });
      // The fields the test relies on are really there (a schema missing them would drop them).
      assert.ok(customer.body.last_payment && customer.body.limit.margin && customer.body.schedule.length === 2);
      assert.equal(customer.body.idempotency_keys.length, 2);
      assert.deepEqual(Object.keys(funded.body.order).sort(), ["amount", "currency", "customer", "items", "lines", "number", "payment"]);
      assert.ok(journal.body.entries.some((e) => e.charged?.[0].rebate === "1.50" && e.idempotency_key === "c1" && e.fingerprint));
      assert.ok(preview.body.order.lines.length > 0, JSON.stringify(preview.body.order));
      assert.equal(preview.body.after.failure.id, "full");
      assert.ok(preview.body.entries.success.length > 0, JSON.stringify(preview.body.entries));
    });
  });
}
