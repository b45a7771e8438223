// Charging the checkout's cart to a customer on the server that serves this page (server/):
// POST /customer/:id/balance with the customer's key, then the amount the server's journal
// recorded for it, shown beside the total the page computed with the same package.
import { money } from "./format.js";
import { cartItems } from "./checkout.js";
import { api } from "./api.js";

export function mountServerCharge() {
  const form = document.getElementById("server-charge");
  const status = document.getElementById("server-status");
  const charged = document.getElementById("server-charged");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
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
      status.textContent = `Charged to ${customer.id}: ${customer.balance.length} unsettled item${customer.balance.length === 1 ? "" : "s"}, version ${customer.version}`;
      status.dataset.state = "ok";
    } catch (e) {
      status.textContent = e.message;
      status.dataset.state = "error";
    }
  });
}
