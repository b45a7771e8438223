// The database side of credits. A creation or a change is one transaction: the credit's row locked,
// the package's answer written (resource, status, schedule columns), an event appended, an
// Idempotency-Key recorded with its answer. Lists page in SQL. `moveDueCredits` is the job that
// moves each pending credit to its expected status at its available_at.
import * as ledger from "./ledger.js";
import { HttpError } from "./errors.js";

const json = (v) => JSON.stringify(v);
const iso = (t) => new Date(t).toISOString();

/** The status a credit is expected to reach at its available_at, by version. */
export const EXPECTED = { 1: "cleared", 1.1: "succeeded" };

export async function findBankAccount(db, id) {
  const { rows } = await db.query(
    "SELECT id, name, bank_name, routing_number, last_four, account_type, created_at FROM bank_accounts WHERE id = $1 AND deleted_at IS NULL",
    [id],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  // As the package's `destination` option reads a stored account.
  return {
    id: r.id,
    name: r.name,
    bank_name: r.bank_name,
    routing_number: r.routing_number,
    last_four: r.last_four,
    created_at: iso(r.created_at),
  };
}

const notFound = (id) => new HttpError(404, "not_found", `no credit "${id}"`);

/**
 * Stores a new credit: `resource` as createCredit answered it, `newAccount` the bank account its
 * request brought (or null), `respond(resource)` the answer (kept with the Idempotency-Key).
 * A key already used with the same request answers its stored response; with another, 409.
 */
export async function insertCredit(db, { version, resource, destination, newAccount, idempotency, respond }) {
  return db.transaction(async (tx) => {
    if (idempotency) {
      const prior = await tx.query("SELECT fingerprint, status, response FROM credit_idempotency_keys WHERE key = $1", [idempotency.key]);
      if (prior.rows.length > 0) {
        const p = prior.rows[0];
        if (p.fingerprint !== idempotency.fingerprint) {
          throw new HttpError(409, "idempotency_key_reused", `Idempotency-Key "${idempotency.key}" was used with another request`);
        }
        return { status: p.status, body: p.response, replayed: true };
      }
    }
    if (newAccount) {
      await tx.query(
        `INSERT INTO bank_accounts (id, name, bank_name, routing_number, last_four, account_type, created_at)
         VALUES ($1, $2, NULL, $3, $4, $5, $6)`,
        [destination, newAccount.name, newAccount.routing_number, newAccount.last_four, newAccount.type, resource.created_at],
      );
    }
    const s = ledger.creditSchedule(resource.created_at);
    await tx.query(
      `INSERT INTO credits (id, version, bank_account_id, status, resource, created_at, submitted_at, available_at,
                            failure_deadline, updated_at)
       VALUES ($1, $2, $3, 'pending', $4::text::jsonb, $5, $6, $7, $8, $5)`,
      [resource.id, version, destination, json(resource), resource.created_at, s.submitted_at, s.available_at, s.failure_deadline],
    );
    await appendEvents(tx, resource.id, 0, [
      { type: "credit.created", status: "pending", source: "api", occurred_at: resource.created_at },
    ]);
    const body = respond(resource);
    if (idempotency) {
      await tx.query(
        "INSERT INTO credit_idempotency_keys (key, fingerprint, status, response) VALUES ($1, $2, 201, $3::text::jsonb)",
        [idempotency.key, idempotency.fingerprint, json(body)],
      );
    }
    return { status: 201, body, replayed: false };
  });
}

async function appendEvents(tx, id, from, events) {
  for (const [i, e] of events.entries()) {
    await tx.query(
      "INSERT INTO credit_events (credit_id, position, type, status, source, occurred_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [id, from + i, e.type, e.status, e.source, e.occurred_at],
    );
  }
}

export async function getCredit(db, id) {
  const { rows } = await db.query("SELECT id, version, status, resource FROM credits WHERE id = $1", [id]);
  if (rows.length === 0) throw notFound(id);
  return rows[0];
}

/**
 * Changes a credit in one transaction: `change(row)` gets the locked row and answers
 * `{ resource, status, updated_at, events }` (or null: nothing to do).
 */
export async function changeCredit(db, id, change) {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query("SELECT id, version, status, resource FROM credits WHERE id = $1 FOR UPDATE", [id]);
    if (rows.length === 0) throw notFound(id);
    const out = change(rows[0]);
    if (!out) return rows[0].resource;
    await tx.query("UPDATE credits SET resource = $2::text::jsonb, status = $3, updated_at = $4 WHERE id = $1", [
      id,
      json(out.resource),
      out.status,
      out.updated_at,
    ]);
    const { rows: n } = await tx.query("SELECT count(*)::int AS n FROM credit_events WHERE credit_id = $1", [id]);
    await appendEvents(tx, id, n[0].n, out.events);
    return out.resource;
  });
}

/**
 * A page of credits of `version` (of one bank account, when given) and how many there are:
 * `filter` { sql, params } over this table's columns (its parameters written `$?`, numbered here),
 * `order` SQL (default newest first).
 */
export async function listCredits(db, { version, bankAccountId = null, limit, offset, filter = { sql: "", params: [] }, order = "created_at DESC, id DESC" }) {
  const base = bankAccountId === null ? "version = $1" : "version = $1 AND bank_account_id = $2";
  const own = bankAccountId === null ? [version] : [version, bankAccountId];
  const params = [...own, ...filter.params];
  let n = own.length;
  const where = filter.sql ? `${base} AND ${filter.sql.replace(/\$\?/g, () => `$${++n}`)}` : base;
  const total = await db.query(`SELECT count(*)::int AS n FROM credits WHERE ${where}`, params);
  const page = await db.query(
    `SELECT resource FROM credits WHERE ${where} ORDER BY ${order}
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { items: page.rows.map((r) => r.resource), total: total.rows[0].n };
}

export async function eventsOf(db, id) {
  const { rows } = await db.query(
    "SELECT type, status, source, occurred_at FROM credit_events WHERE credit_id = $1 ORDER BY position",
    [id],
  );
  return rows.map((r) => ({ ...r, occurred_at: iso(r.occurred_at) }));
}

/**
 * The job: every credit still pending whose available_at is at or before `now` moves to its
 * version's expected status (succeeded; v1 cleared) at its available_at, each in its own
 * transaction (locked, so a bank's report or another server's job in between is seen and
 * nothing moves twice). Pages by (available_at, id), so a credit the package refuses to move is
 * passed over, not retried forever. → how many moved.
 */
export async function moveDueCredits(db, now, { batch = 100 } = {}) {
  let moved = 0;
  let after = { at: "-infinity", id: "" };
  for (;;) {
    const { rows } = await db.query(
      `SELECT id, available_at FROM credits
       WHERE status = 'pending' AND available_at <= $1 AND (available_at, id) > ($2::timestamptz, $3)
       ORDER BY available_at, id LIMIT $4`,
      [iso(now), after.at, after.id, batch],
    );
    for (const { id } of rows) {
      let changed = false;
      await changeCredit(db, id, (row) => {
        if (row.status !== "pending") return null;
        const to = EXPECTED[row.version];
        const at = iso(ledger.creditSchedule(row.resource.created_at).available_at);
        const resource = ledger.transitionCredit(row.resource, to, { at, version: row.version });
        changed = true;
        return { resource, status: to, updated_at: at, events: [{ type: `credit.${to}`, status: to, source: "schedule", occurred_at: at }] };
      });
      if (changed) moved += 1;
    }
    if (rows.length < batch) return moved;
    const last = rows[rows.length - 1];
    after = { at: iso(last.available_at), id: last.id };
  }
}
