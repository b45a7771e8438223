// The credit functions of the built package (pkg/) from Node: validation, the status machines, the
// ACH schedule, business days, list pages; user keys such as "__proto__" stay data.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  validateCredit,
  transitionCredit,
  creditSchedule,
  listPage,
  isBusinessDay,
  BalanceLedgerError,
} from "../../pkg/node.js";

const throwsCode = (fn, code) =>
  assert.throws(fn, (e) => e instanceof BalanceLedgerError && e instanceof Error && e.code === code);

test("the v1 seed's request body is a pending credit with the seed's fee", () => {
  assert.deepEqual(validateCredit({ amount: 1234 }, { version: "1" }), {
    ok: true,
    credit: {
      version: "1", state: "pending", amount: 1234, fee: 25, description: null, meta: {},
      appears_on_statement_as: null, destination_uri: null, bank_account: null,
    },
  });
  const r = validateCredit({ amount: "1234" });
  assert.equal(r.credit.version, "1.1");
  assert.equal(r.credit.status, "pending");
  assert.equal(validateCredit({ amount: 100 }, { fee: 0 }).credit.fee, 0);
});

test("meta keeps a __proto__ key as data and never changes a prototype", () => {
  const meta = JSON.parse('{"__proto__": "x", "order": "42"}');
  const r = validateCredit({ amount: 1, meta });
  assert.equal(r.ok, true);
  assert.deepEqual(Object.keys(r.credit.meta), ["__proto__", "order"]);
  assert.equal(Object.getOwnPropertyDescriptor(r.credit.meta, "__proto__").value, "x");
  assert.equal(Object.getPrototypeOf(r.credit.meta), Object.prototype);
  assert.equal(Object.getPrototypeOf(r.credit), Object.prototype);
  assert.equal({}.order, undefined);
  // A __proto__ key whose value is an object is refused as nested, not merged into a prototype.
  const nested = JSON.parse('{"__proto__": {"polluted": "yes"}}');
  const bad = validateCredit({ amount: 1, meta: nested });
  assert.deepEqual(bad.issues.map((i) => [i.path, i.code]), [["/meta/__proto__", "invalid_type"]]);
  assert.equal({}.polluted, undefined);
  // Through transitionCredit and listPage too.
  const moved = transitionCredit({ ...r.credit }, "succeeded");
  assert.equal(Object.getOwnPropertyDescriptor(moved.meta, "__proto__").value, "x");
  const page = listPage([{ created_at: "2026-03-06T10:00:00Z", meta }], { uri: "/v1/credits" });
  assert.equal(Object.getOwnPropertyDescriptor(page.items[0].meta, "__proto__").value, "x");
});

test("validateCredit reports every issue at once", () => {
  const r = validateCredit(
    {
      amount: 12.5,
      meta: { a: { b: "c" } },
      appears_on_statement_as: "ACME, Inc/Payouts",
      destination_uri: "/v1/bank_accounts/BA1",
      bank_account: { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "checking" },
    },
    { version: "1.1" },
  );
  assert.equal(r.ok, false);
  assert.deepEqual(
    r.issues.map((i) => [i.path, i.code]),
    [
      ["/amount", "not_integer"],
      ["/meta/a", "invalid_type"],
      ["/appears_on_statement_as", "too_long"],
      ["/appears_on_statement_as", "invalid_characters"],
      ["/bank_account", "conflicting_fields"],
    ],
  );
  assert.match(r.issues[3].message, /"," .*position 5/);
});

test("statement descriptors: the v1 character set, 22 characters in v1 and 14 in v1.1", () => {
  assert.equal(validateCredit({ amount: 1, appears_on_statement_as: "A".repeat(22) }, { version: "1" }).ok, true);
  assert.equal(validateCredit({ amount: 1, appears_on_statement_as: "A".repeat(23) }, { version: "1" }).ok, false);
  assert.equal(validateCredit({ amount: 1, appears_on_statement_as: "A".repeat(14) }).ok, true);
  assert.equal(validateCredit({ amount: 1, appears_on_statement_as: "A".repeat(15) }).issues[0].code, "too_long");
  assert.equal(validateCredit({ amount: 1, appears_on_statement_as: "(Shop) #1 ~ok|" }).ok, true);
  for (const [text, named] of [["a,b", '","'], ["a/b", '"/"'], ["caf\u00e9", '"\u00e9"'], ["a\tb", "U+0009"], ["pay \u{1F4B8}", "U+1F4B8"]]) {
    const r = validateCredit({ amount: 1, appears_on_statement_as: text });
    assert.equal(r.issues[0].code, "invalid_characters", text);
    assert.ok(r.issues[0].message.includes(named), `${text}: ${r.issues[0].message}`);
  }
});

test("bank accounts: the ABA check digit, and only the last four digits come back", () => {
  const account = { name: "Fit Finlay", routing_number: "325182797", account_number: "9900001234", type: "savings" };
  assert.deepEqual(validateCredit({ amount: 1, bank_account: account }).credit.bank_account, {
    name: "Fit Finlay", routing_number: "325182797", last_four: "1234", type: "savings",
  });
  const bad = validateCredit({ amount: 1, bank_account: { ...account, routing_number: "325182798" } });
  assert.equal(bad.issues[0].code, "invalid_routing_number");
});

test("bad options throw instead of answering ok: false", () => {
  throwsCode(() => validateCredit({ amount: 1 }, { version: "2" }), "invalid_option");
  throwsCode(() => validateCredit({ amount: 1 }, { minAmount: 10, maxAmount: 5 }), "invalid_option");
  const r = validateCredit({ amount: 5000 }, { minAmount: 100, maxAmount: 1000 });
  assert.equal(r.issues[0].code, "out_of_range");
  assert.equal(validateCredit({ amount: NaN }).issues[0].code, "not_finite");
  assert.equal(validateCredit({ amount: 10n }).issues[0].code, "invalid_type");
});

test("status machines: v1 state and v1.1 status", () => {
  const v1 = validateCredit({ amount: 1 }, { version: "1" }).credit;
  assert.equal(transitionCredit(v1, "cleared").state, "cleared");
  assert.equal(transitionCredit(v1, "rejected").state, "rejected");
  throwsCode(() => transitionCredit(v1, "succeeded"), "invalid_transition");
  throwsCode(() => transitionCredit(v1, "pending"), "invalid_transition");
  const v11 = validateCredit({ amount: 1 }).credit;
  const done = transitionCredit(v11, "succeeded");
  assert.equal(done.status, "succeeded");
  assert.equal(v11.status, "pending"); // the input is not changed
  throwsCode(() => transitionCredit(done, "pending"), "invalid_transition");
  throwsCode(() => transitionCredit(transitionCredit(v11, "failed"), "succeeded"), "invalid_transition");
});

test("a late rejection is accepted within the failure window only", () => {
  const c = { ...validateCredit({ amount: 1 }).credit, status: "succeeded", created_at: "2026-03-06T14:59:59-08:00" };
  assert.equal(transitionCredit(c, "failed", { at: "2026-03-12T09:00:00-07:00" }).status, "failed");
  throwsCode(() => transitionCredit(c, "failed", { at: "2026-03-12T09:00:01-07:00" }), "failure_window_closed");
  throwsCode(() => transitionCredit(c, "failed"), "invalid_option");
});

test("creditSchedule: the 3 pm cutoff, 15:00:00 exactly, holidays and DST", () => {
  assert.deepEqual(creditSchedule("2026-03-06T14:59:59-08:00"), {
    submitted_at: "2026-03-06T15:00:00-08:00",
    available_at: "2026-03-09T09:00:00-07:00",
    failure_deadline: "2026-03-12T09:00:00-07:00",
  });
  assert.equal(creditSchedule("2026-03-06T15:00:00-08:00").submitted_at, "2026-03-09T15:00:00-07:00");
  assert.equal(creditSchedule("2026-11-25T16:00:00-08:00", { version: "1" }).submitted_at, "2026-11-27T15:00:00-08:00");
  // A Date is read through its ISO text.
  assert.deepEqual(creditSchedule(new Date("2026-03-06T22:59:59Z")), creditSchedule("2026-03-06T14:59:59-08:00"));
  throwsCode(() => creditSchedule("2026-03-06T14:59:59"), "invalid_input");
  throwsCode(() => creditSchedule("2026-03-06T14:59:59Z", { version: "9" }), "invalid_option");
});

test("isBusinessDay: weekends and the Fed's holidays", () => {
  assert.equal(isBusinessDay("2026-07-03"), true); // July 4 is a Saturday: Friday stays open
  assert.equal(isBusinessDay("2026-07-04"), false);
  assert.equal(isBusinessDay("2023-01-02"), false); // New Year's Day on a Sunday
  assert.equal(isBusinessDay("2022-06-20"), false); // Juneteenth observed
  assert.equal(isBusinessDay("2021-06-18"), true); // not yet a Fed holiday
  assert.equal(isBusinessDay("2026-03-09"), true);
  throwsCode(() => isBusinessDay("2026-02-29"), "invalid_input");
  throwsCode(() => isBusinessDay(20260703), "invalid_input");
});

test("listPage: the seed's envelope, newest first", () => {
  const uri = "/v1/marketplaces/TEST-MP2ujo21OwDxvn5lSWsLKana/credits";
  const items = [
    { id: "CR2uuOXLOfWMYzLYJxvHS8u0", created_at: "2012-10-31T16:40:14.940398Z" },
    { id: "CR2uuUeg6O6Z5DiM8Vlua3oU", created_at: "2012-10-31T16:40:14.940996Z" },
  ];
  assert.deepEqual(listPage(items, { uri }), {
    items: [items[1], items[0]],
    total: 2,
    limit: 10,
    offset: 0,
    uri: `${uri}?limit=10&offset=0`,
    first_uri: `${uri}?limit=10&offset=0`,
    previous_uri: null,
    next_uri: null,
    last_uri: `${uri}?limit=10&offset=0`,
  });
  const many = Array.from({ length: 12 }, (_, i) => ({ id: i, created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
  const p = listPage(many, { uri: "/c", limit: 5, offset: 5 });
  assert.deepEqual(p.items.map((i) => i.id), [6, 5, 4, 3, 2]);
  assert.equal(p.previous_uri, "/c?limit=5&offset=0");
  assert.equal(p.next_uri, "/c?limit=5&offset=10");
  assert.equal(p.last_uri, "/c?limit=5&offset=10");
  throwsCode(() => listPage(many, { uri: "/c", limit: 101 }), "invalid_option");
  throwsCode(() => listPage(many, {}), "invalid_option");
  throwsCode(() => listPage([{ id: 1 }], { uri: "/c" }), "invalid_input");
});
