// Balanced's resources and envelopes as its clients read them. A v1.1 answer is
// `{ <type>: [items], links: { "<type>.<link>": template }, meta: { first, href, last, limit,
// next, offset, previous, total } }`; every template names a path this family serves (index.js),
// and every resource validates against balanced/balanced-api's schemas at 2fd1ef7. This ledger's
// own bookkeeping (meta keys beginning "balance_ledger.") stays out of a v1.1 credit's meta.
import { createHash } from "node:crypto";
import * as ledger from "../ledger.js";

export const EXT = "balance_ledger.";
/** The caller's meta keys only (this ledger's own are kept with the credit, not shown in v1.1). */
export const userMeta = (meta) => Object.fromEntries(Object.entries(meta ?? {}).filter(([k]) => !k.startsWith(EXT)));
/** This ledger's own meta keys. */
export const ownMeta = (meta) => Object.fromEntries(Object.entries(meta ?? {}).filter(([k]) => k.startsWith(EXT)));

export const CREDIT_LINKS = {
  "credits.customer": "/customers/{credits.customer}",
  "credits.destination": "/resources/{credits.destination}",
  "credits.events": "/credits/{credits.id}/events",
  "credits.order": "/orders/{credits.order}",
  "credits.reversals": "/credits/{credits.id}/reversals",
  "credits.settlement": "/settlements/{credits.settlement}",
  "credits.settlements": "/credits/{credits.id}/settlements",
};
export const BANK_ACCOUNT_LINKS = {
  "bank_accounts.bank_account_verification": "/verifications/{bank_accounts.bank_account_verification}",
  "bank_accounts.bank_account_verifications": "/bank_accounts/{bank_accounts.id}/verifications",
  "bank_accounts.credits": "/bank_accounts/{bank_accounts.id}/credits",
  "bank_accounts.customer": "/customers/{bank_accounts.customer}",
  "bank_accounts.debits": "/bank_accounts/{bank_accounts.id}/debits",
};

/** A stored credit as its version shows it: v1 as the package wrote it; v1.1 with its schema's links and the caller's meta. */
export function creditView(version, resource) {
  if (version === "1") return resource;
  const { customer = null, destination, order = null } = resource.links;
  return { ...resource, meta: userMeta(resource.meta), links: { customer, destination, order, settlement: null } };
}

/** A page of `items` in Balanced's v1.1 envelope under `key`, or (version "1") the v1 document's. */
export function page(version, key, links, items, { uri, limit = 10, offset = 0, total = items.length }) {
  // The package writes the paging of a page already cut (total given); it reads each item's
  // created_at, which an event has as occurred_at: it is given stand-ins, the page keeps the items.
  const standIns = items.map((i) => ({ created_at: i.created_at ?? i.occurred_at }));
  const p = { ...ledger.listPage(standIns, { uri, limit, offset, total, version: "1" }), items };
  if (version === "1") return p;
  return {
    [key]: p.items,
    links,
    meta: { first: p.first_uri, href: p.uri, last: p.last_uri, limit: p.limit, next: p.next_uri, offset: p.offset, previous: p.previous_uri, total: p.total },
  };
}

/** One v1.1 resource: `{ <key>: [it], links }` (v1: the resource itself). */
export function one(version, key, links, resource) {
  return version === "1" ? resource : { [key]: [resource], links };
}

const NO_ADDRESS = { line1: null, line2: null, city: null, state: null, postal_code: null, country_code: null };

/** A stored bank account (bank-accounts.js) in its version's shape; the number masked, as Balanced's schema says. */
export function bankAccountView(version, a) {
  const fingerprint = a.fingerprint ?? createHash("sha256").update(`bank_account:${a.id}`).digest("hex");
  if (version === "1") {
    return {
      id: a.id,
      uri: `/v1/bank_accounts/${a.id}`,
      name: a.name,
      bank_name: a.bank_name,
      routing_number: a.routing_number,
      last_four: a.last_four,
      account_number: `xxxxxx${a.last_four}`,
      type: a.account_type,
      fingerprint,
      is_valid: true,
      created_at: a.created_at,
      meta: a.meta ?? {},
    };
  }
  return {
    id: a.id,
    href: `/bank_accounts/${a.id}`,
    created_at: a.created_at,
    updated_at: a.updated_at,
    name: a.name,
    account_number: `xxxxxx${a.last_four}`,
    routing_number: a.routing_number,
    // Balanced's default; an account that came with a v1 credit may not have said.
    account_type: a.account_type ?? "checking",
    bank_name: a.bank_name ?? "",
    address: NO_ADDRESS,
    fingerprint,
    can_debit: false,
    can_credit: true,
    meta: a.meta ?? {},
    links: { customer: null, bank_account_verification: null },
  };
}

/** An event's id: EV and 24 hex digits of its credit and place in the timeline (stable, never stored). */
export const eventId = (creditId, position) => `EV${createHash("sha256").update(`${creditId}:${position}`).digest("hex").slice(0, 24)}`;

/** A credit's event as Balanced's event schema has it, with this ledger's status and source. */
export function eventView(version, credit, e, position) {
  const id = eventId(credit.id, position);
  const base = version === "1" ? "/v1" : "";
  return {
    id,
    href: `${base}/credits/${credit.id}/events/${id}`,
    occurred_at: e.occurred_at,
    type: e.type,
    status: e.status,
    source: e.source,
    entity: { credits: [creditView(version, credit)] },
  };
}
