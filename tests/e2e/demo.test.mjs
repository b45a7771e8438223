// The demo page in a real browser (Debian's Chromium through playwright-core): the checkout widget
// and the merchant dashboard, under the page's Content-Security-Policy. Each screen and state is
// checked and screenshotted at 1280 and 390 px by screens.mjs (text guard, axe-core, layout), to
// target/screenshots/ (docs/screenshots/ with UPDATE_SCREENSHOTS=1: tests/e2e/shots.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { launch, screen, tabTo, focused } from "./screens.mjs";

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
  ({ browser, page } = await launch());
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
});

after(async () => {
  await browser?.close();
  server?.kill();
});

// Intl puts a no-break space between the currency code and the amount.
const text = async (sel) => (await page.locator(sel).innerText()).replace(/\u00a0/g, " ");
/** The messages shown in `sel` (a field's message box, or a form: all of its boxes). */
const messages = (sel) => page.locator(`${sel} span`).filter({ visible: true }).allInnerTexts();

test("before the engine is ready the checkout says so where the cart will be, not an empty table", async () => {
  // The wasm is held back until the loading state has been checked.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(base);
  await page.waitForSelector("#checkout-loading", { state: "visible" });
  assert.match(await text("#checkout-loading"), /Getting the checkout ready/);
  assert.equal(await page.locator("#lines").isVisible(), false);
  assert.equal(await page.locator("#currency").isVisible(), false);
  assert.equal(await page.locator("[data-total=gross]").isVisible(), false);
  await screen(page, "01-checkout-loading");
  release();
  await page.waitForSelector("body[data-ready=true]", { timeout: 15_000 });
  await page.unroute("**/*.wasm");
  assert.equal(await page.locator("#checkout-loading").isVisible(), false);
});

test("the page runs under a CSP of 'self' and 'wasm-unsafe-eval' with no errors", async () => {
  const response = await page.request.get(base);
  assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal(await text("#engine"), "Ready");
  assert.deepEqual(problems, []);
});

test("checkout: problems in the shopper's words at their fields; the valid lines keep their amounts", async () => {
  assert.equal(await text("[data-total=gross]"), "SEK 457.70");
  await screen(page, "02-checkout");

  const price = page.locator("#f-0-price");
  await price.fill("12,50");
  await page.locator("#f-0-quantity").fill("two");
  assert.deepEqual(await messages("#e-0-price"), ["Enter a number, like 12.50 (with a point, no thousands separators)."]);
  assert.equal(await price.getAttribute("aria-invalid"), "true");
  assert.equal(await price.getAttribute("aria-describedby"), "e-0-price");
  assert.equal(await text("[data-total=gross]"), "–");
  // The other line is valid: (24.95 − 1.50 + 3.00) × 6 = 158.70, while line 1 is being fixed.
  assert.equal(await text("#amount-1"), "SEK 158.70");
  // As many messages on screen as the status counts, and the status is a live region.
  assert.equal((await messages("#lines .field-error")).length, 2);
  assert.match(await text("#checkout-status"), /^2 problems to fix before paying/);
  assert.equal(await page.locator("#checkout-status").getAttribute("role"), "status");
  await screen(page, "03-checkout-errors");

  await page.locator("#f-0-quantity").fill("2");
  await page.locator("#f-1-rebate").fill("30");
  assert.match(await text("#e-1-rebate"), /can't be more than the price/);
  assert.equal(await page.locator("#amount-1 [aria-hidden=true]").innerText(), "–");
  assert.match(await text("#checkout-status"), /^2 problems/);

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
  assert.deepEqual(problems, []);
});

test("checkout: lines can be added and removed with the keyboard", async () => {
  await page.locator("#add-line").focus();
  await page.keyboard.press("Enter");
  assert.equal(await focused(page), "f-2-number");
  await page.keyboard.type("X-1");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Gift card");
  await page.keyboard.press("Tab");
  await page.keyboard.type("100");
  assert.equal(await text("#amount-2"), "SEK 100.00");
  assert.equal(await text("[data-total=gross]"), "SEK 343.50");
  await tabTo(page, "remove-2");
  assert.equal(await page.locator("#remove-2").getAttribute("aria-label"), "Remove line 3");
  await page.keyboard.press("Enter");
  assert.equal(await text("[data-total=gross]"), "SEK 243.50");
});

test("dashboard: a settlement with the keyboard alone, the journal, settle all in the merchant's words", async () => {
  await page.locator("#tab-checkout").focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.locator("#dashboard").isVisible(), true);
  assert.equal(await text("#amount-to-charge"), "SEK 356.70");
  assert.match(await text("#preview"), /Paid from balance/);
  await screen(page, "04-dashboard-preview");

  // Keyboard only: into the customers (the checked one takes the focus), down to the second and
  // back, then to the settle button.
  await tabTo(page, "pick-c-1001");
  await page.keyboard.press("ArrowDown");
  assert.equal(await focused(page), "pick-c-1002");
  assert.equal(await text("#amount-to-charge"), "EUR 81.80");
  await page.keyboard.press("ArrowUp");
  assert.equal(await text("#amount-to-charge"), "SEK 356.70");
  await tabTo(page, "settle-success");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /nothing to settle/.test(document.getElementById("preview").innerText));
  assert.match(await text("#journal"), /settlement\s+SEK 356\.70/);

  await tabTo(page, "charge-amount");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("6000");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#charge-error span");
  assert.match(await text("#charge-error"), /over their credit limit/);
  assert.equal(await page.locator("#charge-amount").getAttribute("aria-invalid"), "true");
  assert.match(await text("#charge-status"), /Not charged/);
  await page.fill("#charge-amount", "25");
  await page.click("#charge-form button");
  await page.waitForFunction(() => /charge\s+SEK\s25\.00/.test(document.getElementById("journal").innerText));
  // A charge entry is a journal line like the others (its class no longer takes the amount box's
  // style), its time whole, in the zone the journal names.
  const entry = page.locator("#journal li.entry-charge").first();
  assert.deepEqual(await entry.evaluate((li) => {
    const s = getComputedStyle(li);
    const t = li.querySelector("time");
    return { background: s.backgroundColor, display: s.display, cut: t.scrollWidth > t.clientWidth || li.scrollWidth > li.clientWidth };
  }), { background: "rgba(0, 0, 0, 0)", display: "list-item", cut: false });
  assert.match(await entry.locator("time").innerText(), /^\w{3}, \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s[AP]M$/);
  assert.equal(await text("#journal-zone"), "Times in Central European Standard Time");

  await page.click('label[for="pick-c-1002"]');
  assert.equal(await text("#amount-to-charge"), "EUR 81.80");
  await page.click("#settle-failure");
  assert.match(await text("#journal"), /settlement failed\s+EUR 81\.80/);
  assert.match(await text("#customer-list"), /c-1002 · EUR · pending/);
  await screen(page, "05-dashboard-journal");

  await page.click('label[for="pick-all"]');
  assert.equal(await text("#updated-count"), "3 updated");
  assert.equal(await text("#errors-count"), "1 error");
  assert.equal(await page.locator("#settle-actions").isVisible(), false);
  // The refused customer in words, at its field: no pointer, no code.
  const refused = await text('#preview tr[data-customer="c-1004"] td:nth-child(2)');
  assert.match(refused, /^Currency: This customer's currency is not one we can charge in\. Correct the customer's currency\. /);
  assert.match(refused, /Funds on balance: This cannot be below zero\./);
  assert.match(refused, /Unsettled item 1, price: Enter a number, like 12\.50/);
  await screen(page, "06-dashboard-settle-all");
  assert.deepEqual(problems, []);
});

test("payout: every problem at its field and counted once; the schedule in Pacific time, named", async () => {
  await page.fill("#p-created", "2026-03-06 14:59:59");
  assert.match(await text("#payout-status"), /Valid: USD 1,250\.00 to account ••0002, fee USD 0\.25/);
  assert.equal(await text("#timeline-h"), "Schedule, in Pacific time");
  // Created a second before the cutoff on a Friday: that day's batch; the money on Monday, after
  // the switch to daylight-saving time (the times are Pacific either side of it, no offsets shown).
  assert.deepEqual(await page.locator("#timeline time").allInnerTexts(), [
    "Fri, Mar 6, 2026, 2:59:59 PM", "Fri, Mar 6, 2026, 3:00:00 PM", "Mon, Mar 9, 2026, 9:00:00 AM", "Thu, Mar 12, 2026, 9:00:00 AM",
  ]);
  assert.deepEqual(await page.locator("#timeline time").evaluateAll((ts) => ts.map((t) => t.dateTime)), [
    "2026-03-06T14:59:59-08:00", "2026-03-06T15:00:00-08:00", "2026-03-09T09:00:00-07:00", "2026-03-12T09:00:00-07:00",
  ]);
  // Two problems with the descriptor (too long, and a comma and a slash) and one with the routing
  // number: three counted, three shown, both of the descriptor's at its field.
  await page.fill("#p-statement", "ACME, INC/US COFFEE ROASTERS AND SONS");
  await page.fill("#p-routing", "121000359");
  assert.equal(await text("#payout-status"), "3 problems with this payout");
  assert.equal((await messages("#payout .field-error")).length, 3);
  assert.deepEqual(await messages("#pe-appears_on_statement_as"), ["This is too long. Shorten it.", "This contains characters that cannot be used here."]);
  assert.match(await text("#pe-bank_account-routing_number"), /routing number is not valid/);
  assert.equal(await page.locator("#p-routing").getAttribute("aria-invalid"), "true");
  await screen(page, "07-payout", { scrollTo: "#payout-h" });
  await page.fill("#p-statement", "ACME INC");
  await page.fill("#p-routing", "121000358");
  await page.fill("#p-created", "2026-03-06 15:00"); // exactly at the cutoff: next business day
  assert.equal((await page.locator("#timeline time").allInnerTexts())[1], "Mon, Mar 9, 2026, 3:00:00 PM");
  assert.match(await text("#payout-status"), /^Valid/);
  // A time that is not one is said so at its field.
  await page.fill("#p-created", "March 6");
  assert.equal(await text("#pe-created"), "Enter a date and time like 2026-03-06 14:30.");
  assert.equal(await page.locator("#p-created").getAttribute("aria-invalid"), "true");
  await page.fill("#p-created", "2026-03-06 15:00");
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
  await screen(page, "08-cash-balance", { scrollTo: "#cash-log" });
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
