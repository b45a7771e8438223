// What every screen of the demo must pass, at 1280 and at 390 px wide (a phone), each time an
// end-to-end test reaches a state it screenshots: no visible developer text, no serious or critical
// axe-core violation, nothing wider than the viewport or cut off sideways. `screen(page, name)`
// checks all of it at both widths and saves `<name>-1280.png` and `<name>-390.png` (shots.mjs).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { shots } from "./shots.mjs";
import { MESSAGES } from "../../www/messages.js";

export const WIDTHS = [1280, 390];
const HEIGHT = 900;

/** Debian's Chromium, headless; pages in one browser zone so the screenshots do not depend on the machine's. */
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: WIDTHS[0], height: HEIGHT }, timezoneId: "Europe/Stockholm", locale: "en-US" });
  return { browser, page };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// Codes of one plain English word (empty, required, …) would flag ordinary sentences: the guard
// looks for the codes with an underscore, which no sentence uses.
const CODES = Object.keys(MESSAGES).filter((c) => c.includes("_"));
const GUARDS = [
  ["[object Object]", /\[object \w+\]/],
  ["undefined", /\bundefined\b/],
  ["NaN", /\bNaN\b/],
  ["a JSON Pointer", /(?:^|[\s(\[:,;"'])\/[A-Za-z0-9_~]/m],
  ["an error code", new RegExp(`\\b(?:${CODES.join("|")})\\b`)],
  ["a time with a raw offset", /\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s?(?:Z|[+-]\d{2}:?\d{2})\b|\d{4}-\d{2}-\d{2}T\d{2}/],
];

/** The text a person sees: the rendered text and the values of the visible fields. */
export async function visibleText(page) {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll("input:not([type=password]):not([type=radio]), select, textarea")]
      .filter((f) => f.getClientRects().length > 0)
      .map((f) => (f.tagName === "SELECT" ? f.selectedOptions[0]?.text ?? "" : f.value));
    return [document.body.innerText, ...fields].join("\n");
  });
}

/** Fails when the visible text holds developer text (see GUARDS). */
export async function assertPlainText(page, where) {
  const text = (await visibleText(page)).replace(/\u00a0/g, " ");
  for (const [what, re] of GUARDS) {
    const m = re.exec(text);
    assert.equal(m, null, `${where}: the screen shows ${what}: …${m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : ""}…`);
  }
}

/** Fails on any serious or critical axe-core violation of the page as it is. */
export async function assertAccessible(page, where) {
  // DevTools evaluation is not the page's script: the page's CSP (script-src 'self') stays on.
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(violations, [], `${where}: accessibility`);
}

/** Fails when an element reaches past the viewport's sides, or its content is cut off or scrolls sideways. */
export async function assertFits(page, where) {
  const offenders = await page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > vw) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    // Visually hidden text (clipped to 1 px for screen readers) is not on screen.
    const hidden = (e) => {
      for (let n = e; n; n = n.parentElement) if (getComputedStyle(n).clip !== "auto" || n.classList.contains("sr-only")) return true;
      return false;
    };
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className && typeof e.className === "string" ? `.${e.className.trim().replace(/\s+/g, ".")}` : ""}`;
    for (const e of document.body.querySelectorAll("*")) {
      if (e.getClientRects().length === 0 || hidden(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < -1 || r.right > vw + 1) out.push(`${name(e)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
      // (A text field scrolls its own value as it is typed, a long key say: that is not the layout.)
      else if (!e.matches("input, textarea") && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible") out.push(`${name(e)} cuts off or scrolls ${e.scrollWidth - e.clientWidth} px sideways`);
    }
    return out.slice(0, 8);
  });
  assert.deepEqual(offenders, [], `${where}: layout`);
}

/**
 * The screen as it is, at each width: the text, axe and layout checks, and a full-page screenshot
 * `<name>-<width>.png`. Ends at the first width (1280) again. `scrollTo`: a selector the screenshot
 * is about (scrolled into view first).
 */
export async function screen(page, name, { scrollTo } = {}) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    const where = `${name} at ${width} px`;
    await assertPlainText(page, where);
    await assertFits(page, where);
    await assertAccessible(page, where);
    if (scrollTo) await page.locator(scrollTo).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true, animations: "disabled" });
  }
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
}

/** Tab (Shift+Tab when `back`) until the element `id` has the focus: the keyboard alone, at most 80 presses. */
export async function tabTo(page, id, { back = false } = {}) {
  for (let i = 0; i < 80; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  assert.fail(`#${id} cannot be reached with the Tab key`);
}

/** What the keyboard has focused: its id. */
export const focused = (page) => page.evaluate(() => document.activeElement?.id);
