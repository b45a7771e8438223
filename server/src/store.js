// The database side of every request. A mutating request is one transaction: lock the customer's
// row, replay or refuse a known Idempotency-Key, call the package, check the version, write the
// state, append the entries, record the key, commit. Nothing half-applied can be left behind.
import { HttpError } from "./errors.js";
import { cacheOf } from "./state-cache.js";
import { domain } from "./metrics.js";
import { inTurn } from "./turns.js";

const json = (v) => JSON.stringify(v);

export async function insertCustomer(db, { id, name, state, keyHash }) {
  return db.transaction(async (tx) => {
    const r = await tx.query(
      `INSERT INTO customers (id, name, state, initial, version)
       VALUES ($1, $2, $3::text::jsonb, $3::text::jsonb, $4) ON CONFLICT (id) DO NOTHING`,
      [id, name ?? null, json(state), state.version ?? 0],
    );
    if (r.rowCount === 0) throw new HttpError(409, "duplicate_id", `customer "${id}" already exists`);
    await tx.query("INSERT INTO api_keys (hash, kind, customer_id) VALUES ($1, 'customer', $2)", [keyHash, id]);
  });
}

export async function getCustomer(db, id) {
  const { rows } = await db.query("SELECT id, name, state, version FROM customers WHERE id = $1", [id]);
  if (rows.length === 0) throw notFound(id);
  return rows[0];
}

const notFound = (id) => new HttpError(404, "not_found", `no customer "${id}"`);

// The customer and, when a key is given, what that key answered before: one read (one round trip).
const READ = `SELECT c.id, c.name, c.state, c.version, k.fingerprint, k.status, k.response
  FROM customers c LEFT JOIN idempotency_keys k ON k.customer_id = c.id AND k.key = $2
  WHERE c.id = $1`;

// The state, its entries and the key's answer in one statement (one round trip, atomic on its own):
// nothing is written unless the version is still the one read and the key (if any) still unused.
const WRITE = `WITH updated AS (
    UPDATE customers SET state = $2::text::jsonb, version = $3, updated_at = now()
    WHERE id = $1 AND version = $4
      AND ($6::text IS NULL OR NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE customer_id = $1 AND key = $6))
    RETURNING id
  ), appended AS (
    INSERT INTO journal (customer_id, version, position, entry)
    SELECT updated.id, e.version, e.position, e.entry
    FROM updated, jsonb_to_recordset($5::text::jsonb) AS e (version integer, position integer, entry jsonb)
    RETURNING 1
  ), keyed AS (
    INSERT INTO idempotency_keys (customer_id, key, fingerprint, status, response)
    SELECT updated.id, $6::text, $7::text, $8::int, $9::text::jsonb FROM updated WHERE $6::text IS NOT NULL
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM appended)::int AS appended`;

const KEY_ONLY = `INSERT INTO idempotency_keys (customer_id, key, fingerprint, status, response)
  VALUES ($1, $2, $3, $4, $5::text::jsonb)`;

/**
 * Runs `apply(row)` on the customer and writes what it answers, atomically. `apply` answers
 * `{ status, body, state?, entries? }`: when entries are given the new state is written (only if
 * the version is still the one read) and the entries appended. With `idempotency` ({ key,
 * fingerprint }) a key already used with the same fingerprint answers its stored response
 * (`replayed: true`), with another fingerprint 409. Refusals (throws) are not recorded, so a
 * corrected retry with the same key can succeed.
 *
 * `pure: true` says `apply` has no effect outside its answer (a charge: the package only), so it
 * may run more than once: first on the state this process last saw (state-cache.js), written in
 * one statement that checks the version — one round trip, no BEGIN/COMMIT; a socket write is most
 * of a charge's cost here. If the customer changed meanwhile (another process), it runs on the state
 * read without a lock (two round trips), and if it changed again, the locked way. A refusal from
 * the remembered state is not trusted: the read state judges. Anything that asks the outside world
 * (the authoriser) runs the locked way only, so it is asked once.
 */
export function mutate(db, customerId, idempotency, apply, options) {
  return inTurn(db, customerId, () => mutateNow(db, customerId, idempotency, apply, options));
}

async function mutateNow(db, customerId, idempotency, apply, { pure = false } = {}) {
  if (pure) {
    const done = await optimistic(db, customerId, idempotency, apply);
    if (done) return done;
  }
  const cache = cacheOf(db);
  cache.forget(customerId); // written below under the lock; remembered again once committed
  let written = null;
  const answer = await db.transaction(async (tx) => {
    const row = await read(tx, customerId, idempotency, true);
    if (row.replay) return row.replay;
    const out = await apply(row);
    if (out.entries && out.entries.length > 0) {
      const appended = await write(tx, row, out, idempotency);
      if (appended !== out.entries.length) {
        throw new HttpError(409, "version_conflict", `customer "${row.id}" changed during the request; retry`);
      }
      written = { id: row.id, name: row.name, state: out.state, version: out.state.version };
    } else if (idempotency) {
      await tx.query(KEY_ONLY, [customerId, idempotency.key, idempotency.fingerprint, out.status, json(out.body)], "key_only");
    }
    return { status: out.status, body: out.body, replayed: false };
  });
  if (written) cache.remember(written);
  return answer;
}

// The unlocked tries: on the remembered state, then on the state read. null: the locked way decides.
async function optimistic(db, customerId, idempotency, apply) {
  const cache = cacheOf(db);
  const known = cache.recall(customerId);
  if (known) {
    const done = await attempt(db, known, idempotency, apply, { trusted: false });
    if (done) return done;
    cache.forget(customerId);
  }
  const row = await read(db, customerId, idempotency, false);
  if (row.replay) return row.replay;
  cache.remember(row);
  const done = await attempt(db, row, idempotency, apply, { trusted: true });
  if (!done) cache.forget(customerId);
  return done;
}

// apply on `row` and the write of its answer; null when the version (or the key) had moved on.
// On a remembered (not `trusted`) state a refusal is not answered: null, and the read state judges.
// A failed write is never tried again here: it may have committed before its answer was lost.
async function attempt(db, row, idempotency, apply, { trusted }) {
  let out;
  try {
    out = await apply(row);
  } catch (err) {
    if (trusted) throw err;
    return null;
  }
  if (!out.entries || out.entries.length === 0) return null;
  try {
    if ((await write(db, row, out, idempotency)) !== out.entries.length) return null;
  } catch (err) {
    // The key recorded by a request that changed nothing, since the read: the locked way replays it.
    if (err.code === "23505") return null;
    throw err;
  }
  cacheOf(db).remember({ id: row.id, name: row.name, state: out.state, version: out.state.version });
  return { status: out.status, body: out.body, replayed: false };
}

async function read(q, customerId, idempotency, lock) {
  const { rows } = await q.query(lock ? `${READ} FOR UPDATE OF c` : READ, [customerId, idempotency?.key ?? null], lock ? "read_locked" : "read");
  if (rows.length === 0) throw notFound(customerId);
  const row = rows[0];
  if (row.fingerprint != null) {
    if (row.fingerprint !== idempotency.fingerprint) {
      domain.idempotencyConflicts.inc();
      throw new HttpError(409, "idempotency_key_reused", `Idempotency-Key "${idempotency.key}" was used with another request`);
    }
    row.replay = { status: row.status, body: row.response, replayed: true };
  }
  return row;
}

// → how many entries were appended: all of them, or none when the version was no longer the one read.
async function write(q, row, out, idempotency) {
  const { state, entries } = out;
  const rows = entries.map((entry, position) => ({ version: entry.version ?? state.version, position, entry }));
  const stateJson = json(state);
  const { rows: r } = await q.query(
    WRITE,
    [
      row.id,
      stateJson,
      state.version,
      row.version,
      json(rows),
      idempotency?.key ?? null,
      idempotency?.fingerprint ?? null,
      out.status,
      idempotency ? (out.body === state ? stateJson : json(out.body)) : null,
    ],
    "write",
  );
  return r[0].appended;
}

/** Customers with unsettled items (or a state without a readable balance: the package judges), by id, `limit` at a time after `after` (keyset: no offsets). */
export async function customersToSettle(db, after, limit) {
  const { rows } = await db.query(
    `SELECT id FROM customers
     WHERE id > $1 AND state->'balance' IS DISTINCT FROM '[]'::jsonb
     ORDER BY id LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => r.id);
}

/** The same customers with their states, for previews. */
export async function statesToSettle(db, after, limit) {
  const { rows } = await db.query(
    `SELECT id, state FROM customers
     WHERE id > $1 AND state->'balance' IS DISTINCT FROM '[]'::jsonb
     ORDER BY id LIMIT $2`,
    [after, limit],
  );
  return rows;
}

/** A page of customers by id: `{ state, name }` each (`name` null when none was given). */
export async function listCustomers(db, after, limit) {
  const { rows } = await db.query("SELECT state, name FROM customers WHERE id > $1 ORDER BY id LIMIT $2", [after, limit]);
  return rows.map((r) => ({ state: r.state, name: r.name }));
}

export async function journalOf(db, id) {
  const { rows } = await db.query(
    "SELECT entry FROM journal WHERE customer_id = $1 ORDER BY version, position",
    [id],
  );
  return rows.map((r) => r.entry);
}
