// The Stripe cash balance of one demo customer: bank transfers in, payments awaiting funds, and
// automatic reconciliation, with the transactions Stripe would list.
import { applyCashTransaction, addCashPayment, cashBalance, canDeleteCustomer } from "/pkg/browser.js";
import { el, money } from "./format.js";

const $ = (id) => document.getElementById(id);
let state = { customer: "cus_demo", settings: { reconciliation_mode: "automatic" } };
const log = [];
let n = 0;
let clock = 1_764_000_000;

/** Minor units of a two-digit currency → decimal text, exactly. */
const eur = (minor) => {
  const s = String(Math.abs(minor)).padStart(3, "0");
  return money(`${minor < 0 ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`, "EUR");
};

function render() {
  const balance = cashBalance("cus_demo", log, { reconciliation_mode: "automatic" });
  $("cash-available").textContent = balance.available ? eur(balance.available.eur ?? 0) : "no cash balance";
  $("cash-delete").textContent = canDeleteCustomer(state)
    ? "The customer has no cash balance and may be deleted."
    : "The customer has a cash balance (even 0 counts) and cannot be deleted.";
  const body = $("cash-log");
  body.replaceChildren();
  for (const t of [...log].reverse()) {
    body.append(el("tr", {}, el("td", { text: t.type.replaceAll("_", " ") }), el("td", { class: "num", text: eur(t.net_amount) }), el("td", { class: "num", text: eur(t.ending_balance) })));
  }
  if (log.length === 0) body.append(el("tr", {}, el("td", { colspan: "3", class: "muted", text: "No transactions yet." })));
  const open = state.open_payments ?? [];
  $("cash-open").textContent = open.length
    ? `Awaiting funds: ${open.map((p) => `${p.id} ${eur(p.amount_remaining)}`).join(", ")}`
    : "No payment is awaiting funds.";
}

export function mountCash() {
  $("cash-fund").addEventListener("click", () => {
    n += 1;
    clock += 60;
    const r = applyCashTransaction(state, {
      id: `ccsbtxn_demo_${n}`, type: "funded", currency: "eur", net_amount: 5000, created: clock,
      funded: { bank_transfer: { type: "eu_bank_transfer", reference: `Invoice ${n}` } },
    });
    state = r.state;
    log.push(r.transaction, ...r.applied);
    render();
  });
  $("cash-payment").addEventListener("click", () => {
    n += 1;
    clock += 60;
    const r = addCashPayment(state, { id: `pi_demo_${n}`, currency: "eur", amount_remaining: 2000, created: clock });
    state = r.state;
    log.push(...r.applied);
    render();
  });
  render();
}
