// Bank accounts as Balanced's resources (the merchant's private key), under /v1 (v1, or v1.1 by
// Accept's revision) and at Balanced 1.1's own paths:
//   POST   /bank_accounts       name, routing_number, account_number, account_type (v1: type),
//                               meta, bank_name: checked by the package's own bank account rules;
//                               only the last four digits and a fingerprint of the number are kept
//   GET    /bank_accounts/:id   the account (v1.1: { bank_accounts: [it], links }), number masked
//   GET    /bank_accounts       newest first, paged, filtered and sorted as Balanced's client asks
//   DELETE /bank_accounts/:id   unstored: 204, later reads 404, credits that name it keep it
//   GET    /bank_accounts/:id/verifications, …/debits   always empty (no debit or verification here)
import { createHash, randomBytes } from "node:crypto";
import * as ledger from "../ledger.js";
import { HttpError } from "../errors.js";
import { deleteBankAccount, getBankAccount, insertBankAccount, listBankAccounts } from "../bank-accounts.js";
import { balancedError } from "./errors.js";
import { collectionUri, kinds, readListQuery } from "./query.js";
import { BANK_ACCOUNT_LINKS, bankAccountView, one, page } from "./views.js";
import { RESOURCE_ID, requestedVersion } from "./credits.js";

const TAGS = ["Balanced credits"];
const errors = { "4xx": balancedError, "5xx": balancedError };
const loose = { type: "object", additionalProperties: true };
const params = { type: "object", required: ["id"], properties: { id: { type: "string", pattern: RESOURCE_ID } } };
const listQuery = { type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] } };
const createBody = {
  type: "object",
  additionalProperties: false,
  required: ["name", "routing_number", "account_number"],
  properties: {
    name: { type: "string" },
    routing_number: { type: "string" },
    account_number: { type: "string" },
    account_type: { type: "string" },
    type: { type: "string" },
    bank_name: { type: ["string", "null"], maxLength: 128 },
    meta: { type: "object" },
  },
};
const FIELDS = {
  id: { column: "id", kind: kinds.text, sort: true },
  name: { column: "name", kind: kinds.text, sort: true },
  routing_number: { column: "routing_number", kind: kinds.text },
  account_type: { column: "account_type", kind: kinds.oneOf(["checking", "savings"]) },
  created_at: { column: "created_at", kind: kinds.instant, sort: true },
};

/** An id as Balanced's: BA and 24 letters or digits. */
const newId = () => `BA${randomBytes(18).toString("base64url").replace(/[-_]/g, "0").slice(0, 24)}`;

export function bankAccountRoutes(pathVersion) {
  const fixed = pathVersion === "1.1";
  const tag = fixed ? "" : "V1";
  return async function routes(app) {
    const auth = app.merchantAuth;
    const versionOf = (req) => requestedVersion(req, pathVersion, fixed);
    const oneAccount = (version, a) => one(version, "bank_accounts", BANK_ACCOUNT_LINKS, bankAccountView(version, a));

    app.post(
      "/bank_accounts",
      { onRequest: auth, schema: { operationId: `createBankAccount${tag}`, tags: TAGS, body: createBody, response: { 201: loose, ...errors } } },
      async (req, reply) => {
        const version = versionOf(req);
        const { meta = {}, bank_name = null, account_type, type, ...details } = req.body;
        // The package's rules of a bank account (and of meta), as a credit brings one.
        const checked = ledger.validateCredit({ amount: 1, meta, bank_account: { ...details, type: account_type ?? type ?? "checking" } }, { version });
        if (!checked.ok) {
          const issues = checked.issues.map((i) => ({ ...i, path: i.path.replace(/^\/bank_account(?=\/|$)/, "").replace(/^\/type$/, "/account_type") }));
          throw new HttpError(400, "invalid_input", `invalid bank account: ${issues[0].path}: ${issues[0].message}`, issues);
        }
        const b = checked.credit.bank_account;
        const a = await insertBankAccount(app.db, {
          id: newId(),
          name: b.name,
          bank_name,
          routing_number: b.routing_number,
          last_four: b.last_four,
          account_type: b.type,
          meta: checked.credit.meta ?? {},
          fingerprint: createHash("sha256").update(`${b.routing_number}:${details.account_number}`).digest("hex"),
          created_at: app.clock().toISOString(),
        });
        reply.status(201);
        return oneAccount(version, a);
      },
    );

    app.get(
      "/bank_accounts/:id",
      { onRequest: auth, schema: { operationId: `fetchBankAccount${tag}`, tags: TAGS, params, response: { 200: loose, ...errors } } },
      async (req) => oneAccount(versionOf(req), await getBankAccount(app.db, req.params.id)),
    );

    app.get(
      "/bank_accounts",
      { onRequest: auth, schema: { operationId: `listBankAccounts${tag}`, tags: TAGS, querystring: listQuery, response: { 200: loose, ...errors } } },
      async (req) => {
        const version = versionOf(req);
        const { limit, offset, filter, order } = readListQuery(req.query, FIELDS, "created_at DESC, id DESC");
        const { items, total } = await listBankAccounts(app.db, { filter, order, limit, offset });
        const views = items.map((a) => bankAccountView(version, a));
        return page(version, "bank_accounts", BANK_ACCOUNT_LINKS, views, { uri: collectionUri(req), limit, offset, total });
      },
    );

    app.delete(
      "/bank_accounts/:id",
      { onRequest: auth, schema: { operationId: `deleteBankAccount${tag}`, tags: TAGS, params, response: { 204: { type: "null" }, ...errors } } },
      async (req, reply) => {
        versionOf(req);
        await deleteBankAccount(app.db, req.params.id, app.clock().toISOString());
        reply.status(204);
        return null;
      },
    );

    // Balanced's links name them; this ledger neither debits nor verifies a bank account.
    for (const [kind, op] of [["verifications", "Verifications"], ["debits", "Debits"]]) {
      app.get(
        `/bank_accounts/:id/${kind}`,
        { onRequest: auth, schema: { operationId: `listBankAccount${op}${tag}`, tags: TAGS, params, querystring: listQuery, response: { 200: loose, ...errors } } },
        async (req) => {
          const version = versionOf(req);
          await getBankAccount(app.db, req.params.id);
          const { limit, offset } = readListQuery(req.query, {}, "");
          const key = kind === "verifications" ? "bank_account_verifications" : "debits";
          return page(version, key, {}, [], { uri: req.url.split("?")[0], limit, offset, total: 0 });
        },
      );
    }
  };
}
