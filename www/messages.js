// The demo's words for every error code the package and the server can answer: one sentence for
// the person at the screen — the shopper at the checkout, the merchant on the dashboard — shown at
// the field the problem's path names. The codes and paths themselves are for developers: they go
// to the browser's console, never on screen (tests/e2e/messages.test.mjs checks every code of the
// package's table and of the server has a sentence here).

/** A string is the sentence for everyone; `{ shopper, merchant }` when they need different words. */
export const MESSAGES = {
  // The input as a whole
  invalid_input: "Some details need fixing; each one is shown where it is.",
  input_too_large: "This is more than can be sent at once. Try with fewer items.",
  input_too_deep: "This is more than can be sent at once. Try with fewer items.",
  unreadable_input: "This could not be read. Reload the page and try again.",
  too_many_items: "There are too many items. Remove some and try again.",
  empty: "Add at least one item.",
  invalid_body: "Add an item or an amount above zero.",
  too_many_issues: "There are many problems here; fix the ones shown first.",
  // A field
  required: "This is required.",
  unknown_field: "This detail is not accepted here.",
  invalid_type: "This is not the right kind of value.",
  too_long: "This is too long. Shorten it.",
  invalid_characters: "This contains characters that cannot be used here.",
  not_finite: "Enter a number.",
  empty_amount: "Enter an amount.",
  invalid_decimal: "Enter a number, like 12.50 (with a point, no thousands separators).",
  out_of_range: "This is outside the allowed range.",
  too_precise: "This has more decimal places than allowed.",
  negative: "This cannot be below zero.",
  not_positive: "Enter an amount above zero.",
  not_integer: "Enter a whole number.",
  overflow: "This amount is too large.",
  length_mismatch: "The details do not match up. Reload the page and try again.",
  // Items and charges
  vat_without_price: "Enter a price for this VAT to apply to.",
  rebate_exceeds_price: "The rebate can't be more than the price.",
  unknown_currency: {
    shopper: "This currency can't be used. Choose another one.",
    merchant: "This customer's currency is not one we can charge in. Correct the customer's currency.",
  },
  currency_mismatch: "This amount is in another currency than the account's.",
  limit_exceeded: {
    shopper: "This would go over the account's credit limit. Remove something from the cart or contact the shop.",
    merchant: "This charge would take the customer over their credit limit.",
  },
  idempotency_key_reused: "This request was already sent with other details. Reload the page and try again.",
  journal_mismatch: "The account's history does not add up. Contact support.",
  customer_not_chargeable: {
    shopper: "This account can't be charged right now. Contact the shop.",
    merchant: "This customer is inactive or suspended, so they can't be charged.",
  },
  customer_mismatch: "This belongs to another customer.",
  unsupported_payment: "This payment method can't be used to settle a balance.",
  duplicate_id: "This customer is listed twice, or already exists.",
  forbidden_target: "This key may not settle that customer.",
  unknown_key_kind: "This kind of key can't be used here.",
  // Cash balance
  unknown_type: "This kind of cash transaction is not known.",
  wrong_sign: "This cash amount goes the wrong way for its kind of transaction.",
  duplicate_transaction: "This cash transaction was already recorded.",
  duplicate_payment: "This payment is already waiting for funds.",
  stale_transaction: "This cash transaction is too old to be recorded now.",
  insufficient_funds: "There is not enough cash on the balance for this.",
  overdraft_pending: "The cash balance is overdrawn; it must be adjusted first.",
  no_overdraft: "There is no overdraft to adjust.",
  balance_mismatch: "The cash balance does not add up.",
  exceeds_payment: "This is more than the payment is waiting for.",
  unknown_payment: "No payment is waiting for funds under that reference.",
  // Payouts
  invalid_date: "Enter a date like 2026-03-06.",
  invalid_date_time: "Enter a date and time like 2026-03-06 14:30.",
  unknown_value: "Choose one of the options offered.",
  invalid_routing_number: "This routing number is not valid. It has 9 digits; check them against a cheque.",
  invalid_uri: "This bank account reference is not valid.",
  conflicting_fields: "These details can't be given together.",
  invalid_transition: "The payout can't move to that status from where it stands.",
  failure_window_closed: "It is too late to report this payout as rejected.",
  // The page and the engine
  invalid_option: "The page asked in a way that is not supported. Reload the page and try again.",
  internal_error: "Something went wrong on our side. Please try again.",
  not_initialized: "The page is still loading. Try again in a moment.",
  // The server's own
  unauthorized: {
    shopper: "That customer key was not accepted. Check it and try again.",
    merchant: "That key was not accepted. Check the merchant's private key and try again.",
  },
  forbidden: {
    shopper: "This key can't be used for that account.",
    merchant: "This needs the merchant's private key.",
  },
  not_found: {
    shopper: "No account was found with that customer id. Check it and try again.",
    merchant: "That could not be found. It may have been removed.",
  },
  version_conflict: "Someone else changed this at the same moment. Try again.",
  not_acceptable: "This payout belongs to another API version. Switch the version and try again.",
  unsupported_media_type: "The page sent something the server does not read. Reload the page and try again.",
  bad_request: "The server could not read that request. Reload the page and try again.",
  unavailable: "The service is not available right now. Try again in a moment.",
  not_configured: "This service is not set up on the server yet.",
  invalid_signature: "The notification could not be verified.",
  still_waiting: "This transaction is still waiting for earlier ones; it can't be removed yet.",
  duplicate_key: "The page sent a field twice. Reload the page and try again.",
  duplicate_header: "The request was sent with two keys. Reload the page and try again.",
  method_not_allowed: "The page asked for something the server does not do here. Reload the page and try again.",
  zero_charge: {
    shopper: "There is nothing to pay in this cart. Add an item with a price.",
    merchant: "A charge of 0.00 is not recorded. Add an item with a price.",
  },
  too_many_unsettled_items: {
    shopper: "This account has too many unpaid items. Please contact the shop.",
    merchant: "This customer has too many unsettled items. Settle the balance, then charge again.",
  },
  customer_state_too_large: {
    shopper: "This account can't take more items now. Please contact the shop.",
    merchant: "This customer's record is full. Settle the balance, then charge again.",
  },
  authoriser_unavailable: "The payment provider did not answer. Nothing was charged; try again in a moment.",
  rate_limited: "Too many requests in a short time. Wait a moment and try again.",
  database_unavailable: "The service is not available right now. Try again in a moment.",
};

const FALLBACK = "Something went wrong. Please try again.";

/** The sentence for `code` for `audience` ("shopper" or "merchant"). */
export function sentence(code, audience) {
  const m = MESSAGES[code];
  if (m === undefined) return FALLBACK;
  return typeof m === "string" ? m : m[audience];
}

/**
 * A refusal (the package's or the server's: `{ code, message, issues }`) for a person: the
 * sentence, and each issue's sentence with its path for placing it at a field. The codes, paths and
 * developers' messages go to the console.
 */
export function explain(error, audience) {
  const code = error?.code;
  const issues = (error?.issues ?? []).map((i) => ({ path: i.path ?? "", code: i.code, text: sentence(i.code, audience) }));
  // Developers' details: the console only.
  console.info("balance-ledger:", code ?? "error", error?.message ?? String(error), error?.issues ?? []);
  // A page fault (a TypeError, a lost connection) has no code: the fallback sentence.
  return { text: code ? sentence(code, audience) : FALLBACK, issues };
}
