// The demo on the server (server/, PGlite): the page and the API from one origin, in Debian's
// Chromium through playwright-core. The checkout widget charges its cart to a customer through
// POST /customer/:id/balance, and the amount the page totals is the amount the server charged; a
// settlement previewed in the browser with the package is the amount DELETE charges.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { call, freshDatabase, startServer } from "../../server/test/support/harness.js";

const root = resolve(import.meta.dirname, "../..");
const shots = resolve(root, "docs/screenshots");
mkdirSync(shots, { recursive: true });

let db;
let server;
let browser;
let page;
let key;
const problems = [];

before(async () => {
  db = await freshDatabase("pglite");
  server = await startServer(db.env);
  const created = await call(server.url, "POST", "/customer", { body: { id: "shop-1", currency: "SEK", name: "Nordic Coffee AB" } });
  assert.equal(created.status, 201);
  key = created.body.key;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

const text = async (sel) => (await page.locator(sel).innerText()).replace(/\u00a0/g, " ");

test("the server serves the page and the package under the demo's CSP, with no errors", async () => {
  const response = await page.request.get(`${server.url}/`);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(await text("#engine"), /Engine ready/);
  assert.deepEqual(problems, []);
});

test("checkout charges its cart on the server: the page's total is what the server charged", async () => {
  const total = await text("[data-total=gross]");
  assert.equal(total, "SEK 457.70");
  await page.locator("#srv-customer").fill("shop-1");
  await page.locator("#srv-key").fill(key);
  await page.locator("#srv-charge").click();
  await page.waitForSelector("#server-status[data-state=ok]", { timeout: 15_000 });
  assert.equal(await text("#server-charged"), total);
  assert.match(await text("#server-status"), /Charged to shop-1: 2 unsettled items, version 1/);
  await page.screenshot({ path: `${shots}/8-checkout-on-server.png`, fullPage: true });

  const journal = await call(server.url, "GET", "/customer/shop-1/journal");
  assert.equal(journal.body.entries.length, 1);
  assert.equal(journal.body.entries[0].amount, "457.70");
  assert.deepEqual(problems, []);
});

test("a wrong key is refused on the page, and nothing is charged", async () => {
  await page.locator("#srv-key").fill("ck_wrong");
  await page.locator("#srv-charge").click();
  await page.waitForSelector("#server-status[data-state=error]", { timeout: 15_000 });
  assert.match(await text("#server-status"), /valid key/);
  assert.equal((await call(server.url, "GET", "/customer/shop-1/journal")).body.entries.length, 1);
});

test("a settlement previewed in the browser with the package is what DELETE charges", async () => {
  const { previewed, charged, settled } = await page.evaluate(async (customerKey) => {
    const ledger = await import("/pkg/browser.js");
    await ledger.default();
    const headers = { authorization: `Bearer ${customerKey}` };
    const customer = await (await fetch("/customer/shop-1", { headers })).json();
    const preview = ledger.previewSettlement(customer);
    const answer = await (await fetch("/v1/customer/me/balance", { method: "DELETE", headers })).json();
    return { previewed: preview.amount, charged: answer.results[0].amount, settled: answer.updated };
  }, key);
  assert.equal(previewed, "457.70");
  assert.equal(charged, previewed);
  assert.equal(settled, 1);
  const c = await call(server.url, "GET", "/customer/shop-1");
  assert.deepEqual(c.body.balance, []);
});
