// Schema (Ajv) errors as the package's issues: a missing or unknown field is named once, by its
// path, and an enum says what it allows.
import assert from "node:assert/strict";
import { test } from "node:test";
import Ajv from "ajv";
import { fromValidation } from "../src/errors.js";

const ajv = new Ajv({ allErrors: true });
const check = ajv.compile({
  type: "object",
  additionalProperties: false,
  required: ["currency"],
  properties: { currency: { type: "string" }, status: { type: "string", enum: ["active", "inactive"] } },
});

test("validation errors say what is wrong with each field once", () => {
  assert.equal(check({ status: "paused", total: 1 }), false);
  const e = fromValidation(check.errors);
  assert.equal(e.status, 400);
  assert.deepEqual(
    e.issues.map((i) => [i.path, i.code, i.message]).sort(),
    [
      ["/currency", "required", "/currency is required"],
      ["/status", "unknown_value", '/status must be one of "active", "inactive"'],
      ["/total", "unknown_field", "/total is not a field here"],
    ],
  );
  // Any other keyword keeps Ajv's words, after the path (or the part of the request).
  assert.equal(check({ currency: 1 }), false);
  assert.deepEqual(fromValidation(check.errors, "querystring").issues, [
    { path: "/querystring/currency", code: "invalid_type", message: "/querystring/currency must be string" },
  ]);
});
