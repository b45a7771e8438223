//! What the public functions take, declared for TypeScript (ts-rs, `--features ts`): the options,
//! orders, requests and payments the core reads from JSON. The core never builds these types; a
//! test holds each to the field list the core reads (as its unknown-field refusal names it), so a
//! field added to a reader and not here, or here and not there, fails the build's tests.
#![allow(dead_code)]

use ts_rs::TS;

use crate::cash::bank_transfer::{BankTransferType, UsNetwork};
use crate::cash::settings::{ReconciliationMode, ReconciliationSetting};
use crate::cash::transaction_type::TransactionType;
use crate::checkout::item::ItemInput;
use crate::payouts::options::Version;

/// An amount as input: a number (read through its shortest round-trip text) or a decimal string.
#[derive(TS)]
#[ts(export, untagged)]
pub enum Amount {
    Number(f64),
    Text(String),
}

/// A whole number of minor units (a JS number or a decimal string such as `"5000"`).
#[derive(TS)]
#[ts(export, untagged)]
pub enum MinorUnits {
    Number(f64),
    Text(String),
}

/// An item body: a strictly positive amount (a bare charge), one item, or a non-empty array of items.
#[derive(TS)]
#[ts(export, untagged)]
pub enum ItemBody {
    Amount(Amount),
    Item(ItemInput),
    Items(Vec<ItemInput>),
}

/// Options of `validateItems`: with a currency, lines are rounded to its minor unit.
#[derive(TS)]
#[ts(export)]
pub struct ValidateItemsOptions {
    #[ts(optional = nullable)]
    currency: Option<String>,
}

/// Options of the ledger calls. `now` (ISO 8601 with an offset) defaults to the current time.
#[derive(TS)]
#[ts(export)]
pub struct LedgerOptions {
    #[ts(optional)]
    now: Option<String>,
    /// Stripe's idempotency: within 24 hours of its use the same key with the same request replays
    /// (`replayed: true`, nothing changed or created: `entries: []`, `matched` the versions of the
    /// original entries); with another request it throws
    /// `idempotency_key_reused`. 1 to 255 characters.
    #[ts(optional)]
    idempotency_key: Option<String>,
    /// `previewSettlement`, `settleBalance`: the settlement order's number.
    #[ts(optional)]
    number: Option<String>,
    /// `previewSettlements`: `"summary"` leaves each customer's order out.
    #[ts(optional, type = "\"full\" | \"summary\"")]
    detail: Option<String>,
}

/// What an order's payment did.
#[derive(TS)]
#[ts(export, rename_all = "lowercase")]
pub enum Outcome {
    Success,
    Failure,
}

/// An order that funds the balance (the seed's order with a balance payment).
#[derive(TS)]
#[ts(export)]
pub struct FundingOrder {
    number: String,
    items: ItemBody,
    currency: String,
    customer: String,
    #[ts(type = "{ type: \"customer\"; charge: \"balance\" }")]
    payment: (),
}

/// What the IVR passes along with the customer.
#[derive(TS)]
#[ts(export)]
pub struct AccountExtras {
    request_tracking_id: String,
    #[ts(optional)]
    billing_name: Option<String>,
    #[ts(optional)]
    ivr_fee: Option<Amount>,
}

/// Cash balance settings as given: without `reconciliation_mode` the merchant's default applies.
#[derive(TS)]
#[ts(export)]
pub struct CashBalanceSettingsInput {
    #[ts(optional)]
    reconciliation_mode: Option<StripeEnum<ReconciliationSetting>>,
    /// The merchant's default mode (Stripe's is `automatic`).
    #[ts(optional)]
    merchant_default: Option<ReconciliationMode>,
    /// Stripe's `settings` object reads back: true means the mode given is the merchant's default.
    #[ts(optional)]
    using_merchant_default: Option<bool>,
}

/// A payment (payment intent) awaiting funds from the cash balance.
#[derive(TS)]
#[ts(export)]
pub struct CashPaymentInput {
    id: String,
    currency: String,
    amount_remaining: MinorUnits,
    created: MinorUnits,
}

/// What `reconcileCashBalance` applies: everything, or one currency, one payment, up to an amount.
#[derive(TS)]
#[ts(export)]
pub struct CashReconcileRequest {
    /// The `created` of the `applied_to_payment` transactions made (seconds since the epoch).
    created: MinorUnits,
    #[ts(optional)]
    currency: Option<String>,
    #[ts(optional)]
    payment_intent: Option<String>,
    #[ts(optional)]
    amount: Option<MinorUnits>,
}

/// Any other value of an enum: Stripe adds values, and its official client types an enum as its
/// known values or this (at run time a value this package does not know is refused, coded).
#[derive(TS)]
#[ts(export, type = "string & Record<never, never>")]
pub struct OtherString;

/// An enum value as Stripe's own types write it: the values this package knows, or any other.
#[derive(TS)]
#[ts(export, untagged)]
pub enum StripeEnum<T: TS> {
    Known(T),
    Other(OtherString),
}

/// A reference to another Stripe object: its id, or the object itself when expanded (read as its id).
#[derive(TS)]
#[ts(export, untagged)]
pub enum Expandable {
    Id(String),
    Expanded(ExpandedObject),
}

/// An expanded Stripe object: whatever else it holds, it has its id.
#[derive(TS)]
#[ts(export)]
pub struct ExpandedObject {
    id: String,
}

/// The sender's details of a bank transfer, as Stripe writes them (each field may be left out).
#[derive(TS)]
#[ts(export)]
pub struct CashBankTransferInput {
    #[ts(rename = "type")]
    kind: StripeEnum<BankTransferType>,
    #[ts(optional = nullable)]
    reference: Option<String>,
    #[ts(
        optional,
        type = "{ bic?: string | null; iban_last4?: string | null; sender_name?: string | null }"
    )]
    eu_bank_transfer: Option<()>,
    #[ts(
        optional,
        type = "{ account_number_last4?: string | null; sender_name?: string | null; sort_code?: string | null }"
    )]
    gb_bank_transfer: Option<()>,
    #[ts(
        optional,
        type = "{ sender_bank?: string | null; sender_branch?: string | null; sender_name?: string | null }"
    )]
    jp_bank_transfer: Option<()>,
    #[ts(optional)]
    us_bank_transfer: Option<CashUsBankTransferInput>,
}

/// A US bank transfer's sender details.
#[derive(TS)]
#[ts(export)]
pub struct CashUsBankTransferInput {
    #[ts(optional)]
    network: Option<StripeEnum<UsNetwork>>,
    #[ts(optional = nullable)]
    sender_name: Option<String>,
}

/// `funded`: the bank transfer that brought the funds.
#[derive(TS)]
#[ts(export)]
pub struct CashFundedInput {
    bank_transfer: CashBankTransferInput,
}

/// `applied_to_payment`, `unapplied_from_payment`: the payment intent.
#[derive(TS)]
#[ts(export)]
pub struct CashPaymentRefInput {
    payment_intent: Expandable,
}

/// `refunded_from_payment`: the refund.
#[derive(TS)]
#[ts(export)]
pub struct CashRefundRefInput {
    refund: Expandable,
}

/// `adjusted_for_overdraft`: the balance transaction and the cash balance transaction it covers.
#[derive(TS)]
#[ts(export)]
pub struct CashOverdraftInput {
    balance_transaction: Expandable,
    linked_transaction: Expandable,
}

/// `transferred_to_balance`: the balance transaction of the funds moved to the Stripe balance.
#[derive(TS)]
#[ts(export)]
pub struct CashTransferredInput {
    balance_transaction: Expandable,
}

/// A transaction as given: Stripe's `customer_cash_balance_transaction` as its API sends it (a
/// `Stripe.CustomerCashBalanceTransaction` goes in as it is), where `object`, `customer`,
/// `customer_account`, `livemode` and `ending_balance` may be left out (when given they must match
/// the balance). Only the detail object of its own type may be present; references may be
/// expanded. Fields this package does not know are kept as they came on the transaction returned.
#[derive(TS)]
#[ts(export)]
pub struct CashTransactionInput {
    id: String,
    #[ts(optional, type = "\"customer_cash_balance_transaction\"")]
    object: Option<String>,
    #[ts(optional)]
    adjusted_for_overdraft: Option<CashOverdraftInput>,
    #[ts(optional)]
    applied_to_payment: Option<CashPaymentRefInput>,
    /// Seconds since the epoch.
    created: MinorUnits,
    currency: String,
    #[ts(optional)]
    customer: Option<Expandable>,
    #[ts(optional = nullable)]
    customer_account: Option<String>,
    #[ts(optional)]
    ending_balance: Option<MinorUnits>,
    #[ts(optional)]
    funded: Option<CashFundedInput>,
    #[ts(optional)]
    livemode: Option<bool>,
    /// Minor units; its sign follows the type (funds in are positive).
    net_amount: MinorUnits,
    #[ts(optional)]
    refunded_from_payment: Option<CashRefundRefInput>,
    #[ts(optional)]
    transferred_to_balance: Option<CashTransferredInput>,
    #[ts(rename = "type")]
    kind: StripeEnum<TransactionType>,
    #[ts(optional)]
    unapplied_from_payment: Option<CashPaymentRefInput>,
}

/// The merchant's settings a credit request is judged against.
#[derive(TS)]
#[ts(export)]
pub struct CreditOptions {
    /// `"1"` or `"1.1"` (the default).
    #[ts(optional = nullable)]
    version: Option<Version>,
    /// Smallest amount in cents (default 1).
    #[ts(optional = nullable, rename = "minAmount")]
    min_amount: Option<MinorUnits>,
    /// Largest amount in cents (default 2^53 − 1).
    #[ts(optional = nullable, rename = "maxAmount")]
    max_amount: Option<MinorUnits>,
    /// Balanced's fee per credit in cents. No rule is documented; every seed example shows 25, the default.
    #[ts(optional = nullable)]
    fee: Option<MinorUnits>,
}

/// Options of `transitionCredit`.
#[derive(TS)]
#[ts(export)]
pub struct TransitionOptions {
    /// When the status change arrived (ISO 8601 with an offset): required for a late rejection, and
    /// on a credit resource (one with an `id`), whose `updated_at` it becomes.
    #[ts(optional = nullable)]
    at: Option<String>,
    /// The version the credit must be of (`invalid_option` when it is the other).
    #[ts(optional = nullable)]
    version: Option<Version>,
    /// On a move to failure: Balanced's `failure_reason_code` (v1: `meta["balance_ledger.failure_reason_code"]`).
    #[ts(optional = nullable)]
    failure_reason_code: Option<String>,
    /// On a move to failure: Balanced's `failure_reason` (v1: `meta["balance_ledger.failure_reason"]`).
    #[ts(optional = nullable)]
    failure_reason: Option<String>,
}

/// Options of `createCredit`: `validateCredit`'s, and what the resource needs besides.
#[derive(TS)]
#[ts(export)]
pub struct CreateCreditOptions {
    /// The shape of the resource: `"1"` or `"1.1"`.
    version: Version,
    /// Smallest amount in cents (default 1).
    #[ts(optional = nullable, rename = "minAmount")]
    min_amount: Option<MinorUnits>,
    /// Largest amount in cents (default 2^53 − 1).
    #[ts(optional = nullable, rename = "maxAmount")]
    max_amount: Option<MinorUnits>,
    /// Balanced's fee per credit in cents (default 25).
    #[ts(optional = nullable)]
    fee: Option<MinorUnits>,
    /// The credit's `created_at` (ISO 8601 with an offset), from which its schedule follows
    /// (default: the current time).
    #[ts(optional = nullable)]
    now: Option<String>,
    /// `CR…` (16 to 32 letters or digits after CR); made from `seed` when absent.
    #[ts(optional = nullable)]
    id: Option<String>,
    /// `CR###-###-####`; made from `seed` when absent.
    #[ts(optional = nullable)]
    transaction_number: Option<String>,
    /// Text the ids are made from, deterministically (default: 16 random bytes from
    /// `crypto.getRandomValues`).
    #[ts(optional = nullable)]
    seed: Option<String>,
    /// v1: the marketplace of the credit's `uri` (`/v1/marketplaces/{marketplace}/credits/{id}`;
    /// without it `/v1/credits/{id}`).
    #[ts(optional = nullable)]
    marketplace: Option<String>,
    /// v1.1: `links.customer` (`CU…`).
    #[ts(optional = nullable)]
    customer: Option<String>,
    /// The bank account the credit goes to, when the request names none or names it by
    /// `destination_uri` (v1 needs it then).
    #[ts(optional = nullable)]
    destination: Option<StoredBankAccount>,
    /// v1.1: the statement text when the request gives none (default `"PAYOUT"`).
    #[ts(optional = nullable, rename = "appearsOnStatementAs")]
    appears_on_statement_as: Option<String>,
}

/// A bank account the caller keeps, named by a credit (`createCredit`'s `destination`).
#[derive(TS)]
#[ts(export)]
pub struct StoredBankAccount {
    /// `BA…` (or `CC…`, `AT…`), 16 to 32 letters or digits after the prefix.
    id: String,
    name: String,
    #[ts(optional = nullable)]
    bank_name: Option<String>,
    /// 9 digits with a valid ABA check digit.
    routing_number: String,
    /// The account number's last four digits.
    last_four: String,
    /// ISO 8601 with an offset.
    created_at: String,
}

/// Options of `creditSchedule`.
#[derive(TS)]
#[ts(export)]
pub struct ScheduleOptions {
    #[ts(optional = nullable)]
    version: Option<Version>,
}

/// Options of `listPage`.
#[derive(TS)]
#[ts(export)]
pub struct ListOptions {
    /// Page size, 1 to 100 (default 10).
    #[ts(optional = nullable)]
    limit: Option<MinorUnits>,
    /// Items to skip (default 0).
    #[ts(optional = nullable)]
    offset: Option<MinorUnits>,
    /// The collection's URI, e.g. `"/v1/marketplaces/TEST-MP…/credits"`; `limit` and `offset` are added.
    uri: String,
    /// The envelope: `"1"` (the default, the v1 document's) or `"1.1"` (Balanced's 1.1 list of credits).
    #[ts(optional = nullable)]
    version: Option<Version>,
    /// The collection's size, when `items` are already the page at `offset` (sorted newest first
    /// and sliced by the caller, e.g. a database query); at most `limit` of them.
    #[ts(optional = nullable)]
    total: Option<MinorUnits>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api;
    use crate::input::issue::top_level_fields;

    const CUSTOMER: &str =
        r#"{"id":"c1","currency":"SEK","status":"active","balance":[{"price":10}]}"#;
    const STATE: &str = r#"{"customer":"cus_1"}"#;
    const NOW: &str = r#"{"now":"2026-01-05T10:00:00Z"}"#;
    const CREDIT: &str =
        r#"{"version":"1.1","status":"pending","created_at":"2026-01-05T10:00:00Z"}"#;

    /// The fields the core reads, as its refusal of an unknown field `zz` names them
    /// ("unknown field "zz"; … has only a, b, c").
    fn fields_read(answer: &str) -> Vec<String> {
        let answer: serde_json::Value = serde_json::from_str(answer).unwrap_or_default();
        let issues = answer["error"]["issues"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let message = issues
            .iter()
            .find(|i| {
                i["code"] == "unknown_field"
                    && i["path"].as_str().is_some_and(|p| p.ends_with("/zz"))
            })
            .and_then(|i| i["message"].as_str())
            .unwrap_or_else(|| panic!("no unknown_field issue at /zz in {answer}"));
        let list = message.split_once(" has only ").map_or("", |(_, l)| l);
        list.split(", ").map(str::to_owned).collect()
    }

    /// A declaration without its `/** … */` comments (whose text may hold `:` and `,`).
    fn without_docs(decl: &str) -> String {
        let mut rest = decl;
        let mut out = String::new();
        while let Some((before, after)) = rest.split_once("/**") {
            out.push_str(before);
            rest = after.split_once("*/").map_or("", |(_, a)| a);
        }
        out + rest
    }

    /// The object `json` with the unknown field `zz` added.
    fn with_zz(json: &str) -> String {
        let mut value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
        value["zz"] = 1.into();
        value.to_string()
    }

    /// A transaction's unknown fields are kept, not refused: its declaration has exactly the
    /// fields the core knows (and checks), and `zz` comes back as it went in.
    #[test]
    fn the_transaction_input_has_exactly_the_fields_the_core_knows() {
        let cfg = ts_rs::Config::default();
        let mut declared = top_level_fields(&without_docs(&CashTransactionInput::decl(&cfg)));
        declared.sort();
        let mut known: Vec<String> = crate::cash::transaction::TRANSACTION_FIELDS
            .iter()
            .map(|f| (*f).to_owned())
            .collect();
        known.sort();
        assert_eq!(declared, known);
        let funded = r#"{"id":"t1","type":"funded","currency":"eur","net_amount":5000,"created":1,"funded":{"bank_transfer":{"type":"eu_bank_transfer"}}}"#;
        let answer: serde_json::Value =
            serde_json::from_str(&api::apply_cash_transaction(STATE, &with_zz(funded)))
                .unwrap_or_default();
        assert_eq!(answer["value"]["transaction"]["zz"], 1, "{answer}");
    }

    #[test]
    fn each_input_type_has_exactly_the_fields_the_core_reads() {
        let cfg = ts_rs::Config::default();
        let order = r#"{"number":"o1","items":[{"price":1}],"currency":"SEK","customer":"c1","payment":{"type":"customer","charge":"balance"}}"#;
        let create = r#"{"version":"1.1","now":"2026-01-05T10:00:00Z","seed":"s"}"#;
        let destination = r#"{"id":"BA2rvRdkxZ1w1B8cVSSAkgpm","name":"n","routing_number":"325182797","last_four":"1234","created_at":"2026-01-05T10:00:00Z"}"#;
        let with_destination = format!(
            r#"{{"version":"1.1","now":"2026-01-05T10:00:00Z","seed":"s","destination":{}}}"#,
            with_zz(destination)
        );
        // CashTransactionInput keeps unknown fields (Stripe adds some): its own test below.
        let cases: [(String, String); 13] = [
            (
                ValidateItemsOptions::decl(&cfg),
                api::validate_items("1", &with_zz("{}")),
            ),
            (
                LedgerOptions::decl(&cfg),
                api::preview_settlement(CUSTOMER, &with_zz(NOW)),
            ),
            (
                FundingOrder::decl(&cfg),
                api::fund_balance(CUSTOMER, &with_zz(order), "\"success\"", NOW),
            ),
            (
                AccountExtras::decl(&cfg),
                api::account_balance(CUSTOMER, &with_zz(r#"{"request_tracking_id":"r1"}"#)),
            ),
            (
                CashBalanceSettingsInput::decl(&cfg),
                api::cash_balance("\"cus_1\"", "[]", &with_zz("{}")),
            ),
            (
                CashPaymentInput::decl(&cfg),
                api::add_cash_payment(
                    STATE,
                    &with_zz(r#"{"id":"pi_1","currency":"eur","amount_remaining":1,"created":1}"#),
                ),
            ),
            (
                CashReconcileRequest::decl(&cfg),
                api::reconcile_cash_balance(STATE, &with_zz(r#"{"created":1}"#)),
            ),
            (
                CreditOptions::decl(&cfg),
                api::validate_credit(r#"{"amount":100}"#, &with_zz("{}")),
            ),
            (
                TransitionOptions::decl(&cfg),
                api::transition_credit(CREDIT, "\"succeeded\"", &with_zz("{}")),
            ),
            (
                CreateCreditOptions::decl(&cfg),
                api::create_credit(r#"{"amount":100}"#, &with_zz(create)),
            ),
            (
                StoredBankAccount::decl(&cfg),
                api::create_credit(r#"{"amount":100}"#, &with_destination),
            ),
            (
                ScheduleOptions::decl(&cfg),
                api::credit_schedule("\"2026-01-05T10:00:00Z\"", &with_zz("{}")),
            ),
            (
                ListOptions::decl(&cfg),
                api::list_page("[]", &with_zz(r#"{"uri":"/v1/credits"}"#)),
            ),
        ];
        for (decl, answer) in cases {
            assert_eq!(
                top_level_fields(&without_docs(&decl)),
                fields_read(&answer),
                "{decl}"
            );
        }
    }
}
