// Where the dashboard's customers live: in page memory (the sample customers, every call made by the
// package in the browser) or on the server that serves this page (server/: GET /customer, charges
// and settlements through the API with the merchant's private key). Both answer the same calls, so
// the dashboard renders either; previews are the package's in the browser in both.
import { chargeBalance, settleBalance } from "/pkg/browser.js";
import { CUSTOMERS, NAMES } from "./samples.js";
import { api } from "./api.js";

/** The sample customers; the entries each call returns are kept here (a backend stores them). */
export function memoryBook() {
  const customers = structuredClone(CUSTOMERS);
  const journals = new Map();
  const byId = (id) => customers.find((c) => c.id === id);
  const keep = ({ customer, entries }) => {
    customers[customers.findIndex((c) => c.id === customer.id)] = customer;
    journals.set(customer.id, [...(journals.get(customer.id) ?? []), ...entries]);
  };
  return {
    kind: "memory",
    name: (id) => NAMES[id] ?? id,
    customers: () => customers,
    journal: async (id) => journals.get(id) ?? [],
    async charge(id, amount) {
      keep(chargeBalance(byId(id), amount));
    },
    /** `outcome`: the payment's, chosen by the page (no processor here). */
    async settle(id, outcome) {
      const r = settleBalance(byId(id), outcome);
      keep(r);
      return { outcome, amount: r.entries.at(-1)?.amount ?? null };
    },
  };
}

/** At most this many customers are shown (the first page of GET /customer). */
export const SERVER_PAGE = 100;

/**
 * The customers of the server serving this page, with the merchant's private key. Rejects when the
 * key is refused. `settle` answers the server's `{ updated, errors, declined, results }`: the
 * outcome is the server's authoriser's, not the page's.
 */
export async function serverBook(privateKey) {
  const call = (path, init) => api(path, privateKey, init);
  const at = (id) => `/customer/${encodeURIComponent(id)}`;
  let page = await call(`/customer?limit=${SERVER_PAGE}`);
  const refresh = async () => {
    page = await call(`/customer?limit=${SERVER_PAGE}`);
  };
  return {
    kind: "server",
    /** The billing name given at creation (GET /customer answers them by id), else the id. */
    name: (id) => page.names?.[id] ?? id,
    customers: () => page.customers,
    /** Whether there are more customers than shown. */
    more: () => page.next !== null,
    journal: async (id) => (await call(`${at(id)}/journal`)).entries,
    async charge(id, amount) {
      // A new key per press: a retry of the same press (a lost answer) would reuse it.
      await call(`${at(id)}/balance`, { method: "POST", body: JSON.stringify(amount), headers: { "idempotency-key": crypto.randomUUID() } });
      await refresh();
    },
    async settle(id) {
      const answer = await call(`/v1/customer/${encodeURIComponent(id)}/balance`, { method: "DELETE" });
      await refresh();
      return answer;
    },
    refresh,
  };
}
