// The state calls at the speed of their JSON (issue 34): a café customer with 20 unsettled items
// from real carts (names, article numbers, units), each charged with an idempotency key, and a cash
// balance state that remembers 20 transactions. Each call is timed interleaved, in one process, with
// `JSON.parse(JSON.stringify(state))` of the same state (what a host already pays to load and store
// it), and printed as a ratio to it; the native charge comes from `cargo bench --bench state`.
//   node benches/state.mjs [rounds]     (scripts/bench.sh --state runs it after building pkg/)
//   node benches/state.mjs --quick      one short round: checks the benchmark still runs (the test command)
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const pkg = await import(new URL("../pkg/node.js", import.meta.url));
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 1 : Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 41);
const CALLS = quick ? 3 : 200; // calls per timed block

const minute = (i) => new Date(Date.UTC(2026, 10, 23, 7) + i * 60_000).toISOString();
// A café's till: what twenty customers' carts held (SEK, VAT 12 % on food as the items carry it).
export const CART = [
  { number: "7310865004703", name: "Bryggkaffe mellanrost 450 g", price: 64.9, vat: 6.95, quantity: 1, unit: "st" },
  { number: "7310865071804", name: "Mellanmjölk 1,5 % 1 l", price: 15.95, vat: 1.71, quantity: 2, unit: "st" },
  { number: "7311070347272", name: "Kanelbulle", price: 32, vat: 3.43, quantity: 3, unit: "st" },
  { number: "2000100032514", name: "Räksmörgås", price: 119, vat: 12.75, quantity: 1, unit: "st" },
  { number: "7350002401234", name: "Cappuccino havre", price: 46, vat: 4.93, quantity: 2, unit: "st" },
  { number: "2340567000000", name: "Ost, prästost lagrad", price: 189.9, vat: 20.35, quantity: 0.412, unit: "kg" },
  { number: "7318690135420", name: "Apelsinjuice 1 l", price: 29.5, vat: 3.16, quantity: 1, unit: "st" },
  { number: "7310130001234", name: "Surdegsbröd, råg", price: 54, vat: 5.79, quantity: 1, unit: "st", rebate: 5.4 },
  { number: "2000100099883", name: "Dagens lunch: pannbiff med lök", price: 125, vat: 13.39, quantity: 2, unit: "st" },
  { number: "7340191102035", name: "Vaniljbulle", price: 35, vat: 3.75, quantity: 4, unit: "st" },
  { number: "7310500143806", name: "Te, Earl Grey", price: 38, vat: 4.07, quantity: 1, unit: "st" },
  { number: "2356789000000", name: "Bananer", price: 24.9, vat: 2.67, quantity: 1.236, unit: "kg" },
  { number: "7300400481595", name: "Smör normalsaltat 500 g", price: 62.5, vat: 6.7, quantity: 1, unit: "st" },
  { number: "7350053850012", name: "Havredryck barista 1 l", price: 27.95, vat: 3, quantity: 6, unit: "st", rebate: 16.77 },
  { number: "2000100041288", name: "Chokladboll", price: 22, vat: 2.36, quantity: 5, unit: "st" },
  { number: "7310865081629", name: "Latte", price: 44, vat: 4.71, quantity: 1, unit: "st" },
  { number: "7314570091113", name: "Mineralvatten citron 33 cl", price: 19, vat: 2.04, quantity: 3, unit: "st" },
  { number: "2000100018211", name: "Kycklingsallad", price: 109, vat: 11.68, quantity: 1, unit: "st" },
  { number: "7311250004179", name: "Knäckebröd, råg 520 g", price: 31.5, vat: 3.38, quantity: 2, unit: "st" },
  { number: "2000100077123", name: "Semla", price: 49, vat: 5.25, quantity: 2, unit: "st" },
];
export const NEXT = { number: "7310865004710", name: "Espresso dubbel", price: 39, vat: 4.18, quantity: 1, unit: "st" };

/**
 * The café customer: 20 unsettled items, each charged with its own idempotency key; with the
 * customer it started from and the journal entries its charges returned. `beside(i)` runs after
 * each charge (another loop of the same host).
 */
export function cafe(api = pkg, beside = () => {}) {
  const initial = { id: "cus-cafe-0042", currency: "SEK", status: "active", schedule: [1, 3, 7], limit: { hard: 50000, soft: 20000 } };
  let customer = initial;
  const entries = [];
  CART.forEach((item, i) => {
    const r = api.chargeBalance(customer, item, { now: minute(i), idempotency_key: `till-7-${1000 + i}` });
    customer = r.customer;
    entries.push(...r.entries);
    beside(i);
  });
  return { customer, initial, entries };
}

/** A cash balance state that remembers 20 transactions. */
const cashTx = (i) => ({
  id: `ccsbtxn_${String(i).padStart(24, "0")}`, type: "funded", currency: "eur", net_amount: 1000 + (i % 97), created: 1_700_000_000 + i,
  funded: { bank_transfer: { type: "eu_bank_transfer", reference: `Invoice ${i}` } },
});

// The café customer and the cash state are made side by side, as a host running both loops: the
// core keeps the values a host's loops hand back (8 at a time), so both are kept when the rows run.
let cash = { customer: "cus_cafe" };
const { customer, ...journal } = cafe(pkg, (i) => {
  cash = pkg.applyCashTransaction(cash, cashTx(i)).state;
});
if (customer.balance.length !== 20 || customer.idempotency_keys.length !== 20 || customer.version !== 20) {
  throw new Error(`the café customer has ${customer.balance.length} items and ${customer.idempotency_keys.length} keys`);
}

// The café's journal (what its 20 charges returned), a settle-all of 100 such customers, and the
// Stripe log of the cash state's 20 transactions: the other state calls read typed (issue 34).
const cafes = Array.from({ length: 100 }, (_, i) => ({ ...customer, id: `cus-cafe-${1000 + i}` }));
const cashLog = Array.from({ length: 20 }, (_, i) => ({ ...cashTx(i), object: "customer_cash_balance_transaction", customer: "cus_cafe", livemode: false }));

const now = minute(30);
const keyed = { now, idempotency_key: "till-7-2000" };
const order = { number: "o-cafe-1", items: [{ price: 500 }], currency: "SEK", customer: customer.id, payment: { type: "customer", charge: "balance" } };
const roundTrip = (state) => () => JSON.parse(JSON.stringify(state));
// `customer` is the object the package returned (cafe()): the host's loop hands it back, so it
// crosses as the handle of the customer the core kept (docs/host-loop.md "In memory"). `loaded` is
// the same customer as a host reads it from its database: new to the package, read from its JSON.
const loaded = JSON.parse(JSON.stringify(customer));
const cashLoaded = JSON.parse(JSON.stringify(cash));
const ROWS = [
  ["chargeBalance of one item", () => pkg.chargeBalance(customer, NEXT, keyed), customer],
  ["chargeBalance, the customer loaded from JSON", () => pkg.chargeBalance(loaded, NEXT, keyed), loaded],
  ["previewSettlement", () => pkg.previewSettlement(customer, { now }), customer],
  ["previewSettlement, the customer loaded from JSON", () => pkg.previewSettlement(loaded, { now }), loaded],
  ["fundBalance", () => pkg.fundBalance(customer, order, "success", keyed), customer],
  ["settleBalance", () => pkg.settleBalance(customer, "success", keyed), customer],
  ["applyCashTransaction", () => pkg.applyCashTransaction(cash, cashTx(20)), cash],
  ["applyCashTransaction, the state loaded from JSON", () => pkg.applyCashTransaction(cashLoaded, cashTx(20)), cashLoaded],
  ["replayJournal of the café's 20 entries", () => pkg.replayJournal(journal.initial, journal.entries), journal],
  ["previewSettlements of 100 café customers", () => pkg.previewSettlements(cafes, { now }), cafes],
  ["cashBalance of the cash state's 20 transactions", () => pkg.cashBalance("cus_cafe", cashLog), cashLog],
];
// The JSON a text boundary costs these calls whatever the wasm does: the customer stringified and
// the answer the bridge receives (shared form) parsed. Beside the call's own row it says how much
// of the ratio is left for everything else (the bridge's walk and copies, and the wasm).
const { createRequire } = await import("node:module");
const raw = createRequire(import.meta.url)("../pkg/wasm/balance_ledger.cjs");
const jsonAlone = (answer) => () => JSON.stringify(customer).length + JSON.parse(answer).value.customer.version;
const text = (v) => JSON.stringify(v);
ROWS.splice(2, 0, ["chargeBalance: its JSON alone (customer stringified, answer parsed)",
  jsonAlone(raw.chargeBalance(text(customer), text(NEXT), text(keyed), true, 0, false)), customer]);
ROWS.splice(5, 0, ["previewSettlement: its JSON alone",
  jsonAlone(raw.previewSettlement(text(customer), text({ now }), true, 0)), customer]);
// With --general: the charge through the general path's export (JSON text both ways), beside the
// package's call, to measure what an object path of chargeBalance saves.
if (process.argv.includes("--general")) {
  const texts = [JSON.stringify(customer), JSON.stringify(NEXT), JSON.stringify(keyed)];
  ROWS.splice(1, 0, ["chargeBalance, general path (JSON text)", () => JSON.parse(raw.chargeBalance(...texts.map((t, i) => (i === 0 ? JSON.stringify(customer) : t)), false, 0, false)).value, customer]);
}
// Each call's answer checked once, so a row never times an error.
for (const [name, f] of ROWS) f();

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** µs per call of a block of CALLS calls. */
function block(f) {
  const a = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) f();
  return Number(process.hrtime.bigint() - a) / 1e3 / CALLS;
}
// Every row and its JSON round trip alternate block by block, round by round, so a change of the
// machine's speed falls on both alike; a row's ratio is the median of its per-round ratios.
const fns = ROWS.flatMap(([, f, state]) => [f, roundTrip(state)]);
for (let w = 0; w < (quick ? 1 : 3); w++) fns.forEach(block);
const times = fns.map(() => []);
for (let r = 0; r < ROUNDS; r++) fns.forEach((f, j) => times[j].push(block(f)));

const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
const lines = ["| call | state | call µs | JSON round trip µs | ratio |", "| --- | --- | --- | --- | --- |"];
ROWS.forEach(([name, , state], i) => {
  const call = times[2 * i], json = times[2 * i + 1];
  const ratio = median(call.map((t, r) => t / json[r]));
  lines.push(`| \`${name}\` | ${bytes(state)} B | ${median(call).toFixed(1)} | ${median(json).toFixed(1)} | ${ratio.toFixed(2)}× |`);
});

// The same charge natively (opt-level 3): the customer's JSON text through the api.
const dir = `${root}target/bench-data`;
const { mkdirSync, writeFileSync } = await import("node:fs");
mkdirSync(dir, { recursive: true });
// The cash balance state and its next transaction too, for benches/instructions.mjs.
writeFileSync(`${dir}/cafe.json`, JSON.stringify({ customer, body: NEXT, options: keyed, cash, cashTx: cashTx(20) }));
const nat = spawnSync("cargo", ["bench", "--quiet", "--bench", "state", "--", `${dir}/cafe.json`, ...(quick ? ["--quick"] : [])], { cwd: root, encoding: "utf8" });
if (nat.status !== 0) throw new Error(`cargo bench --bench state failed:\n${nat.stderr}`);
lines.push(`| native \`api::charge_balance\` (opt-level 3) | ${bytes(customer)} B | ${nat.stdout.trim()} | | |`);
// The modules' sizes as scripts/build.sh measures them (gzip -9).
const { readFileSync } = await import("node:fs");
const { gzipSync } = await import("node:zlib");
for (const [name, file] of [["full", "balance_ledger_bg.wasm"], ["checkout", "balance_ledger_checkout_bg.wasm"]]) {
  const bytes = readFileSync(`${root}pkg/wasm/${file}`);
  let gz;
  try {
    gz = execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 26 }).length;
  } catch {
    gz = gzipSync(bytes, { level: 9 }).length;
  }
  lines.push(`| ${name} module, gzipped | ${gz} B | | | |`);
}
console.log(lines.join("\n"));
