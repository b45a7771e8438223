// Checkout item form: each keystroke validates through the wasm package and shows the totals or
// the problems next to the fields they belong to (from each issue's JSON Pointer).
import init, { validateItems } from "/pkg/browser.js";

const form = document.getElementById("item");
const fields = ["price", "quantity", "vat", "rebate"];

function readItem() {
  const item = {};
  for (const f of fields) {
    const v = form.elements[f].value.trim();
    if (v !== "") item[f] = v;
  }
  return item;
}

function render() {
  const currency = form.elements.currency.value;
  const result = validateItems(readItem(), { currency });
  for (const f of fields) {
    form.elements[f].removeAttribute("aria-invalid");
    document.getElementById(`${f}-error`).textContent = "";
  }
  const status = document.getElementById("status");
  if (!result.ok) {
    for (const issue of result.issues) {
      const field = issue.path.split("/")[1];
      const el = document.getElementById(`${field}-error`);
      if (el) {
        el.textContent = issue.message;
        form.elements[field].setAttribute("aria-invalid", "true");
      }
    }
    for (const dd of document.querySelectorAll("[data-total]")) dd.textContent = "–";
    status.textContent = `${result.issues.length} problem(s) to fix`;
    return;
  }
  for (const dd of document.querySelectorAll("[data-total]")) {
    dd.textContent = `${result.totals[dd.dataset.total]} ${currency}`;
  }
  status.textContent = "Valid";
}

await init();
form.addEventListener("input", render);
render();
document.body.dataset.ready = "true";
