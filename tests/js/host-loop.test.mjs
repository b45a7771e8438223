// The host loop of docs/host-loop.md through the built package: read (state, version); call; in
// one transaction append the returned entries and store the state only if the version is still
// the one read (else read again and call again). Several clients at once, with retries, replays,
// reused keys and crashes between every two steps, for chargeBalance, fundBalance and
// settleBalance: folding the stored journal always gives the stored state, and a keyed request
// is applied at most once. (tests/host_loop.rs runs the same loop natively under proptest.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { chargeBalance, fundBalance, settleBalance, replayJournal } from "../../pkg/node.js";

// A small seeded generator (mulberry32), so a failing run is reproduced by its seed.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const start = { id: "c1", currency: "SEK", status: "active", schedule: [1], limit: { hard: 10_000_000 } };
const order = (amount) => ({ number: "o1", items: [{ price: amount }], currency: "SEK", customer: "c1",
  payment: { type: "customer", charge: "balance" } });
const cents = (n) => (n / 100).toFixed(2);

function request(rnd) {
  const key = rnd() < 0.8 ? `k${Math.floor(rnd() * 6)}` : undefined;
  const outcome = rnd() < 0.5 ? "success" : "failure";
  const pick = Math.floor(rnd() * 3);
  if (pick === 0) {
    const items = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () =>
      ({ price: cents(1 + Math.floor(rnd() * 50_000)), quantity: 1 + Math.floor(rnd() * 3) }));
    return { key, call: (c, opts) => chargeBalance(c, items, opts) };
  }
  if (pick === 1) {
    const o = order(cents(1 + Math.floor(rnd() * 100_000)));
    return { key, call: (c, opts) => fundBalance(c, o, outcome, opts) };
  }
  return { key, call: (c, opts) => settleBalance(c, outcome, opts) };
}

// Minutes after 2027-01-01T00:00Z: a run stays within one day, so no key leaves its window.
const time = (m) => `2027-01-01T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00Z`;

function run(seed) {
  const rnd = random(seed);
  // The host's two tables for one customer: the row and the journal keyed by version.
  const row = { state: start, version: 0 };
  const journal = [];
  const commit = (read, state, entries) => {
    if (row.version !== read) return false; // UPDATE … WHERE version = $read updated no row
    entries.forEach((e, i) => assert.equal(e.version, journal.length + 1 + i, "the journal's primary key"));
    journal.push(...entries);
    row.state = state;
    row.version = state.version;
    return true;
  };
  const requests = Array.from({ length: 1 + Math.floor(rnd() * 7) }, () => request(rnd));
  const clients = requests.map(() => ({ phase: "start" }));
  const seen = [];
  let clock = 0;

  const step = (i) => {
    const c = clients[i];
    const req = requests[i];
    if (c.phase === "start") {
      Object.assign(c, { phase: "read", state: row.state, version: row.version }); // 1. read
    } else if (c.phase === "read") {
      clock += 1 + (clock % 3);
      try {
        const answer = req.call(c.state, { now: time(clock), ...(req.key ? { idempotency_key: req.key } : {}) }); // 2. call
        Object.assign(c, { phase: "called", answer });
      } catch (e) {
        // A refusal stores nothing; this loop meets only a reused key.
        assert.equal(e.code, "idempotency_key_reused", e.message);
        Object.assign(c, { phase: "done", refused: true });
      }
    } else if (c.phase === "called") {
      const { answer } = c;
      if (answer.replayed) {
        assert.deepEqual(answer.entries, []);
        assert.equal(answer.customer.version, c.version);
      }
      const ok = commit(c.version, answer.customer, answer.entries); // 3. append and store, or again
      assert.deepEqual(replayJournal(start, journal), row.state, `seed ${seed}`);
      c.phase = ok ? "committed" : "start";
    } else if (c.phase === "committed") {
      seen.push([i, c.answer]);
      Object.assign(c, { phase: "done", refused: false });
    }
  };

  for (let n = Math.floor(rnd() * 80); n > 0; n--) {
    const i = Math.floor(rnd() * clients.length);
    const r = rnd();
    if (r < 0.65) step(i);
    // Lost between two steps (before the call, after it before the commit, after the commit
    // before the client saw the answer): the client sends the request again.
    else if (r < 0.9 && clients[i].phase !== "done") clients[i].phase = "start";
    // A client that finished sends its request again (a replay when it was keyed).
    else if (clients[i].phase === "done") clients[i].phase = "start";
  }
  for (let i = 0; i < clients.length; i++) while (clients[i].phase !== "done") step(i);

  assert.deepEqual(replayJournal(start, journal), row.state, `seed ${seed}`);
  assert.equal(row.version, journal.length);
  for (let k = 0; k < 6; k++) {
    assert.ok(journal.filter((e) => e.idempotency_key === `k${k}`).length <= 1, `seed ${seed}: key k${k} applied twice`);
  }
  for (const [i, answer] of seen) {
    for (const e of answer.entries) assert.deepEqual(journal[e.version - 1], e);
    if (answer.replayed) {
      assert.equal(answer.matched.length, 1);
      assert.equal(journal[answer.matched[0] - 1].idempotency_key, requests[i].key);
    } else {
      assert.equal("matched" in answer, false);
    }
  }
  clients.forEach((c, i) => {
    if (c.refused) assert.ok(journal.some((e) => e.idempotency_key === requests[i].key), `seed ${seed}`);
  });
  return { replays: seen.filter(([, a]) => a.replayed).length, entries: journal.length };
}

test("the documented host loop keeps the journal true through retries, replays, conflicts and crashes", () => {
  let replays = 0;
  let entries = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const r = run(seed);
    replays += r.replays;
    entries += r.entries;
  }
  // The runs did meet replays and write journals (the generator is not degenerate).
  assert.ok(replays > 50, `${replays} replays`);
  assert.ok(entries > 300, `${entries} entries`);
});
