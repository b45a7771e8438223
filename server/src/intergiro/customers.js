// POST /customer (private key): a customer and, once, its key. GET /customer: the list (private
// key). GET /customer/:id: the customer;
// GET /customer/:id/journal: its entries.
import { randomBytes } from "node:crypto";
import * as ledger from "../ledger.js";
import { HttpError, fromLedgerError } from "../errors.js";
import { hashKey, newCustomerKey } from "../keys.js";
import { getCustomer, insertCustomer, journalOf, listCustomers } from "../store.js";
import { ID_PATTERN, RESERVED_IDS, idParams, mayAct } from "../request.js";
import { COMMON_ERRORS, Customer, intergiroErrors } from "../openapi/components.js";

const createBody = {
  type: "object",
  additionalProperties: false,
  required: ["currency"],
  properties: {
    id: { type: "string", pattern: ID_PATTERN },
    currency: { type: "string", maxLength: 16 },
    limit: {
      anyOf: [
        { $ref: "Money#" },
        { type: "object", properties: { hard: { $ref: "Money#" }, soft: { $ref: "Money#" }, margin: { $ref: "Money#" } } },
      ],
    },
    schedule: { type: "array", maxItems: 32 },
    // The billing name the IVR view reads; kept beside the state, not in it.
    name: { type: "string", maxLength: 256 },
  },
};

// The customer as GET answers it, and its key (shown once).
const { $id: _customer, ...customerShape } = Customer;
const created = {
  ...customerShape,
  required: [...customerShape.required, "key"],
  properties: { ...customerShape.properties, key: { type: "string", description: "The customer's key, shown this once." } },
};
const tags = ["Intergiro balance"];
const security = [{ bearerAuth: [] }];

export async function customerRoutes(app) {
  const createSchema = {
    operationId: "createCustomer",
    summary: "Create a customer (private key)",
    tags,
    security,
    body: createBody,
    response: { 201: created, ...intergiroErrors([...COMMON_ERRORS, 403, 409, 422]) },
  };
  app.post("/customer", { onRequest: app.auth, schema: createSchema }, async (req, reply) => {
    if (req.caller.kind !== "private") throw new HttpError(403, "forbidden", "creating a customer needs the private key");
    const { id = `cus_${randomBytes(12).toString("base64url").replace(/^[-_]/, "x")}`, name, ...rest } = req.body;
    if (RESERVED_IDS.has(id)) {
      throw new HttpError(400, "invalid_input", `"${id}" is a settlement target, not a customer id`, [
        { path: "/id", code: "unknown_value", message: `"${id}" is reserved` },
      ]);
    }
    let state;
    try {
      state = ledger.newCustomer({ id, ...rest });
    } catch (err) {
      if (err instanceof ledger.BalanceLedgerError) throw fromLedgerError(err, { strip: "/customer" });
      throw err;
    }
    const key = newCustomerKey();
    await insertCustomer(app.db, { id, name, state, keyHash: hashKey(key) });
    reply.status(201);
    // The customer as GET answers it, and its key: shown this once, only its hash is kept.
    return { ...state, key };
  });

  // The merchant's customers, by id, a page at a time (keyset: `after` the last id of a page).
  const listQuery = {
    type: "object",
    additionalProperties: false,
    properties: {
      after: { type: "string", pattern: ID_PATTERN },
      limit: { type: "string", pattern: "^(?:[1-9]\\d?|100)$" },
    },
  };
  const listSchema = {
    operationId: "listCustomers",
    summary: "The merchant's customers, a page at a time (private key)",
    tags,
    security,
    querystring: listQuery,
    response: {
      200: {
        type: "object",
        additionalProperties: false,
        required: ["customers", "names", "next"],
        properties: {
          customers: { type: "array", items: { $ref: "Customer#" } },
          names: { description: "The billing names given at creation, by customer id", type: "object", additionalProperties: { type: "string" } },
          next: { type: ["string", "null"] },
        },
      },
      ...intergiroErrors([...COMMON_ERRORS, 403]),
    },
  };
  app.get("/customer", { onRequest: app.auth, schema: listSchema }, async (req) => {
    if (req.caller.kind !== "private") throw new HttpError(403, "forbidden", "listing customers needs the private key");
    const limit = Number(req.query.limit ?? 100);
    const rows = await listCustomers(app.db, req.query.after ?? "", limit);
    // The states stay the package's (a client previews with them as they are); the billing names
    // given at creation come beside them, by id, for a dashboard to show.
    const names = Object.fromEntries(rows.filter((r) => r.name !== null).map((r) => [r.state.id, r.name]));
    return { customers: rows.map((r) => r.state), names, next: rows.length === limit ? rows[rows.length - 1].state.id : null };
  });

  const getSchema = {
    operationId: "getCustomer",
    summary: "A customer",
    tags,
    security,
    params: idParams,
    response: { 200: { $ref: "Customer#" }, ...intergiroErrors([...COMMON_ERRORS, 403, 404]) },
  };
  app.get("/customer/:id", { onRequest: app.auth, schema: getSchema }, async (req) => {
    mayAct(req.caller, req.params.id);
    return (await getCustomer(app.db, req.params.id)).state;
  });

  // The customer's journal, oldest first: every entry the calls created (the dashboard shows it).
  const journalSchema = {
    operationId: "getJournal",
    summary: "A customer's journal, oldest first",
    tags,
    security,
    params: idParams,
    response: {
      200: {
        type: "object",
        additionalProperties: false,
        required: ["entries"],
        properties: { entries: { type: "array", items: { $ref: "LedgerEntry#" } } },
      },
      ...intergiroErrors([...COMMON_ERRORS, 403, 404]),
    },
  };
  app.get("/customer/:id/journal", { onRequest: app.auth, schema: journalSchema }, async (req) => {
    mayAct(req.caller, req.params.id);
    await getCustomer(app.db, req.params.id); // 404 for an unknown customer
    return { entries: await journalOf(app.db, req.params.id) };
  });
}
