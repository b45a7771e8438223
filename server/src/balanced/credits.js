// Balanced's credit endpoints (the merchant's private key), each served twice:
//   under /v1 (v1 resources, or v1.1 with Balanced's own header Accept: application/vnd.api+json;revision=1.1)
//   and at the root (Balanced 1.1's own paths: /credits, /bank_accounts/:id/credits; v1.1 only),
// so every `uri` and `href` the package writes is a path of this server.
//   POST /credits                      a credit (to destination_uri, or to new bank_account details)
//   POST /bank_accounts/:id/credits    a credit to a bank account this server keeps
//   GET  /credits, /bank_accounts/:id/credits   newest first, ?limit=&offset=, the filters and sorts of
//                                      Balanced's client (query.js), the version's list envelope
//   GET  /credits/:id                  the credit (v1: the resource; v1.1: { credits: [it], links })
//   PUT  /credits/:id                  description, meta; a status a bank reports (the status machine
//                                      and the failure window decide), with its failure reason; the
//                                      whole resource may come back (its read-only fields ignored)
//   GET  /credits/:id/events[/:event]  its timeline: created, each status change, each update
//   GET  /credits/:id/reversals, …/settlements   always empty here (no reversal or settlement is kept)
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { changeCredit, eventsOf, findBankAccount, getCredit, insertCredit, listCredits } from "../credits.js";
import { idempotency } from "../request.js";
import { balancedError } from "./errors.js";
import { collectionUri, kinds, readListQuery } from "./query.js";
import { CREDIT_LINKS, EXT, creditView, eventView, one, ownMeta, page, userMeta } from "./views.js";

/** An object with its keys in order (two metas compared whatever order their keys came in). */
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const TAGS = ["Balanced credits"];
const errors = { "4xx": balancedError, "5xx": balancedError };
const loose = { type: "object", additionalProperties: true };
// A v1.1 answer's envelope (v1: the resource or the v1 list, also objects): the resources are
// checked against Balanced's schemas by the tests; here only their envelope.
const answer = { 200: loose, ...errors };

export const RESOURCE_ID = "^[A-Z]{2}[A-Za-z0-9]{16,32}$";
const params = { type: "object", required: ["id"], properties: { id: { type: "string", pattern: RESOURCE_ID } } };
const eventParams = {
  type: "object",
  required: ["id", "event"],
  properties: { id: { type: "string", pattern: RESOURCE_ID }, event: { type: "string", pattern: "^EV[0-9a-f]{24}$" } },
};
// Filters and sorts are read by query.js (their keys are `field[op]`); each value a string.
const listQuery = { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } };
// The request is the package's to judge (createCredit reads every field); the schema only refuses
// what cannot be one.
const createBody = { type: "object" };
// What a PUT may change; the rest of a resource sent back whole is read-only and ignored (READ_ONLY
// and every `*_href` the client's links became); any other field is refused.
const updateBody = {
  type: "object",
  properties: {
    description: { type: ["string", "null"] },
    meta: { type: ["object", "null"] },
    status: { type: "string" },
    state: { type: "string" },
    failure_reason_code: { type: ["string", "null"] },
    failure_reason: { type: ["string", "null"] },
  },
};
const READ_ONLY = new Set([
  "id", "href", "uri", "created_at", "updated_at", "amount", "currency", "fee", "appears_on_statement_as", "transaction_number",
  "available_at", "links", "destination", "customer", "order", "settlement", "events", "reversals", "settlements", "account",
]);
const WRITABLE = new Set(Object.keys(updateBody.properties));

/** Filterable and sortable fields of a credit list (v1 names its status `state`). */
function creditFields(version) {
  const status = kinds.oneOf(version === "1" ? ["pending", "cleared", "rejected"] : ["pending", "succeeded", "failed"]);
  return {
    id: { column: "id", kind: kinds.text, sort: true },
    [version === "1" ? "state" : "status"]: { column: "status", kind: status, sort: true },
    amount: { column: "(resource->>'amount')::bigint", kind: kinds.integer, sort: true },
    created_at: { column: "created_at", kind: kinds.instant, sort: true },
    updated_at: { column: "updated_at", kind: kinds.instant, sort: true },
  };
}

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

/** The answer of one credit: v1 the resource, v1.1 Balanced's envelope `{ credits: [it], links }`. */
const oneCredit = (version, resource) => one(version, "credits", CREDIT_LINKS, creditView(version, resource));

/** The plugin of one path root: `prefix` "/v1" (version "1" unless Accept says) or "" (v1.1 only). */
export function creditRoutes(pathVersion) {
  const fixed = pathVersion === "1.1";
  // operationIds are one per route: the /v1 copy is named so.
  const tag = fixed ? "" : "V1";
  return async function routes(app) {
    const auth = app.merchantAuth;
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
        respond: (r) => oneCredit(version, r),
      });
      if (out.replayed) reply.header("idempotent-replayed", "true");
      reply.status(out.status);
      return out.body;
    }

    const created = { 201: loose, ...errors };
    app.post("/credits", { onRequest: auth, schema: { operationId: `createCredit${tag}`, tags: TAGS, body: createBody, response: created } }, (req, reply) =>
      create(req, reply, null),
    );
    app.post(
      "/bank_accounts/:id/credits",
      { onRequest: auth, schema: { operationId: `creditBankAccount${tag}`, tags: TAGS, params, body: createBody, response: created } },
      (req, reply) => create(req, reply, req.params.id),
    );

    async function list(req, bankAccountId) {
      const version = versionOf(req);
      if (bankAccountId !== null && !(await findBankAccount(app.db, bankAccountId))) {
        throw new HttpError(404, "not_found", `no bank account "${bankAccountId}"`);
      }
      const { limit, offset, filter, order } = readListQuery(req.query, creditFields(version), "created_at DESC, id DESC");
      const { items, total } = await listCredits(app.db, { version, bankAccountId, limit, offset, filter, order });
      const views = items.map((r) => creditView(version, r));
      return page(version, "credits", CREDIT_LINKS, views, { uri: collectionUri(req), limit, offset, total });
    }
    app.get("/credits", { onRequest: auth, schema: { operationId: `listCredits${tag}`, tags: TAGS, querystring: listQuery, response: answer } }, (req) =>
      list(req, null),
    );
    app.get(
      "/bank_accounts/:id/credits",
      { onRequest: auth, schema: { operationId: `listBankAccountCredits${tag}`, tags: TAGS, params, querystring: listQuery, response: answer } },
      (req) => list(req, req.params.id),
    );

    app.get("/credits/:id", { onRequest: auth, schema: { operationId: `fetchCredit${tag}`, tags: TAGS, params, response: answer } }, async (req) => {
      const version = versionOf(req);
      return oneCredit(version, mine(version, await getCredit(app.db, req.params.id)).resource);
    });

    async function timeline(req) {
      const version = versionOf(req);
      const credit = mine(version, await getCredit(app.db, req.params.id)).resource;
      return { version, events: (await eventsOf(app.db, req.params.id)).map((e, i) => eventView(version, credit, e, i)) };
    }
    app.get(
      "/credits/:id/events",
      { onRequest: auth, schema: { operationId: `listCreditEvents${tag}`, tags: TAGS, params, querystring: listQuery, response: answer } },
      async (req) => {
        const { version, events } = await timeline(req);
        // A credit's few events, paged here: limit and offset only.
        const { limit, offset } = readListQuery(req.query, {}, "");
        return page(version, "events", {}, events.slice(offset, offset + limit), { uri: collectionUri(req), limit, offset, total: events.length });
      },
    );
    app.get(
      "/credits/:id/events/:event",
      { onRequest: auth, schema: { operationId: `fetchCreditEvent${tag}`, tags: TAGS, params: eventParams, response: answer } },
      async (req) => {
        const { version, events } = await timeline(req);
        const e = events.find((x) => x.id === req.params.event);
        if (!e) throw new HttpError(404, "not_found", `no event "${req.params.event}" of credit "${req.params.id}"`);
        return one(version, "events", {}, e);
      },
    );
    // Balanced's links name them; this ledger keeps no reversal or settlement of a credit.
    for (const [kind, op] of [["reversals", "Reversals"], ["settlements", "Settlements"]]) {
      app.get(
        `/credits/:id/${kind}`,
        { onRequest: auth, schema: { operationId: `listCredit${op}${tag}`, tags: TAGS, params, querystring: listQuery, response: answer } },
        async (req) => {
          const version = versionOf(req);
          mine(version, await getCredit(app.db, req.params.id));
          const { limit, offset } = readListQuery(req.query, {}, "");
          return page(version, kind, {}, [], { uri: collectionUri(req), limit, offset, total: 0 });
        },
      );
    }

    app.put("/credits/:id", { onRequest: auth, schema: { operationId: `updateCredit${tag}`, tags: TAGS, params, body: updateBody, response: answer } }, async (req) => {
      const version = versionOf(req);
      const unknown = Object.keys(req.body).filter((k) => !WRITABLE.has(k) && !READ_ONLY.has(k) && !k.endsWith("_href"));
      if (unknown.length > 0) {
        throw new HttpError(400, "invalid_input", `${unknown.map((k) => JSON.stringify(k.slice(0, 64))).join(", ")}: not a field of a credit`, unknown.map((k) => ({
          path: `/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`, code: "unknown_field", message: `${k.slice(0, 64)} is not a field of a credit`,
        })));
      }
      // The writable fields only: a resource sent back whole keeps its read-only ones as they are.
      const body = Object.fromEntries(Object.entries(req.body).filter(([k]) => WRITABLE.has(k)));
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
        // A field sent back as it stands is no edit (Balanced's client's save() sends them all).
        const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
        const describe = "description" in edits && !same(checked.credit.description, r.description);
        const remeta = "meta" in edits && !same(sorted(checked.credit.meta ?? {}), sorted(userMeta(r.meta)));
        if (describe || remeta) {
          r = { ...r };
          if (describe) r.description = checked.credit.description;
          // The caller's meta replaces the caller's keys; this ledger's own (the schedule) stay.
          if (remeta) r.meta = { ...checked.credit.meta, ...ownMeta(r.meta) };
          // Where the version keeps the time of a change (v1.1 updated_at; v1 has no such field).
          if (version === "1.1") r.updated_at = ledger.utcInstant(now);
          else r.meta = { ...r.meta, [`${EXT}updated_at`]: ledger.utcInstant(now) };
          events.push({ type: "credit.updated", status, source: "api", occurred_at: now });
        }
        if (events.length === 0) return null;
        return { resource: r, status, updated_at: now, events };
      });
      return oneCredit(version, resource);
    });
  };
}
