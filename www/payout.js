// The payout form: a credit request validated as it is typed (Balanced v1 / v1.1 rules), its fee,
// and its schedule on the Federal Reserve's calendar in Pacific time, shown as a timeline.
import { validateCredit, creditSchedule, itemTotals } from "/pkg/browser.js";
import { el, money } from "./format.js";

const $ = (id) => document.getElementById(id);

/** Dollars typed by a person → integer cents, exactly (through the library, not floats). */
function cents(dollars) {
  const gross = itemTotals(dollars, "USD").gross; // "1250.00"
  return gross.replace(".", "").replace(/^0+(?=\d)/, "");
}

function request() {
  return {
    amount: $("p-amount").value.trim(),
    appears_on_statement_as: $("p-statement").value,
    bank_account: {
      name: $("p-name").value,
      routing_number: $("p-routing").value.trim(),
      account_number: $("p-account").value.trim(),
      type: $("p-type").value,
    },
  };
}

function showIssue(path, message) {
  const target = $(`pe${path.replaceAll("/", "-")}`) ?? $("pe-amount");
  target.textContent = message;
  const input = target.id && document.querySelector(`[aria-describedby="${target.id}"]`);
  input?.setAttribute("aria-invalid", "true");
}

function render() {
  for (const e of document.querySelectorAll("#payout .field-error")) e.textContent = "";
  for (const e of document.querySelectorAll("#payout [aria-invalid]")) e.removeAttribute("aria-invalid");
  const status = $("payout-status");
  const timeline = $("timeline");
  timeline.replaceChildren();
  const req = request();
  try {
    req.amount = cents(req.amount);
  } catch (e) {
    showIssue("/amount", e.issues?.[0]?.message ?? e.message);
    status.textContent = "Fix the amount";
    status.dataset.state = "error";
    return;
  }
  const version = $("p-version").value;
  const result = validateCredit(req, { version, minAmount: 100, maxAmount: 2_500_000 });
  let schedule = null;
  try {
    schedule = creditSchedule($("p-created").value.trim(), { version });
  } catch (e) {
    showIssue("/created", e.issues?.[0]?.message ?? e.message);
  }
  if (!result.ok) {
    for (const i of result.issues) showIssue(i.path, i.message);
    status.textContent = `${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} with this payout`;
    status.dataset.state = "error";
  } else {
    const c = result.credit;
    const usd = (n) => money(`${String(n).padStart(3, "0").slice(0, -2)}.${String(n).padStart(3, "0").slice(-2)}`, "USD");
    status.textContent = `Valid: ${usd(c.amount)} to account ••${c.bank_account?.last_four ?? ""}, fee ${usd(c.fee)}`;
    status.dataset.state = "ok";
  }
  if (schedule) {
    const steps = [
      ["Requested", $("p-created").value.trim()],
      ["Submitted in the 3 pm batch", schedule.submitted_at],
      ["Money expected", schedule.available_at],
      ["Rejections possible until", schedule.failure_deadline],
    ];
    for (const [label, at] of steps) {
      timeline.append(el("li", {}, el("span", { class: "dot", "aria-hidden": "true" }), el("strong", { text: label }), el("time", { datetime: at, text: at.replace("T", " ") })));
    }
  }
}

/** The form's credit request as the library reads it (amount in cents) and its version, or null
 * while the form has problems (render shows them). */
export function payoutRequest() {
  const req = request();
  try {
    req.amount = cents(req.amount);
  } catch {
    return null;
  }
  const version = $("p-version").value;
  return validateCredit(req, { version, minAmount: 100, maxAmount: 2_500_000 }).ok ? { version, request: req } : null;
}

export function mountPayout() {
  $("p-created").value = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  for (const input of document.querySelectorAll("#payout input, #payout select")) {
    input.addEventListener("input", render);
  }
  render();
}
