// The database side of Stripe cash balances. Stripe delivers each transaction at least once and in
// no guaranteed order; a transaction's place in its customer's history is told by its
// ending_balance (it follows the balance of its currency that its ending_balance less its
// net_amount gives) and by its `created`, which never goes back along the history. Every delivery
// is one transaction on the customer's locked row: a known event or transaction changes nothing; a
// new transaction is stored as pending, then every pending transaction is applied, each through the
// package, that follows the stored balance, was created no earlier than the last one applied, and
// has no pending one created before it (in any currency) still waiting: the earliest `created`
// first, until none is left. So nothing is applied twice, none out of its order, and a transaction
// whose predecessor is missing waits, stored, until it arrives. One that arrives created before a
// transaction already applied (its place was taken by one whose balance happened to fit) is kept
// pending, marked `out_of_order`, never applied.
import { HttpError } from "./errors.js";
import * as ledger from "./ledger.js";

const json = (v) => JSON.stringify(v);
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

function bad(path, code, message) {
  return new HttpError(400, "invalid_input", `${path}: ${message}`, [{ path, code, message }]);
}

const safeInteger = (v) => typeof v === "number" && Number.isSafeInteger(v);

/**
 * What places a transaction in its chain: its id, customer (an id, or the expanded customer),
 * currency and the balance it follows. Everything else is the package's to judge when it is applied.
 * Paths are those of the event (`/data/object/…`).
 */
export function placeOf(t) {
  const at = "/data/object";
  if (t === null || typeof t !== "object" || Array.isArray(t) || t.object !== "customer_cash_balance_transaction") {
    throw bad(at, "invalid_type", "a customer_cash_balance_transaction event carries one");
  }
  if (typeof t.id !== "string" || !/^[\x21-\x7e]{1,255}$/.test(t.id)) throw bad(`${at}/id`, "invalid_type", "an id of 1 to 255 printable characters");
  const customer = typeof t.customer === "object" && t.customer !== null ? t.customer.id : t.customer;
  if (typeof customer !== "string" || !ID.test(customer)) {
    throw bad(`${at}/customer`, "invalid_characters", "a customer id of letters, digits and _ . : - (at most 64)");
  }
  if (typeof t.currency !== "string" || !/^[a-zA-Z]{3}$/.test(t.currency)) throw bad(`${at}/currency`, "unknown_currency", "a currency code");
  for (const k of ["net_amount", "ending_balance", "created"]) {
    if (!safeInteger(t[k])) throw bad(`${at}/${k}`, "invalid_type", `${k} is an integer`);
  }
  return {
    id: t.id,
    customer,
    currency: t.currency.toLowerCase(),
    follows: t.ending_balance - t.net_amount,
    created: t.created,
  };
}


/** Locks the customer's cash balance row, making it (an empty balance) if it has none. */
async function lock(tx, customer) {
  await tx.query(
    "INSERT INTO cash_balances (customer_id, state) VALUES ($1, $2::text::jsonb) ON CONFLICT (customer_id) DO NOTHING",
    [customer, json({ customer })],
  );
  const { rows } = await tx.query("SELECT state, applied, last_created FROM cash_balances WHERE customer_id = $1 FOR UPDATE", [
    customer,
  ]);
  const row = rows[0];
  // bigint comes back as a string from pg.
  return { ...row, last_created: row.last_created === null ? null : Number(row.last_created) };
}

async function known(tx, customer, id) {
  const { rows } = await tx.query(
    `SELECT 'applied' AS where FROM cash_transactions WHERE customer_id = $1 AND id = $2
     UNION ALL SELECT 'pending' FROM cash_pending WHERE customer_id = $1 AND id = $2
     UNION ALL SELECT 'discarded' FROM cash_discarded WHERE customer_id = $1 AND id = $2`,
    [customer, id],
  );
  return rows[0]?.where ?? null;
}

async function hold(tx, place, t) {
  await tx.query(
    `INSERT INTO cash_pending (customer_id, id, currency, follows, created, transaction)
     VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)`,
    [place.customer, place.id, place.currency, place.follows, place.created, json(t)],
  );
}

/**
 * Applies every pending transaction of the customer that may come next (see the top of the file),
 * earliest `created` first (then the order received), until none may; writes the state and the
 * log, and marks the pending ones created before the last applied as `out_of_order`.
 * Each step asks the database for the next one that fits (one indexed query), so a customer with
 * many held transactions costs a query per transaction applied, not a read of them all.
 * → { applied: [transaction ids], held: number, refused: [{ id, error }] }.
 */
async function drain(tx, customer, row) {
  let state = row.state;
  let lastCreated = row.last_created;
  const log = [];
  const done = [];
  const refused = new Map();
  for (;;) {
    const { rows } = await tx.query(
      `SELECT p.id, p.transaction FROM cash_pending p
       WHERE p.customer_id = $1 AND p.follows = COALESCE(($2::text::jsonb ->> p.currency)::bigint, 0)
         AND NOT (p.id = ANY($3::text[]))
         AND ($4::bigint IS NULL OR p.created >= $4::bigint)
         AND NOT EXISTS (
           SELECT 1 FROM cash_pending e
           WHERE e.customer_id = $1 AND e.created < p.created
             AND ($4::bigint IS NULL OR e.created >= $4::bigint)
             AND NOT (e.id = ANY($5::text[])))
       ORDER BY p.created, p.received_at, p.id LIMIT 1`,
      [customer, json(state.available ?? {}), [...done, ...refused.keys()], lastCreated, done],
    );
    const next = rows[0];
    if (!next) break;
    try {
      const r = ledger.applyCash(state, next.transaction);
      state = r.state;
      for (const t of [r.transaction, ...r.applied]) {
        log.push(t);
        if (lastCreated === null || t.created > lastCreated) lastCreated = t.created;
      }
      done.push(next.id);
    } catch (err) {
      if (!(err instanceof ledger.BalanceLedgerError)) throw err;
      refused.set(next.id, { code: err.code, message: err.message, issues: err.issues });
    }
  }
  if (log.length > 0) {
    const entries = log.map((t, i) => ({ seq: row.applied + i + 1, id: t.id, transaction: t }));
    await tx.query(
      `INSERT INTO cash_transactions (customer_id, seq, id, transaction)
       SELECT $1, e.seq, e.id, e.transaction FROM jsonb_to_recordset($2::text::jsonb) AS e (seq integer, id text, transaction jsonb)`,
      [customer, json(entries)],
    );
    await tx.query("DELETE FROM cash_pending WHERE customer_id = $1 AND id = ANY($2::text[])", [customer, done]);
    await tx.query(
      "UPDATE cash_balances SET state = $2::text::jsonb, applied = $3, last_created = $4, updated_at = now() WHERE customer_id = $1",
      [customer, json(state), row.applied + log.length, lastCreated],
    );
  }
  for (const [id, error] of refused) {
    await tx.query("UPDATE cash_pending SET refusal = $3::text::jsonb WHERE customer_id = $1 AND id = $2", [customer, id, json(error)]);
  }
  if (lastCreated !== null) {
    // Applying one of these now would put it after a transaction created later: it stays, marked.
    const late = await tx.query(
      `UPDATE cash_pending SET refusal = jsonb_build_object('code', 'out_of_order', 'message',
         'created at ' || created || ', before the last transaction applied (created at ' || $2::bigint ||
         '): a later transaction whose balance happened to fit took its place; it is kept, never applied')
       WHERE customer_id = $1 AND created < $2::bigint AND (refusal IS NULL OR refusal ->> 'code' <> 'out_of_order')
       RETURNING id, refusal`,
      [customer, lastCreated],
    );
    for (const { id, refusal } of late.rows) refused.set(id, refusal);
  }
  return { applied: done, held: await heldCount(tx, customer), refused: [...refused].map(([id, error]) => ({ id, error })) };
}

async function heldCount(tx, customer) {
  const { rows } = await tx.query("SELECT count(*)::int AS n FROM cash_pending WHERE customer_id = $1", [customer]);
  return rows[0].n;
}

/**
 * One verified event. A `customer_cash_balance_transaction.created` is stored and applied as its
 * order allows (with `predecessors`, the transactions just before it as the source lists them,
 * stored too when not yet known); any other type is recorded and left alone. → { outcome, customer?, applied, held,
 * refused }: outcome "applied" (it and any it unblocked), "held" (stored, waiting for an earlier
 * one), "duplicate_event", "duplicate_transaction" or "ignored".
 */
export async function receiveEvent(db, event, predecessors = []) {
  const none = { applied: [], held: 0, refused: [] };
  if (event.type !== "customer_cash_balance_transaction.created") {
    await db.query("INSERT INTO stripe_events (id, type, outcome) VALUES ($1, $2, 'ignored') ON CONFLICT (id) DO NOTHING", [
      event.id,
      event.type,
    ]);
    return { outcome: "ignored", ...none };
  }
  const t = event.data?.object;
  const place = placeOf(t);
  return db.transaction(async (tx) => {
    const row = await lock(tx, place.customer);
    // Under the customer's lock: a redelivery running at the same time waits here and sees it.
    const seen = await tx.query("SELECT 1 FROM stripe_events WHERE id = $1", [event.id]);
    if (seen.rows.length > 0) return { outcome: "duplicate_event", customer: place.customer, ...none };
    const record = (outcome) =>
      tx.query("INSERT INTO stripe_events (id, type, customer_id, outcome) VALUES ($1, $2, $3, $4)", [
        event.id,
        event.type,
        place.customer,
        outcome,
      ]);
    if (await known(tx, place.customer, place.id)) {
      await record("duplicate_transaction");
      return { outcome: "duplicate_transaction", customer: place.customer, ...none };
    }
    // Its predecessors from the source, when it has one: stored first, so that the chain decides.
    const stored = new Set([place.id]);
    for (const p of predecessors) {
      const before = placeOf(p);
      if (before.customer !== place.customer || stored.has(before.id) || (await known(tx, place.customer, before.id))) continue;
      await hold(tx, before, p);
      stored.add(before.id);
    }
    await hold(tx, place, t);
    const r = await drain(tx, place.customer, row);
    const outcome = r.applied.includes(place.id) ? "applied" : "held";
    await record(outcome);
    return { outcome, customer: place.customer, ...r };
  });
}

/**
 * Transactions fetched from Stripe for a customer with a gap (the pluggable client's answer): the
 * ones not yet known are stored as pending, then applied as their order allows.
 */
export async function receiveFetched(db, customer, transactions) {
  return db.transaction(async (tx) => {
    const row = await lock(tx, customer);
    for (const t of transactions) {
      const place = placeOf(t);
      if (place.customer !== customer) continue;
      if (!(await known(tx, customer, place.id))) await hold(tx, place, t);
    }
    return drain(tx, customer, row);
  });
}

/** Pending transactions of a customer (waiting for an earlier one, or refused when their turn came). */
export async function pendingOf(db, customer) {
  const { rows } = await db.query(
    "SELECT id, transaction, refusal FROM cash_pending WHERE customer_id = $1 ORDER BY created, received_at, id",
    [customer],
  );
  return rows;
}

/**
 * A page of the customer's held transactions in the order they would be applied (earliest
 * `created`, then the order received), after the one named `startingAfter`. Each: { id, currency,
 * created, follows (the balance it waits for), received_at, refusal (null while it only waits for
 * an earlier one), transaction (as Stripe sent it) }. → { data, has_more }.
 */
export async function pendingPage(db, customer, { limit, startingAfter }) {
  if (startingAfter !== undefined) {
    const { rows } = await db.query("SELECT 1 FROM cash_pending WHERE customer_id = $1 AND id = $2", [customer, startingAfter]);
    if (rows.length === 0) {
      throw bad("/querystring/starting_after", "unknown_value", `no held transaction ${JSON.stringify(startingAfter)} of customer ${JSON.stringify(customer)}`);
    }
  }
  // The cursor's place is read in SQL: received_at has microseconds, which a JS Date would lose.
  const { rows } = await db.query(
    `SELECT id, currency, created, follows, received_at, refusal, transaction FROM cash_pending p
     WHERE p.customer_id = $1
       AND ($2::text IS NULL OR (p.created, p.received_at, p.id) >
         (SELECT c.created, c.received_at, c.id FROM cash_pending c WHERE c.customer_id = $1 AND c.id = $2))
     ORDER BY p.created, p.received_at, p.id LIMIT $3`,
    [customer, startingAfter ?? null, limit + 1],
  );
  // bigint comes back as a string from pg; these fit a double (Stripe's amounts and times).
  const data = rows.slice(0, limit).map((r) => ({
    id: r.id,
    currency: r.currency,
    created: Number(r.created),
    follows: Number(r.follows),
    received_at: new Date(r.received_at).toISOString(),
    refusal: r.refusal,
    transaction: r.transaction,
  }));
  return { data, has_more: rows.length > limit };
}

/**
 * Tries the held transactions of a customer that has a cash balance again (after an upgrade of
 * the package that knows a type it refused): everything that may now come next is applied, as on
 * a delivery. → { applied, held, refused }.
 */
export async function retryPending(db, customer) {
  return db.transaction(async (tx) => drain(tx, customer, await lock(tx, customer)));
}

/**
 * Discards one held transaction of a customer that has a cash balance, if it was refused (by the package, or marked `out_of_order`): it
 * moves, as it was, to `cash_discarded`, is never applied, and a redelivery of it is a duplicate.
 * Then whatever it held back is tried again. A transaction that only waits for an earlier one is
 * not discarded (it applies once that one arrives). Discarding one already discarded changes
 * nothing and answers the same (`already: true`).
 * → { outcome: "discarded" | "not_found" | "waiting", already?, applied, held, refused }.
 */
export async function discardPending(db, customer, id) {
  return db.transaction(async (tx) => {
    const row = await lock(tx, customer);
    const { rows } = await tx.query("SELECT refusal FROM cash_pending WHERE customer_id = $1 AND id = $2", [customer, id]);
    if (rows.length === 0) {
      const gone = await tx.query("SELECT 1 FROM cash_discarded WHERE customer_id = $1 AND id = $2", [customer, id]);
      if (gone.rows.length === 0) return { outcome: "not_found" };
      return { outcome: "discarded", already: true, applied: [], held: await heldCount(tx, customer), refused: [] };
    }
    if (rows[0].refusal === null) return { outcome: "waiting" };
    await tx.query(
      `INSERT INTO cash_discarded (customer_id, id, created, transaction, refusal, received_at)
       SELECT customer_id, id, created, transaction, refusal, received_at FROM cash_pending WHERE customer_id = $1 AND id = $2`,
      [customer, id],
    );
    await tx.query("DELETE FROM cash_pending WHERE customer_id = $1 AND id = $2", [customer, id]);
    return { outcome: "discarded", already: false, ...(await drain(tx, customer, row)) };
  });
}

/** The stored cash balance state, or null (none yet; `exists`: whether the ledger knows the customer). */
export async function cashStateOf(db, customer) {
  const { rows } = await db.query(
    `SELECT (SELECT state FROM cash_balances WHERE customer_id = $1) AS state,
            EXISTS (SELECT 1 FROM customers WHERE id = $1) AS exists`,
    [customer],
  );
  return rows[0];
}

/** Sets the settings of a customer's cash balance (`change(state)` gives the new state), in one transaction. */
export async function updateCash(db, customer, change) {
  return db.transaction(async (tx) => {
    const row = await lock(tx, customer);
    const state = change(row.state);
    await tx.query("UPDATE cash_balances SET state = $2::text::jsonb, updated_at = now() WHERE customer_id = $1", [customer, json(state)]);
    return state;
  });
}

/**
 * A page of the customer's transactions, newest first, as Stripe lists them: after the one named
 * `startingAfter` (older ones), or before `endingBefore` (newer ones). → { data, has_more }.
 */
export async function listCash(db, customer, { limit, startingAfter, endingBefore }) {
  const cursor = async (id, name) => {
    const { rows } = await db.query("SELECT seq FROM cash_transactions WHERE customer_id = $1 AND id = $2", [customer, id]);
    if (rows.length === 0) {
      throw bad(`/querystring/${name}`, "unknown_value", `no transaction ${JSON.stringify(id)} of customer ${JSON.stringify(customer)}`);
    }
    return rows[0].seq;
  };
  let rows;
  if (endingBefore !== undefined) {
    const seq = await cursor(endingBefore, "ending_before");
    ({ rows } = await db.query(
      "SELECT transaction FROM cash_transactions WHERE customer_id = $1 AND seq > $2 ORDER BY seq ASC LIMIT $3",
      [customer, seq, limit + 1],
    ));
    const has_more = rows.length > limit;
    return { data: rows.slice(0, limit).reverse().map((r) => r.transaction), has_more };
  }
  const seq = startingAfter !== undefined ? await cursor(startingAfter, "starting_after") : 2 ** 31 - 1;
  ({ rows } = await db.query(
    "SELECT transaction FROM cash_transactions WHERE customer_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3",
    [customer, seq, limit + 1],
  ));
  return { data: rows.slice(0, limit).map((r) => r.transaction), has_more: rows.length > limit };
}

/** One applied transaction of the customer, or null. */
export async function getCash(db, customer, id) {
  const { rows } = await db.query("SELECT transaction FROM cash_transactions WHERE customer_id = $1 AND id = $2", [customer, id]);
  return rows.length === 1 ? rows[0].transaction : null;
}

/** Every transaction of the customer in the order applied (tests and checks fold them). */
export async function allCash(db, customer) {
  const { rows } = await db.query("SELECT transaction FROM cash_transactions WHERE customer_id = $1 ORDER BY seq", [customer]);
  return rows.map((r) => r.transaction);
}
