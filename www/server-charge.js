// Charging the checkout's cart to a customer on the server that serves this page (server/):
// POST /customer/:id/balance with the customer's key, then the amount the server's journal
// recorded for it, shown beside the total the page computed with the same package. A refusal is
// told in the shopper's words at the field it concerns (messages.js).
import { el, money } from "./format.js";
import { cartItems } from "./checkout.js";
import { api } from "./api.js";
import { explain } from "./messages.js";

// The field a refusal of the server is about: the key, or the customer id.
const FIELD_OF = { unauthorized: "srv-key", forbidden: "srv-key", not_found: "srv-customer" };

export function mountServerCharge() {
  const form = document.getElementById("server-charge");
  const status = document.getElementById("server-status");
  const charged = document.getElementById("server-charged");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    for (const id of ["srv-customer", "srv-key"]) {
      document.getElementById(id).removeAttribute("aria-invalid");
      document.getElementById(`${id}-error`).replaceChildren();
    }
    const id = document.getElementById("srv-customer").value.trim();
    const key = document.getElementById("srv-key").value.trim();
    status.dataset.state = "";
    status.textContent = "Charging…";
    charged.textContent = "–";
    try {
      const path = `/customer/${encodeURIComponent(id)}`;
      // A new key per press: a retry of the same press (a lost answer) would reuse it.
      const customer = await api(`${path}/balance`, key, {
        method: "POST",
        body: JSON.stringify(cartItems()),
        headers: { "idempotency-key": crypto.randomUUID() },
      });
      const { entries } = await api(`${path}/journal`, key);
      const entry = entries.at(-1);
      charged.textContent = money(entry.amount, entry.currency);
      const n = customer.balance.length;
      status.textContent = `Charged to account ${customer.id}: ${n} item${n === 1 ? "" : "s"} to be settled.`;
      status.dataset.state = "ok";
    } catch (e) {
      const { text } = explain(e, "shopper");
      const field = FIELD_OF[e.code];
      if (field) {
        document.getElementById(`${field}-error`).append(el("span", { text }));
        document.getElementById(field).setAttribute("aria-invalid", "true");
        status.textContent = "Not charged: see the message above.";
      } else {
        status.textContent = `Not charged. ${text}`;
      }
      status.dataset.state = "error";
    }
  });
}
