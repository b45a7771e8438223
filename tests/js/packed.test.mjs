// The package as a user gets it: `npm pack`, installed into a fresh folder, then loaded by name
// through import and require() in separate Node processes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const pkg = resolve(import.meta.dirname, "../../pkg");
const golden = '{"currency":"SEK","count":1,"net":"239.20","rebate":"0.00","vat":"59.80","gross":"299.00"}';

test("npm pack, install into a fresh folder, import and require by name", () => {
  const dir = mkdtempSync(join(tmpdir(), "balance-ledger-packed-"));
  try {
    const npm = (...args) => execFileSync("npm", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    npm("pack", pkg, "--pack-destination", dir, "--silent");
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    assert.ok(tarball, "npm pack produced a tarball");
    writeFileSync(join(dir, "package.json"), '{"name":"consumer","private":true}');
    npm("install", "--no-audit", "--no-fund", "--offline", join(dir, tarball));
    const run = (file, code) => {
      writeFileSync(join(dir, file), code);
      return execFileSync(process.execPath, [file], { cwd: dir, encoding: "utf8" }).trim();
    };
    const call = 'itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK")';
    assert.equal(run("esm.mjs", `import { itemTotals } from "balance-ledger"; console.log(JSON.stringify(${call}));`), golden);
    assert.equal(run("dyn.mjs", `const { itemTotals } = await import("balance-ledger"); console.log(JSON.stringify(${call}));`), golden);
    assert.equal(run("cjs.cjs", `const { itemTotals } = require("balance-ledger"); console.log(JSON.stringify(${call}));`), golden);
    // The checkout entry, by name, both ways.
    assert.equal(run("checkout.mjs", `import { itemTotals } from "balance-ledger/checkout"; console.log(JSON.stringify(${call}));`), golden);
    assert.equal(run("checkout.cjs", `const { itemTotals } = require("balance-ledger/checkout"); console.log(JSON.stringify(${call}));`), golden);
    // The tarball holds what the package needs and nothing of the sources.
    const listing = execFileSync("tar", ["-tzf", join(dir, tarball)], { encoding: "utf8" });
    for (const f of ["package/node.js", "package/browser.js", "package/index.d.ts", "package/wasm/balance_ledger_bg.wasm", "package/types/Totals.d.ts",
      "package/checkout/node.js", "package/checkout/browser.js", "package/checkout/index.d.ts",
      "package/wasm/balance_ledger_checkout_bg.wasm"]) {
      assert.ok(listing.includes(f), `${f} in the tarball`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
