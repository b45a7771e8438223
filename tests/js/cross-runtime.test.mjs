// Same answers everywhere: the corpus of tests/corpus/valid.json through the Node build and through
// the browser build in headless Chromium gives byte-identical JSON answers. A static server on
// 127.0.0.1 (a free port) serves pkg/, the shared runner and a tiny page; it stops after the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import * as api from "../../pkg/node.js";
import { runCorpus } from "./support/corpus-runner.mjs";

const root = new URL("../../", import.meta.url);
const corpusUrl = new URL("tests/corpus/valid.json", root);
const cases = JSON.parse(await readFile(corpusUrl, "utf8"));

const page = `<!doctype html><meta charset="utf-8"><title>cross-runtime</title>
<script type="module">
  import init, * as api from "/pkg/browser.js";
  import { runCorpus } from "/support/corpus-runner.mjs";
  try {
    await init();
    const cases = await (await fetch("/corpus/valid.json")).json();
    window.results = runCorpus(api, cases);
  } catch (e) {
    window.failure = String(e && e.stack || e);
  }
</script>`;

const files = {
  "/pkg/": new URL("pkg/", root),
  "/support/": new URL("tests/js/support/", root),
  "/corpus/": new URL("tests/corpus/", root),
};
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

let server;
let base;
before(async () => {
  server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    if (path === "/") return res.writeHead(200, { "content-type": "text/html" }).end(page);
    const prefix = Object.keys(files).find((p) => path.startsWith(p));
    const rest = prefix && path.slice(prefix.length);
    if (!rest || rest.split("/").includes("..")) return res.writeHead(404).end();
    try {
      const body = await readFile(new URL(rest, files[prefix]));
      res.writeHead(200, { "content-type": types[path.slice(path.lastIndexOf("."))] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  // Whatever happens, the server does not outlive the test file.
  setTimeout(() => server.close(), 5 * 60_000).unref();
});
after(() => {
  server?.closeAllConnections();
  server?.close();
});

test(`the ${cases.length} corpus cases give byte-identical JSON in Node and headless Chromium`, async () => {
  const inNode = runCorpus(api, cases);
  assert.equal(inNode.filter((r) => r.startsWith('{"value"')).length >= 30, true, "most corpus cases are valid");
  for (const [i, r] of inNode.entries()) assert.ok(!r.startsWith('{"thrown"'), `${cases[i].name}: ${r}`);

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
    timeout: 60_000,
  });
  try {
    const tab = await browser.newPage();
    await tab.goto(base);
    await tab.waitForFunction(() => window.results || window.failure, null, { timeout: 60_000 });
    const failure = await tab.evaluate(() => window.failure);
    assert.equal(failure, undefined, failure);
    const inChromium = await tab.evaluate(() => window.results);
    assert.equal(inChromium.length, cases.length);
    for (const [i, r] of inNode.entries()) {
      assert.equal(inChromium[i], r, `${cases[i].name}: Chromium and Node differ`);
    }
  } finally {
    await browser.close();
  }
});
