// Authorising a payment. No real processor is reachable here, so the built-in authoriser is a test
// mode, like a processor's sandbox: it approves every payment except those of an amount from
// 2000.00 to 2999.99 (any currency; the convention of Braintree's sandbox), which it declines.
// A real one implements the same function: authorise({ customer, order, amount, currency,
// idempotencyKey }) → "success" | "failure". `idempotencyKey` names the attempt (customer and the
// version it settles), so a processor charges once even if the server dies before committing.

export function testAuthoriser({ amount }) {
  // The integer part of the decimal text, compared as text: no floating point on amounts.
  const whole = String(amount).replace(/^-/, "").split(".")[0].replace(/^0+(?=\d)/, "");
  return whole.length === 4 && whole.startsWith("2") ? "failure" : "success";
}
