// The demo on the server (server/, PGlite): the page and the API from one origin, in Debian's
// Chromium through playwright-core. The checkout widget charges its cart to a customer through
// POST /customer/:id/balance, and the amount the page totals is the amount the server charged; a
// settlement previewed in the browser with the package is the amount DELETE charges. The merchant
// dashboard, given the private key, lists the server's customers, previews with the package in the
// browser and settles through DELETE: each amount it previewed is the amount the server charged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screen, tabTo, visibleText } from "./screens.mjs";
import { PRIVATE_KEY, call, freshDatabase, startServer } from "../../server/test/support/harness.js";

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
  // The dashboard's: one to charge and settle on the page, one the test authoriser declines
  // (2000.00–2999.99).
  for (const [id, currency, items] of [
    ["cafe-2", "EUR", [{ name: "Croissants", price: "1.35", quantity: "40", vat: "0.07" }]],
    ["big-3", "SEK", [{ name: "Espresso machine", price: "2000.00", vat: "500.00" }]],
  ]) {
    assert.equal((await call(server.url, "POST", "/customer", { body: { id, currency } })).status, 201);
    assert.equal((await call(server.url, "POST", `/customer/${id}/balance`, { body: items })).status, 200);
  }
  ({ browser, page } = await launch());
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
  assert.equal(await text("#engine"), "Ready");
  assert.deepEqual(problems, []);
});

test("checkout with the keyboard alone charges its cart on the server: the page's total is what the server charged", async () => {
  const total = await text("[data-total=gross]");
  assert.equal(total, "SEK 457.70");
  // From the top of the page: Tab to the customer id, type, Tab to the key, type, Enter.
  await tabTo(page, "srv-customer");
  await page.keyboard.type("shop-1");
  await page.keyboard.press("Tab");
  await page.keyboard.type(key);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#server-status[data-state=ok]", { timeout: 15_000 });
  assert.equal(await text("#server-charged"), total);
  // In the shopper's words: no version number.
  assert.equal(await text("#server-status"), "Charged to account shop-1: 2 items to be settled.");
  await screen(page, "09-checkout-on-server", { scrollTo: "#server-charge" });

  const journal = await call(server.url, "GET", "/customer/shop-1/journal");
  assert.equal(journal.body.entries.length, 1);
  assert.equal(journal.body.entries[0].amount, "457.70");
  assert.deepEqual(problems, []);
});

test("a wrong key is refused on the page, and nothing is charged", async () => {
  await page.locator("#srv-key").fill("ck_wrong");
  await page.locator("#srv-charge").click();
  await page.waitForSelector("#server-status[data-state=error]", { timeout: 15_000 });
  // The refusal in the shopper's words at the key's field, announced; no header syntax on screen.
  assert.equal(await text("#srv-key-error"), "That customer key was not accepted. Check it and try again.");
  assert.equal(await page.locator("#srv-key").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#srv-key").getAttribute("aria-describedby"), "srv-key-error");
  assert.equal(await page.locator("#server-status").getAttribute("role"), "status");
  assert.doesNotMatch(await visibleText(page), /Authorization|Bearer|valid key is required/);
  await screen(page, "10-checkout-refused", { scrollTo: "#server-charge" });
  assert.equal((await call(server.url, "GET", "/customer/shop-1/journal")).body.entries.length, 1);
  expectRefusals();
});

// The browser reports each refused request (401) as a console error: exactly those, and no other.
function expectRefusals() {
  assert.ok(problems.length > 0);
  assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
  problems.length = 0;
}

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

// The dashboard has rendered (its journal comes from the server): aria-busy is false again.
const settledDashboard = () => page.waitForSelector("#dashboard[aria-busy=false]", { timeout: 15_000 });
const attr = (sel, name) => page.locator(sel).getAttribute(name);

test("the dashboard refuses a wrong private key and keeps its samples", async () => {
  await page.click("#tab-dashboard");
  await page.locator("#srv-private-key").fill("sk_wrong");
  await page.click("#srv-connect");
  await page.waitForSelector("#srv-connect-status[data-state=error]", { timeout: 15_000 });
  assert.equal(await text("#srv-private-key-error"), "That key was not accepted. Check the merchant's private key and try again.");
  assert.equal(await page.locator("#srv-private-key").getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#pick-c-1001").count(), 1);
  expectRefusals();
});

test("the dashboard lists the server's customers; what it previews for one is what DELETE charges", async () => {
  await page.locator("#srv-private-key").fill(PRIVATE_KEY);
  await page.click("#srv-connect");
  await page.waitForSelector("#srv-connect-status[data-state=ok]", { timeout: 15_000 });
  await settledDashboard();
  assert.match(await text("#srv-connect-status"), /3 customers on this server/);
  const picks = await page.locator("#customer-list input").evaluateAll((xs) => xs.map((x) => x.value));
  assert.deepEqual(picks, ["big-3", "cafe-2", "shop-1", "all"]);
  // A customer created with a name shows it, its id beside; one without shows its id once.
  assert.match((await text('label[for="pick-shop-1"]')).replace(/\s+/g, " "), /^Nordic Coffee AB shop-1 · SEK · [a-z]+$/);
  assert.match((await text('label[for="pick-cafe-2"]')).replace(/\s+/g, " "), /^cafe-2 EUR · [a-z]+$/);

  await page.click('label[for="pick-cafe-2"]');
  await settledDashboard();
  // A charge from the page goes to the server (POST /customer/:id/balance).
  await page.fill("#charge-amount", "25");
  await page.click("#charge-form button");
  await page.waitForFunction(() => /charge\s+EUR\s25\.00/.test(document.getElementById("journal").innerText), null, { timeout: 15_000 });
  await settledDashboard();
  const previewed = await attr("#amount-to-charge", "data-amount");
  // 40 × (1.35 + 0.07) + 25 = 81.80
  assert.equal(previewed, "81.80");
  assert.equal(await page.locator("#settle-failure").isVisible(), false);
  assert.equal(await text("#settle-success"), "Settle on the server");
  await screen(page, "11-dashboard-on-server");

  await page.click("#settle-success");
  await page.waitForSelector('#settle-result li[data-customer="cafe-2"]', { timeout: 15_000 });
  await settledDashboard();
  assert.equal(await attr('#settle-result li[data-customer="cafe-2"]', "data-outcome"), "success");
  assert.equal(await attr('#settle-result li[data-customer="cafe-2"]', "data-amount"), previewed);
  const entries = (await call(server.url, "GET", "/customer/cafe-2/journal")).body.entries;
  assert.deepEqual(entries.map((e) => e.kind), ["charge", "charge", "settlement"]);
  assert.equal(entries.at(-1).amount, previewed);
  assert.match(await text("#journal"), /settlement\s+EUR 81\.80/);
  // The order the server settled, by its number (not an object turned into text).
  const settledLine = await text('#settle-result li[data-customer="cafe-2"]');
  assert.equal(settledLine.replace(/\s+/g, " "), `cafe-2 EUR 81.80 · order ${entries.at(-1).order}`);
  assert.ok(entries.at(-1).order);
  assert.match(await text("#preview"), /nothing to settle/);
  assert.deepEqual(problems, []);
});

test("settle all from the dashboard: each amount previewed is what the server charged or declined", async () => {
  assert.equal((await call(server.url, "POST", "/customer/shop-1/balance", { body: [{ price: "10.00", quantity: "3", vat: "2.50" }] })).status, 200);
  await page.click("#srv-connect"); // reads the customers again
  await page.waitForSelector("#srv-connect-status[data-state=ok]", { timeout: 15_000 });
  await page.click('label[for="pick-all"]');
  await settledDashboard();
  const previewed = Object.fromEntries(
    await page.locator("#preview tr[data-customer] td[data-amount]").evaluateAll((tds) =>
      tds.map((td) => [td.parentElement.dataset.customer, td.dataset.amount])),
  );
  // cafe-2 was settled above: nothing to settle.
  assert.deepEqual(previewed, { "big-3": "2500.00", "shop-1": "37.50" });
  assert.equal(await text("#settle-success"), "Settle all on the server");

  await page.click("#settle-success");
  await page.waitForSelector("#settle-result li[data-customer]", { timeout: 30_000 });
  await settledDashboard();
  await screen(page, "12-dashboard-settle-all-on-server", { scrollTo: "#settle-result" });
  assert.equal(await text("#settled-counts"), "1 updated · 1 declined · 0 errors");
  for (const [id, amount] of Object.entries(previewed)) {
    assert.equal(await attr(`#settle-result li[data-customer="${id}"]`, "data-amount"), amount, id);
  }
  assert.equal(await attr('#settle-result li[data-customer="shop-1"]', "data-outcome"), "success");
  assert.equal(await attr('#settle-result li[data-customer="big-3"]', "data-outcome"), "failure");
  const shop = (await call(server.url, "GET", "/customer/shop-1/journal")).body.entries.at(-1);
  assert.deepEqual([shop.kind, shop.amount], ["settlement", "37.50"]);
  assert.equal((await text('#settle-result li[data-customer="shop-1"]')).replace(/\s+/g, " "), `Nordic Coffee AB SEK 37.50 · order ${shop.order}`);
  const big = (await call(server.url, "GET", "/customer/big-3")).body;
  assert.equal(big.status, "pending");
  assert.equal(big.balance.length, 1);

  await page.click("#srv-disconnect");
  await settledDashboard();
  assert.equal(await page.locator("#pick-c-1001").count(), 1);
  assert.match(await text("#amount-to-charge"), /SEK 356\.70/);
  assert.deepEqual(problems, []);
});
