// Errors a person can act on: every code the package can answer is in docs/error-codes.md with its
// meaning, and every message names the field and the rule, in words (no Rust debug text such as
// `String("13.19")`, no internal prefix such as "invalid input:").
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as api from "../../pkg/node.js";
import { CODES, issueCodeFile, parseIssueCodes } from "./support/codes.mjs";

// The one source of the table (docs/error-codes.md) and the package's README (the npm page), built with it.
const TABLES = { "docs/error-codes.md": "../../docs/error-codes.md", "pkg/README.md": "../../pkg/README.md" };

/** The codes of a page's error table (the rows after its `| code |` header), each with its meaning. */
function tableCodes(page) {
  const lines = page.split("\n");
  const start = lines.findIndex((l) => /^\|\s*code\s*\|/.test(l));
  assert.ok(start >= 0, "the page has an error codes table");
  const codes = new Map();
  for (const row of lines.slice(start + 2)) {
    if (!row.startsWith("|")) break;
    const [, names, meaning] = row.split("|").map((c) => c.trim());
    for (const [, code] of names.matchAll(/`([a-z_]+)`/g)) codes.set(code, meaning);
  }
  return codes;
}

test("the error table lists exactly the codes of IssueCode, each with a meaning, and the npm page carries it", () => {
  const declared = parseIssueCodes(readFileSync(issueCodeFile, "utf8"));
  assert.ok(declared.length > 20);
  for (const [name, path] of Object.entries(TABLES)) {
    const documented = tableCodes(readFileSync(new URL(path, import.meta.url), "utf8"));
    assert.deepEqual([...documented.keys()].sort(), [...declared].sort(), name);
    for (const [code, meaning] of documented) assert.match(meaning, /\w{3,}/, `${name}: ${code} has a meaning`);
  }
});

const now = "2026-11-23T10:00:00Z";
const customer = { id: "c1", currency: "SEK", status: "active", balance: [], total: 0 };
const order = { number: "o1", items: 10, currency: "SEK", customer: "c1", payment: { type: "customer", charge: "balance" } };

// Field problems across the functions: [function, args].
const CASES = [
  ["validateItems", [[{ price: "12,50", quantity: 0, vat: -1, rebate: 20, colour: "red", unit: "x".repeat(33) }], { currency: "SEK" }]],
  ["validateItems", [[{ vat: 1 }, { price: NaN }, { price: "" }, { price: "1e400" }, { price: 1.0000001 }], null]],
  ["validateItems", [[{ price: 1, quantity: 1.5, name: "a\u0000b", number: 5 }], { currency: "SEK" }]],
  ["itemTotals", [{ price: 10n, quantity: "abc", rebate: 11 }, "SEK"]],
  ["itemTotals", [{ price: 1, vat: 1 }, "SEKK"]],
  ["itemTotals", [[{ price: "1.1234567", quantity: "1e10" }, { price: "abc", vat: {} }, { price: 1, rebate: -1, name: 7, unit: "" }], "SEK"]],
  ["validateItems", [[{ price: -1, quantity: -2, vat: "", rebate: null, number: "x".repeat(65), name: "y".repeat(257) }], { currency: "JPY" }]],
  ["previewSettlement", [{ id: 5, currency: 752, status: "", total: "1e13", limit: { hard: -1, soft: "", margin: NaN }, schedule: "1", journal: 3 }, { now }]],
  ["chargeBalance", [{ ...customer, status: "gone", total: -1, limit: { hard: "x" } }, 1, { now }]],
  ["chargeBalance", [{ ...customer, balance: [{ price: 1, currency: "EUR" }] }, { price: Infinity }, { now: "yesterday" }]],
  ["chargeBalance", [{ ...customer, id: "" , schedule: [-1] }, 0, { now, colour: 1 }]],
  ["fundBalance", [customer, { ...order, customer: "c2" }, "success", { now }]],
  ["fundBalance", [customer, { ...order, currency: "EUR", payment: { type: "card" } }, "maybe", { now }]],
  ["previewSettlement", [{ ...customer, currency: "XXX1" }, { now, number: "x".repeat(65) }]],
  ["settleBalance", [customer, "done", { now }]],
  ["previewSettlements", [[customer, customer, { id: "c3", currency: "SEK", total: "1,5" }], { now, detail: "most" }]],
  ["chargeBalance", [{ ...customer, version: -1, last_payment: { at: 1 },
    idempotency_keys: [{ key: "", at: "x", fingerprint: "md5", entries: [] }, 7] }, 1, { now, idempotency_key: "" }]],
  ["replayJournal", [customer, [{ id: "x" }]]],
  ["replayJournal", [customer, [{ ...api.chargeBalance(customer, 13.19, { now }).entries[0], amount: "13.20" }]]],
  ["replayJournal", [customer, [api.chargeBalance(customer, 1, { now }).entries[0], { ...api.chargeBalance(customer, 1, { now }).entries[0], version: 9 }]]],
  ["settlementTarget", ["customer", "c2"]],
  ["settlementTarget", ["admin", "all"]],
];

/** A message written for a person: no Rust debug syntax, no internal prefix. */
function assertForPeople(message, where) {
  assert.doesNotMatch(message, /\b(String|Number|Bool|Object|Array|Some)\(|\bNone\b|Object \{|Array \[/, `${where}: Rust debug text in "${message}"`);
  assert.doesNotMatch(message, /^invalid (input|option):|\binvalid input: /, `${where}: an internal prefix in "${message}"`);
}

/** The last name in a JSON Pointer that is a field (not an array index), if any. */
const fieldOf = (path) => path.split("/").filter((s) => s && !/^\d+$/.test(s)).at(-1);

test("every message says what is wrong; a field issue names its field", () => {
  let issues = 0;
  for (const [fn, args] of CASES) {
    let found = [];
    try {
      const r = api[fn](...args);
      found = r.ok === false ? r.issues : (r.results ?? []).flatMap((x) => x.issues ?? []);
    } catch (e) {
      assert.ok(CODES.has(e.code), `${fn}: ${e.code}`);
      assert.match(e.message, /\w+ \w+/, `${fn}: a sentence, not a code`);
      assertForPeople(e.message, fn);
      found = e.issues.length ? e.issues : [{ path: "", code: e.code, message: e.message }];
    }
    assert.ok(found.length > 0, `${fn}: refused ${String(args).slice(0, 120)}`);
    for (const { path, code, message } of found) {
      issues++;
      assert.ok(CODES.has(code), code);
      assert.match(message, /\w+ \w+/, `${fn} ${path}: ${message}`);
      const field = fieldOf(path);
      if (field) {
        // Rules on a whole object (an unknown field) name the field in the path itself.
        assert.ok(message.includes(field) || path.endsWith(`/${field}`), `${fn} ${path}: ${message}`);
        assert.ok(message.includes(field) || code === "unknown_field", `${fn} ${path} (${code}): "${message}" does not name ${field}`);
      }
      assert.notEqual(message.trim(), code, `${fn} ${path}: the message is only the code`);
      assertForPeople(message, `${fn} ${path}`);
    }
  }
  assert.ok(issues >= 40, `only ${issues} issues checked`);
});

test("the corpus's refusals are written for people too", () => {
  const answers = readFileSync(new URL("../corpus/answers.native.txt", import.meta.url), "utf8");
  let messages = 0;
  for (const line of answers.split("\n")) {
    for (const [, text] of line.matchAll(/"message":("(?:[^"\\]|\\.)*")/g)) {
      assertForPeople(JSON.parse(text), line.slice(0, 40));
      messages++;
    }
  }
  assert.ok(messages > 10, `${messages} messages`);
});

// Misuse: each wrong argument is named as the parameter it is.
const item = { price: 119.6, vat: 29.9, quantity: 2 };
const MISUSE = [
  [() => api.itemTotals(item, 752), "unknown_currency", /currency must be an ISO 4217 code .*got the number 752 .*"752"/],
  [() => api.itemTotals(item, true), "unknown_currency", /currency must be an ISO 4217 code .*got a boolean/],
  [() => api.itemTotals(item, ["SEK"]), "unknown_currency", /currency must be an ISO 4217 code .*got an array/],
  [() => api.itemTotals(item), "unknown_currency", /a currency is required/],
  [() => api.itemTotals(item, NaN), "unknown_currency", /currency .*got NaN/],
  [() => api.itemTotalsBatch({ price: [11960] }, 752), "unknown_currency", /currency must be an ISO 4217 code/],
  [() => api.previewSettlementsBatch({ counts: [1], price: [11960] }, 752), "unknown_currency", /currency must be an ISO 4217 code/],
  [() => api.itemTotalsJson(item, "SEK"), "invalid_type", /itemTotalsJson takes JSON text, got object/],
  [() => api.validateItems(item, 752), "invalid_input", /options must be an object such as \{ currency: "SEK" \}, got a number/],
  [() => api.chargeBalance(customer, 1, "2026-11-23"), "invalid_input", /\/options: options must be an object, got a string/],
  [() => api.itemTotalsBatch([11960], "SEK"), "invalid_input", /^columns must be an object such as \{ price: Float64Array \}/],
  [() => api.previewSettlementsBatch(5, "SEK"), "invalid_input", /^columns must be an object such as \{ counts: Float64Array \}/],
  [() => api.fundBalance(customer, order, 5, { now }), "invalid_input", /\/outcome: outcome is "success" or "failure"/],
  [() => api.settlementTarget("customer", 5), "invalid_input", /\/customerId: a customer id is a non-empty string/],
  [() => api.creditSchedule(5), "invalid_input", /createdAt must be a string, got a number/],
];

test("misuse names the parameter: a number as the currency says currency", () => {
  for (const [call, code, message] of MISUSE) {
    assert.throws(call, (e) => e instanceof api.BalanceLedgerError && e.code === code && message.test(e.message),
      `${call}: ${(() => { try { call(); } catch (e) { return `${e.code}: ${e.message}`; } })()}`);
  }
  // The currency's own forms still work: a code in any case, a numeric code as text, options.
  for (const currency of ["SEK", "sek", "752", { currency: "SEK" }]) assert.equal(api.itemTotals(item, currency).gross, "299.00");
});
