// The payout form on the server (server/, PGlite), in Debian's Chromium through playwright-core:
// the form's credit is created through POST /credits (v1.1) or /v1/credits (v1) with the
// merchant's key, and the page shows the resource exactly as the server stored it and its
// timeline (created, then the schedule it expects).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { shots } from "./shots.mjs";
import { PRIVATE_KEY, call, freshDatabase, startServer } from "../../server/test/support/harness.js";

let db;
let server;
let browser;
let page;
const problems = [];

before(async () => {
  db = await freshDatabase("pglite");
  server = await startServer(db.env);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 1400 } });
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${server.url}/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  await page.locator("#tab-dashboard").click();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

const text = async (sel) => (await page.locator(sel).innerText()).replace(/\u00a0/g, " ");

async function create(version) {
  await page.locator("#p-version").selectOption(version);
  await page.locator("#srv-credit-key").fill(PRIVATE_KEY);
  await page.locator("#srv-credit").click();
  await page.waitForSelector("#server-credit-status[data-state=ok]", { timeout: 15_000 });
  return JSON.parse(await page.locator("#server-credit-resource").innerText());
}

test("the payout form creates a v1.1 credit on the server and shows it as stored, with its timeline", async () => {
  const shown = await create("1.1");
  assert.equal(shown.amount, 125000);
  assert.equal(shown.status, "pending");
  assert.equal(shown.appears_on_statement_as, "NORDIC COFFEE");
  const stored = await call(server.url, "GET", shown.href);
  assert.equal(stored.status, 200);
  assert.deepEqual(shown, stored.body.credits[0]);
  assert.match(await text("#server-credit-status"), new RegExp(`Stored ${shown.id} \\(CR\\d{3}-\\d{3}-\\d{4}\\), pending`));
  const steps = await page.locator("#server-credit-timeline li strong").allInnerTexts();
  assert.deepEqual(steps, ["created (api)", "Submitted in the 3 pm batch (expected)", "Money expected", "Rejections possible until"]);
  await page.locator("#server-credit").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/11-payout-on-server.png`, fullPage: true });
  assert.deepEqual(problems, []);
});

test("a v1 credit too, and a wrong key creates nothing", async () => {
  const shown = await create("1");
  assert.equal(shown.state, "pending");
  assert.deepEqual(shown, (await call(server.url, "GET", shown.uri)).body);
  await page.locator("#srv-credit-key").fill("sk_wrong");
  await page.locator("#srv-credit").click();
  await page.waitForSelector("#server-credit-status[data-state=error]", { timeout: 15_000 });
  assert.match(await text("#server-credit-status"), /valid key/);
  assert.equal((await call(server.url, "GET", "/v1/credits")).body.total, 1);
  assert.equal((await call(server.url, "GET", "/credits")).body.meta.total, 1);
});
