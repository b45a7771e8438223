// The server's benchmark (scripts/bench-server.sh): on PGlite and on PostgreSQL, with autocannon,
// charges per second (POST /customer/:id/balance on 1,000 customers) with p50/p99 latency and
// previews per second (GET …/balance/preview), then a settle-all of 100,000 customers (10,000 on PGlite). The real
// server process, logging at "warn". Prints figures; asserts nothing about time.
//   node server/bench/run.js [--quick] [--backends=pglite,postgres]
import { availableParallelism, cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { openDb } from "../src/db/index.js";
import { PRIVATE_KEY, freshDatabase, startServer } from "../test/support/harness.js";
import { seed } from "../test/support/seed.js";

const quick = process.argv.includes("--quick");
const backends = (process.argv.find((a) => a.startsWith("--backends="))?.split("=")[1] ?? "pglite,postgres").split(",");
const DURATION = quick ? 2 : 10;
const CONNECTIONS = 50;
const CUSTOMERS = quick ? 100 : 1000;
// PGlite settles a few hundred customers a second (one connection, ~2–4 ms a query here): 100,000
// would take many minutes, so it settles 10,000 unless SETTLE_CUSTOMERS says otherwise.
const settleCount = (backend) =>
  Number(process.env.SETTLE_CUSTOMERS ?? (quick ? 500 : backend === "pglite" ? 10_000 : 100_000));

const auth = { authorization: `Bearer ${PRIVATE_KEY}` };
const pick = () => `b${Math.floor(Math.random() * CUSTOMERS)}`;

function load(url, request) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [request] });
}

const figures = (r) => ({
  perSecond: Math.round(r.requests.average),
  p50: r.latency.p50,
  p99: r.latency.p99,
  total: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors,
});

async function withServer(backend, count, opts, fn) {
  const db = await freshDatabase(backend);
  try {
    const handle = await openDb({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 2 });
    await seed(handle, count, (i) => `b${i}`, opts);
    await handle.close();
    // Throughput is measured, not throttled: the rate limits are off (one key, one address).
    const server = await startServer({ ...db.env, LOG_LEVEL: "warn", RATE_LIMIT_PER_KEY: "0", RATE_LIMIT_PER_ADDRESS: "0" });
    try {
      return await fn(server.url);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

console.log(
  `machine: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} cores; node ${process.version}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`autocannon ${DURATION} s at ${CONNECTIONS} connections; ${CUSTOMERS} customers for charges and previews\n`);
console.log("| database | what | per second | p50 | p99 | notes |");
console.log("| --- | --- | --- | --- | --- | --- |");
// Each row as soon as it is measured: a long run shows what it has so far.
function row([backend, what, f]) {
  if (f.seconds) {
    console.log(`| ${backend} | ${what} | ${f.perSecond} customers/s | | | ${f.seconds} s; updated ${f.updated}, errors ${f.errors} |`);
  } else {
    console.log(
      `| ${backend} | ${what} | ${f.perSecond} | ${f.p50} ms | ${f.p99} ms | ${f.total} requests; non-2xx ${f.non2xx}, errors ${f.errors} |`,
    );
  }
}
for (const backend of backends) {
  await withServer(backend, CUSTOMERS, { charge: false }, async (url) => {
    const charges = figures(
      await load(url, {
        method: "POST",
        setupRequest: (req) => ({
          ...req,
          path: `/customer/${pick()}/balance`,
          headers: { ...auth, "content-type": "application/json" },
          body: '{"price":"1.25","quantity":2,"vat":"0.31"}',
        }),
      }),
    );
    row([backend, "charges (POST /customer/:id/balance)", charges]);
    const previews = figures(
      await load(url, {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: `/v1/customer/${pick()}/balance/preview`, headers: auth }),
      }),
    );
    row([backend, "previews (GET /v1/customer/:id/balance/preview)", previews]);
  });
  const SETTLE = settleCount(backend);
  await withServer(backend, SETTLE, {}, async (url) => {
    const t0 = performance.now();
    const r = await fetch(`${url}/v1/customer/all/balance`, { method: "DELETE", headers: auth });
    const body = await r.json();
    const seconds = (performance.now() - t0) / 1000;
    row([
      backend,
      `settle-all (DELETE /v1/customer/all/balance), ${SETTLE.toLocaleString("en")} customers`,
      { seconds: seconds.toFixed(1), perSecond: Math.round(body.updated / seconds), updated: body.updated, errors: body.errors },
    ]);
  });
}

console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
