// The database side of every request. A mutating request is one transaction: lock the customer's
// row, replay or refuse a known Idempotency-Key, call the package, check the version, write the
// state, append the entries, record the key, commit. Nothing half-applied can be left behind.
import { HttpError } from "./errors.js";

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

/**
 * Runs `apply(row)` on the locked customer inside one transaction. `apply` answers
 * `{ status, body, state?, entries? }`: when entries are given the new state is written (only if
 * the version is still the one read) and the entries appended. With `idempotency` ({ key,
 * fingerprint }) a key already used with the same fingerprint answers its stored response
 * (`replayed: true`), with another fingerprint 409. Refusals (throws) are not recorded, so a
 * corrected retry with the same key can succeed.
 */
export async function mutate(db, customerId, idempotency, apply) {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      "SELECT id, name, state, version FROM customers WHERE id = $1 FOR UPDATE",
      [customerId],
    );
    if (rows.length === 0) throw notFound(customerId);
    const row = rows[0];
    if (idempotency) {
      const prior = await tx.query(
        "SELECT fingerprint, status, response FROM idempotency_keys WHERE customer_id = $1 AND key = $2",
        [customerId, idempotency.key],
      );
      if (prior.rows.length > 0) {
        const p = prior.rows[0];
        if (p.fingerprint !== idempotency.fingerprint) {
          throw new HttpError(
            409,
            "idempotency_key_reused",
            `Idempotency-Key "${idempotency.key}" was used with another request`,
          );
        }
        return { status: p.status, body: p.response, replayed: true };
      }
    }
    const out = await apply(row);
    if (out.entries && out.entries.length > 0) await write(tx, row, out.state, out.entries);
    if (idempotency) {
      await tx.query(
        `INSERT INTO idempotency_keys (customer_id, key, fingerprint, status, response)
         VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
        [customerId, idempotency.key, idempotency.fingerprint, out.status, json(out.body)],
      );
    }
    return { status: out.status, body: out.body, replayed: false };
  });
}

// The state and its entries in one statement (one round trip): the entries are appended only if
// the version is still the one read, which the row lock guarantees and the check proves.
async function write(tx, row, state, entries) {
  const rows = entries.map((entry, position) => ({ version: entry.version ?? state.version, position, entry }));
  const r = await tx.query(
    `WITH updated AS (
       UPDATE customers SET state = $2::text::jsonb, version = $3, updated_at = now()
       WHERE id = $1 AND version = $4 RETURNING id
     )
     INSERT INTO journal (customer_id, version, position, entry)
     SELECT updated.id, e.version, e.position, e.entry
     FROM updated, jsonb_to_recordset($5::text::jsonb) AS e (version integer, position integer, entry jsonb)`,
    [row.id, json(state), state.version, row.version, json(rows)],
  );
  if (r.rowCount !== entries.length) {
    throw new HttpError(409, "version_conflict", `customer "${row.id}" changed during the request; retry`);
  }
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

/** A page of customers' states, by id after `after`. */
export async function listCustomers(db, after, limit) {
  const { rows } = await db.query("SELECT state FROM customers WHERE id > $1 ORDER BY id LIMIT $2", [after, limit]);
  return rows.map((r) => r.state);
}

export async function journalOf(db, id) {
  const { rows } = await db.query(
    "SELECT entry FROM journal WHERE customer_id = $1 ORDER BY version, position",
    [id],
  );
  return rows.map((r) => r.entry);
}
