// The payout form: a credit request validated as it is typed (Balanced v1 / v1.1 rules), its fee,
// and its schedule on the Federal Reserve's calendar in Pacific time, shown as a timeline. The
// request time is typed and every time shown in Pacific time (the screen names it); each problem is
// told in the merchant's words at its field (messages.js), every one of them.
import { validateCredit, creditSchedule, itemTotals } from "/pkg/browser.js";
import { el, money, timeEl, PACIFIC, wallClockNow, wallClockToIso } from "./format.js";
import { explain, sentence } from "./messages.js";

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

/** One problem at the field its path names (the amount's when no field is named). */
function showIssue(path, text) {
  const target = $(`pe${path.replaceAll("/", "-")}`) ?? $("pe-amount");
  target.append(el("span", { text }));
  const input = document.querySelector(`[aria-describedby~="${target.id}"]`);
  input?.setAttribute("aria-invalid", "true");
}

/** The request time typed in Pacific time, as ISO 8601 with its offset (null: not a time). */
const requestedAt = () => wallClockToIso($("p-created").value, PACIFIC);

function render() {
  for (const e of document.querySelectorAll("#payout .field-error")) e.replaceChildren();
  for (const e of document.querySelectorAll("#payout [aria-invalid]")) e.removeAttribute("aria-invalid");
  const status = $("payout-status");
  const timeline = $("timeline");
  timeline.replaceChildren();
  const req = request();
  // Every problem shown is counted, and every one counted is shown.
  let problems = 0;
  const show = (path, text) => {
    showIssue(path, text);
    problems += 1;
  };
  try {
    req.amount = cents(req.amount);
  } catch (e) {
    const { text, issues } = explain(e, "merchant");
    for (const i of issues.length ? issues : [{ text }]) show("/amount", i.text);
    status.textContent = `${problems} problem${problems === 1 ? "" : "s"} with this payout`;
    status.dataset.state = "error";
    return;
  }
  const version = $("p-version").value;
  const result = validateCredit(req, { version, minAmount: 100, maxAmount: 2_500_000 });
  let schedule = null;
  const created = requestedAt();
  if (created === null) {
    show("/created", sentence("invalid_date_time", "merchant"));
  } else {
    try {
      schedule = creditSchedule(created, { version });
    } catch (e) {
      const { text, issues } = explain(e, "merchant");
      for (const i of issues.length ? issues : [{ text }]) show("/created", i.text);
    }
  }
  if (!result.ok) for (const i of explain(result, "merchant").issues) show(i.path, i.text);
  if (problems > 0) {
    status.textContent = `${problems} problem${problems === 1 ? "" : "s"} with this payout`;
    status.dataset.state = "error";
  } else {
    const c = result.credit;
    const usd = (n) => money(`${String(n).padStart(3, "0").slice(0, -2)}.${String(n).padStart(3, "0").slice(-2)}`, "USD");
    status.textContent = `Valid: ${usd(c.amount)} to account ••${c.bank_account?.last_four ?? ""}, fee ${usd(c.fee)}`;
    status.dataset.state = "ok";
  }
  if (schedule) {
    const steps = [
      ["Requested", created],
      ["Submitted in the 3 pm batch", schedule.submitted_at],
      ["Money expected", schedule.available_at],
      ["Rejections possible until", schedule.failure_deadline],
    ];
    for (const [label, at] of steps) {
      timeline.append(el("li", {}, el("span", { class: "dot", "aria-hidden": "true" }), el("strong", { text: label }), timeEl(at, PACIFIC)));
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
  $("p-created").value = wallClockNow(PACIFIC);
  for (const input of document.querySelectorAll("#payout input, #payout select")) {
    input.addEventListener("input", render);
  }
  render();
}
