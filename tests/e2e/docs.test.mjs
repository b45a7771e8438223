// The API explorer: /docs (@fastify/swagger-ui) in Debian's Chromium through playwright-core renders
// the server's OpenAPI document with a section for each API family's tag, and no page errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { freshDatabase, startServer } from "../../server/test/support/harness.js";

const FAMILIES = ["Intergiro balance", "Balanced credits", "Stripe cash balance", "IVR", "health"];
let db;
let server;
let browser;
const problems = [];

before(async () => {
  db = await freshDatabase("pglite");
  server = await startServer(db.env);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

test("/docs shows each family's tag, from the server's own document", async () => {
  const page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${server.url}/docs`);
  await page.waitForSelector(".opblock-tag", { timeout: 30_000 });
  const tags = await page.locator(".opblock-tag").evaluateAll((els) => els.map((e) => e.getAttribute("data-tag")));
  assert.deepEqual([...tags].sort(), [...FAMILIES].sort());
  // An operation of each family is listed under it (the charge under the Intergiro tag).
  assert.ok(await page.locator("#operations-Intergiro_balance-charge").count(), "the charge operation is shown");
  assert.match(await page.locator(".info .title").innerText(), /balance-ledger reference server/);
  assert.deepEqual(problems, []);
});
