// The demo's message catalogue (www/messages.js) has a sentence, for the shopper and for the
// merchant, for every error code the package and the server can answer: the package's from its
// error-code table (docs/error-codes.md, or README.md's "Error codes" section before that file
// exists), the server's from the codes its sources give HttpError and their issues.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { MESSAGES, sentence } from "../../www/messages.js";

const root = resolve(import.meta.dirname, "../..");

/** The codes in the first column of a markdown table of error codes (`a` / `b` rows too). */
function tableCodes(markdown) {
  const codes = new Set();
  for (const line of markdown.split("\n")) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1];
    for (const m of first?.matchAll(/`([a-z][a-z0-9_]*)`/g) ?? []) codes.add(m[1]);
  }
  return codes;
}

function packageCodes() {
  const file = resolve(root, "docs/error-codes.md");
  if (existsSync(file)) return tableCodes(readFileSync(file, "utf8"));
  const readme = readFileSync(resolve(root, "README.md"), "utf8");
  const section = /^### Error codes\n([\s\S]*?)(?=^#{2,3} )/m.exec(readme);
  assert.ok(section, "README.md has an \"### Error codes\" section");
  return tableCodes(section[1]);
}

const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".js") ? [join(dir, d.name)] : []);

/** The codes the server answers: `new HttpError(status, "code", …)`, its issues' `{ path, code }`,
 * and the package codes its schema errors are mapped to. */
function serverCodes() {
  const codes = new Set();
  for (const file of sources(resolve(root, "server/src"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/HttpError\(\s*[^,()]+,\s*"([a-z][a-z0-9_]*)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/path:[^{}]*?,\s*code:\s*"([a-z][a-z0-9_]*)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/error:\s*\{\s*code:\s*"([a-z][a-z0-9_]*)"/g)) codes.add(m[1]);
    const ajv = /AJV_CODES\s*=\s*\{([^}]*)\}/.exec(text);
    for (const m of ajv?.[1].matchAll(/:\s*"([a-z][a-z0-9_]*)"/g) ?? []) codes.add(m[1]);
  }
  return codes;
}

const missing = (codes) =>
  [...codes].filter((c) => ["shopper", "merchant"].some((who) => {
    const s = MESSAGES[c] === undefined ? undefined : sentence(c, who);
    return typeof s !== "string" || s.length < 10;
  }));

test("every code of the package's error-code table has a sentence for the shopper and the merchant", () => {
  const codes = packageCodes();
  assert.ok(codes.size > 50, `the table lists the package's codes (${codes.size} read)`);
  assert.ok(codes.has("invalid_decimal") && codes.has("limit_exceeded"));
  assert.deepEqual(missing(codes), []);
});

test("every code the server answers has a sentence for the shopper and the merchant", () => {
  const codes = serverCodes();
  for (const c of ["unauthorized", "forbidden", "not_found", "still_waiting", "bad_request", "internal_error"]) assert.ok(codes.has(c), c);
  assert.deepEqual(missing(codes), []);
});

test("the sentences are for people: no code, path, or developer's word in them", () => {
  for (const [code, m] of Object.entries(MESSAGES)) {
    for (const s of typeof m === "string" ? [m] : [m.shopper, m.merchant]) {
      assert.equal(typeof s, "string", code);
      assert.doesNotMatch(s, /[a-z]+_[a-z]+|\/[a-z]|JSON|HTTP|\bnull\b|undefined/, code);
      assert.match(s, /^[A-Z].*[.!?]$/, `${code}: a sentence`);
    }
  }
});
