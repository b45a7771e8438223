// Entry of the demo: load the wasm once, then mount the checkout widget and the dashboard.
import init from "/pkg/browser.js";
import { mountCheckout } from "./checkout.js";
import { mountServerCharge } from "./server-charge.js";
import { mountDashboard } from "./dashboard.js";
import { mountPayout } from "./payout.js";
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
try {
  const started = performance.now();
  await init();
  engine.textContent = `Engine ready in ${Math.round(performance.now() - started)} ms`;
  tabs();
  mountCheckout();
  mountServerCharge();
  mountDashboard();
  mountPayout();
  mountCash();
  document.body.dataset.ready = "true";
} catch (e) {
  engine.textContent = `The engine could not start: ${e.message}`;
  engine.classList.add("bad");
}
