// The checkout widget: a line-item editor validated on every keystroke through the package.
// Problems appear, in the shopper's words (messages.js), next to the field their path names; each
// valid line keeps its amount while another is being fixed; totals update live.
import { validateItems } from "/pkg/browser.js";
import { el, money } from "./format.js";
import { explain } from "./messages.js";

const FIELDS = [
  ["number", "No.", "text"],
  ["name", "Name", "text"],
  ["price", "Price", "decimal"],
  ["quantity", "Qty", "decimal"],
  ["unit", "Unit", "text"],
  ["vat", "VAT per unit", "decimal"],
  ["rebate", "Rebate per unit", "decimal"],
];
const CURRENCIES = ["SEK", "EUR", "USD", "GBP", "JPY", "BHD", "NOK", "DKK", "CHF"];

const rows = [
  { number: "A-100", name: "Espresso beans 1 kg", price: "119.6", quantity: "2", unit: "pcs", vat: "29.9", rebate: "" },
  { number: "B-220", name: "Oat milk", price: "24.95", quantity: "6", unit: "l", vat: "3", rebate: "1.5" },
];

let currency = "SEK";
const tbody = () => document.getElementById("lines");

/** The cart as a charge body: the items the page totals (server-charge.js sends it). */
export const cartItems = () => body();

function body() {
  return rows.map((r) => {
    const item = {};
    for (const [f] of FIELDS) if (r[f] !== "") item[f] = r[f];
    return item;
  });
}

function buildRows(focusRow) {
  const tb = tbody();
  tb.replaceChildren();
  rows.forEach((row, i) => {
    const tr = el("tr", { "data-row": i });
    for (const [field, label, kind] of FIELDS) {
      const id = `f-${i}-${field}`;
      const input = el("input", {
        id,
        value: row[field],
        "aria-label": `${label}, line ${i + 1}`,
        "aria-describedby": `e-${i}-${field}`,
        inputmode: kind === "decimal" ? "decimal" : undefined,
        autocomplete: "off",
        class: kind === "decimal" ? "num" : undefined,
      });
      input.addEventListener("input", () => {
        row[field] = input.value;
        render();
      });
      tr.append(el("td", { "data-label": label }, input, el("p", { class: "field-error", id: `e-${i}-${field}` })));
    }
    tr.append(el("td", { class: "num line-amount", id: `amount-${i}`, "data-label": "Line amount" }, "–"));
    const remove = el("button", { type: "button", id: `remove-${i}`, class: "icon", "aria-label": `Remove line ${i + 1}` }, "✕");
    remove.addEventListener("click", () => {
      rows.splice(i, 1);
      buildRows(Math.min(i, rows.length - 1));
      render();
    });
    tr.append(el("td", { class: "remove" }, remove));
    tb.append(tr);
  });
  if (focusRow !== undefined && focusRow >= 0) document.getElementById(`f-${focusRow}-number`)?.focus();
}

function render() {
  const items = body();
  const result = validateItems(items, { currency });
  for (const node of document.querySelectorAll("#checkout .field-error")) node.replaceChildren();
  for (const node of document.querySelectorAll("#checkout input[aria-invalid]")) node.removeAttribute("aria-invalid");
  const bodyError = document.getElementById("body-error");
  bodyError.replaceChildren();
  const status = document.getElementById("checkout-status");
  if (result.ok) {
    showLines(result.lines.map((line) => line.amount));
    for (const dd of document.querySelectorAll("[data-total]")) dd.textContent = money(result.totals[dd.dataset.total], currency);
    status.textContent = `${result.totals.count} line${result.totals.count === 1 ? "" : "s"}, ready to pay`;
    status.dataset.state = "ok";
    return;
  }
  const { issues } = explain(result, "shopper");
  const bad = new Set();
  for (const issue of issues) {
    const [, row, field] = issue.path.split("/");
    const target = field && document.getElementById(`e-${row}-${field}`);
    if (target) {
      target.append(el("span", { text: issue.text }));
      document.getElementById(`f-${row}-${field}`)?.setAttribute("aria-invalid", "true");
    } else {
      bodyError.append(el("span", { text: row === undefined || row === "" ? issue.text : `Line ${Number(row) + 1}: ${issue.text}` }));
    }
    if (row !== undefined && row !== "") bad.add(Number(row));
  }
  // The lines without a problem keep their amounts (the same rules, on those lines alone).
  const good = items.flatMap((item, i) => (bad.has(i) ? [] : [[i, item]]));
  const amounts = items.map(() => null);
  if (bad.size > 0 && good.length > 0) {
    const partial = validateItems(good.map(([, item]) => item), { currency });
    if (partial.ok) partial.lines.forEach((line, k) => { amounts[good[k][0]] = line.amount; });
  }
  showLines(amounts);
  for (const dd of document.querySelectorAll("[data-total]")) dd.textContent = "–";
  const n = issues.length;
  status.textContent = `${n} problem${n === 1 ? "" : "s"} to fix before paying; the total shows once ${n === 1 ? "it is" : "they are"} fixed`;
  status.dataset.state = "error";
}

/** Each line's amount, or a dash with words for a screen reader while the line has a problem. */
function showLines(amounts) {
  amounts.forEach((amount, i) => {
    const cell = document.getElementById(`amount-${i}`);
    if (amount === null) cell.replaceChildren(el("span", { "aria-hidden": "true", text: "–" }), el("span", { class: "sr-only", text: "to be fixed" }));
    else cell.textContent = money(amount, currency);
  });
}

export function mountCheckout() {
  const select = document.getElementById("currency");
  for (const c of CURRENCIES) select.append(el("option", { value: c, selected: c === currency }, c));
  select.addEventListener("change", () => {
    currency = select.value;
    render();
  });
  document.getElementById("add-line").addEventListener("click", () => {
    rows.push({ number: "", name: "", price: "", quantity: "1", unit: "", vat: "", rebate: "" });
    buildRows(rows.length - 1);
    render();
  });
  buildRows();
  render();
}
