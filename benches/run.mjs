// Side-by-side benchmark of balance-ledger (run through `bash scripts/bench.sh`, which installs the
// peers, builds pkg/ and the native binary first). One process, deterministic data from a seeded
// PRNG, warm-up before timing, medians of several repetitions, ratios to this package. The totals
// of every exact implementation are checked to the cent before any figure is printed.
//
//   node benches/run.mjs           full sizes (1,000,000 items; 100,000 calls; 100,000 customers)
//   node benches/run.mjs --quick   tiny sizes: proves the benchmark still runs (the test command)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import Decimal from "decimal.js";
import Big from "big.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = await import(new URL("../pkg/node.js", import.meta.url));
// The raw wasm-bindgen glue the Node entry uses (its CommonJS form: one instance per process),
// and its object paths' reader.
const require = createRequire(import.meta.url);
const raw = require("../pkg/wasm/balance_ledger.cjs");
const { itemColumns, packedCode } = require("../pkg/objects.cjs");

const quick = process.argv.includes("--quick");
const N = quick ? 2_000 : 1_000_000; // items to total
const CHUNK = 10_000; // items per itemTotals call (the most one body may hold)
const SMALL_CHUNK = 1_000; // items per call of the rows "calls of 1,000"
const CALLS = quick ? 2_000 : 100_000; // one-item validations
const CUSTOMERS = quick ? 200 : 100_000; // settle-all, 10 items each
const SCHEDULES = quick ? 2_000 : 1_000_000; // credit schedules
const LIFE = quick ? 300 : 100_000; // operations on one customer, and cash transactions on one state
const REPS = quick ? 3 : 7; // repetitions of fast rows
const SLOW_REPS = quick ? 3 : 3; // repetitions of rows that take seconds each

function fail(message) {
  console.error(`\nBENCHMARK ABORTED: ${message}`);
  process.exit(1);
}

// mulberry32: a tiny seeded PRNG, so every run (and the native binary) sees the same items.
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- data: price in öre (scale 2), quantity at scale 3 (a fifth fractional, weights), VAT per
// unit at 25/12/6 % (scale 4), a fifth with a 10 % rebate per unit (scale 4); as objects, the fields
// a cart really has: a product number, a name and a unit as well.
const NAMES = ["Kaffe 500 g", "Mjölk 1,5 l", "Smör 500 g", "Bröd, råg", "Äpplen", "Diskmedel", "Tandkräm", "Pasta 1 kg"];
const SCALE = { price: 2, quantity: 3, vat: 4, rebate: 4 };
function generate(n, seed) {
  const rnd = prng(seed);
  const cols = {
    price: new Float64Array(n), quantity: new Float64Array(n),
    vat: new Float64Array(n), rebate: new Float64Array(n),
  };
  const items = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = 1 + Math.floor(rnd() * 100_000);
    const q = rnd() < 0.2 ? 1 + Math.floor(rnd() * 5_000) : 1_000 * (1 + Math.floor(rnd() * 10));
    const v = p * [25, 12, 6][Math.floor(rnd() * 3)];
    const r = rnd() < 0.2 ? p * 10 : 0;
    cols.price[i] = p; cols.quantity[i] = q; cols.vat[i] = v; cols.rebate[i] = r;
    // The same items as a JS user writes them: numbers whose shortest text is the exact decimal.
    const item = {
      number: `A-${100_000 + (i % 90_000)}`, name: NAMES[i % NAMES.length], price: p / 100,
      quantity: q / 1_000, unit: q % 1_000 === 0 ? "st" : "kg", vat: v / 10_000,
    };
    if (r) item.rebate = r / 10_000;
    items[i] = item;
  }
  return { cols, items };
}

// ---- the same rule in other libraries: each line's net, rebate and VAT rounded half away from
// zero to öre, then summed.
function totalsDecimal(items) {
  let net = new Decimal(0), reb = new Decimal(0), vat = new Decimal(0);
  for (const it of items) {
    const q = new Decimal(it.quantity);
    net = net.plus(q.times(it.price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
    if (it.rebate !== undefined) reb = reb.plus(q.times(it.rebate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
    vat = vat.plus(q.times(it.vat).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  }
  return fmt(items.length, net.toFixed(2), reb.toFixed(2), vat.toFixed(2), net.minus(reb).plus(vat).toFixed(2));
}

function totalsBig(items) {
  let net = new Big(0), reb = new Big(0), vat = new Big(0);
  for (const it of items) {
    const q = new Big(it.quantity);
    net = net.plus(q.times(it.price).round(2, Big.roundHalfUp));
    if (it.rebate !== undefined) reb = reb.plus(q.times(it.rebate).round(2, Big.roundHalfUp));
    vat = vat.plus(q.times(it.vat).round(2, Big.roundHalfUp));
  }
  return fmt(items.length, net.toFixed(2), reb.toFixed(2), vat.toFixed(2), net.minus(reb).plus(vat).toFixed(2));
}

// What most code does: floats, Math.round per line (half up, which for these positive amounts is
// half away from zero), summed as floats.
function totalsNumber(items) {
  let net = 0, reb = 0, vat = 0;
  for (const it of items) {
    net += Math.round(it.price * it.quantity * 100) / 100;
    if (it.rebate !== undefined) reb += Math.round(it.rebate * it.quantity * 100) / 100;
    vat += Math.round(it.vat * it.quantity * 100) / 100;
  }
  return { count: items.length, net, rebate: reb, vat, gross: net - reb + vat };
}

const fmt = (count, net, rebate, vat, gross) => ({ currency: "SEK", count, net, rebate, vat, gross });
const minor = (s) => BigInt(s.replace(".", "")); // SEK amounts always have 2 decimals
const fromMinor = (m) => {
  const neg = m < 0n, a = (neg ? -m : m).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${a.slice(0, -2)}.${a.slice(-2)}`;
};

// ---- this package, three ways.
const batch = (cols) => pkg.itemTotalsBatch({ ...cols, scale: SCALE }, "SEK");
function chunked(parts, call) {
  const sum = { count: 0, net: 0n, rebate: 0n, vat: 0n, gross: 0n };
  for (const part of parts) {
    const t = call(part);
    sum.count += t.count;
    for (const k of ["net", "rebate", "vat", "gross"]) sum[k] += minor(t[k]);
  }
  return fmt(sum.count, fromMinor(sum.net), fromMinor(sum.rebate), fromMinor(sum.vat), fromMinor(sum.gross));
}
const chunks = (items, size = CHUNK) => {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

// ---- timing
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
function time(f, reps) {
  f(); // warm-up (and JIT)
  const t = [];
  for (let i = 0; i < reps; i++) {
    const a = performance.now();
    f();
    t.push(performance.now() - a);
  }
  return median(t);
}

/**
 * Medians of rows `[f, reps]` timed in turn, round by round (a row of fewer repetitions spread over
 * the rounds), after one warm-up each: a change of the machine's speed during the run (a busy
 * sibling core, another process) then falls on every row alike, which the ratios between them
 * need. Timed one row after the other, the decimal.js row ran up to 1.75× slower than in another
 * run while the package's rows did not, or the other way round.
 */
function timeTogether(rows) {
  for (const [f] of rows) f();
  const rounds = Math.max(...rows.map(([, reps]) => reps));
  const times = rows.map(() => []);
  for (let i = 0; i < rounds; i++) {
    rows.forEach(([f, reps], j) => {
      if (Math.floor(((i + 1) * reps) / rounds) === Math.floor((i * reps) / rounds)) return;
      const a = performance.now();
      f();
      times[j].push(performance.now() - a);
    });
  }
  return times.map(median);
}

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3)) + " ms";
const us = (x) => x.toFixed(2) + " µs";
const kb = (b) => (b / 1000).toFixed(1) + " kB";

// ---- machine
function machine() {
  const cpus = os.cpus();
  let rustc = "unknown";
  try {
    rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
  } catch {}
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    node: process.version,
    rustc,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(" "),
  };
}

// ---- 1. totals
console.error(`generating ${N} items…`);
const { cols, items } = generate(N, 2024);
const itemChunks = chunks(items);
const smallChunks = chunks(items, SMALL_CHUNK);
const textChunks = itemChunks.map((c) => JSON.stringify(c));

// The measurement build of the serde-wasm-bindgen row (benches/swb; never in the package), when
// scripts/bench.sh could build it.
let swb = null;
try {
  swb = await import(new URL("../target/swb/pkg/balance_ledger_swb.js", import.meta.url));
  swb.initSync({ module: readFileSync(new URL("../target/swb/pkg/balance_ledger_swb_bg.wasm", import.meta.url)) });
} catch {
  swb = null;
}

console.error("checking exactness…");
const expected = totalsDecimal(items);
const got = {
  "itemTotalsBatch": batch(cols),
  "itemTotals": chunked(itemChunks, (c) => pkg.itemTotals(c, "SEK")),
  "itemTotals (calls of 1,000)": chunked(smallChunks, (c) => pkg.itemTotals(c, "SEK")),
  "itemTotalsJson": chunked(textChunks, (t) => pkg.itemTotalsJson(t, "SEK")),
  "big.js": totalsBig(items),
};
if (swb) got["serde-wasm-bindgen"] = chunked(smallChunks, (c) => JSON.parse(swb.itemTotalsSwb(c, "SEK")));
for (const [name, t] of Object.entries(got)) {
  if (JSON.stringify(t) !== JSON.stringify(expected)) {
    fail(`${name} and decimal.js disagree:\n  ${name}: ${JSON.stringify(t)}\n  decimal.js: ${JSON.stringify(expected)}`);
  }
}

// The native ceiling reads the same columns from files.
const dataDir = `${root}target/bench-data`;
mkdirSync(dataDir, { recursive: true });
for (const k of ["price", "quantity", "vat", "rebate"]) {
  writeFileSync(`${dataDir}/${k}.f64`, new Uint8Array(cols[k].buffer));
}
writeFileSync(`${dataDir}/items.json`, textChunks[0]);
console.error("running the native binary…");
const nat = spawnSync("cargo", ["bench", "--quiet", "--bench", "native", "--", dataDir, String(REPS)], {
  cwd: root, encoding: "utf8",
});
if (nat.status !== 0) fail(`the native benchmark failed:\n${nat.stderr}`);
const native = JSON.parse(nat.stdout.trim().split("\n").pop());
for (const k of ["count", "net", "rebate", "vat", "gross"]) {
  if (native[k] !== expected[k]) fail(`native Rust and decimal.js disagree on ${k}: ${native[k]} vs ${expected[k]}`);
}

const floats = totalsNumber(items);
const centsOff = (k) => Math.round(Math.abs(floats[k] * 100 - Number(minor(expected[k]))));
const floatNote = `${centsOff("gross")} cents off on gross (net ${centsOff("net")}, VAT ${centsOff("vat")}, rebate ${centsOff("rebate")})`;
console.error("exact: the package (3 ways), decimal.js, big.js and native Rust agree to the öre");

console.error("timing totals…");
const [tBatch, tJson, tObjects, tObjectsSmall, tGeneral, tSwb, tDecimal, tBig, tNumber] = timeTogether([
  [() => batch(cols), REPS],
  [() => chunked(textChunks, (t) => pkg.itemTotalsJson(t, "SEK")), SLOW_REPS],
  [() => chunked(itemChunks, (c) => pkg.itemTotals(c, "SEK")), REPS],
  [() => chunked(smallChunks, (c) => pkg.itemTotals(c, "SEK")), REPS],
  [() => chunked(smallChunks, (c) => pkg.itemTotalsJson(JSON.stringify(c), "SEK")), SLOW_REPS],
  [swb ? () => chunked(smallChunks, (c) => JSON.parse(swb.itemTotalsSwb(c, "SEK"))) : () => NaN, REPS],
  [() => totalsDecimal(items), SLOW_REPS],
  [() => totalsBig(items), SLOW_REPS],
  [() => totalsNumber(items), REPS],
]);

// ---- where the time of itemTotals goes, on one call of 10,000 items.
console.error("splitting one itemTotals call…");
const TAG = "\u0000js";
function replacer(_k, v) {
  switch (typeof v) {
    case "number": return Number.isFinite(v) ? v : { [TAG]: String(v) };
    case "bigint": return { [TAG]: "bigint" };
    case "symbol": case "function": return { [TAG]: typeof v };
    case "undefined": return Array.isArray(this) ? { [TAG]: "undefined" } : undefined;
    default: return v;
  }
}
const chunk0 = itemChunks[0], text0 = textChunks[0], sek = JSON.stringify("SEK");
const answer0 = raw.itemTotals(text0, sek);
const split = {
  whole: time(() => pkg.itemTotals(chunk0, "SEK"), REPS),
  read: time(() => itemColumns(chunk0), REPS),
  readCall: (() => {
    const c = itemColumns(chunk0);
    return time(() => raw.itemTotalsColumns(...c, packedCode("SEK")), REPS);
  })(),
  general: time(() => pkg.itemTotalsJson(JSON.stringify(chunk0), "SEK"), REPS),
  replacer: time(() => JSON.stringify(chunk0, replacer), REPS),
  plain: time(() => JSON.stringify(chunk0), REPS),
  encode: time(() => new TextEncoder().encode(text0), REPS),
  wasm: time(() => raw.itemTotals(text0, sek), REPS),
  parseAnswer: time(() => JSON.parse(answer0), REPS),
};
const n0 = chunk0.length;
const cols0 = Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, c.subarray(0, n0)]));
split.batch = time(() => batch(cols0), REPS);

// ---- 2. one-item validation, as a widget calls it on each keystroke
console.error("timing one-item validation…");
const one = { price: 119.6, quantity: 2, vat: 29.9 };
const latencies = new Float64Array(CALLS);
for (let i = 0; i < Math.min(CALLS, 10_000); i++) pkg.validateItems(one, { currency: "SEK" });
for (let i = 0; i < CALLS; i++) {
  const a = process.hrtime.bigint();
  pkg.validateItems(one, { currency: "SEK" });
  latencies[i] = Number(process.hrtime.bigint() - a) / 1e3;
}
latencies.sort();
const vMedian = latencies[CALLS >> 1], vP99 = latencies[Math.floor(CALLS * 0.99)];

// ---- 3. settle-all preview
console.error("timing settle-all…");
const customers = [];
// The same customers as columns for previewSettlementsBatch: öre, whole quantities, VAT at scale 4.
const book = {
  counts: new Float64Array(CUSTOMERS), funds: new Float64Array(CUSTOMERS),
  price: new Float64Array(CUSTOMERS * 10), quantity: new Float64Array(CUSTOMERS * 10), vat: new Float64Array(CUSTOMERS * 10),
  scale: { vat: 4 },
};
{
  const rnd = prng(7);
  for (let c = 0, row = 0; c < CUSTOMERS; c++) {
    const balance = [];
    for (let i = 0; i < 10; i++, row++) {
      const p = 1 + Math.floor(rnd() * 100_000);
      const q = 1 + Math.floor(rnd() * 3);
      balance.push({ price: p / 100, quantity: q, vat: (p * 25) / 10_000 });
      book.price[row] = p; book.quantity[row] = q; book.vat[row] = p * 25;
    }
    const total = Math.floor(rnd() * 500);
    customers.push({ id: `c${c}`, currency: "SEK", status: "active", balance, total });
    book.counts[c] = 10; book.funds[c] = total * 100;
  }
}
const settleOptions = { detail: "summary", now: "2026-01-15T12:00:00Z" };
const settled = pkg.previewSettlements(customers, settleOptions);
if (settled.updated !== CUSTOMERS || settled.errors !== 0) {
  fail(`settle-all previewed ${settled.updated} customers with ${settled.errors} errors, expected ${CUSTOMERS} and 0`);
}
const tSettle = time(() => pkg.previewSettlements(customers, settleOptions), SLOW_REPS);
const settledBatch = pkg.previewSettlementsBatch(book, "SEK");
for (let c = 0; c < CUSTOMERS; c++) {
  if (settledBatch.amounts[c] !== settled.results[c].amount) {
    fail(`previewSettlementsBatch says ${settledBatch.amounts[c]} for customer ${c}, previewSettlements ${settled.results[c].amount}`);
  }
}
const tSettleBatch = time(() => pkg.previewSettlementsBatch(book, "SEK"), REPS);

// ---- 4. credit schedules (another branch adds creditSchedule; the row lights up after the merge)
let scheduleRow;
if (typeof pkg.creditSchedule !== "function") {
  scheduleRow = ["credit schedules", `${SCHEDULES.toLocaleString("en")} creation times`, "n/a (creditSchedule not in this build)", ""];
} else {
  const rnd = prng(9);
  const base = Date.UTC(2020, 0, 1);
  const times = Array.from({ length: SCHEDULES }, () => new Date(base + Math.floor(rnd() * 10 * 365 * 86_400_000)).toISOString());
  let form = null;
  for (const opts of [{ version: "v1.1" }, { version: "1.1" }, undefined]) {
    try {
      pkg.creditSchedule(times[0], opts);
      form = opts;
      break;
    } catch {}
  }
  if (form === null) {
    scheduleRow = ["credit schedules", `${SCHEDULES.toLocaleString("en")} creation times`, "n/a (creditSchedule refused the benchmark's call)", ""];
  } else {
    const t = time(() => { for (const at of times) pkg.creditSchedule(at, form); }, SLOW_REPS);
    scheduleRow = ["credit schedules", `${SCHEDULES.toLocaleString("en")} creation times`, ms(t), `${us((t * 1e3) / SCHEDULES)} each`];
  }
}

// ---- 4b. one customer for life: its state stays bounded, so a call costs the same after 100,000
// operations as after 100. Charges of one item with an idempotency key each, a settlement every 50,
// a minute apart (so the 24-hour key window is always full); the same for cash transactions.
console.error(`timing ${LIFE} operations on one customer…`);
const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
/** Median µs of `f` called `n` times on the same input (the call at that point of the history). */
function callCost(f, n = quick ? 50 : 1_000) {
  const t = new Float64Array(n);
  for (let i = 0; i < 20; i++) f();
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    f();
    t[i] = Number(process.hrtime.bigint() - a) / 1e3;
  }
  return median(t);
}
const minute = (i) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
const lifeItem = { price: 119.6, vat: 29.9, quantity: 2, name: "Coffee beans" };
function lifeStep(c, i) {
  const opts = { now: minute(i), idempotency_key: `op-${i}` };
  return i % 50 === 49 ? pkg.settleBalance(c, "success", opts) : pkg.chargeBalance(c, lifeItem, opts);
}
let life = { id: "c-life", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 100000 } };
let lifeMax = 0, lifeEntries = 0, life100 = null, lifeLast = null;
const tLife0 = performance.now();
for (let i = 0; i < LIFE; i++) {
  if (i === 99) life100 = { c: life, i };
  if (i === LIFE - 1) lifeLast = { c: life, i };
  const r = lifeStep(life, i);
  lifeEntries += r.entries.length;
  life = r.customer;
  lifeMax = Math.max(lifeMax, bytes(life));
}
const tLife = performance.now() - tLife0;
if (life.version !== LIFE || lifeEntries !== LIFE) fail(`the customer is at version ${life.version} after ${LIFE} operations (${lifeEntries} entries)`);
// The 100th and the last call are charges (settlements fall on every 50th); each is timed again on
// the very state it met.
const cost = ({ c, i }) => callCost(() => pkg.chargeBalance(c, lifeItem, { now: minute(i), idempotency_key: `op-${i}` }));
const life100us = cost(life100), lifeLastUs = cost(lifeLast);

console.error(`timing ${LIFE} cash transactions on one state…`);
const cashId = (i) => `ccsbtxn_${String(i).padStart(24, "0")}`;
const cashTx = (i) => ({
  id: cashId(i), type: "funded", currency: "eur", net_amount: 1000 + (i % 97), created: 1_700_000_000 + i,
  funded: { bank_transfer: { type: "eu_bank_transfer", reference: `Invoice ${i}` } },
});
let cash = { customer: "cus_life" }, cashMax = 0, cash100 = null, cashLast = null;
const tCash0 = performance.now();
for (let i = 0; i < LIFE; i++) {
  if (i === 99) cash100 = { s: cash, i };
  if (i === LIFE - 1) cashLast = { s: cash, i };
  cash = pkg.applyCashTransaction(cash, cashTx(i)).state;
  cashMax = Math.max(cashMax, bytes(cash));
}
const tCash = performance.now() - tCash0;
if (cash.transaction_count !== LIFE) fail(`the cash state counts ${cash.transaction_count} transactions after ${LIFE}`);
const cashCost = ({ s, i }) => callCost(() => pkg.applyCashTransaction(s, cashTx(i)));
const cash100us = cashCost(cash100), cashLastUs = cashCost(cashLast);

// One charge of the seed's item on a typical customer: a few unsettled items, keys in its window.
let typical = { id: "c-typical", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } };
for (let i = 0; i < 12; i++) typical = lifeStep(typical, i).customer;
const seedItem = { price: 119.6, vat: 29.9, quantity: 2 };
const typicalOpts = { now: minute(20), idempotency_key: "seed-charge" };
const chargeUs = callCost(() => pkg.chargeBalance(typical, seedItem, typicalOpts), quick ? 200 : 20_000);
const lifeN = LIFE.toLocaleString("en");
const lifeRows = [
  [`customer for life: ${lifeN} keyed operations (charges, a settlement every 50)`, "total", ms(tLife), `${us((tLife * 1e3) / LIFE)} per call`],
  ["customer for life: the 100th call (a charge)", "median of repeats", us(life100us), ""],
  [`customer for life: the ${lifeN}th call (a charge)`, "median of repeats", us(lifeLastUs), `${(lifeLastUs / life100us).toFixed(2)}× the 100th`],
  ["customer for life: largest state (JSON)", `${lifeN} operations`, kb(lifeMax), `${lifeMax} bytes at most, any point`],
  [`cash balance for life: ${lifeN} applyCashTransaction`, "total", ms(tCash), `${us((tCash * 1e3) / LIFE)} per call`],
  ["cash balance for life: the 100th call", "median of repeats", us(cash100us), ""],
  [`cash balance for life: the ${lifeN}th call`, "median of repeats", us(cashLastUs), `${(cashLastUs / cash100us).toFixed(2)}× the 100th`],
  ["cash balance for life: largest state (JSON)", `${lifeN} transactions`, kb(cashMax), `${cashMax} bytes at most, any point`],
  ["one chargeBalance of the seed item, typical customer", `${bytes(typical)} B state`, `median ${us(chargeUs)}`, "with an idempotency key"],
];

// ---- 5. size and instantiation
const wasmBytes = readFileSync(`${root}pkg/wasm/balance_ledger_bg.wasm`);
const glue = Buffer.concat(["pkg/wasm/balance_ledger.js", "pkg/bridge.js", "pkg/browser.js"].map((f) => readFileSync(`${root}${f}`)));
// gzip -9 as scripts/build.sh measures it (zlib's level 9 when gzip is missing).
const gz = (bytes) => {
  try {
    return execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 26 }).length;
  } catch {
    return gzipSync(bytes, { level: 9 }).length;
  }
};
const wasmGz = gz(wasmBytes);
const glueGz = gz(glue);
// The checkout entry's own module and glue (the item functions only).
const checkoutWasm = readFileSync(`${root}pkg/wasm/balance_ledger_checkout_bg.wasm`);
const checkoutGlue = Buffer.concat(["pkg/wasm/balance_ledger_checkout.js", "pkg/bridge.js", "pkg/checkout/browser.js"].map((f) => readFileSync(`${root}${f}`)));
const checkoutGz = gz(checkoutWasm);
const checkoutGlueGz = gz(checkoutGlue);
const tCompile = time(() => new WebAssembly.Module(wasmBytes), REPS);
const importTimes = [];
for (let i = 0; i < (quick ? 1 : 5); i++) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e",
    `const t = performance.now(); await import(${JSON.stringify(`${root}pkg/node.js`)}); console.log(performance.now() - t);`], { encoding: "utf8" });
  importTimes.push(Number(out.trim()));
}
const tImport = median(importTimes);

// ---- the table
const m = machine();
const ratio = (t) => `${(t / tBatch).toFixed(t / tBatch >= 10 ? 0 : 2)}×`;
const dec = (t) => `${(tDecimal / t).toFixed(1)}× faster than decimal.js`;
const n = N.toLocaleString("en");
const rows = [
  ["totals: balance-ledger itemTotalsBatch (columns, 1 call)", `${n} items`, ms(tBatch), `1×; ${dec(tBatch)}; ${(tBatch / native.median_ms).toFixed(2)}× native`],
  ["totals: balance-ledger itemTotalsJson (JSON text, calls of 10,000)", `${n} items`, ms(tJson), ratio(tJson)],
  ["totals: balance-ledger itemTotals (objects, calls of 10,000)", `${n} items`, ms(tObjects), `${ratio(tObjects)}; ${dec(tObjects)}`],
  ["totals: balance-ledger itemTotals (objects, calls of 1,000)", `${n} items`, ms(tObjectsSmall), `${ratio(tObjectsSmall)}; ${dec(tObjectsSmall)}`],
  ["totals: the general path on the same objects (stringify + serde_json, calls of 1,000)", `${n} items`, ms(tGeneral), `${ratio(tGeneral)}; ${dec(tGeneral)}`],
  ["totals: serde-wasm-bindgen into typed structs, then the batch core (calls of 1,000; benches/swb)", `${n} items`,
    swb ? ms(tSwb) : "n/a (not built)", swb ? `${ratio(tSwb)}; ${dec(tSwb)}` : ""],
  ["totals: decimal.js", `${n} items`, ms(tDecimal), ratio(tDecimal)],
  ["totals: big.js", `${n} items`, ms(tBig), ratio(tBig)],
  ["totals: plain JS numbers (inexact)", `${n} items`, ms(tNumber), `${ratio(tNumber)}; ${floatNote}`],
  ["totals: same Rust core, native (ceiling)", `${n} items`, ms(native.median_ms), ratio(native.median_ms)],
  ["one-item validateItems (keystroke)", `${CALLS.toLocaleString("en")} calls`, `median ${us(vMedian)}`, `p99 ${us(vP99)}`],
  ["settle-all previewSettlementsBatch (columns, 1 call)", `${CUSTOMERS.toLocaleString("en")} customers × 10 items`, ms(tSettleBatch), "amounts equal previewSettlements' to the öre"],
  ["settle-all previewSettlements, detail: \"summary\" (objects)", `${CUSTOMERS.toLocaleString("en")} customers × 10 items`, ms(tSettle), `${(tSettle / tSettleBatch).toFixed(0)}× the columns`],
  scheduleRow,
  ...lifeRows,
  ["size: .wasm gzipped (-9)", `${kb(wasmBytes.length)} raw`, kb(wasmGz), `${wasmGz} bytes`],
  ["size: browser JS glue gzipped (wasm-bindgen glue + bridge.js + browser.js)", `${kb(glue.length)} raw`, kb(glueGz), `${glueGz} bytes`],
  ["size: balance-ledger/checkout .wasm gzipped (-9; item functions only)", `${kb(checkoutWasm.length)} raw`, kb(checkoutGz), `${checkoutGz} bytes`],
  ["size: balance-ledger/checkout browser JS glue gzipped", `${kb(checkoutGlue.length)} raw`, kb(checkoutGlueGz), `${checkoutGlueGz} bytes`],
  ["instantiate in Node: new WebAssembly.Module", "", ms(tCompile), ""],
  ["instantiate in Node: import of pkg/node.js in a fresh process", "", ms(tImport), ""],
];

const pct = (x) => `${((100 * x) / split.whole).toFixed(0)} %`;
const gpct = (x) => `${((100 * x) / split.general).toFixed(0)} % of the general path`;
const splitRows = [
  [`itemTotals(${n0.toLocaleString("en")} objects), whole call (the object path)`, ms(split.whole), "100 %"],
  ["  reading the objects into columns in JS (js/objects.js itemColumns)", ms(split.read), pct(split.read)],
  ["  the wasm call on those columns (copy in, rules, lines, sum, answer)", ms(split.readCall), pct(split.readCall)],
  [`the general path on the same ${n0.toLocaleString("en")} objects (stringify + serde_json), whole call`, ms(split.general), "100 % of the general path"],
  ["  JSON.stringify with the tagging replacer (taken when the pre-check fails)", ms(split.replacer), gpct(split.replacer)],
  ["  JSON.stringify without it", ms(split.plain), gpct(split.plain)],
  ["  UTF-8 encoding of the text (TextEncoder)", ms(split.encode), gpct(split.encode)],
  ["  the wasm call: copy in, serde_json parse, validate, total, answer", ms(split.wasm), gpct(split.wasm)],
  ["    native split of that: serde_json parse", ms(native.json_parse_ms ?? NaN), ""],
  ["    native split of that: validate and total", ms(native.json_compute_ms ?? NaN), ""],
  ["  JSON.parse of the answer", ms(split.parseAnswer), gpct(split.parseAnswer)],
  ["itemTotalsBatch on the same 10,000 items as columns", ms(split.batch), pct(split.batch)],
];

const table = (header, body) => {
  const all = [header, ...body];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(w[i])).join(" | ")} |`;
  return [line(header), `| ${w.map((x) => "-".repeat(x)).join(" | ")} |`, ...body.map(line)].join("\n");
};

console.log(`\nbalance-ledger benchmark${quick ? " (--quick: tiny sizes, figures meaningless)" : ""}`);
console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.os}; node ${m.node}; ${m.rustc}; load average ${m.load}`);
console.log(`exactness: ${Object.keys(got).join(", ")} and native Rust agree with decimal.js to the öre: gross ${expected.gross} SEK over ${n} items; previewSettlementsBatch agrees with previewSettlements on every customer\n`);
console.log(table(["benchmark", "size", "median", "ratio to itemTotalsBatch / notes"], rows));
console.log("\nwhere the time of one itemTotals call goes (medians; the parts are timed separately):\n");
console.log(table(["part", "median", "share"], splitRows));
