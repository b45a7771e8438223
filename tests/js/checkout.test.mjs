// `balance-ledger/checkout` from Node: the item functions only, on their own wasm module, giving
// byte for byte the answers and errors of the full package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as checkout from "../../pkg/checkout/node.js";
import * as full from "../../pkg/node.js";
import { trap } from "./support/testing.mjs";
import { FUNCTIONS } from "../../js/functions.js";

const corpus = JSON.parse(readFileSync(new URL("../corpus/valid.json", import.meta.url), "utf8"));
const ITEM_FUNCTIONS = FUNCTIONS.filter((f) => f.module === "checkout").map((f) => f.name);

test("the entry exports the item functions and nothing else", () => {
  assert.deepEqual(
    Object.keys(checkout).sort(),
    ["BalanceLedgerError", "default", "init", ...ITEM_FUNCTIONS].sort(),
  );
  // `init` by name as well as the default export, from import and require() alike.
  assert.equal(checkout.init, checkout.default);
  assert.equal(typeof createRequire(import.meta.url)("../../pkg/checkout/node.cjs").init, "function");
  // Its wasm module holds no other function either: that is what makes it smaller.
  const wasm = readFileSync(new URL("../../pkg/wasm/balance_ledger_checkout_bg.wasm", import.meta.url));
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.deepEqual([...ITEM_FUNCTIONS].sort(), ["itemTotals", "itemTotalsBatch", "itemTotalsJson", "validateItems"]);
  for (const name of ITEM_FUNCTIONS.filter((f) => f !== "itemTotalsJson")) assert.ok(exports.includes(name), name);
  // No test hook in either module.
  const fullWasm = readFileSync(new URL("../../pkg/wasm/balance_ledger_bg.wasm", import.meta.url));
  const fullExports = WebAssembly.Module.exports(new WebAssembly.Module(fullWasm)).map((e) => e.name);
  for (const name of ["__trap", "__memoryBytes"]) {
    assert.ok(!exports.includes(name) && !fullExports.includes(name), `${name} is in no module`);
  }
  for (const name of ["chargeBalance", "previewSettlements", "validateCredit", "applyCashTransaction"]) {
    assert.ok(!exports.includes(name), `${name} is not in the checkout module`);
  }
});

test("every item case of the corpus answers what the full package answers", () => {
  const cases = corpus.filter((c) => ITEM_FUNCTIONS.includes(c.fn));
  assert.ok(cases.length >= 5, `${cases.length} item cases`);
  // The answer, or the refusal (code, message, issues), of one call.
  const outcome = (api, c) => {
    try {
      return { value: api[c.fn](...c.args) };
    } catch (e) {
      return { error: [e.constructor.name, e.code, e.message, e.issues] };
    }
  };
  for (const c of cases) {
    assert.deepEqual(outcome(checkout, c), outcome(full, c), c.name);
  }
  const columns = { price: Float64Array.of(11960, 100), vat: [2990, 0] };
  assert.deepEqual(checkout.itemTotalsBatch(columns, "SEK"), full.itemTotalsBatch(columns, "SEK"));
});

test("refusals are the same BalanceLedgerError with the same issues", () => {
  const refusal = (api) => {
    try {
      api.itemTotals([{ price: "12,50" }, { price: -1, vat: 1 }], "SEK");
    } catch (e) {
      return e;
    }
    assert.fail("refused");
  };
  const [a, b] = [refusal(checkout), refusal(full)];
  assert.ok(a instanceof full.BalanceLedgerError);
  assert.deepEqual([a.code, a.message, a.issues], [b.code, b.message, b.issues]);
  assert.deepEqual(checkout.validateItems({ price: NaN }), full.validateItems({ price: NaN }));
});

test("a trap restarts the checkout module and the next call works", () => {
  assert.throws(() => trap("checkout"), (e) => e.code === "internal_error");
  assert.equal(checkout.itemTotals({ price: 1 }, "SEK").gross, "1.00");
});
