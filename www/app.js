// Entry of the demo: load the wasm once, then mount the checkout widget and the dashboard.
import init from "/pkg/browser.js";
import { mountCheckout } from "./checkout.js";
import { mountServerCharge } from "./server-charge.js";
import { mountDashboard } from "./dashboard.js";
import { mountPayout } from "./payout.js";
import { mountPayoutServer } from "./payout-server.js";
import { mountCash } from "./cash.js";

function tabs() {
  const buttons = [...document.querySelectorAll('[role="tab"]')];
  const show = (button, focus) => {
    for (const b of buttons) {
      const on = b === button;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      document.getElementById(b.getAttribute("aria-controls")).hidden = !on;
    }
    if (focus) button.focus();
  };
  buttons.forEach((b, i) => {
    b.addEventListener("click", () => show(b, false));
    b.addEventListener("keydown", (ev) => {
      const step = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
      if (step) show(buttons[(i + step + buttons.length) % buttons.length], true);
    });
  });
}

const engine = document.getElementById("engine");
const loading = document.getElementById("checkout-loading");
try {
  const started = performance.now();
  await init();
  console.info(`balance-ledger: the engine started in ${Math.round(performance.now() - started)} ms`);
  engine.textContent = "Ready";
  loading.hidden = true;
  document.getElementById("checkout-body").hidden = false;
  tabs();
  mountCheckout();
  mountServerCharge();
  mountDashboard();
  mountPayout();
  mountPayoutServer();
  mountCash();
  document.body.dataset.ready = "true";
} catch (e) {
  console.error("balance-ledger: the engine could not start", e);
  engine.textContent = "Not available";
  engine.classList.add("bad");
  loading.replaceChildren(Object.assign(document.createElement("p"), {
    textContent: "The checkout could not start in this browser. Reload the page to try again.",
  }));
  loading.classList.add("bad");
}
