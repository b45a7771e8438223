// The merchant dashboard: customers (the page's samples, or the server's: books.js), the settlement
// preview (one customer or "all") computed by the package in the browser, settling, charging, and
// the journal that grows with each operation. On the server, settling is DELETE
// /v1/customer/:id/balance and the page shows what the server charged beside what it previewed.
import { previewSettlement, previewSettlements } from "/pkg/browser.js";
import { el, money } from "./format.js";
import { memoryBook, serverBook, SERVER_PAGE } from "./books.js";

let book = memoryBook();
let selected = "c-1001";
/** The server's answer to the last settlement, shown until the selection changes. */
let settled = null;

const byId = (id) => book.customers().find((c) => c.id === id);
const name = (id) => book.name(id);

function list() {
  const box = document.getElementById("customer-list");
  box.replaceChildren();
  const customers = book.customers();
  if (selected !== "all" && !byId(selected)) selected = customers[0]?.id ?? "all";
  const options = [...customers.map((c) => c.id), "all"];
  for (const id of options) {
    const input = el("input", { type: "radio", name: "customer", id: `pick-${id}`, value: id, checked: id === selected });
    input.addEventListener("change", () => {
      selected = id;
      settled = null;
      render();
    });
    const c = byId(id);
    const detail = id === "all" ? "settle every customer" : `${id} · ${c.currency} · ${c.status}`;
    box.append(el("div", { class: "pick" }, input, el("label", { for: `pick-${id}` }, el("strong", { text: id === "all" ? "All customers" : name(id) }), el("span", { class: "muted", text: detail }))));
  }
  if (book.more?.()) box.append(el("p", { class: "muted", text: `The first ${SERVER_PAGE} customers are shown.` }));
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
  settleButtons(false);
  if (p.order === null) {
    box.append(el("p", { class: "muted", text: `${name(c.id)} has nothing to settle.` }));
    return;
  }
  box.append(el("p", { class: "charge" }, el("span", { text: "Amount to charge" }), el("strong", { id: "amount-to-charge", "data-amount": p.amount, text: money(p.amount, p.currency) })));
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
  const customers = book.customers();
  const r = previewSettlements(customers);
  // Settling everyone is the server's (DELETE /v1/customer/all/balance); the samples only preview.
  document.getElementById("settle-actions").hidden = book.kind !== "server" || r.updated === 0;
  settleButtons(true);
  box.append(el("p", { class: "counts" }, el("span", { id: "updated-count", text: `${r.updated} updated` }), " · ", el("span", { id: "errors-count", text: `${r.errors} ${r.errors === 1 ? "error" : "errors"}` })));
  const table = el("table", { class: "order" });
  table.append(el("thead", {}, el("tr", {}, ...["Customer", "Result", "To charge"].map((h) => el("th", { scope: "col", text: h })))));
  const tb = el("tbody");
  r.results.forEach((res, i) => {
    const id = res.id ?? customers[i]?.id;
    tb.append(el("tr", { class: res.ok ? undefined : "bad", "data-customer": id },
      el("td", { text: name(id) }),
      el("td", { text: res.ok ? (res.preview.order ? `order ${res.preview.order.number}` : "nothing to settle") : res.issues.map((x) => `${x.path}: ${x.code}`).join("; ") }),
      el("td", { class: "num", "data-amount": res.ok && res.preview.order ? res.amount : undefined, text: res.ok ? money(res.amount, res.preview.currency) : "–" })));
  });
  table.append(tb);
  box.append(table);
}

// The page picks the payment's outcome only for its samples; on the server its authoriser does.
function settleButtons(all) {
  const server = book.kind === "server";
  document.getElementById("settle-success").textContent = server
    ? all ? "Settle all on the server" : "Settle on the server"
    : "Settle — payment succeeds";
  document.getElementById("settle-failure").hidden = server;
}

// What the server charged in the last settlement: per customer, with its outcome.
function renderSettled() {
  const box = document.getElementById("settle-result");
  box.replaceChildren();
  box.hidden = settled === null;
  if (settled === null) return;
  const rows = settled.answer.results;
  box.append(el("h3", { text: "Charged by the server" }));
  box.append(el("p", { class: "counts", id: "settled-counts", text: `${settled.answer.updated} updated · ${settled.answer.declined} declined · ${settled.answer.errors} ${settled.answer.errors === 1 ? "error" : "errors"}` }));
  if (rows.length === 0) box.append(el("p", { class: "muted", text: "Nothing was settled." }));
  const ul = el("ul", { class: "settled" });
  for (const r of rows) {
    const currency = settled.currencies.get(r.id);
    ul.append(el("li", { "data-customer": r.id, "data-outcome": r.outcome ?? "error", "data-amount": r.amount ?? undefined },
      el("strong", { text: name(r.id) }), " ",
      r.error
        ? el("span", { class: "bad", text: `not settled: ${r.error.code}` })
        : el("span", { text: `${money(r.amount, currency)} · ${r.outcome === "success" ? `order ${r.order}` : "payment declined, items kept"}` })));
  }
  box.append(ul);
}

async function renderJournal() {
  const ol = document.getElementById("journal");
  const c = selected === "all" ? null : byId(selected);
  const entries = c ? await book.journal(c.id) : [];
  ol.replaceChildren();
  if (entries.length === 0) ol.append(el("li", { class: "muted", text: "No entries yet." }));
  for (const e of [...entries].reverse()) {
    ol.append(el("li", { class: `entry ${e.kind}` },
      el("strong", { text: e.kind.replace("_", " ") }), " ",
      el("span", { text: money(e.amount, e.currency) }),
      el("span", { class: "muted", text: ` · ${e.at.replace("T", " ").slice(0, 19)}${e.order ? ` · order ${e.order}` : ""}` })));
  }
}

// Rendered once the journal is in (from the server, a fetch): the page is marked busy meanwhile, so
// a reader (or the e2e test) knows when what it sees is complete.
async function render() {
  const panel = document.getElementById("dashboard");
  panel.setAttribute("aria-busy", "true");
  document.getElementById("charge-form").hidden = selected === "all";
  if (selected === "all") renderAll();
  else renderOne(byId(selected));
  renderSettled();
  try {
    await renderJournal();
  } catch (e) {
    problem(e);
  }
  panel.setAttribute("aria-busy", "false");
}

function problem(e) {
  const status = document.getElementById("srv-connect-status");
  status.textContent = e.message;
  status.dataset.state = "error";
}

async function settle(outcome) {
  try {
    if (book.kind === "server") {
      const currencies = new Map(book.customers().map((c) => [c.id, c.currency]));
      settled = { answer: await book.settle(selected), currencies };
    } else {
      await book.settle(selected, outcome);
    }
  } catch (e) {
    problem(e);
  }
  list();
  await render();
}

function connect() {
  const form = document.getElementById("server-connect");
  const status = document.getElementById("srv-connect-status");
  const back = document.getElementById("srv-disconnect");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    status.dataset.state = "";
    status.textContent = "Connecting…";
    try {
      book = await serverBook(document.getElementById("srv-private-key").value.trim());
      selected = book.customers()[0]?.id ?? "all";
      settled = null;
      status.textContent = `${book.customers().length} customer${book.customers().length === 1 ? "" : "s"} on this server`;
      status.dataset.state = "ok";
      back.hidden = false;
    } catch (e) {
      status.textContent = e.message;
      status.dataset.state = "error";
      return;
    }
    list();
    await render();
  });
  back.addEventListener("click", async () => {
    book = memoryBook();
    selected = "c-1001";
    settled = null;
    back.hidden = true;
    status.textContent = "The page's sample customers (in page memory)";
    status.dataset.state = "";
    list();
    await render();
  });
}

export function mountDashboard() {
  document.getElementById("settle-success").addEventListener("click", () => settle("success"));
  document.getElementById("settle-failure").addEventListener("click", () => settle("failure"));
  document.getElementById("charge-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = document.getElementById("charge-amount");
    const error = document.getElementById("charge-error");
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    try {
      await book.charge(selected, input.value.trim());
      settled = null;
      list();
      await render();
    } catch (e) {
      error.textContent = e.issues?.[0]?.message ?? e.message;
      input.setAttribute("aria-invalid", "true");
    }
  });
  connect();
  list();
  render();
}
