// Credit resources of the built package (issue 17): v1.1 resources and list envelopes validated by a
// JSON-Schema validator (Ajv, draft-04 as the schemas declare) against Balanced's own published 1.1
// schemas (tests/reference/balanced, copied with their source); v1 resources held field for field to
// the v1 seed's response bodies; ids from the bridge's random seed; transitions of resources.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { createCredit, transitionCredit, listPage, validateCredit, BalanceLedgerError } from "../../pkg/node.js";

const REFERENCE = new URL("../reference/balanced/", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, REFERENCE), "utf8"));
const BASE = "https://github.com/balanced/balanced-api/fixtures/";

// Balanced's schemas are draft-04 with relative $refs and no ids: each gets the id of its place in
// Balanced's repository, so "status.json" resolves beside "_models/credit.json".
// - unicodeRegExp off: draft-04 patterns are ECMA 262 regular expressions, and credits.json's link
//   patterns ("/credits/{credits.id}/reversals") are valid ones only without the u flag (the braces
//   are literal there), which is how Balanced's links are written: as URI templates.
// - "uri": Balanced's own hrefs and links are relative ("/credits/CR…") and its list links are URI
//   templates; neither is an absolute URI, so "uri" is checked as a URI reference (RFC 3986) once
//   each RFC 6570 expression is expanded, the strictest reading its own responses pass (ajv-formats'
//   own "uri-template" refuses the dotted variable names RFC 6570 allows, "{credits.id}").
//   "date-time" is RFC 3339.
const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });
ajv.addFormat("date-time", fullFormats["date-time"]);
const VARSPEC = String.raw`[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*(?::[1-9]\d{0,3}|\*)?`;
const EXPRESSION = new RegExp(String.raw`\{[+#./;?&=,!@|]?${VARSPEC}(?:,${VARSPEC})*\}`, "g");
ajv.addFormat("uri", (s) => fullFormats["uri-reference"].test(s.replace(EXPRESSION, "x")));
for (const path of ["_models/status.json", "_models/meta.json", "_models/appears_on_statement_as.json", "_models/credit.json", "credits.json"]) {
  ajv.addSchema({ ...read(path), id: BASE + path });
}
const creditSchema = ajv.getSchema(BASE + "_models/credit.json");
const envelopeSchema = ajv.getSchema(BASE + "credits.json");
const valid = (validate, value) => assert.ok(validate(value), JSON.stringify(validate.errors, null, 1));

const throwsCode = (fn, code, path) =>
  assert.throws(fn, (e) => e instanceof BalanceLedgerError && e.code === code && (path === undefined || e.issues.some((i) => i.path === path)));

const account = { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" };
const BA = "BA2rvRdkxZ1w1B8cVSSAkgpm";

test("the validator is real: it refuses what Balanced's schemas refuse", () => {
  const good = createCredit({ amount: 1500, destination_uri: `/bank_accounts/${BA}` }, { version: "1.1", now: "2026-03-06T10:00:00Z", seed: "x" });
  valid(creditSchema, good);
  for (const [change, why] of [
    [{ status: "cleared" }, "a v1 state"],
    [{ amount: 0 }, "minimum 1"],
    [{ currency: "EUR" }, "USD only"],
    [{ created_at: "2026-03-06 10:00" }, "date-time"],
    [{ available_at: good.meta["balance_ledger.available_at"] }, "no field beyond the schema's"],
    [{ links: { ...good.links, destination: "XX2rvRdkxZ1w1B8cVSSAkgpm" } }, "a funding destination's id"],
    [{ transaction_number: "CR56-489-3182" }, "CR###-###-####"],
  ]) {
    assert.equal(creditSchema({ ...good, ...change }), false, why);
  }
  const { href, ...noHref } = good;
  assert.equal(creditSchema(noHref), false, "href is required");
  assert.equal(envelopeSchema({ credits: [] }), false, "the 1.1 envelope holds at least one credit");
  const { links } = listPage([good], { uri: "/credits", version: "1.1" });
  valid(envelopeSchema, { credits: [good], links });
  const spaced = { ...links, "credits.events": "/credits/{credits.id}/events and more" };
  assert.equal(envelopeSchema({ credits: [good], links: spaced }), false, "a link is a URI (template)");
  assert.equal(envelopeSchema({ credits: [good], links: { ...links, "credits.order": "/orders/OR1" } }), false, "the link templates");
});

test("v1.1 resources validate against Balanced's credit schema, through every request form", () => {
  const forms = [
    [{ amount: 1234 }, { destination: { id: BA, name: "Fit Finlay", routing_number: "325182797", last_four: "1234", created_at: "2012-10-31T16:40:12.274947Z" } }],
    [{ amount: 1234, bank_account: account, description: "June", meta: JSON.parse('{ "order": "42", "__proto__": "kept" }') }, {}],
    [{ amount: "1", destination_uri: `/v1/bank_accounts/${BA}`, appears_on_statement_as: "ACME PAYOUT" }, { customer: "CU2rwa8Bc4OYTFpJINYC3Izi" }],
  ];
  for (const [request, extra] of forms) {
    const c = createCredit(request, { version: "1.1", ...extra });
    valid(creditSchema, c);
    assert.equal(c.status, "pending");
    assert.equal(c.href, `/credits/${c.id}`);
    // The bridge's defaults: the current time, and a random seed.
    assert.ok(Math.abs(Date.parse(c.created_at) - Date.now()) < 60_000);
  }
  const kept = createCredit(forms[1][0], { version: "1.1" });
  assert.ok(Object.hasOwn(kept.meta, "__proto__"));
  assert.equal(Object.getPrototypeOf(kept.meta), Object.prototype);
  // Random ids differ; a seed makes them repeatable.
  const ids = new Set(Array.from({ length: 200 }, () => createCredit(forms[2][0], { version: "1.1" }).id));
  assert.equal(ids.size, 200);
  const seeded = () => createCredit(forms[2][0], { version: "1.1", seed: "s", now: "2026-03-06T10:00:00Z" });
  assert.deepEqual(seeded(), seeded());
});

test("v1.1 list envelopes validate against Balanced's credits schema", () => {
  const credits = ["2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z", "2026-03-06T11:00:00Z"].map((now, i) =>
    createCredit({ amount: 100 + i, bank_account: account }, { version: "1.1", now }));
  for (const [limit, offset] of [[10, 0], [2, 0], [2, 2], [1, 1]]) {
    const page = listPage(credits, { uri: "/credits", limit, offset, version: "1.1" });
    valid(envelopeSchema, page);
    assert.equal(page.meta.total, 3);
    assert.equal(page.meta.href, `/credits?limit=${limit}&offset=${offset}`);
  }
  assert.deepEqual(listPage(credits, { uri: "/credits", version: "1.1" }).credits.map((c) => c.amount), [101, 102, 100]);
  // A moved credit is still Balanced's: succeeded, then failed with its reason.
  const c = credits[0];
  const done = transitionCredit(c, "succeeded", { at: "2026-03-09T09:00:00-07:00", version: "1.1" });
  const failed = transitionCredit(done, "failed", {
    at: "2026-03-10T09:00:00-07:00", failure_reason_code: "account-closed", failure_reason: "The account was closed.",
  });
  valid(envelopeSchema, { credits: [done, failed], links: listPage([c], { uri: "/credits", version: "1.1" }).links, meta: {} });
  assert.deepEqual([done.updated_at, failed.updated_at, failed.failure_reason_code], ["2026-03-09T16:00:00Z", "2026-03-10T16:00:00Z", "account-closed"]);
});

/** The JSON type, as the field-for-field comparison reads it. */
const kind = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

test("v1 resources match the v1 seed's response bodies field for field", () => {
  const bodies = read("v1/credits-responses.json");
  const seeds = [bodies["Credit an Account"], bodies["Retrieve a Credit"], ...bodies["List All Credits"].items, bodies["Update a Credit"]];
  const mp = "TEST-MP2roQeM4oBkR8Kw4GVeNT2Q";
  for (const seed of seeds) {
    const ours = createCredit(
      { amount: seed.amount, description: seed.description, meta: seed.meta, bank_account: account },
      { version: "1", now: seed.created_at, id: seed.id, transaction_number: seed.transaction_number, marketplace: mp },
    );
    // Every field of the seed's body but `account` (the marketplace account object, not kept here).
    const { account: _, ...fields } = seed;
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(fields).sort());
    for (const [key, value] of Object.entries(fields)) {
      assert.ok(kind(ours[key]) === kind(value) || (key === "description" && value === null), `${key}: ${ours[key]}`);
    }
    assert.deepEqual(Object.keys(ours.destination).sort(), Object.keys(seed.destination).sort());
    for (const [key, value] of Object.entries(seed.destination)) {
      assert.ok(kind(ours.destination[key]) === kind(value) || value === null, `destination.${key}`);
    }
    for (const key of ["id", "transaction_number", "amount", "fee", "created_at", "description"]) {
      assert.deepEqual(ours[key], seed[key], key);
    }
    assert.equal(ours.uri, `/v1/marketplaces/${mp}/credits/${seed.id}`);
    assert.equal(ours.state, "pending");
    assert.match(ours.available_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    for (const [k, v] of Object.entries(seed.meta)) assert.equal(ours.meta[k], v);
    // The seed's "Update a Credit" as PUT does it: the moved credit keeps its shape.
    const cleared = transitionCredit(ours, "cleared", { at: ours.available_at, version: "1" });
    assert.deepEqual(Object.keys(cleared).sort(), Object.keys(fields).sort());
    assert.equal(cleared.meta["balance_ledger.updated_at"], ours.available_at);
  }
});

test("refusals carry their codes", () => {
  throwsCode(() => createCredit({ amount: 1, bank_account: account }), "invalid_option", "/version");
  throwsCode(() => createCredit({ amount: 1, bank_account: account }, { version: "1", marketplace: "a/b" }), "invalid_option", "/marketplace");
  assert.match(createCredit({ amount: 1, bank_account: account }, { version: "1" }).uri, /^\/v1\/credits\/CR[0-9A-Za-z]{22}$/);
  throwsCode(() => createCredit({ amount: 0, bank_account: account }, { version: "1.1" }), "invalid_input", "/amount");
  throwsCode(() => createCredit({ amount: 1, meta: { "balance_ledger.fee": "0" }, bank_account: account }, { version: "1.1" }), "invalid_input", "/meta/balance_ledger.fee");
  throwsCode(() => createCredit({ amount: 1, bank_account: account }, { version: "1.1", id: "CR1" }), "invalid_option", "/id");
  const c = createCredit({ amount: 1, bank_account: account }, { version: "1.1" });
  throwsCode(() => transitionCredit(c, "succeeded"), "invalid_option", "/at");
  throwsCode(() => transitionCredit(c, "succeeded", { at: "2030-01-01T00:00:00Z", version: "1" }), "invalid_option", "/version");
  throwsCode(() => transitionCredit(c, "cleared", { at: "2030-01-01T00:00:00Z" }), "invalid_transition");
  // validateCredit stays as it was.
  assert.equal(validateCredit({ amount: 1234 }, { version: "1" }).credit.state, "pending");
});
