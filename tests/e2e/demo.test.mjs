// The demo page in a real browser (Debian's Chromium through playwright-core): the checkout widget
// and the merchant dashboard, under the page's Content-Security-Policy. Screenshots of each screen
// go to target/screenshots/ (docs/screenshots/ with UPDATE_SCREENSHOTS=1: tests/e2e/shots.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { shots } from "./shots.mjs";

const root = resolve(import.meta.dirname, "../..");

let server;
let browser;
let page;
let base;
const problems = [];

before(async () => {
  server = spawn(process.execPath, [resolve(root, "scripts/serve.mjs")], {
    env: { ...process.env, PORT: "0", SERVE_MINUTES: "5" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise((ok, fail) => {
    server.stdout.on("data", (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) ok(m[0]);
    });
    server.on("exit", () => fail(new Error("the demo server exited")));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

// Intl puts a no-break space between the currency code and the amount.
const text = async (sel) => (await page.locator(sel).innerText()).replace(/\u00a0/g, " ");

test("the page runs under a CSP of 'self' and 'wasm-unsafe-eval' with no errors", async () => {
  const response = await page.request.get(base);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(await text("#engine"), /Engine ready/);
  assert.deepEqual(problems, []);
});

test("checkout: an invalid price shows its error at the field; fixing it shows the totals", async () => {
  assert.equal(await text("[data-total=gross]"), "SEK 457.70");
  await page.screenshot({ path: `${shots}/1-checkout.png`, fullPage: true });

  const price = page.locator("#f-0-price");
  await price.fill("12,50");
  assert.match(await text("#e-0-price"), /not a decimal number/);
  assert.equal(await price.getAttribute("aria-invalid"), "true");
  assert.equal(await text("[data-total=gross]"), "–");
  assert.match(await text("#checkout-status"), /1 problem to fix/);
  await page.locator("#f-1-rebate").fill("30");
  assert.match(await text("#e-1-rebate"), /more than the price/);
  await page.screenshot({ path: `${shots}/2-checkout-errors.png`, fullPage: true });

  await price.fill("12.50");
  await page.locator("#f-1-rebate").fill("1.5");
  assert.equal(await price.getAttribute("aria-invalid"), null);
  assert.equal(await text("#e-0-price"), "");
  // (12.50 + 29.90) × 2 = 84.80; (24.95 − 1.50 + 3.00) × 6 = 158.70
  assert.equal(await text("#amount-0"), "SEK 84.80");
  assert.equal(await text("[data-total=gross]"), "SEK 243.50");
  assert.equal(await text("[data-total=vat]"), "SEK 77.80");

  // The same items in yen: each line part rounded to whole yen, half away from zero.
  await page.selectOption("#currency", "JPY");
  assert.equal(await text("[data-total=gross]"), "JPY 244");
  await page.selectOption("#currency", "SEK");
});

test("checkout: lines can be added and removed with the keyboard", async () => {
  await page.locator("#add-line").focus();
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-2-number");
  await page.keyboard.type("X-1");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Gift card");
  await page.keyboard.press("Tab");
  await page.keyboard.type("100");
  assert.equal(await text("#amount-2"), "SEK 100.00");
  assert.equal(await text("[data-total=gross]"), "SEK 343.50");
  await page.locator('button[aria-label="Remove line 3"]').click();
  assert.equal(await text("[data-total=gross]"), "SEK 243.50");
});

test("dashboard: preview, settle with success and with failure, settle all", async () => {
  await page.locator("#tab-checkout").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator("#dashboard").isVisible(), true);
  assert.equal(await text("#amount-to-charge"), "SEK 356.70");
  assert.match(await text("#preview"), /Paid from balance/);
  await page.screenshot({ path: `${shots}/3-dashboard-preview.png`, fullPage: true });

  await page.click("#settle-success");
  assert.match(await text("#preview"), /nothing to settle/);
  assert.match(await text("#journal"), /settlement\s+SEK 356\.70/);

  await page.click("#charge-amount");
  await page.fill("#charge-amount", "6000");
  await page.click("#charge-form button");
  assert.match(await text("#charge-error"), /above the hard limit/);
  await page.fill("#charge-amount", "25");
  await page.click("#charge-form button");
  assert.match(await text("#journal"), /charge\s+SEK 25\.00/);

  await page.click('label[for="pick-c-1002"]');
  assert.equal(await text("#amount-to-charge"), "EUR 81.80");
  await page.click("#settle-failure");
  assert.match(await text("#journal"), /settlement failed\s+EUR 81\.80/);
  assert.match(await text("#customer-list"), /c-1002 · EUR · pending/);
  await page.screenshot({ path: `${shots}/4-dashboard-journal.png`, fullPage: true });

  await page.click('label[for="pick-all"]');
  assert.equal(await text("#updated-count"), "3 updated");
  assert.equal(await text("#errors-count"), "1 error");
  assert.equal(await page.locator("#settle-actions").isVisible(), false);
  assert.match(await text("#preview"), /\/customers\/3\/currency/);
  await page.screenshot({ path: `${shots}/5-dashboard-settle-all.png`, fullPage: true });
  assert.deepEqual(problems, []);
});

test("payout: a credit validated as typed, with its schedule on a timeline", async () => {
  await page.fill("#p-created", "2026-03-06T14:59:59-08:00");
  assert.match(await text("#payout-status"), /Valid: USD 1,250\.00 to account ••0002, fee USD 0\.25/);
  // Created a second before the cutoff on a Friday: that day's batch; the money on Monday, after
  // the switch to daylight-saving time.
  assert.deepEqual(await page.locator("#timeline time").allInnerTexts(), [
    "2026-03-06 14:59:59-08:00", "2026-03-06 15:00:00-08:00", "2026-03-09 09:00:00-07:00", "2026-03-12 09:00:00-07:00",
  ]);
  await page.fill("#p-statement", "ACME, INC/US");
  await page.fill("#p-routing", "121000359");
  assert.match(await text("#pe-appears_on_statement_as"), /may not contain "," \(U\+002C\)/);
  assert.match(await text("#pe-bank_account-routing_number"), /check digit/);
  assert.equal(await page.locator("#p-routing").getAttribute("aria-invalid"), "true");
  await page.locator("#payout-h").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/6-payout.png`, fullPage: true });
  await page.fill("#p-statement", "ACME INC");
  await page.fill("#p-routing", "121000358");
  await page.fill("#p-created", "2026-03-06T15:00:00-08:00"); // exactly at the cutoff: next business day
  assert.equal((await page.locator("#timeline time").allInnerTexts())[1], "2026-03-09 15:00:00-07:00");
  assert.match(await text("#payout-status"), /^Valid/);
});

test("cash balance: funds in, a payment applied automatically, no deletion", async () => {
  assert.equal(await text("#cash-available"), "no cash balance");
  await page.click("#cash-payment");
  await page.click("#cash-fund");
  assert.equal(await text("#cash-available"), "EUR 30.00");
  const rows = await page.locator("#cash-log tr").allInnerTexts();
  assert.deepEqual(rows.map((r) => r.replace(/\u00a0/g, " ").split("\t")), [
    ["applied to payment", "-EUR 20.00", "EUR 30.00"],
    ["funded", "EUR 50.00", "EUR 50.00"],
  ]);
  assert.match(await text("#cash-delete"), /cannot be deleted/);
  await page.screenshot({ path: `${shots}/7-cash-balance.png`, fullPage: true });
  assert.deepEqual(problems, []);
});

test("balance-ledger/checkout runs in the page on its own module, with the item functions only", async () => {
  const got = await page.evaluate(async () => {
    const m = await import("/pkg/checkout/browser.js");
    let before;
    try {
      m.itemTotals({ price: 1 }, "SEK");
    } catch (e) {
      before = e.code;
    }
    await m.default();
    return {
      before,
      gross: m.itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK").gross,
      valid: m.validateItems({ price: "12,50" }).issues[0].code,
      ledger: typeof m.chargeBalance,
      loaded: performance.getEntriesByType("resource").some((r) => r.name.endsWith("/pkg/wasm/balance_ledger_checkout_bg.wasm")),
    };
  });
  assert.deepEqual(got, { before: "not_initialized", gross: "299.00", valid: "invalid_decimal", ledger: "undefined", loaded: true });
  assert.deepEqual(problems, []);
});
