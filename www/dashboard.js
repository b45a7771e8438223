// The merchant dashboard: customers (the page's samples, or the server's: books.js), the settlement
// preview (one customer or "all") computed by the package in the browser, settling, charging, and
// the journal that grows with each operation. On the server, settling is DELETE
// /v1/customer/:id/balance and the page shows what the server charged beside what it previewed.
import { previewSettlement, previewSettlements } from "/pkg/browser.js";
import { el, money, timeEl, zoneName } from "./format.js";
import { memoryBook, serverBook, SERVER_PAGE } from "./books.js";
import { explain } from "./messages.js";

// The samples live as long as the page: going back to them finds them as they were left.
const samples = memoryBook();
let book = samples;
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
    // The id beside the name only when there is a name (a customer without one shows its id once).
    const named = name(id) !== id;
    const detail = id === "all" ? "settle every customer" : [named ? id : null, c.currency, c.status].filter(Boolean).join(" · ");
    box.append(el("div", { class: "pick" }, input, el("label", { for: `pick-${id}` }, el("strong", { text: id === "all" ? "All customers" : name(id) }), el("span", { class: "muted", text: detail }))));
  }
  if (book.more?.()) box.append(el("p", { class: "muted", text: `The first ${SERVER_PAGE} customers are shown.` }));
}

function orderTable(order) {
  const table = el("table", { class: "order stack" });
  table.append(el("caption", { text: `Order ${order.number}, charged to the customer` }));
  table.append(el("thead", {}, el("tr", {}, ...["Item", "Qty", "Unit price", "VAT / unit", "Amount"].map((h) => el("th", { scope: "col", text: h })))));
  const tb = el("tbody");
  order.items.forEach((item, i) => {
    const negative = item.price.startsWith("-");
    tb.append(el("tr", { class: negative ? "funds" : undefined },
      el("td", { text: item.name ?? item.number ?? "Item" }),
      el("td", { class: "num", "data-label": "Qty", text: item.quantity }),
      el("td", { class: "num", "data-label": "Unit price", text: money(item.price, order.currency) }),
      el("td", { class: "num", "data-label": "VAT / unit", text: item.vat ? money(item.vat, order.currency) : "–" }),
      el("td", { class: "num", "data-label": "Amount", text: money(order.lines[i].amount, order.currency) })));
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
    box.append(issuesList(e));
    actions.hidden = true;
    return;
  }
  actions.hidden = p.order === null;
  settleButtons(false);
  if (p.order === null) {
    box.append(el("p", { class: "muted", text: `${name(c.id)} has nothing to settle.` }));
    return;
  }
  box.append(el("p", { class: "amount-box" }, el("span", { text: "Amount to charge" }), el("strong", { id: "amount-to-charge", "data-amount": p.amount, text: money(p.amount, p.currency) })));
  box.append(orderTable(p.order));
  box.append(el("div", { class: "afters" }, afterCard("After a successful payment", p.after.success, p.entries.success, "ok"), afterCard("After a failed payment", p.after.failure, p.entries.failure, "warn")));
}

// A customer's fields in the merchant's words, for placing a problem at the field its path names.
const FIELD_WORDS = {
  id: "Customer id", currency: "Currency", status: "Status", total: "Funds on balance", limit: "Credit limit",
  schedule: "Retry schedule", balance: "Unsettled items",
};
const ITEM_WORDS = { price: "price", quantity: "quantity", vat: "VAT", rebate: "rebate", number: "item number", name: "item name", unit: "unit" };

/** Where in a customer a problem is, in words: "/balance/0/price" → "Unsettled item 1, price". */
function where(path) {
  const [, field, index, sub] = (path ?? "").split("/");
  if (field === "balance" && index !== undefined) return `Unsettled item ${Number(index) + 1}${sub ? `, ${ITEM_WORDS[sub] ?? "a detail"}` : ""}`;
  return FIELD_WORDS[field] ?? null;
}

/** A settle-all issue's path within its customer: "/customers/3/currency" → "/currency". */
const ofCustomer = (path) => path.replace(/^\/(?:customers\/)?\d+(?=\/|$)/, "");

/** A problem's sentences, each prefixed by the field it concerns. */
const said = (issue) => (where(issue.path) ? `${where(issue.path)}: ${issue.text}` : issue.text);

function issuesList(error) {
  const { text, issues } = explain(error, "merchant");
  const ul = el("ul", { class: "issues" });
  for (const i of issues) ul.append(el("li", { text: said(i) }));
  return el("div", { class: "error-box", role: "alert" }, el("p", { text: `This customer can't be settled. ${issues.length ? "" : text}`.trim() }), ul);
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
      el("td", { text: res.ok ? (res.preview.order ? `order ${res.preview.order.number}` : "nothing to settle") : explain(res, "merchant").issues.map((x) => said({ ...x, path: ofCustomer(x.path) })).join(" ") }),
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

// The order a settlement answered: settling one customer answers the order, settling all its number.
const orderNumber = (order) => (typeof order === "string" ? order : order?.number);

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
    const why = r.error && explain(r.error, "merchant");
    ul.append(el("li", { "data-customer": r.id, "data-outcome": r.outcome ?? "error", "data-amount": r.amount ?? undefined },
      el("strong", { text: name(r.id) }), " ",
      r.error
        ? el("span", { class: "bad", text: `not settled: ${why.issues.length ? why.issues.map(said).join(" ") : why.text}` })
        : el("span", { text: `${money(r.amount, currency)} · ${r.outcome === "success" ? `order ${orderNumber(r.order)}` : "payment declined, items kept"}` })));
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
    // The entry's kind in a class of its own namespace: a bare `charge` would take another style.
    ol.append(el("li", { class: `entry entry-${e.kind}` },
      el("strong", { text: e.kind.replace("_", " ") }), " ",
      el("span", { text: money(e.amount, e.currency) }),
      el("span", { class: "muted" }, " · ", timeEl(e.at), e.order ? ` · order ${e.order}` : "")));
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
  status.textContent = explain(e, "merchant").text;
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
    const key = document.getElementById("srv-private-key");
    const keyError = document.getElementById("srv-private-key-error");
    key.removeAttribute("aria-invalid");
    keyError.replaceChildren();
    try {
      book = await serverBook(document.getElementById("srv-private-key").value.trim());
      selected = book.customers()[0]?.id ?? "all";
      settled = null;
      status.textContent = `${book.customers().length} customer${book.customers().length === 1 ? "" : "s"} on this server`;
      status.dataset.state = "ok";
      back.hidden = false;
    } catch (e) {
      const { text } = explain(e, "merchant");
      if (e.code === "unauthorized" || e.code === "forbidden") {
        keyError.append(el("span", { text }));
        key.setAttribute("aria-invalid", "true");
        status.textContent = "Not connected: see the message above.";
      } else {
        status.textContent = `Not connected. ${text}`;
      }
      status.dataset.state = "error";
      return;
    }
    list();
    await render();
  });
  back.addEventListener("click", async () => {
    book = samples;
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
  document.getElementById("journal-zone").textContent = `Times in ${zoneName()}`;
  document.getElementById("settle-success").addEventListener("click", () => settle("success"));
  document.getElementById("settle-failure").addEventListener("click", () => settle("failure"));
  document.getElementById("charge-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const input = document.getElementById("charge-amount");
    const error = document.getElementById("charge-error");
    const status = document.getElementById("charge-status");
    error.replaceChildren();
    status.textContent = "";
    input.removeAttribute("aria-invalid");
    try {
      await book.charge(selected, input.value.trim());
      settled = null;
      list();
      await render();
    } catch (e) {
      const { text, issues } = explain(e, "merchant");
      for (const t of issues.length ? issues.map((i) => i.text) : [text]) error.append(el("span", { text: t }));
      input.setAttribute("aria-invalid", "true");
      status.textContent = "Not charged: see the message above.";
    }
  });
  connect();
  list();
  render();
}
