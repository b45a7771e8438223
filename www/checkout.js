// The checkout widget: a line-item editor validated on every keystroke through the package.
// Problems appear next to the field their JSON Pointer names; totals update live.
import { validateItems } from "/pkg/browser.js";
import { el, money } from "./format.js";

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
      tr.append(el("td", {}, input, el("p", { class: "field-error", id: `e-${i}-${field}` })));
    }
    tr.append(el("td", { class: "num line-amount", id: `amount-${i}` }, "–"));
    const remove = el("button", { type: "button", class: "icon", "aria-label": `Remove line ${i + 1}` }, "✕");
    remove.addEventListener("click", () => {
      rows.splice(i, 1);
      buildRows(Math.min(i, rows.length - 1));
      render();
    });
    tr.append(el("td", {}, remove));
    tb.append(tr);
  });
  if (focusRow !== undefined && focusRow >= 0) document.getElementById(`f-${focusRow}-number`)?.focus();
}

function render() {
  const result = validateItems(body(), { currency });
  for (const node of document.querySelectorAll("#checkout .field-error")) node.textContent = "";
  for (const node of document.querySelectorAll("#checkout input[aria-invalid]")) node.removeAttribute("aria-invalid");
  const bodyError = document.getElementById("body-error");
  bodyError.textContent = "";
  const status = document.getElementById("checkout-status");
  if (!result.ok) {
    for (const issue of result.issues) {
      const [, row, field] = issue.path.split("/");
      const target = field && document.getElementById(`e-${row}-${field}`);
      if (target) {
        target.textContent = issue.message.replace(new RegExp(`^${field}: `), "");
        document.getElementById(`f-${row}-${field}`)?.setAttribute("aria-invalid", "true");
      } else {
        bodyError.textContent = row === undefined || row === "" ? issue.message : `Line ${Number(row) + 1}: ${issue.message}`;
      }
    }
    for (const dd of document.querySelectorAll("[data-total]")) dd.textContent = "–";
    for (let i = 0; i < rows.length; i++) document.getElementById(`amount-${i}`).textContent = "–";
    status.textContent = `${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} to fix before paying`;
    status.dataset.state = "error";
    return;
  }
  result.lines.forEach((line, i) => {
    document.getElementById(`amount-${i}`).textContent = money(line.amount, currency);
  });
  for (const dd of document.querySelectorAll("[data-total]")) {
    dd.textContent = money(result.totals[dd.dataset.total], currency);
  }
  status.textContent = `${result.totals.count} line${result.totals.count === 1 ? "" : "s"}, valid`;
  status.dataset.state = "ok";
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
