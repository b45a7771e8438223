//! What the public functions take, declared for TypeScript (ts-rs, `--features ts`): the options,
//! orders, requests and payments the core reads from JSON. The core never builds these types; a
//! test holds each to the field list the core reads (as its unknown-field refusal names it), so a
//! field added to a reader and not here, or here and not there, fails the build's tests.
#![allow(dead_code)]

use ts_rs::TS;

use crate::cash::settings::{ReconciliationMode, ReconciliationSetting};
use crate::cash::transaction::{
    AdjustedForOverdraft, Funded, PaymentRef, RefundRef, TransactionType,
};
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
    /// (`replayed: true`, the original entries, nothing changed); with another request it throws
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
    reconciliation_mode: Option<ReconciliationSetting>,
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

/// A transaction as given: Stripe's object, where `object`, `customer`, `livemode` and
/// `ending_balance` may be left out (when given they must match the balance).
#[derive(TS)]
#[ts(export)]
pub struct CashTransactionInput {
    id: String,
    #[ts(optional, type = "\"customer_cash_balance_transaction\"")]
    object: Option<String>,
    #[ts(optional)]
    adjusted_for_overdraft: Option<AdjustedForOverdraft>,
    #[ts(optional)]
    applied_to_payment: Option<PaymentRef>,
    /// Seconds since the epoch.
    created: MinorUnits,
    currency: String,
    #[ts(optional)]
    customer: Option<String>,
    #[ts(optional)]
    ending_balance: Option<MinorUnits>,
    #[ts(optional)]
    funded: Option<Funded>,
    #[ts(optional)]
    livemode: Option<bool>,
    /// Minor units; its sign follows the type (funds in are positive).
    net_amount: MinorUnits,
    #[ts(optional)]
    refunded_from_payment: Option<RefundRef>,
    #[ts(rename = "type")]
    kind: TransactionType,
    #[ts(optional)]
    unapplied_from_payment: Option<PaymentRef>,
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
    /// When the status change arrived (ISO 8601 with an offset); required for a late rejection.
    #[ts(optional = nullable)]
    at: Option<String>,
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

    #[test]
    fn each_input_type_has_exactly_the_fields_the_core_reads() {
        let cfg = ts_rs::Config::default();
        let order = r#"{"number":"o1","items":[{"price":1}],"currency":"SEK","customer":"c1","payment":{"type":"customer","charge":"balance"}}"#;
        let funded = r#"{"id":"t1","type":"funded","currency":"eur","net_amount":5000,"created":1,"funded":{"bank_transfer":{"type":"eu_bank_transfer"}}}"#;
        let cases: [(String, String); 12] = [
            (
                CashTransactionInput::decl(&cfg),
                api::apply_cash_transaction(STATE, &with_zz(funded)),
            ),
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
