// Authorising a payment. The server never assumes an authoriser: AUTHORISER names one, or it does
// not start (an approve-everything default would let a customer key fund its own balance).
//   AUTHORISER=test    the built-in test mode, like a processor's sandbox: it approves every
//                      payment except those of an amount from 2000.00 to 2999.99 (any currency;
//                      the convention of Braintree's sandbox), which it declines. For tests and demos.
//   AUTHORISER=<path>  a module (a path from the working directory, or a package name) exporting
//                      `authorise`: the operator's link to a payment processor
//                      (server/authorisers/stripe.js is an example).
// The interface: authorise({ customer, order, amount, currency, idempotencyKey }) →
// "success" | "failure" (or a promise of one); a throw fails the request and writes nothing.
// `customer` is the customer's state, `amount` the decimal text the package computed, and
// `idempotencyKey` names the attempt (customer and the version it settles), so a processor charges
// once even if the server dies before committing. Its answer alone decides whether funds arrive.
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export function testAuthoriser({ amount }) {
  // The integer part of the decimal text, compared as text: no floating point on amounts.
  const whole = String(amount).replace(/^-/, "").split(".")[0].replace(/^0+(?=\d)/, "");
  return whole.length === 4 && whole.startsWith("2") ? "failure" : "success";
}

/** The authoriser AUTHORISER names: → { name, authorise }; throws when none or no usable one is named. */
export async function loadAuthoriser(setting, cwd = process.cwd()) {
  if (!setting) {
    throw new Error(
      "AUTHORISER is not set: name the module that authorises payments (AUTHORISER=./my-authoriser.js), " +
        "or AUTHORISER=test for the test mode that approves every amount outside 2000.00–2999.99",
    );
  }
  if (setting === "test") return { name: "test", authorise: testAuthoriser };
  const local = setting.startsWith(".") || isAbsolute(setting);
  const mod = await import(local ? pathToFileURL(resolve(cwd, setting)).href : setting);
  if (typeof mod.authorise !== "function") {
    throw new Error(`AUTHORISER=${setting}: the module exports no function \`authorise\``);
  }
  return { name: setting, authorise: mod.authorise };
}
