// No leaks: a million calls of each hot function leave wasm linear memory and the JS heap where
// they were after warm-up. Memory that grows and is never given back (wasm memory never shrinks)
// would end a long-running Node process; the generous bounds (+1 MiB wasm, +20 MiB heap) still
// catch, over a million calls, a leak of a couple of bytes a call in wasm or 21 on the heap.
import { test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import * as api from "../../pkg/node.js";
import { memoryBytes } from "./support/testing.mjs";

// Run with --expose-gc or not: the flag can be set at run time and gc fetched from a new context.
const gc = typeof globalThis.gc === "function" ? globalThis.gc : (v8.setFlagsFromString("--expose-gc"), vm.runInNewContext("gc"));

// A million calls of each, except where that takes minutes on a 2-core CI machine: a settlement
// preview answers three customers and an order (~50-100 µs a call), a charge a customer and an
// entry. Their counts still catch a leak of more than ~10 (preview) or ~5 (charge) bytes a call
// in wasm. LEAK_CALLS overrides every count.
const CALLS = {
  validateItems: 1_000_000,
  itemTotals: 1_000_000,
  previewSettlement: 100_000,
  chargeBalance: 200_000,
  itemTotalsBatch: 1_000_000,
  previewSettlementsBatch: 1_000_000,
  previewSettlements: 500_000,
};
const calls = (name) => Number(process.env.LEAK_CALLS ?? CALLS[name]);
const WARM_UP = 20_000;
const WASM_BOUND = 1 * 1024 * 1024;
const HEAP_BOUND = 20 * 1024 * 1024;
const now = "2026-11-23T10:00:00Z";
const columns = { price: Float64Array.of(11960, 10), quantity: [2, 1], vat: Float64Array.of(2990, 0), rebate: [0, 1] };
const customer = { id: "c1", currency: "SEK", status: "active", balance: [{ price: 10, vat: 2.5 }, { price: 1.5 }], total: "5" };

// The hot functions: what a checkout widget calls per keystroke and a backend per request.
const HOT = {
  validateItems: () => api.validateItems({ price: 119.6, vat: 29.9, quantity: 2 }, { currency: "SEK" }),
  itemTotals: () => api.itemTotals([{ price: 119.6, vat: 29.9, quantity: 2 }, { price: 0.1 }], "SEK"),
  previewSettlement: () => api.previewSettlement(customer, { now }),
  chargeBalance: () => api.chargeBalance(customer, { price: 1.5 }, { now }),
  // The bulk entries, called small and often: every column copied in must be freed.
  itemTotalsBatch: () => api.itemTotalsBatch(columns, "SEK"),
  previewSettlementsBatch: () => api.previewSettlementsBatch({ counts: [2, 0], funds: [100, 0], ...columns }, "SEK"),
  // The object path of a summary settle-all (plain customers read into columns by the bridge).
  previewSettlements: () =>
    api.previewSettlements([{ id: "c1", currency: "SEK", balance: [{ price: 10, vat: 2.5 }, { price: "1.50" }], total: 5 }, { id: "c2", currency: "SEK" }],
      { now, detail: "summary" }),
};
// Every call is also a coded refusal now and then: the error path must not leak either.
const REFUSED = () => {
  try {
    api.itemTotals({ price: "12,50" }, "SEK");
  } catch (e) {
    return e.issues[0]?.code;
  }
};

const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mib = (n) => (n / 1024 / 1024).toFixed(2);

for (const [name, call] of Object.entries(HOT)) {
  test(`${calls(name).toLocaleString("en")} calls of ${name} leave wasm memory and the JS heap as they were`, { timeout: 600_000 }, () => {
    for (let i = 0; i < WARM_UP; i++) call();
    assert.equal(REFUSED(), "invalid_decimal");
    const wasm0 = memoryBytes();
    const heap0 = heap();
    const start = performance.now();
    for (let i = 0, n = calls(name); i < n; i++) {
      call();
      if (i % 1000 === 0) REFUSED();
    }
    const seconds = (performance.now() - start) / 1000;
    const wasm1 = memoryBytes();
    const heap1 = heap();
    console.log(
      `# ${name}: ${calls(name)} calls in ${seconds.toFixed(1)} s; wasm ${mib(wasm0)} → ${mib(wasm1)} MiB; ` +
        `heap ${mib(heap0)} → ${mib(heap1)} MiB`,
    );
    assert.ok(wasm1 - wasm0 <= WASM_BOUND, `wasm memory grew by ${wasm1 - wasm0} bytes`);
    assert.ok(heap1 - heap0 <= HEAP_BOUND, `the JS heap grew by ${heap1 - heap0} bytes`);
  });
}
