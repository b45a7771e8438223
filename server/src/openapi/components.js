// The package's shapes as named JSON schemas (`$id`), added once with app.addSchema and referenced
// by the routes (`{ $ref: "Money#" }`): @fastify/swagger writes them as components, the serializer
// writes responses through them, the contract test checks answers against them. They follow the
// package's TypeScript declarations (CustomerView, ItemView, Order, LedgerEntry, SettlementPreview);
// a field the package adds must be added here, or the serializer drops it (answers.test.js).

const text = { type: "string" };

/** An amount as a caller writes it: a number, or a decimal string the package reads exactly. */
export const Money = {
  $id: "Money",
  description: "An amount: a number, or a decimal string (read exactly, no binary floating point).",
  type: ["number", "string"],
};

/** An amount as the package writes it back: a decimal string in the currency's minor units. */
export const Amount = { $id: "Amount", description: "A decimal string, e.g. \"12.50\".", type: "string" };

/**
 * An item as a caller writes it (ItemInput). Only the types: the package judges the rest (a
 * missing price, an unknown field) and answers with its own issue codes.
 */
export const Item = {
  $id: "Item",
  type: "object",
  properties: {
    number: text,
    name: text,
    price: { $ref: "Money#" },
    quantity: { $ref: "Money#" },
    unit: text,
    vat: { $ref: "Money#" },
    rebate: { $ref: "Money#" },
  },
};

/** A normalised item as the package returns it (ItemView): every amount a decimal string. */
export const ItemView = {
  $id: "ItemView",
  type: "object",
  additionalProperties: false,
  required: ["price", "quantity"],
  properties: {
    number: text,
    name: text,
    price: { $ref: "Amount#" },
    quantity: { $ref: "Amount#" },
    unit: text,
    vat: { $ref: "Amount#" },
    rebate: { $ref: "Amount#" },
  },
};

const LineView = {
  type: "object",
  additionalProperties: false,
  required: ["net", "rebate", "vat", "amount"],
  properties: { net: { $ref: "Amount#" }, rebate: { $ref: "Amount#" }, vat: { $ref: "Amount#" }, amount: { $ref: "Amount#" } },
};

/** An order as the seed writes it, with its items normalised and their lines. */
export const Order = {
  $id: "Order",
  type: "object",
  additionalProperties: false,
  required: ["number", "items", "currency", "customer", "payment", "lines", "amount"],
  properties: {
    number: text,
    items: { type: "array", items: { $ref: "ItemView#" } },
    currency: text,
    customer: text,
    payment: {
      type: "object",
      additionalProperties: false,
      required: ["type", "charge"],
      properties: { type: { type: "string", const: "customer" }, charge: { type: "string", const: "balance" } },
    },
    lines: { type: "array", items: LineView },
    amount: { $ref: "Amount#" },
  },
};

/** One append-only journal record (LedgerEntry). */
export const LedgerEntry = {
  $id: "LedgerEntry",
  type: "object",
  additionalProperties: false,
  required: ["id", "version", "kind", "at", "currency", "amount", "total_after", "unsettled_after", "settlement_due"],
  properties: {
    id: text,
    version: { type: "integer" },
    kind: { type: "string", enum: ["charge", "fund", "fund_failed", "settlement", "settlement_failed"] },
    at: text,
    currency: text,
    amount: { $ref: "Amount#" },
    items: { type: "integer" },
    charged: { type: "array", items: { $ref: "ItemView#" } },
    order: text,
    idempotency_key: text,
    fingerprint: text,
    retries: { type: "array", items: text },
    total_after: { $ref: "Amount#" },
    unsettled_after: { $ref: "Amount#" },
    settlement_due: { type: "boolean" },
  },
};

/** A customer as the package writes it (CustomerView). */
export const Customer = {
  $id: "Customer",
  type: "object",
  additionalProperties: false,
  required: ["id", "currency", "balance", "total", "status", "version", "idempotency_keys"],
  properties: {
    id: text,
    currency: text,
    balance: { type: "array", items: { $ref: "ItemView#" } },
    total: { $ref: "Amount#" },
    status: { type: "string", enum: ["created", "active", "pending", "inactive", "suspended"] },
    limit: {
      type: "object",
      additionalProperties: false,
      properties: { hard: { $ref: "Amount#" }, soft: { $ref: "Amount#" }, margin: { $ref: "Amount#" } },
    },
    schedule: { type: "array", items: { type: "integer", minimum: 0 } },
    version: { type: "integer", minimum: 0 },
    idempotency_keys: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["key", "fingerprint", "at", "versions"],
        properties: {
          key: text,
          fingerprint: { type: ["string", "null"] },
          at: text,
          // The versions of the entries the call created (the entries are in the journal).
          versions: { type: "array", items: { type: "integer" } },
        },
      },
    },
    last_payment: {
      type: "object",
      additionalProperties: false,
      required: ["at", "amount"],
      properties: { at: text, amount: { $ref: "Amount#" } },
    },
  },
};

/** What settling will do (SettlementPreview). */
export const SettlementPreview = {
  $id: "SettlementPreview",
  type: "object",
  additionalProperties: false,
  required: ["customer", "currency", "amount", "order", "after", "entries"],
  properties: {
    customer: { $ref: "Customer#" },
    currency: text,
    amount: { $ref: "Amount#" },
    order: { anyOf: [{ $ref: "Order#" }, { type: "null" }] },
    after: {
      type: "object",
      additionalProperties: false,
      required: ["success", "failure"],
      properties: { success: { $ref: "Customer#" }, failure: { $ref: "Customer#" } },
    },
    entries: {
      type: "object",
      additionalProperties: false,
      required: ["success", "failure"],
      properties: {
        success: { type: "array", items: { $ref: "LedgerEntry#" } },
        failure: { type: "array", items: { $ref: "LedgerEntry#" } },
      },
    },
  },
};

/** A problem the package (or the server) found in a request: a JSON Pointer, a code, a message. */
export const Issue = {
  $id: "Issue",
  type: "object",
  additionalProperties: false,
  required: ["path", "code", "message"],
  properties: { path: text, code: text, message: text },
};

/** What was refused: the package's code (or the server's), a message, every issue. */
export const Problem = {
  $id: "Problem",
  type: "object",
  additionalProperties: false,
  required: ["code", "message", "issues"],
  properties: { code: text, message: text, issues: { type: "array", items: { $ref: "Issue#" } } },
};

/** The Intergiro routes' refusal: `{ error: { code, message, issues } }` with the package's codes. */
export const IntergiroError = {
  $id: "IntergiroError",
  type: "object",
  additionalProperties: false,
  required: ["error"],
  properties: { error: { $ref: "Problem#" } },
};

export const components = [
  Money,
  Amount,
  Item,
  ItemView,
  Order,
  LedgerEntry,
  Customer,
  SettlementPreview,
  Issue,
  Problem,
  IntergiroError,
];

const ERROR_TEXT = {
  400: "The request is not one the route reads (invalid_input, unreadable_input).",
  401: "No valid key (unauthorized).",
  403: "The key may not act on this customer or target (forbidden).",
  404: "No such customer (not_found).",
  405: "The path is known; the method is not (see Allow).",
  409: "The idempotency key was used with another request, or the state moved on.",
  413: "The body is too large (input_too_large).",
  415: "The body is not application/json (unsupported_media_type).",
  422: "A well-formed request the ledger's rules refuse.",
  429: "Too many requests (see Retry-After).",
  500: "The server failed (internal_error).",
  502: "The payment authoriser did not answer; nothing was recorded (authoriser_unavailable).",
  503: "The server cannot work now: database down, closing or saturated (see Retry-After).",
};

/** The refusals a route may answer, each in the Intergiro error shape. */
export function intergiroErrors(statuses) {
  const out = {};
  for (const s of statuses) out[s] = { description: ERROR_TEXT[s], $ref: "IntergiroError#" };
  return out;
}

// What any authenticated Intergiro route may answer whatever it does: the framework's refusals of
// the request itself, the key check, the limits and the server's own failures.
export const COMMON_ERRORS = [400, 401, 413, 415, 429, 500, 503];
