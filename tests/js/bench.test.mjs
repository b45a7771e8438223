// The benchmark still runs: tiny sizes, the table prints and every exact implementation agrees to
// the öre (run.mjs aborts otherwise). No timing is asserted anywhere.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

test("node benches/run.mjs --quick prints the table after the exactness check", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const run = spawnSync(process.execPath, ["benches/run.mjs", "--quick"], { cwd: root, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^exactness: .* agree with decimal\.js to the öre/m);
  for (const row of ["itemTotalsBatch", "decimal.js", "big.js", "plain JS numbers", "native (ceiling)",
    "one-item validateItems", "objects, calls of 1,000", "objects, calls of 10,000", "serde-wasm-bindgen", "settle-all previewSettlementsBatch", "settle-all previewSettlements", "credit schedules", "customer for life", "cash balance for life", "one chargeBalance of the seed item", ".wasm gzipped", "balance-ledger/checkout .wasm", "instantiate in Node"]) {
    assert.ok(run.stdout.includes(row), `the table has no ${row} row:\n${run.stdout}`);
  }
  assert.match(run.stdout, /cents off on gross/);
  assert.match(run.stdout, /machine: .*cores.*node v.*rustc/);
});

test("node benches/state.mjs --quick prints every state row and its ratio to the JSON round trip", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const run = spawnSync(process.execPath, ["benches/state.mjs", "--quick"], { cwd: root, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  for (const row of ["chargeBalance of one item", "previewSettlement", "fundBalance", "settleBalance", "applyCashTransaction"]) {
    assert.match(run.stdout, new RegExp(`\\| \`${row}\` \\| \\d+ B \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+× \\|`), `no ${row} row:\n${run.stdout}`);
  }
  assert.match(run.stdout, /native `api::charge_balance` \(opt-level 3\) \| \d+ B \| [\d.]+ \|/);
});
