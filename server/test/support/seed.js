// Many customers at once, written directly as the server writes them (state, initial, journal),
// each made and charged once through the package: for the crash test and the benchmark, where
// 10,000–100,000 HTTP round trips would only measure the setup.
import * as ledger from "../../src/ledger.js";

/** Exact minor units of a decimal string with two digits: no floating point on amounts. */
export const ore = (s) => {
  const [whole, frac = ""] = s.replace("-", "").split(".");
  const v = BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2));
  return s.startsWith("-") ? -v : v;
};

/**
 * `count` SEK customers named `id(i)`; with `charge` (default) each has one charge on its balance.
 * → the sum charged, in öre.
 */
export async function seed(db, count, id, { charge = true } = {}) {
  const now = "2026-12-01T08:00:00Z";
  let charged = 0n;
  for (let start = 0; start < count; start += 500) {
    const customers = [];
    const entries = [];
    for (let i = start; i < Math.min(start + 500, count); i++) {
      const initial = ledger.newCustomer({ id: id(i), currency: "SEK" });
      if (!charge) {
        customers.push([id(i), JSON.stringify(initial), JSON.stringify(initial), initial.version]);
        continue;
      }
      const r = ledger.charge(initial, [{ price: `${(i % 97) + 1}.25`, quantity: 1 + (i % 3), vat: "0.31" }], { now });
      charged += ore(r.entries[0].amount);
      customers.push([id(i), JSON.stringify(r.customer), JSON.stringify(initial), r.customer.version]);
      entries.push([id(i), r.entries[0].version, 0, JSON.stringify(r.entries[0])]);
    }
    const values = (rows, casts) =>
      rows.map((_, r) => `(${casts.map((c, k) => `$${r * casts.length + k + 1}${c}`).join(", ")})`).join(", ");
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO customers (id, state, initial, version) VALUES ${values(customers, ["", "::text::jsonb", "::text::jsonb", "::int"])}`,
        customers.flat(),
      );
      if (entries.length > 0) {
        await tx.query(
          `INSERT INTO journal (customer_id, version, position, entry) VALUES ${values(entries, ["", "::int", "::int", "::text::jsonb"])}`,
          entries.flat(),
        );
      }
    });
  }
  return charged;
}
