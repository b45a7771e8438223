// The database side of bank accounts as resources: created on their own (POST /bank_accounts) or
// by a credit that brought new details (credits.js), read, listed a page at a time with the
// filters a list query asks for (`where`, `order`: SQL written by the caller from a closed set of
// columns, values as parameters), and deleted (kept, marked: credits still name it).
import { HttpError } from "./errors.js";

const iso = (t) => (t === null ? null : new Date(t).toISOString());
const COLUMNS = "id, name, bank_name, routing_number, last_four, account_type, meta, fingerprint, created_at, updated_at";

/** A row as the routes read it (instants as ISO text). */
function row(r) {
  return { ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at ?? r.created_at) };
}

/** Stores a new bank account: { id, name, bank_name, routing_number, last_four, account_type, meta, fingerprint, created_at }. */
export async function insertBankAccount(db, a) {
  await db.query(
    `INSERT INTO bank_accounts (id, name, bank_name, routing_number, last_four, account_type, meta, fingerprint, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $9)`,
    [a.id, a.name, a.bank_name, a.routing_number, a.last_four, a.account_type, JSON.stringify(a.meta), a.fingerprint, a.created_at],
  );
  return getBankAccount(db, a.id);
}

/** The bank account, or a 404 (also for a deleted one). */
export async function getBankAccount(db, id) {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM bank_accounts WHERE id = $1 AND deleted_at IS NULL`, [id]);
  if (rows.length === 0) throw new HttpError(404, "not_found", `no bank account "${id.slice(0, 64)}"`);
  return row(rows[0]);
}

/** A page of bank accounts: `filter` { sql, params } over this table's columns (parameters `$?`), `order` SQL. */
export async function listBankAccounts(db, { filter, order, limit, offset }) {
  let k = 0;
  const where = `deleted_at IS NULL${filter.sql ? ` AND ${filter.sql.replace(/\$\?/g, () => `$${++k}`)}` : ""}`;
  const n = filter.params.length;
  const total = await db.query(`SELECT count(*)::int AS n FROM bank_accounts WHERE ${where}`, filter.params);
  const page = await db.query(
    `SELECT ${COLUMNS} FROM bank_accounts WHERE ${where} ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...filter.params, limit, offset],
  );
  return { items: page.rows.map(row), total: total.rows[0].n };
}

/** Deletes (unstores) the bank account: later reads answer 404; the credits that name it keep it. */
export async function deleteBankAccount(db, id, now) {
  const { rows } = await db.query("UPDATE bank_accounts SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id", [id, now]);
  if (rows.length === 0) throw new HttpError(404, "not_found", `no bank account "${id.slice(0, 64)}"`);
}
