// Requests that change one customer take turns within this process. The database keeps them
// correct without this (row lock, version check, retries); this keeps them from colliding there:
// at SERIALIZABLE every writer of a row that waited on another is rolled back (40001) and runs
// again, so n concurrent writers of one customer cost O(n²) runs; in turns, each server sends one
// at a time and only the servers collide. A turn waited for longer than WAIT_MS is taken anyway
// (a request stuck on a database that vanished does not hold the others past their own bounds).
const WAIT_MS = 5000;
const tails = new WeakMap(); // db → Map(customer id → the promise the next request waits for)

/** Runs `fn` once the requests for `key` before it (on `db`, in this process) ended, or WAIT_MS passed. */
export async function inTurn(db, key, fn) {
  let lines = tails.get(db);
  if (!lines) tails.set(db, (lines = new Map()));
  const before = lines.get(key);
  let finished;
  const mine = new Promise((r) => (finished = r));
  const tail = before ? before.then(() => mine) : mine;
  lines.set(key, tail);
  try {
    if (before) {
      let timer;
      await Promise.race([before, new Promise((r) => (timer = setTimeout(r, WAIT_MS)))]);
      clearTimeout(timer);
    }
    return await fn();
  } finally {
    finished();
    tail.then(() => {
      if (lines.get(key) === tail) lines.delete(key);
    });
  }
}
