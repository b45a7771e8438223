// The chaos run's load, from its seed: workers each with their own seeded stream of requests —
// charges and funding orders with Idempotency-Keys (some orders in the authoriser's declined
// range), single settlements, settle-all, Stripe's signed webhook events (each delivered twice, in
// a shuffled order), Balanced credits created with a key and moved by a bank's reports — each sent
// until final (chaos-client.js). → what was acknowledged, for chaos-checks.js.
import { untilFinal } from "./chaos-client.js";
import { chain, eventOf } from "./stripe.js";
import { SECRET } from "./stripe.js";
import Stripe from "stripe";

/** mulberry32: a small seeded generator (the same seed, the same stream). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CUSTOMERS = 8;
export const CASH_CUSTOMERS = 4;
const WORKERS = 6;
const customerId = (i) => `chaos-${i}`;
const cashId = (i) => `cus_chaos${i}`;
const account = { name: "Chaos Monkey", routing_number: "325182797", account_number: "9900001234", type: "checking" };

/** An amount in minor units as the decimal text the API takes. */
const text = (ore) => `${ore / 100n}.${String(ore % 100n).padStart(2, "0")}`;

function shuffle(rand, list) {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Runs the load until `until` (ms), then lets every request in flight reach its final answer and
 * delivers the webhook events not yet delivered. → acked: { charges, orders, settlements, credits,
 * chains } (per customer where it applies).
 */
export async function load(seed, servers, counts, until, seconds) {
  const setup = random(seed ^ 0x5eed);
  const send = (rand, req) => untilFinal(() => servers.pick(rand), rand, counts, req);
  const acked = { charges: new Map(), orders: new Map(), settlements: [], credits: [], chains: new Map(), customers: [] };
  for (let i = 0; i < CUSTOMERS; i++) {
    const r = await send(setup, { method: "POST", path: "/customer", body: { id: customerId(i), currency: "SEK" } });
    if (r.status !== 201 && r.status !== 409) throw new Error(`POST /customer: ${r.status} ${JSON.stringify(r.body)}`);
    acked.customers.push(customerId(i));
    acked.charges.set(customerId(i), []);
    acked.orders.set(customerId(i), []);
  }
  // Each cash customer's history: funded and transferred amounts, a few per second of load.
  const deliveries = [];
  for (let i = 0; i < CASH_CUSTOMERS; i++) {
    let balance = 0;
    const amounts = Array.from({ length: Math.max(10, Math.round(seconds / 2)) }, () => {
      const out = balance > 2000 && setup() < 0.3 ? -Math.floor(setup() * balance) - 1 : Math.floor(setup() * 5000) + 1;
      balance += out;
      return out;
    });
    const transactions = chain(cashId(i), amounts);
    acked.chains.set(cashId(i), transactions);
    transactions.forEach((t, k) => deliveries.push(eventOf(`evt_chaos${i}_${k}`, t), eventOf(`evt_chaos${i}_${k}`, t)));
  }
  const queue = shuffle(setup, deliveries);
  const delivered = new Set();
  const deliver = (rand, event) =>
    send(rand, () => {
      const payload = JSON.stringify(event);
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
      return { method: "POST", path: "/webhooks/stripe", key: null, raw: payload, headers: { "content-type": "application/json", "stripe-signature": signature } };
    }).then((r) => {
      if (r.status !== 200) throw new Error(`webhook ${event.id}: ${r.status} ${JSON.stringify(r.body)}`);
      delivered.add(event.id);
    });

  // The seed's `{ updated, errors, results }`: each customer settled (or declined) with its order
  // (its number; one customer's answer carries the order itself).
  const settled = (r) => {
    if (r.status !== 200) return;
    for (const x of r.body.results ?? []) {
      if (x.outcome) acked.settlements.push({ customer: x.id, outcome: x.outcome, order: typeof x.order === "string" ? x.order : x.order?.number });
    }
  };
  const worker = async (w) => {
    const rand = random(seed + 7919 * (w + 1));
    for (let n = 0; Date.now() < until; n++) {
      const c = customerId(Math.floor(rand() * CUSTOMERS));
      const roll = rand();
      const key = `chaos-${seed}-${w}-${n}`;
      if (roll < 0.36) {
        const price = BigInt(100 + Math.floor(rand() * 40_000));
        const quantity = 1 + Math.floor(rand() * 3);
        const r = await send(rand, { method: "POST", path: `/customer/${c}/balance`, headers: { "idempotency-key": key }, body: [{ price: text(price), quantity }] });
        if (r.status === 200) acked.charges.get(c).push({ key, amount: price * BigInt(quantity) });
      } else if (roll < 0.48) {
        // One in five in the authoriser's declined range (2000.00–2999.99).
        const amount = rand() < 0.2 ? 200_000n + BigInt(Math.floor(rand() * 100_000)) : 1_000n + BigInt(Math.floor(rand() * 150_000));
        const number = `o-${key}`;
        const r = await send(rand, { method: "POST", path: "/order", headers: { "idempotency-key": key }, body: { number, items: [{ price: text(amount) }], currency: "SEK", customer: c, payment: { type: "customer", charge: "balance" } } });
        if (r.status === 201) acked.orders.get(c).push({ key, number, amount, outcome: r.body.outcome });
      } else if (roll < 0.58) {
        settled(await send(rand, { method: "DELETE", path: `/v1/customer/${c}/balance` }));
      } else if (roll < 0.6) {
        settled(await send(rand, { method: "DELETE", path: "/v1/customer/all/balance" }));
      } else if (roll < 0.82) {
        const event = queue.shift();
        if (event) await deliver(rand, event);
      } else {
        const amount = 100 + Math.floor(rand() * 100_000);
        const r = await send(rand, { method: "POST", path: "/credits", headers: { "idempotency-key": key }, body: { amount, bank_account: account } });
        if (r.status !== 201) continue;
        const credit = { key, id: r.body.credits[0].id, statuses: ["pending"] };
        acked.credits.push(credit);
        // The bank's reports: most succeed, some of those fail later (within the window), some fail at once.
        const moves = rand() < 0.7 ? (rand() < 0.3 ? ["succeeded", "failed"] : ["succeeded"]) : rand() < 0.5 ? ["failed"] : [];
        for (const status of moves) {
          const m = await send(rand, { method: "PUT", path: `/credits/${credit.id}`, body: { status } });
          if (m.status === 200) credit.statuses.push(status);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  // Stripe delivers every event until it is acknowledged: what the load did not reach, now.
  const rest = random(seed ^ 0xfeed);
  for (const event of queue.splice(0)) if (!delivered.has(event.id)) await deliver(rest, event);
  return acked;
}
