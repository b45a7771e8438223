// Bounded per customer and per caller (issue 32). The probe repeated: 9,990-item charges with
// texts in 4-byte characters, and tiny concurrent charges on a full customer while another
// customer reads — its latency is printed, not asserted. The caps refuse with their codes (the
// state's UTF-8 bytes, the unsettled items), a charge worth nothing is refused, a settlement always
// passes; request rate limits per key, per address and for failed authentication answer 429 with
// Retry-After.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MAX_STATE_BYTES, MAX_UNSETTLED_ITEMS } from "../src/caps.js";
import { BACKENDS, createCustomer, serverOn } from "./support/harness.js";

const bytesOf = (state) => Buffer.byteLength(JSON.stringify(state), "utf8");
// Texts at a length an attacker would pick, in 4-byte characters (U+1F600).
const wide = (n) => "\u{1F600}".repeat(n);
const items = (count, price) => Array.from({ length: count }, (_, i) => ({ number: `n${i}`, name: wide(80), unit: wide(8), price }));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

for (const backend of BACKENDS) {
  describe(`caps on one customer on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend);
      await createCustomer(s, { id: "hog", currency: "SEK" });
      await createCustomer(s, { id: "quiet", currency: "SEK" });
      assert.equal((await s.call("POST", "/customer/quiet/balance", { body: 5 })).status, 200);
    });
    after(() => s?.close());

    test("the probe's 9,990 zero-price items are refused as worth nothing; priced, the state cap refuses them", async () => {
      for (let i = 0; i < 4; i++) {
        const r = await s.call("POST", "/customer/hog/balance", { body: items(9_990, "0") });
        assert.equal(r.status, 422, JSON.stringify(r.body).slice(0, 300));
        assert.equal(r.body.error.code, "zero_charge");
      }
      const priced = await s.call("POST", "/customer/hog/balance", { body: items(9_990, "0.01") });
      assert.equal(priced.status, 409, JSON.stringify(priced.body).slice(0, 300));
      assert.equal(priced.body.error.code, "too_many_unsettled_items");
      assert.match(priced.body.error.message, new RegExp(`more than ${MAX_UNSETTLED_ITEMS}`));
      const wideOnes = await s.call("POST", "/customer/hog/balance", { body: items(MAX_UNSETTLED_ITEMS - 1, "0.01") });
      assert.equal(wideOnes.status, 409, JSON.stringify(wideOnes.body).slice(0, 300));
      assert.equal(wideOnes.body.error.code, "customer_state_too_large");
      assert.match(wideOnes.body.error.message, new RegExp(`more than ${MAX_STATE_BYTES}`));
      const hog = (await s.call("GET", "/customer/hog")).body;
      assert.deepEqual([hog.version, hog.balance.length], [0, 0], "nothing was stored");
      // A zero-price item in a charge worth something is a line like any other.
      const mixed = await s.call("POST", "/customer/hog/balance", { body: [{ name: "sample", price: 0 }, { name: "bread", price: "2.50" }] });
      assert.equal(mixed.status, 200);
      assert.equal(mixed.body.balance.length, 2);
    });

    test("charges fill the customer up to the byte cap and no further; settling empties it and charging resumes", async () => {
      let refused = null;
      let accepted = 0;
      for (let i = 0; i < 20 && !refused; i++) {
        const r = await s.call("POST", "/customer/hog/balance", { body: items(150, "0.01") });
        if (r.status === 200) accepted++;
        else refused = r;
      }
      assert.ok(accepted >= 2, `${accepted} charges of 150 items fit`);
      assert.ok(refused, "the cap refused a charge");
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, "customer_state_too_large");
      const full = (await s.call("GET", "/customer/hog")).body;
      const size = bytesOf(full);
      console.log(`# hog: ${full.balance.length} unsettled items, ${size} bytes of state (cap ${MAX_STATE_BYTES})`);
      assert.ok(size <= MAX_STATE_BYTES, `${size} bytes stored`);

      // The probe's second half: tiny charges at once on the full customer while another reads.
      const quietGet = () => timed(() => s.call("GET", "/customer/quiet"));
      const alone = [];
      for (let i = 0; i < 15; i++) alone.push((await quietGet()).ms);
      const during = [];
      let refusedTiny = 0;
      for (let round = 0; round < 3; round++) {
        const tiny = Array.from({ length: 4 }, () => s.call("POST", "/customer/hog/balance", { body: [{ name: wide(256), price: "0.01" }] }));
        const reads = [];
        for (let i = 0; i < 5; i++) reads.push(await quietGet());
        for (const r of await Promise.all(tiny)) if (r.status === 409) refusedTiny++;
        for (const { ms, r } of reads) {
          assert.equal(r.status, 200);
          during.push(ms);
        }
      }
      console.log(
        `# quiet's GET alone: median ${median(alone).toFixed(1)} ms, max ${Math.max(...alone).toFixed(1)} ms; ` +
          `during 4 concurrent charges on the full hog: median ${median(during).toFixed(1)} ms, max ${Math.max(...during).toFixed(1)} ms ` +
          `(${refusedTiny} of 12 tiny charges refused by the cap)`,
      );
      assert.ok(bytesOf((await s.call("GET", "/customer/hog")).body) <= MAX_STATE_BYTES);

      const settled = await s.call("DELETE", "/v1/customer/hog/balance");
      assert.equal(settled.status, 200, "a settlement always passes");
      assert.equal((await s.call("GET", "/customer/hog")).body.balance.length, 0);
      assert.equal((await s.call("POST", "/customer/hog/balance", { body: items(150, "0.01") })).status, 200);
    });
  });

  describe(`the unsettled-items cap on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend);
      await createCustomer(s, { id: "many", currency: "SEK" });
    });
    after(() => s?.close());

    test(`${MAX_UNSETTLED_ITEMS} unsettled items fit; one more is 409 too_many_unsettled_items`, async () => {
      const tiny = (n) => Array.from({ length: n }, () => ({ price: "0.01" }));
      assert.equal((await s.call("POST", "/customer/many/balance", { body: tiny(MAX_UNSETTLED_ITEMS - 1) })).status, 200);
      assert.equal((await s.call("POST", "/customer/many/balance", { body: 0.01 })).status, 200);
      const over = await s.call("POST", "/customer/many/balance", { body: 0.01 });
      assert.equal(over.status, 409, JSON.stringify(over.body).slice(0, 300));
      assert.equal(over.body.error.code, "too_many_unsettled_items");
      assert.equal((await s.call("GET", "/customer/many")).body.balance.length, MAX_UNSETTLED_ITEMS);
    });
  });

  describe(`rate limits on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, { RATE_LIMIT_PER_KEY: "5", RATE_LIMIT_PER_ADDRESS: "40", RATE_LIMIT_AUTH_FAILURES: "3" });
    });
    after(() => s?.close());

    test("per key: the sixth request in a minute is 429 with Retry-After; another key is not held back", async () => {
      const { key } = await createCustomer(s, { id: "busy", currency: "SEK" });
      for (let i = 0; i < 5; i++) assert.equal((await s.call("GET", "/customer/busy", { key })).status, 200);
      const r = await s.call("GET", "/customer/busy", { key });
      assert.equal(r.status, 429);
      assert.equal(r.body.error.code, "rate_limited");
      assert.ok(Number(r.headers.get("retry-after")) > 0, `Retry-After: ${r.headers.get("retry-after")}`);
      assert.equal((await s.call("GET", "/customer/busy")).status, 200, "the private key has its own count");
    });

    test("failed authentication: after 3 in a minute the address is refused, even with a valid key", async () => {
      for (let i = 0; i < 3; i++) assert.equal((await s.call("GET", "/customer/busy", { key: `ck_guess${i}` })).status, 401);
      const blocked = await s.call("GET", "/health");
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, "rate_limited");
      assert.match(blocked.body.error.message, /failed authentications/);
      assert.equal((await s.call("GET", "/customer/busy", { key: "ck_guess3" })).status, 429, "no more guessing");
      assert.ok(Number(blocked.headers.get("retry-after")) > 0);
    });
  });

  describe(`the per-address limit on ${backend}`, () => {
    let s;
    before(async () => {
      s = await serverOn(backend, { RATE_LIMIT_PER_ADDRESS: "10" });
    });
    after(() => s?.close());

    test("the eleventh request from one address in a minute is 429, whatever the key", async () => {
      const statuses = [];
      for (let i = 0; i < 11; i++) statuses.push((await s.call("GET", "/health", { key: null })).status);
      assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
      const r = await s.call("GET", "/customer");
      assert.equal(r.status, 429);
      assert.ok(Number(r.headers.get("retry-after")) > 0);
    });
  });
}
