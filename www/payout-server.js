// Creating the payout form's credit on the server that serves this page (server/): POST /credits
// (v1.1, Balanced 1.1's own path) or /v1/credits (v1) with the merchant's key and a fresh
// Idempotency-Key, then the resource as the server stored it (GET its uri / href) and its timeline
// in Pacific time: what happened (GET …/events) beside what its schedule expects. The stored
// resource itself is for developers: the console has it.
import { creditSchedule } from "/pkg/browser.js";
import { api } from "./api.js";
import { el, money, timeEl, PACIFIC } from "./format.js";
import { explain } from "./messages.js";
import { payoutRequest } from "./payout.js";

/** The schedule the resource carries: v1's available_at, the rest in meta's balance_ledger.* keys. */
function expected(credit, version) {
  // The schedule is the package's own rule, computed here from the stored credit's creation time:
  // Balanced 1.1's credit has no field for it.
  const s = creditSchedule(credit.created_at, { version });
  return [
    ["Submitted in the 3 pm batch (expected)", s.submitted_at],
    ["Money expected", s.available_at],
    ["Rejections possible until", s.failure_deadline],
  ];
}

// What the events' types say, in words.
const EVENT_WORDS = { created: "Created", submitted: "Submitted", succeeded: "Paid out", failed: "Rejected by the bank", canceled: "Canceled" };
const SOURCE_WORDS = { api: "by you", bank: "by the bank", schedule: "on schedule" };

/** Integer cents → "USD 1,250.00", exactly. */
const usd = (cents) => {
  const s = String(cents).padStart(3, "0");
  return money(`${s.slice(0, -2)}.${s.slice(-2)}`, "USD");
};

export function mountPayoutServer() {
  const form = document.getElementById("server-credit");
  const status = document.getElementById("server-credit-status");
  const timeline = document.getElementById("server-credit-timeline");
  const heading = document.getElementById("server-credit-timeline-h");
  const keyInput = document.getElementById("srv-credit-key");
  const keyError = document.getElementById("srv-credit-key-error");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const key = keyInput.value.trim();
    timeline.replaceChildren();
    heading.hidden = true;
    keyInput.removeAttribute("aria-invalid");
    keyError.replaceChildren();
    const payout = payoutRequest();
    if (!payout) {
      status.textContent = "Fix the payout above first";
      status.dataset.state = "error";
      return;
    }
    status.dataset.state = "";
    status.textContent = "Creating the payout…";
    try {
      const { version, request } = payout;
      const created = await api(version === "1" ? "/v1/credits" : "/credits", key, {
        method: "POST",
        body: JSON.stringify(request),
        // A new key per press: a retry of the same press (a lost answer) would reuse it.
        headers: { "idempotency-key": crypto.randomUUID() },
      });
      const self = version === "1" ? created.uri : created.credits[0].href;
      const answer = await api(self, key);
      const credit = version === "1" ? answer : answer.credits[0];
      // Balanced's list envelope: v1's `items`, v1.1's `events`.
      const listed = await api(`${self}/events`, key);
      const events = listed.events ?? listed.items;
      console.info("balance-ledger: the stored credit", JSON.stringify(credit));
      const steps = [
        ...events.map((e) => {
          const type = e.type.replace("credit.", "");
          return [`${EVENT_WORDS[type] ?? "Updated"} ${SOURCE_WORDS[e.source] ?? ""}`.trim(), e.occurred_at];
        }),
        ...expected(credit, version),
      ].sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]));
      for (const [label, at] of steps) {
        timeline.append(el("li", {}, el("span", { class: "dot", "aria-hidden": "true" }), el("strong", { text: label }), timeEl(at, PACIFIC)));
      }
      heading.hidden = false;
      const state = credit.state ?? credit.status;
      status.textContent = `Payout ${credit.transaction_number} created: ${usd(credit.amount)}, ${state}.`;
      status.dataset.state = "ok";
    } catch (e) {
      const { text, issues } = explain(e, "merchant");
      if (e.code === "unauthorized" || e.code === "forbidden") {
        keyError.append(el("span", { text }));
        keyInput.setAttribute("aria-invalid", "true");
        status.textContent = "Not created: see the message above.";
      } else {
        status.textContent = `Not created. ${issues.length ? issues.map((i) => i.text).join(" ") : text}`;
      }
      status.dataset.state = "error";
    }
  });
}
