// Stripe's current schemas of `cash_balance`, `customer_cash_balance_transaction` and the list
// envelope of GET /v1/customers/:id/cash_balance_transactions (tests/reference/, from Stripe's
// OpenAPI spec), as Ajv validators. Shared by the package's tests and the server's, so both hold
// what they return to the same schemas. Each check also asks for `customer_account` (the official
// client types it as always present) and for no field beyond Stripe's (but those the caller names:
// a transaction keeps the unknown fields it came with).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv from "ajv";

export const reference = JSON.parse(
  readFileSync(new URL("../../reference/stripe-cash-balance.schemas.json", import.meta.url), "utf8"),
);

/**
 * OpenAPI 3 → JSON Schema, faithfully: `nullable` adds "null" to the type (and to an enum), a `$ref`
 * to a schema the file defines points at it, a `$ref` to one it leaves out (customer,
 * payment_intent, refund, balance_transaction: expandable, given as ids) is an id string, and the
 * `x-` annotations are dropped. Nothing else changes.
 */
function convert(node) {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace("#/components/schemas/", "");
    return name in reference.schemas ? { $ref: `#/definitions/${name}` } : { type: "string" };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || key === "nullable") continue;
    out[key] = key === "properties" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)])) : convert(value);
  }
  if (node.nullable === true) {
    out.type = [node.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

const definitions = Object.fromEntries(Object.entries(reference.schemas).map(([k, v]) => [k, convert(v)]));
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat("unix-time", { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 });
const validator = (name) => ajv.compile({ definitions, $ref: `#/definitions/${name}` });

export const validCashBalance = validator("cash_balance");
export const validTransaction = validator("customer_cash_balance_transaction");
export const validTransactionList = ajv.compile({
  definitions,
  ...convert(reference.responses["GET /v1/customers/{customer}/cash_balance_transactions"]),
});

let checked = 0;
/** How many objects the checks below have passed (a test can show it checked what it meant to). */
export const checkedCount = () => checked;

function onlyStripeFields(object, schema, extra) {
  const known = Object.keys(reference.schemas[schema].properties);
  for (const k of Object.keys(object)) assert.ok(known.includes(k) || extra.includes(k), `unexpected field ${k}`);
}

/** Valid against Stripe's schema, with customer_account, and nothing beyond Stripe's fields but `extra`. */
export function checkTransaction(t, extra = []) {
  assert.ok(validTransaction(t), JSON.stringify(validTransaction.errors));
  assert.ok("customer_account" in t, "customer_account is written");
  onlyStripeFields(t, "customer_cash_balance_transaction", extra);
  checked++;
  return t;
}

export function checkCashBalance(cb) {
  assert.ok(validCashBalance(cb), JSON.stringify(validCashBalance.errors));
  assert.ok("customer_account" in cb, "customer_account is written");
  onlyStripeFields(cb, "cash_balance", []);
  checked++;
  return cb;
}

/** The list envelope and every transaction in it (the envelope has exactly Stripe's four fields). */
export function checkTransactionList(list, extra = []) {
  assert.ok(validTransactionList(list), JSON.stringify(validTransactionList.errors));
  assert.deepEqual(Object.keys(list).sort(), ["data", "has_more", "object", "url"]);
  list.data.forEach((t) => checkTransaction(t, extra));
  checked++;
  return list;
}
