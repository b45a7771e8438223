// The payout form on the server (server/, PGlite), in Debian's Chromium through playwright-core:
// the form's credit is created through POST /credits (v1.1) or /v1/credits (v1) with the
// merchant's key, and the page shows the resource exactly as the server stored it and its
// timeline (created, then the schedule it expects).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, screen } from "./screens.mjs";
import { PRIVATE_KEY, call, freshDatabase, startServer } from "../../server/test/support/harness.js";

let db;
let server;
let browser;
let page;
const problems = [];
/** What the page logged to the developer console (the stored credit among it). */
const logged = [];

before(async () => {
  db = await freshDatabase("pglite");
  server = await startServer(db.env);
  ({ browser, page } = await launch());
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
    if (m.type() === "info") logged.push(m.text());
  });
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
  // The resource as stored is for developers: the console has it, the screen does not.
  const line = logged.findLast((l) => l.startsWith("balance-ledger: the stored credit "));
  return JSON.parse(line.slice("balance-ledger: the stored credit ".length));
}

test("the payout form creates a v1.1 credit on the server and shows it as stored, with its timeline", async () => {
  const shown = await create("1.1");
  assert.equal(shown.amount, 125000);
  assert.equal(shown.status, "pending");
  assert.equal(shown.appears_on_statement_as, "NORDIC COFFEE");
  const stored = await call(server.url, "GET", shown.href);
  assert.equal(stored.status, 200);
  assert.deepEqual(shown, stored.body.credits[0]);
  assert.equal(await text("#server-credit-status"), `Payout ${shown.transaction_number} created: USD 1,250.00, pending.`);
  assert.match(shown.transaction_number, /^CR\d{3}-\d{3}-\d{4}$/);
  const steps = await page.locator("#server-credit-timeline li strong").allInnerTexts();
  assert.deepEqual(steps, ["Created by you", "Submitted in the 3 pm batch (expected)", "Money expected", "Rejections possible until"]);
  // The server's times (UTC) in the payout screen's one zone, Pacific time, as it says.
  assert.equal(await text("#server-credit-timeline-h"), "What happened and what is expected, in Pacific time");
  const times = await page.locator("#server-credit-timeline time").evaluateAll((ts) => ts.map((t) => [t.dateTime, t.innerText]));
  const pacific = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", weekday: "short", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit" });
  for (const [iso, shownAt] of times) assert.equal(shownAt.replace(/\u202f/g, " "), pacific.format(new Date(iso)).replace(/\u202f/g, " "));
  assert.equal(Date.parse(times[0][0]), Date.parse(shown.created_at));
  await screen(page, "13-payout-on-server", { scrollTo: "#server-credit" });
  assert.deepEqual(problems, []);
});

test("a v1 credit too, and a wrong key creates nothing", async () => {
  const shown = await create("1");
  assert.equal(shown.state, "pending");
  assert.deepEqual(shown, (await call(server.url, "GET", shown.uri)).body);
  await page.locator("#srv-credit-key").fill("sk_wrong");
  await page.locator("#srv-credit").click();
  await page.waitForSelector("#server-credit-status[data-state=error]", { timeout: 15_000 });
  assert.equal(await text("#srv-credit-key-error"), "That key was not accepted. Check the merchant's private key and try again.");
  assert.equal(await page.locator("#srv-credit-key").getAttribute("aria-invalid"), "true");
  assert.equal((await call(server.url, "GET", "/v1/credits")).body.total, 1);
  assert.equal((await call(server.url, "GET", "/credits")).body.meta.total, 1);
});
