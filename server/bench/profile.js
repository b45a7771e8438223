// Where one charge's time goes (scripts/bench-server.sh --profile): the real server on a fresh
// PostgreSQL under autocannon's charges, with node's --cpu-prof, and the CPU each process used
// (the server's JS thread, PostgreSQL's backends, autocannon) beside the wall clock. Prints the
// profile's self time by module and the top functions; asserts nothing.
//   node server/bench/profile.js [--seconds=10] [--connections=50] [--no-profile]
// (the server's environment passes on: DB_POOL, LOG_LEVEL, …)
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { readFileSync, readdirSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { openDb } from "../src/db/index.js";
import { PRIVATE_KEY, freshDatabase, startServer } from "../test/support/harness.js";
import { seed } from "../test/support/seed.js";

const arg = (name, dflt) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt);
const SECONDS = arg("seconds", 10);
const CONNECTIONS = arg("connections", 50);
const CUSTOMERS = 1000;
const PROFILE = !process.argv.includes("--no-profile");
const short = (u) => u.replace(/^file:\/\/.*?\/(node_modules|server|pkg)\//, "$1/");
const TICK = 100; // clock ticks per second (Linux's USER_HZ)

// CPU seconds (user + system) of a process, from /proc.
function cpuOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) / TICK;
  } catch {
    return 0;
  }
}
// Every PostgreSQL process (the test's private one: its backends are children of its postmaster).
function postgresPids() {
  const pids = [];
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (readFileSync(`/proc/${p}/comm`, "utf8").trim() === "postgres") pids.push(p);
    } catch {
      // gone
    }
  }
  return pids;
}
const postgresCpu = () => postgresPids().reduce((s, p) => s + cpuOf(p), 0);

const db = await freshDatabase("postgres");
const profDir = await mkdtemp(join(tmpdir(), "balance-ledger-prof-"));
try {
  const handle = await openDb({ databaseUrl: db.databaseUrl, poolSize: 2 });
  await seed(handle, CUSTOMERS, (i) => `b${i}`, { charge: false });
  await handle.close();
  const server = await startServer(
    { ...db.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", RATE_LIMIT_PER_KEY: "0", RATE_LIMIT_PER_ADDRESS: "0" },
    { nodeArgs: PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`, "--cpu-prof-interval=200"] : [] },
  );
  const auth = { authorization: `Bearer ${PRIVATE_KEY}` };
  const cpu0 = { server: cpuOf(server.proc.pid), postgres: postgresCpu(), self: process.cpuUsage() };
  const t0 = performance.now();
  const r = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        setupRequest: (req) => ({
          ...req,
          path: `/customer/b${Math.floor(Math.random() * CUSTOMERS)}/balance`,
          headers: { ...auth, "content-type": "application/json" },
          body: '{"price":"1.25","quantity":2,"vat":"0.31"}',
        }),
      },
    ],
  });
  const wall = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(cpu0.self);
  const used = {
    server: cpuOf(server.proc.pid) - cpu0.server,
    postgres: postgresCpu() - cpu0.postgres,
    autocannon: (self.user + self.system) / 1e6,
  };
  await server.stop();

  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(
    `charges: ${Math.round(r.requests.average)}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
      `${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors}; ${CONNECTIONS} connections, ${wall.toFixed(1)} s`,
  );
  const total = r.requests.total || 1;
  console.log("CPU used during the run (of 2 cores × wall):");
  for (const [who, s] of Object.entries(used)) {
    console.log(`  ${who.padEnd(10)} ${s.toFixed(2)} s  = ${((100 * s) / wall).toFixed(0)}% of one core, ${((1e6 * s) / total).toFixed(0)} µs a charge`);
  }

  const file = (await readdir(profDir)).find((f) => f.endsWith(".cpuprofile"));
  if (file) summarise(JSON.parse(await readFile(join(profDir, file), "utf8")));
} finally {
  await rm(profDir, { recursive: true, force: true });
  await db.drop();
}

// Self time per node, grouped by where its code lives: the samples between the first and the last
// in src/store.js only, so the server's start (compiling its modules) and stop are left out.
function summarise(prof) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  const inStore = (id) => byId.get(id).callFrame.url.endsWith("/server/src/store.js");
  const first = prof.samples.findIndex(inStore);
  const last = prof.samples.findLastIndex(inStore);
  for (let i = first; i <= last; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
  const groups = new Map();
  const fns = new Map();
  let all = 0;
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const group = groupOf(f);
    all += us;
    groups.set(group, (groups.get(group) ?? 0) + us);
    const name = `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;
    fns.set(name, (fns.get(name) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / all).toFixed(1).padStart(5)}%`;
  console.log("\nserver JS thread, self time by where the code lives (of the profiled time):");
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(us)}  ${g}`);
  console.log("\ntop functions (self time):");
  for (const [n, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${pct(us)}  ${n}`);
}

function groupOf(f) {
  const u = f.url;
  if (!u) return f.functionName.startsWith("(") ? f.functionName : `native: ${f.functionName}`;
  if (u.startsWith("wasm://") || u.includes(".wasm")) return "the package (wasm)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1] === "balance-ledger" ? "the package (JS glue)" : `npm: ${m[1]}`;
  if (u.startsWith("node:")) return `node: ${u.slice(5).split("/")[0]}`;
  if (u.includes("/pkg/")) return "the package (JS glue)";
  if (u.includes("/server/src/")) return "server/src";
  return short(u);
}
