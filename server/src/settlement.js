// Settling balances: one customer in one transaction (lock, preview, authorise the previewed
// amount, settle with that outcome, write, append), and settle-all as a stream of such
// transactions in batches. A customer settled is one with an empty balance, so a settle-all that
// died half way and runs again finds only those it had not settled: each is settled exactly once.
import * as ledger from "./ledger.js";
import { HttpError } from "./errors.js";
import { customersToSettle, mutate, statesToSettle } from "./store.js";
import { domain } from "./metrics.js";

/** What happened to one customer: { id, outcome: "success" | "failure" | "nothing", amount, order }. */
export async function settleOne(ctx, id) {
  const out = await mutate(ctx.db, id, null, async (row) => {
    const now = new Date().toISOString();
    const p = ledger.preview(row.state, { now });
    if (!p.order) return { status: 200, body: { id, outcome: "nothing", amount: p.amount, order: null } };
    // The settlement with a successful payment, computed (pure) before anyone is charged: it must
    // charge what the preview showed (same code path, same input; a difference would be a bug in
    // the package, and is refused before the authoriser is asked).
    const ok = ledger.settle(row.state, "success", { now });
    if (ok.order?.amount !== p.amount) {
      throw new HttpError(500, "internal_error", `settlement ${ok.order?.amount} differs from its preview ${p.amount}`);
    }
    // The processor dedups on this key: a crash after authorising and before commit is not charged twice.
    const outcome = await ctx.authorise({
      customer: row.state,
      order: p.order,
      amount: p.amount,
      currency: p.currency,
      idempotencyKey: `settle:${id}:${row.version}`,
    });
    if (outcome !== "success" && outcome !== "failure") {
      throw new HttpError(500, "internal_error", `the authoriser answered ${JSON.stringify(outcome)}`);
    }
    const r = outcome === "success" ? ok : ledger.settle(row.state, "failure", { now });
    return {
      status: 200,
      body: { id, outcome, amount: p.amount, order: r.order },
      state: r.customer,
      entries: r.entries,
    };
  });
  if (out.body.outcome !== "nothing") domain.settlements.inc({ outcome: out.body.outcome });
  return out.body;
}

/** The seed's answer `{ updated, errors }`, with `declined` and each customer's detail. */
export function tally(results) {
  const count = (f) => results.filter(f).length;
  return {
    updated: count((r) => r.outcome === "success"),
    errors: count((r) => r.error),
    declined: count((r) => r.outcome === "failure"),
    results,
  };
}

// A refusal is told as it is; anything else (a database error) only as internal_error: its detail
// goes to the log, not to the caller.
const describe = (id, err) =>
  err instanceof HttpError || err instanceof ledger.BalanceLedgerError
    ? { id, error: { code: err.code, message: err.message, issues: err.issues ?? [] } }
    : { id, error: { code: "internal_error", message: "internal error", issues: [] } };

/**
 * Settles every customer with unsettled items, `ctx.settleBatch` ids at a time (keyset order),
 * `ctx.settleConcurrency` transactions at once. A customer that fails is reported and skipped.
 * Stops between customers when the server shuts down (`stopped: true`).
 */
export async function settleAll(ctx, log) {
  domain.settleAllRunning.inc();
  try {
    return await settleEvery(ctx, log);
  } finally {
    domain.settleAllRunning.dec();
  }
}

async function settleEvery(ctx, log) {
  const results = [];
  let after = "";
  let stopped = false;
  for (;;) {
    if (ctx.stopping) {
      stopped = true;
      break;
    }
    const ids = await customersToSettle(ctx.db, after, ctx.settleBatch);
    if (ids.length === 0) break;
    after = ids[ids.length - 1];
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !ctx.stopping) {
        const id = ids[next++];
        // PGlite answers within microtasks: without a turn of the event loop, a long settle-all
        // would hold off every other request, its own logs and a SIGTERM until it ended.
        await new Promise((r) => setImmediate(r));
        try {
          const r = await settleOne(ctx, id);
          if (r.outcome !== "nothing") {
            results.push({ id, outcome: r.outcome, amount: r.amount, order: r.order?.number ?? null });
            // After the commit: what the crash test holds the database to.
            log.debug({ customer: id, outcome: r.outcome }, "settled");
          }
        } catch (err) {
          log.warn({ customer: id, err }, "settle-all: customer not settled");
          domain.settlements.inc({ outcome: "error" });
          results.push(describe(id, err));
        }
      }
    };
    await Promise.all(Array.from({ length: ctx.settleConcurrency }, worker));
    log.info({ settled: results.length, through: after }, "settle-all: batch done");
  }
  return { ...tally(results), ...(stopped ? { stopped: true } : {}) };
}

/** Previews of every customer with unsettled items, batch by batch, through the package. */
export async function previewAll(ctx) {
  const results = [];
  let after = "";
  for (;;) {
    const rows = await statesToSettle(ctx.db, after, ctx.settleBatch);
    if (rows.length === 0) break;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      try {
        const p = ledger.preview(row.state);
        if (p.order) results.push({ id: row.id, currency: p.currency, amount: p.amount });
      } catch (err) {
        results.push(describe(row.id, err));
      }
    }
  }
  return {
    updated: results.filter((r) => !r.error).length,
    errors: results.filter((r) => r.error).length,
    results,
  };
}
