// The customers' states this process last read or wrote, by id: a guess, never the truth. A charge
// tried on a remembered state is written only if the customer's version is still the remembered one
// (store.js), so a stale entry costs a retry and nothing else; the database stays the only record
// and the server stays stateless (any instance may serve any request). Bounded: the least recently
// used customers are forgotten first.
const LIMIT = 10_000;

export class StateCache {
  #rows = new Map();

  /** { id, name, state, version } or undefined. */
  recall(id) {
    const row = this.#rows.get(id);
    if (row) {
      this.#rows.delete(id); // most recently used last
      this.#rows.set(id, row);
    }
    return row;
  }

  /** Keeps a committed state, unless a newer one is already kept. */
  remember({ id, name, state, version }) {
    const known = this.#rows.get(id);
    if (known && known.version >= version) return;
    this.#rows.delete(id);
    this.#rows.set(id, { id, name, state, version });
    if (this.#rows.size > LIMIT) this.#rows.delete(this.#rows.keys().next().value);
  }

  forget(id) {
    this.#rows.delete(id);
  }
}

const caches = new WeakMap();

/** The cache of one database handle (each server has its own). */
export function cacheOf(db) {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new StateCache()));
  return c;
}
