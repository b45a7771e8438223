// Creating the payout form's credit on the server that serves this page (server/): POST /credits
// (v1.1, Balanced 1.1's own path) or /v1/credits (v1) with the merchant's key and a fresh
// Idempotency-Key, then the resource as the server stored it (GET its uri / href) and its timeline:
// what happened (GET …/events) beside what its schedule expects.
import { api } from "./api.js";
import { el } from "./format.js";
import { payoutRequest } from "./payout.js";

/** The schedule the resource carries: v1's available_at, the rest in meta's balance_ledger.* keys. */
function expected(credit) {
  const m = credit.meta;
  return [
    ["Submitted in the 3 pm batch (expected)", m["balance_ledger.submitted_at"]],
    ["Money expected", credit.available_at ?? m["balance_ledger.available_at"]],
    ["Rejections possible until", m["balance_ledger.failure_deadline"]],
  ];
}

export function mountPayoutServer() {
  const form = document.getElementById("server-credit");
  const status = document.getElementById("server-credit-status");
  const stored = document.getElementById("server-credit-resource");
  const timeline = document.getElementById("server-credit-timeline");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const key = document.getElementById("srv-credit-key").value.trim();
    stored.textContent = "";
    timeline.replaceChildren();
    const payout = payoutRequest();
    if (!payout) {
      status.textContent = "Fix the payout above first";
      status.dataset.state = "error";
      return;
    }
    status.dataset.state = "";
    status.textContent = "Creating the credit…";
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
      const { events } = await api(`${self}/events`, key);
      stored.textContent = JSON.stringify(credit, null, 2);
      const steps = [
        ...events.map((e) => [`${e.type.replace("credit.", "")} (${e.source})`, e.occurred_at]),
        ...expected(credit),
      ].sort((a, b) => Date.parse(a[1]) - Date.parse(b[1]));
      for (const [label, at] of steps) {
        timeline.append(el("li", {}, el("span", { class: "dot", "aria-hidden": "true" }), el("strong", { text: label }), el("time", { datetime: at, text: at.replace("T", " ") })));
      }
      status.textContent = `Stored ${credit.id} (${credit.transaction_number}), ${credit.state ?? credit.status}`;
      status.dataset.state = "ok";
    } catch (e) {
      status.textContent = e.message;
      status.dataset.state = "error";
    }
  });
}
