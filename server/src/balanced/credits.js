// Balanced's credit endpoints (the merchant's private key), each served twice:
//   under /v1 (v1 resources, or v1.1 with Balanced's own header Accept: application/vnd.api+json;revision=1.1)
//   and at the root (Balanced 1.1's own paths: /credits, /bank_accounts/:id/credits; v1.1 only),
// so every `uri` and `href` the package writes is a path of this server.
//   POST /credits                      a credit (to destination_uri, or to new bank_account details)
//   POST /bank_accounts/:id/credits    a credit to a bank account this server keeps
//   GET  /credits, /bank_accounts/:id/credits   newest first, ?limit=&offset=, the version's list envelope
//   GET  /credits/:id                  the credit (v1: the resource; v1.1: { credits: [it], links })
//   PUT  /credits/:id                  description, meta; a status a bank reports (the status machine
//                                      and the failure window decide), with its failure reason
//   GET  /credits/:id/events           its timeline: created, each status change, each update
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { changeCredit, eventsOf, findBankAccount, getCredit, insertCredit, listCredits } from "../credits.js";
import { idempotency } from "../request.js";

const RESOURCE_ID = "^[A-Z]{2}[A-Za-z0-9]{16,32}$";
const params = { type: "object", required: ["id"], properties: { id: { type: "string", pattern: RESOURCE_ID } } };
const listQuery = {
  type: "object",
  additionalProperties: false,
  properties: {
    limit: { type: "string", pattern: "^(?:[1-9]\\d?|100)$" },
    offset: { type: "string", pattern: "^\\d{1,15}$" },
  },
};
// The request is the package's to judge (createCredit reads every field); the schema only refuses
// what cannot be one.
const createBody = { type: "object" };
const updateBody = {
  type: "object",
  additionalProperties: false,
  properties: {
    description: { type: ["string", "null"] },
    meta: { type: ["object", "null"] },
    status: { type: "string" },
    state: { type: "string" },
    failure_reason_code: { type: ["string", "null"] },
    failure_reason: { type: ["string", "null"] },
  },
};

const REVISION = /;\s*revision\s*=\s*"?([^";,\s]*)"?/i;

/** The version a request asks for: Accept's revision, else the path's (`fixed` at the root, "1" under /v1). */
export function requestedVersion(req, pathVersion, fixed) {
  const accept = req.headers.accept;
  const m = typeof accept === "string" ? REVISION.exec(accept) : null;
  if (!m) return pathVersion;
  const asked = m[1];
  if (asked !== "1" && asked !== "1.1") {
    throw new HttpError(406, "not_acceptable", `revision ${JSON.stringify(asked.slice(0, 16))} is not served: "1" or "1.1"`);
  }
  if (fixed && asked !== pathVersion) {
    throw new HttpError(406, "not_acceptable", `${req.url.split("?")[0]} serves revision ${pathVersion}; use /v1 for revision ${asked}`);
  }
  return asked;
}

const EXT = "balance_ledger.";
const ownMeta = (meta) => Object.fromEntries(Object.entries(meta ?? {}).filter(([k]) => k.startsWith(EXT)));

/** The answer of one credit: v1 the resource, v1.1 Balanced's envelope `{ credits: [it], links }`. */
function one(version, resource) {
  if (version === "1") return resource;
  const { links } = ledger.listPage([resource], { uri: "/credits", version: "1.1" });
  return { credits: [resource], links };
}

/** The plugin of one path root: `prefix` "/v1" (version "1" unless Accept says) or "" (v1.1 only). */
export function creditRoutes(pathVersion) {
  const fixed = pathVersion === "1.1";
  return async function routes(app) {
    const auth = async (req) => {
      await app.auth(req);
      if (req.caller.kind !== "private") throw new HttpError(403, "forbidden", "credits need the merchant's private key");
    };
    const versionOf = (req) => requestedVersion(req, pathVersion, fixed);
    const mine = (version, row) => {
      if (row.version !== version) {
        throw new HttpError(406, "not_acceptable", `credit "${row.id}" is a v${row.version} credit; ask for revision ${row.version}`);
      }
      return row;
    };

    async function create(req, reply, nestedAccount) {
      const version = versionOf(req);
      const body = req.body;
      const now = app.clock().toISOString();
      // The destination: the nested endpoint's account, or the one destination_uri names, kept here.
      let stored = null;
      const uri = typeof body.destination_uri === "string" ? body.destination_uri : null;
      const named = nestedAccount ?? (uri ? uri.split("/").pop() : null);
      if (named !== null) {
        stored = await findBankAccount(app.db, named);
        if (!stored) throw new HttpError(404, "not_found", `no bank account "${named.slice(0, 64)}"`);
      }
      // No marketplace: the v1 uris are this server's paths (/v1/credits/{id}).
      const resource = ledger.createCredit(body, { version, now, ...(stored ? { destination: stored } : {}) });
      const destination = version === "1" ? resource.destination.id : resource.links.destination;
      // New details: the account is kept (its last four digits only), so later credits can name it.
      const newAccount = stored ? null : ledger.validateCredit(body, { version }).credit.bank_account;
      const out = await insertCredit(app.db, {
        version,
        resource,
        destination,
        newAccount,
        idempotency: idempotency(req, `credits ${version}`),
        respond: (r) => one(version, r),
      });
      if (out.replayed) reply.header("idempotent-replayed", "true");
      reply.status(out.status);
      return out.body;
    }

    app.post("/credits", { onRequest: auth, schema: { body: createBody } }, (req, reply) => create(req, reply, null));
    app.post("/bank_accounts/:id/credits", { onRequest: auth, schema: { params, body: createBody } }, (req, reply) =>
      create(req, reply, req.params.id),
    );

    async function list(req, bankAccountId) {
      const version = versionOf(req);
      if (bankAccountId !== null && !(await findBankAccount(app.db, bankAccountId))) {
        throw new HttpError(404, "not_found", `no bank account "${bankAccountId}"`);
      }
      const limit = Number(req.query.limit ?? 10);
      const offset = Number(req.query.offset ?? 0);
      const { items, total } = await listCredits(app.db, { version, bankAccountId, limit, offset });
      return ledger.listPage(items, { uri: req.url.split("?")[0], limit, offset, total, version });
    }
    app.get("/credits", { onRequest: auth, schema: { querystring: listQuery } }, (req) => list(req, null));
    app.get("/bank_accounts/:id/credits", { onRequest: auth, schema: { params, querystring: listQuery } }, (req) =>
      list(req, req.params.id),
    );

    app.get("/credits/:id", { onRequest: auth, schema: { params } }, async (req) => {
      const version = versionOf(req);
      return one(version, mine(version, await getCredit(app.db, req.params.id)).resource);
    });

    app.get("/credits/:id/events", { onRequest: auth, schema: { params } }, async (req) => {
      const version = versionOf(req);
      mine(version, await getCredit(app.db, req.params.id));
      return { events: await eventsOf(app.db, req.params.id) };
    });

    app.put("/credits/:id", { onRequest: auth, schema: { params, body: updateBody } }, async (req) => {
      const version = versionOf(req);
      const body = req.body;
      const field = version === "1" ? "state" : "status";
      const other = version === "1" ? "status" : "state";
      if (body[other] !== undefined) {
        throw new HttpError(400, "invalid_input", `a v${version} credit has a ${field}, not a ${other}`, [
          { path: `/${other}`, code: "unknown_field", message: `a v${version} credit has a ${field}` },
        ]);
      }
      // description and meta by the package's own rules (validateCredit's), this ledger's meta keys refused.
      const edits = {};
      if (body.description !== undefined) edits.description = body.description;
      if (body.meta !== undefined) edits.meta = body.meta;
      const reserved = Object.keys(body.meta ?? {}).filter((k) => k.startsWith(EXT));
      if (reserved.length > 0) {
        throw new HttpError(400, "invalid_input", `meta keys beginning "${EXT}" are this ledger's own`, reserved.map((k) => ({
          path: `/meta/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`, code: "conflicting_fields", message: `meta keys beginning "${EXT}" are this ledger's own`,
        })));
      }
      const checked = ledger.validateCredit({ amount: 1, ...edits }, { version });
      if (!checked.ok) {
        const issues = checked.issues;
        throw new HttpError(400, "invalid_input", `invalid input: ${issues[0].path}: ${issues[0].message}`, issues);
      }
      const now = app.clock().toISOString();
      const resource = await changeCredit(app.db, req.params.id, (row) => {
        mine(version, row);
        let r = row.resource;
        let status = row.status;
        const events = [];
        if (body[field] !== undefined && body[field] !== row.status) {
          // A bank's report, now: the package's status machine and failure window decide.
          const reasons = {};
          if (body.failure_reason_code != null) reasons.failure_reason_code = body.failure_reason_code;
          if (body.failure_reason != null) reasons.failure_reason = body.failure_reason;
          r = ledger.transitionCredit(r, body[field], { at: now, version, ...reasons });
          status = body[field];
          events.push({ type: `credit.${status}`, status, source: "bank", occurred_at: now });
        } else if (body.failure_reason_code != null || body.failure_reason != null) {
          // The same report again is no change; a reason without a move is refused.
          const kept = (k) => (version === "1.1" ? r[k] : r.meta[`${EXT}${k}`]) ?? null;
          const same = ["failure_reason_code", "failure_reason"].every((k) => body[k] == null || body[k] === kept(k));
          if (!same || body[field] === undefined) {
            throw new HttpError(400, "invalid_input", `a failure reason comes with a move of the ${field}`, [
              { path: "/failure_reason_code", code: "conflicting_fields", message: "a failure reason comes with a status change" },
            ]);
          }
        }
        if (Object.keys(edits).length > 0) {
          r = { ...r };
          if ("description" in edits) r.description = checked.credit.description;
          // The caller's meta replaces the caller's keys; this ledger's own (the schedule) stay.
          if ("meta" in edits) r.meta = { ...checked.credit.meta, ...ownMeta(r.meta) };
          // Where the version keeps the time of a change (v1.1 updated_at; v1 has no such field).
          if (version === "1.1") r.updated_at = ledger.utcInstant(now);
          else r.meta = { ...r.meta, [`${EXT}updated_at`]: ledger.utcInstant(now) };
          events.push({ type: "credit.updated", status, source: "api", occurred_at: now });
        }
        if (events.length === 0) return null;
        return { resource: r, status, updated_at: now, events };
      });
      return one(version, resource);
    });
  };
}
