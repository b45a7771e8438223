// Prints the JSON size of two customers' states, as a host stores them:
// - the benchmark's typical customer (benches/run.mjs: 12 keyed charges of the coffee item, a
//   minute apart);
// - a café customer with 20 unsettled real-cart items (product number, name, unit, VAT, some with
//   a rebate), each charged with its own idempotency key.
// Usage: node benches/state-size.mjs [package dir, default pkg] — run it against two builds to
// compare them.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const dir = resolve(process.argv[2] ?? "pkg");
const pkg = await import(pathToFileURL(`${dir}/node.js`).href);
const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
const minute = (i) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();

const coffee = { price: 119.6, vat: 29.9, quantity: 2, name: "Coffee beans" };
let typical = { id: "c-typical", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } };
for (let i = 0; i < 12; i++) {
  typical = pkg.chargeBalance(typical, coffee, { now: minute(i), idempotency_key: `op-${i}` }).customer;
}

const NAMES = ["Kaffe 500 g", "Mjölk 1,5 l", "Smör 500 g", "Bröd, råg", "Äpplen", "Diskmedel", "Tandkräm", "Pasta 1 kg"];
let cafe = { id: "c-cafe-0042", currency: "SEK", status: "active", schedule: [1, 3], limit: { hard: 50000, soft: 20000 } };
for (let i = 0; i < 20; i++) {
  const price = 10 + ((i * 7919) % 40_000) / 100;
  const weighed = i % 5 === 4;
  const item = {
    number: `A-${100_000 + i * 37}`, name: NAMES[i % NAMES.length], price,
    quantity: weighed ? 0.125 * (1 + (i % 7)) : 1 + (i % 3), unit: weighed ? "kg" : "st",
    vat: Math.round(price * [25, 12, 6][i % 3]) / 100,
  };
  if (i % 5 === 2) item.rebate = Math.round(price * 10) / 100;
  cafe = pkg.chargeBalance(cafe, [item], { now: minute(i), idempotency_key: `cart-${i}` }).customer;
}

console.log(`${dir}`);
console.log(`typical customer (12 keyed charges): ${bytes(typical)} B, ${typical.idempotency_keys.length} keys`);
console.log(`café customer (20 cart items, 20 keys): ${bytes(cafe)} B, ${cafe.balance.length} items`);
