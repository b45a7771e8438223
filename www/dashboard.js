// The merchant dashboard: sample customers, the settlement preview (one customer or "all"), settling
// with either outcome, charging, and the journal that grows with each operation. The customer state
// carries no journal: each call returns its entries, kept here in page memory (a backend stores them).
import { previewSettlement, previewSettlements, settleBalance, chargeBalance } from "/pkg/browser.js";
import { el, money } from "./format.js";
import { CUSTOMERS, NAMES } from "./samples.js";

const customers = structuredClone(CUSTOMERS);
/** Each customer's journal entries, oldest first, as the calls returned them. */
const journals = new Map();
let selected = "c-1001";

const byId = (id) => customers.find((c) => c.id === id);
const name = (id) => NAMES[id] ?? id;

function list() {
  const box = document.getElementById("customer-list");
  box.replaceChildren();
  const options = [...customers.map((c) => c.id), "all"];
  for (const id of options) {
    const input = el("input", { type: "radio", name: "customer", id: `pick-${id}`, value: id, checked: id === selected });
    input.addEventListener("change", () => {
      selected = id;
      render();
    });
    const c = byId(id);
    const detail = id === "all" ? "settle every customer" : `${id} · ${c.currency} · ${c.status}`;
    box.append(el("div", { class: "pick" }, input, el("label", { for: `pick-${id}` }, el("strong", { text: id === "all" ? "All customers" : name(id) }), el("span", { class: "muted", text: detail }))));
  }
}

function orderTable(order) {
  const table = el("table", { class: "order" });
  table.append(el("caption", { text: `Order ${order.number} · payment: ${order.payment.type} / ${order.payment.charge}` }));
  table.append(el("thead", {}, el("tr", {}, ...["Item", "Qty", "Unit price", "VAT / unit", "Amount"].map((h) => el("th", { scope: "col", text: h })))));
  const tb = el("tbody");
  order.items.forEach((item, i) => {
    const negative = item.price.startsWith("-");
    tb.append(el("tr", { class: negative ? "funds" : undefined },
      el("td", { text: item.name ?? item.number ?? "Item" }),
      el("td", { class: "num", text: item.quantity }),
      el("td", { class: "num", text: money(item.price, order.currency) }),
      el("td", { class: "num", text: item.vat ? money(item.vat, order.currency) : "–" }),
      el("td", { class: "num", text: money(order.lines[i].amount, order.currency) })));
  });
  table.append(tb);
  table.append(el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: "4", text: "To charge" }), el("td", { class: "num strong", text: money(order.amount, order.currency) }))));
  return table;
}

function afterCard(title, c, entries, tone) {
  const last = entries.at(-1);
  return el("div", { class: `after ${tone}` },
    el("h3", { text: title }),
    el("dl", {},
      el("div", {}, el("dt", { text: "Unsettled items" }), el("dd", { text: String(c.balance.length) })),
      el("div", {}, el("dt", { text: "Funds on balance" }), el("dd", { text: money(c.total, c.currency) })),
      el("div", {}, el("dt", { text: "Status" }), el("dd", { text: c.status })),
      last?.retries?.length ? el("div", {}, el("dt", { text: "Retries" }), el("dd", { text: last.retries.map((r) => r.slice(0, 10)).join(", ") })) : null));
}

function renderOne(c) {
  const box = document.getElementById("preview");
  box.replaceChildren();
  const actions = document.getElementById("settle-actions");
  let p;
  try {
    p = previewSettlement(c);
  } catch (e) {
    box.append(issuesList(e.issues, e.message));
    actions.hidden = true;
    return;
  }
  actions.hidden = p.order === null;
  if (p.order === null) {
    box.append(el("p", { class: "muted", text: `${name(c.id)} has nothing to settle.` }));
    return;
  }
  box.append(el("p", { class: "charge" }, el("span", { text: "Amount to charge" }), el("strong", { id: "amount-to-charge", text: money(p.amount, p.currency) })));
  box.append(orderTable(p.order));
  box.append(el("div", { class: "afters" }, afterCard("After a successful payment", p.after.success, p.entries.success, "ok"), afterCard("After a failed payment", p.after.failure, p.entries.failure, "warn")));
}

function issuesList(issues, message) {
  const ul = el("ul", { class: "issues" });
  for (const i of issues ?? []) ul.append(el("li", {}, el("code", { text: i.path || "/" }), " ", i.message));
  return el("div", { class: "error-box", role: "alert" }, el("p", { text: message }), ul);
}

function renderAll() {
  const box = document.getElementById("preview");
  box.replaceChildren();
  document.getElementById("settle-actions").hidden = true;
  const r = previewSettlements(customers);
  box.append(el("p", { class: "counts" }, el("span", { id: "updated-count", text: `${r.updated} updated` }), " · ", el("span", { id: "errors-count", text: `${r.errors} ${r.errors === 1 ? "error" : "errors"}` })));
  const table = el("table", { class: "order" });
  table.append(el("thead", {}, el("tr", {}, ...["Customer", "Result", "To charge"].map((h) => el("th", { scope: "col", text: h })))));
  const tb = el("tbody");
  r.results.forEach((res, i) => {
    const id = res.id ?? customers[i]?.id;
    tb.append(el("tr", { class: res.ok ? undefined : "bad" },
      el("td", { text: name(id) }),
      el("td", { text: res.ok ? (res.preview.order ? `order ${res.preview.order.number}` : "nothing to settle") : res.issues.map((x) => `${x.path}: ${x.code}`).join("; ") }),
      el("td", { class: "num", text: res.ok ? money(res.amount, res.preview.currency) : "–" })));
  });
  table.append(tb);
  box.append(table);
}

function renderJournal() {
  const ol = document.getElementById("journal");
  ol.replaceChildren();
  const c = selected === "all" ? null : byId(selected);
  const entries = (c && journals.get(c.id)) ?? [];
  if (entries.length === 0) ol.append(el("li", { class: "muted", text: "No entries yet." }));
  for (const e of [...entries].reverse()) {
    ol.append(el("li", { class: `entry ${e.kind}` },
      el("strong", { text: e.kind.replace("_", " ") }), " ",
      el("span", { text: money(e.amount, e.currency) }),
      el("span", { class: "muted", text: ` · ${e.at.replace("T", " ").slice(0, 19)}${e.order ? ` · order ${e.order}` : ""}` })));
  }
}

function render() {
  document.getElementById("charge-form").hidden = selected === "all";
  if (selected === "all") renderAll();
  else renderOne(byId(selected));
  renderJournal();
}

/** Takes a call's answer: its customer replaces the old state, its entries join the journal. */
function replace({ customer: updated, entries }) {
  const i = customers.findIndex((c) => c.id === updated.id);
  customers[i] = updated;
  journals.set(updated.id, [...(journals.get(updated.id) ?? []), ...entries]);
}

export function mountDashboard() {
  document.getElementById("settle-success").addEventListener("click", () => {
    replace(settleBalance(byId(selected), "success"));
    list();
    render();
  });
  document.getElementById("settle-failure").addEventListener("click", () => {
    replace(settleBalance(byId(selected), "failure"));
    list();
    render();
  });
  document.getElementById("charge-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = document.getElementById("charge-amount");
    const error = document.getElementById("charge-error");
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    try {
      replace(chargeBalance(byId(selected), input.value.trim()));
      list();
      render();
    } catch (e) {
      error.textContent = e.issues?.[0]?.message ?? e.message;
      input.setAttribute("aria-invalid", "true");
    }
  });
  list();
  render();
}
