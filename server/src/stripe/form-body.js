// Stripe's request bodies: application/x-www-form-urlencoded with nested keys in brackets
// (`settings[reconciliation_mode]=manual`), as the official client sends them. Read into plain
// objects for the routes that speak Stripe's API, then validated by their JSON schemas like any
// body. Values stay strings (Stripe's encoding has no other type); no Stripe endpoint served here
// takes an array, so `a[]` is not read and `a[0]` is a key like any other (which schemas refuse).
import { HttpError } from "../errors.js";

const KEY = /^([A-Za-z0-9_]{1,64})((?:\[[A-Za-z0-9_]{1,64}\]){0,4})$/;

function unreadable(message) {
  return new HttpError(400, "unreadable_input", `the form body cannot be read: ${message}`);
}

/** `text` → a nested object, or throws unreadable_input (a malformed or repeated key). */
export function parseForm(text) {
  // Objects without a prototype: no key can reach Object.prototype.
  const out = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const m = KEY.exec(key);
    if (!m) throw unreadable(`the key ${JSON.stringify(key.slice(0, 80))} is not a name with at most 4 [name] parts`);
    const path = [m[1], ...[...m[2].matchAll(/\[([^\]]+)\]/g)].map((p) => p[1])];
    if (path.some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) throw unreadable(`the key ${JSON.stringify(key)}`);
    let at = out;
    for (const [i, part] of path.entries()) {
      const last = i === path.length - 1;
      const here = Object.hasOwn(at, part) ? at[part] : undefined;
      if (last) {
        if (here !== undefined) throw unreadable(`${JSON.stringify(key)} is given twice, or also as an object`);
        at[part] = value;
      } else {
        if (here !== undefined && typeof here !== "object") throw unreadable(`${JSON.stringify(key)} is also given as a value`);
        at = at[part] = here ?? Object.create(null);
      }
    }
  }
  return out;
}

/** Registers the parser in a plugin's context (its routes alone take form bodies besides JSON). */
export function acceptForms(app) {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, text, done) => {
    try {
      done(null, parseForm(text));
    } catch (err) {
      done(err);
    }
  });
}
