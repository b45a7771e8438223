// The chaos run: a seeded mixed load from clients that retry (support/chaos-client.js) against two
// server processes on one PostgreSQL, while a fault schedule from the same seed kills a server
// (SIGKILL) and starts it again, crashes PostgreSQL (`pg_ctl stop -m immediate`) and starts it
// again, and cuts the network to it for a few seconds (support/proxy.js). Each run is one isolation
// level (read committed, serializable); a third runs on PGlite with server kills only (one process
// owns a PGlite directory). At the end the database itself must show: every request answered 2xx
// applied exactly once and nothing applied twice (support/chaos-checks.js), funds conserved to the
// minor unit, each customer's entries folding to its state, each cash balance the fold of its
// transactions, no credit skipping a status; clients never saw a 5xx other than 503 with
// Retry-After, nor waited past their timeout; the servers recovered by themselves.
//   CHAOS_SEED=n        replay a run (a failure prints its seed)
//   CHAOS_SECONDS=s     load per run (default 40); CHAOS_MINUTES=m the longer run
//   CHAOS_MODES=…       comma-separated: "read committed", serializable, pglite (default all three)
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { test } from "node:test";
import pg from "pg";
import { openDb } from "../src/db/index.js";
import { counters } from "./support/chaos-client.js";
import { checkEndState } from "./support/chaos-checks.js";
import { load, random } from "./support/chaos-load.js";
import { privateCluster } from "./support/cluster.js";
import { fleet } from "./support/fleet.js";
import { freshDatabase } from "./support/harness.js";
import { cuttableProxy } from "./support/proxy.js";
import { SECRET } from "./support/stripe.js";

const SEED = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : randomInt(2 ** 31);
const SECONDS = process.env.CHAOS_MINUTES ? Number(process.env.CHAOS_MINUTES) * 60 : Number(process.env.CHAOS_SECONDS ?? 40);
const MODES = (process.env.CHAOS_MODES ?? "read committed,serializable,pglite").split(",").map((m) => m.trim());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// The load comes from one address and one key, as no real traffic does: the limits (tested in
// bounds.test.js) would refuse the retries this run is about.
const NO_RATE_LIMITS = { RATE_LIMIT_PER_KEY: "0", RATE_LIMIT_PER_ADDRESS: "0" };

/**
 * The faults, from the seed: the first three one of each kind (in a seeded order), then any; each
 * lasts 0.5–5 s and the next comes 2.5–7.5 s after it ended. One at a time, so every fault's recovery
 * is seen on its own.
 */
function schedule(rand, kinds, seconds) {
  const faults = [];
  let at = 3 + rand() * 3;
  const first = [...kinds].sort(() => rand() - 0.5);
  while (at < seconds - 3) {
    const kind = first[faults.length] ?? kinds[Math.floor(rand() * kinds.length)];
    const downFor = kind === "cut" ? 2 + rand() * 3 : 0.5 + rand() * 3;
    faults.push({ kind, at, downFor, server: Math.floor(rand() * 2) });
    at += downFor + 1.5 + rand() * 4 + (kind === "kill" ? 1 : 2); // a start takes a moment
  }
  return faults;
}

/** GET /health on every server until each answers 200 (at most a minute): → ms taken. */
async function recovered(servers) {
  const from = Date.now();
  for (const url of servers.urls()) {
    for (;;) {
      const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(30_000) }).catch(() => null);
      if (r?.status === 200) break;
      if (Date.now() - from > 60_000) {
        throw new Error(`${url} did not recover within a minute (${r?.status ?? "no answer"}); its output:\n${servers.outputs().map((o) => o.slice(-3000)).join("\n---\n")}`);
      }
      await sleep(100);
    }
  }
  return Date.now() - from;
}

async function runFaults(plan, env, started, until) {
  const done = [];
  for (const f of plan) {
    const wait = started + f.at * 1000 - Date.now();
    if (wait > 0) await sleep(wait);
    if (Date.now() > until) break;
    const record = { kind: f.kind, at: Math.round((Date.now() - started) / 100) / 10, downFor: Math.round(f.downFor * 10) / 10 };
    process.stderr.write(`[chaos] fault ${JSON.stringify(record)}\n`);
    if (f.kind === "kill") {
      const i = f.server % env.fleet.size;
      record.server = i;
      record.signal = await env.fleet.kill(i);
      await sleep(f.downFor * 1000);
      const from = Date.now();
      await env.fleet.restart(i);
      record.restartMs = Date.now() - from; // until the new process listens (migrations checked, database open)
    } else if (f.kind === "crash") {
      await env.cluster.crash();
      await sleep(f.downFor * 1000);
      await env.cluster.start();
      record.recoveredMs = await recovered(env.fleet);
    } else {
      env.proxy.cut();
      await sleep(f.downFor * 1000);
      env.proxy.restore();
      record.recoveredMs = await recovered(env.fleet);
    }
    done.push(record);
  }
  return done;
}

async function onPostgres(isolation) {
  const cluster = await privateCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("CREATE DATABASE chaos");
  await admin.query(`ALTER DATABASE chaos SET default_transaction_isolation = '${isolation}'`);
  await admin.end();
  const proxy = await cuttableProxy(cluster.port);
  const databaseUrl = `postgres://postgres@127.0.0.1:${proxy.port}/chaos`;
  const direct = `postgres://postgres@127.0.0.1:${cluster.port}/chaos`;
  const servers = await fleet(2, { DATABASE_URL: databaseUrl, STRIPE_WEBHOOK_SECRET: SECRET, CREDIT_JOB_SECONDS: "0", DB_POOL: "10", ...NO_RATE_LIMITS });
  return {
    cluster,
    proxy,
    fleet: servers,
    kinds: ["kill", "crash", "cut"],
    openDirect: () => openDb({ databaseUrl: direct, poolSize: 2 }),
    async connections() {
      const c = new pg.Client({ connectionString: direct });
      await c.connect();
      const { rows } = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'chaos' AND pid <> pg_backend_pid()");
      await c.end();
      return rows[0].n;
    },
    async close() {
      await servers.stopAll();
      await proxy.close();
      await cluster.remove();
    },
  };
}

async function onPglite() {
  const fresh = await freshDatabase("pglite");
  const servers = await fleet(1, { ...fresh.env, STRIPE_WEBHOOK_SECRET: SECRET, CREDIT_JOB_SECONDS: "0", ...NO_RATE_LIMITS });
  return {
    fleet: servers,
    kinds: ["kill"],
    // One process opens a PGlite directory at a time: checked once the server has stopped.
    openDirect: async () => {
      await servers.stopAll();
      return openDb({ dataDir: fresh.dataDir });
    },
    async close() {
      await servers.stopAll();
      await fresh.drop();
    },
  };
}

for (const mode of MODES) {
  const label = mode === "pglite" ? "PGlite (server kills only)" : `PostgreSQL at ${mode}`;
  test(`chaos on ${label}: seed ${SEED}, ${SECONDS} s of retried mixed load under faults; every acknowledged request applied once, funds conserved`, { timeout: (SECONDS + 300) * 1000 }, async () => {
    const env = mode === "pglite" ? await onPglite() : await onPostgres(mode);
    const counts = counters();
    let faults = [];
    try {
      const rand = random(SEED);
      const plan = schedule(rand, env.kinds, SECONDS);
      const started = Date.now();
      const until = started + SECONDS * 1000;
      // Progress on stderr while it runs (what a stuck run was doing).
      const progress = setInterval(() => process.stderr.write(`[chaos] ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify({ ...counts, errors5xx: counts.errors5xx.length, bad503: counts.bad503.length })}\n`), 10_000);
      const [acked, done] = await Promise.all([load(SEED, env.fleet, counts, until, SECONDS), runFaults(plan, env, started, until)]);
      faults = done;
      clearInterval(progress);
      // Every server, never restarted after a database fault, answers again by itself.
      const settle = await recovered(env.fleet);
      const pooled = env.connections ? await env.connections() : null;
      const db = await env.openDirect();
      let end;
      try {
        end = await checkEndState(db, acked);
      } finally {
        await db.close();
      }
      const byKind = {};
      for (const f of faults) (byKind[f.kind] ??= []).push(f);
      console.log(
        `[chaos] ${label}: seed ${SEED}, ${SECONDS} s; faults ${faults.length} (` +
          Object.entries(byKind).map(([k, v]) => `${k} ${v.length}`).join(", ") +
          `); requests ${counts.requests}, attempts ${counts.attempts}, acknowledged ${counts.acknowledged}, refused ${counts.refused}, ` +
          `retried ${counts.retried} (503 ${counts.unavailable}, no answer ${counts.noAnswer}); ` +
          `refusals ${JSON.stringify(counts.refusals)}; ${JSON.stringify(end)}; recovery after the last fault ${settle} ms` +
          (pooled === null ? "" : `; connections at the end ${pooled}`),
      );
      for (const f of faults) console.log(`[chaos]   ${JSON.stringify(f)}`);
      assert.ok(faults.length >= Math.min(env.kinds.length, Math.floor(SECONDS / 12)), `faults injected: ${faults.length}`);
      for (const kind of env.kinds) assert.ok(byKind[kind]?.length > 0, `no ${kind} fault injected`);
      for (const f of faults.filter((x) => x.kind === "kill")) assert.equal(f.signal, "SIGKILL");
      assert.deepEqual(counts.errors5xx, [], "no answer but 503 may be a 5xx");
      assert.deepEqual(counts.bad503, [], "every 503 has Retry-After and the error shape");
      assert.equal(counts.timedOut, 0, "no request went unanswered past the client's timeout");
      assert.ok(counts.acknowledged > 0 && counts.retried > 0, "the load was acknowledged and retried");
      if (mode !== "pglite") assert.ok(counts.unavailable > 0, "the database faults were answered 503");
      if (pooled !== null) assert.ok(pooled <= 2 * 10, `the pools hold ${pooled} connections: dead ones are dropped, none leak`);
    } catch (err) {
      err.message = `chaos seed ${SEED} (replay: CHAOS_SEED=${SEED} CHAOS_SECONDS=${SECONDS} CHAOS_MODES="${mode}"): ${err.message}\nfaults: ${JSON.stringify(faults)}`;
      throw err;
    } finally {
      await env.close();
    }
  });
}
