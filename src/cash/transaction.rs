//! Stripe's `customer_cash_balance_transaction`: the nine types, the sign of `net_amount` each
//! carries, the object as Stripe writes it, and reading one from JSON as Stripe's current API
//! sends it (`customer_account`, expanded references read as their ids, and fields this package
//! does not know kept as they came, never refused: Stripe adds response fields as a
//! backwards-compatible change). The fields it knows are checked strictly.
//!
//! Amounts are integers in minor units, limited to ±(2^53 − 1) so a JS number holds them exactly.

use serde::Serialize;
use serde_json::{Map, Value};

pub use crate::cash::detail::Detail;
use crate::cash::detail::{
    detail, AdjustedForOverdraft, Funded, PaymentRef, RefundRef, TransferredToBalance,
};
use crate::cash::reference::reference;
pub use crate::cash::reference::MAX_ID_LEN;
pub use crate::cash::transaction_type::TransactionType;
use crate::input::fields::{bool_field, id_field, kept_unknown_fields, object, required};
use crate::input::issue::{Code, Issues, Path};
use crate::input::json;
use crate::input::json::MAX_SAFE_INTEGER;
use crate::money::currency::Currency;
use crate::money::read::parse_int;

/// Most transactions `cashBalance` folds in one call, and ids a state remembers.
pub const MAX_TRANSACTIONS: usize = 200_000;
/// The fields of a transaction this package knows (Stripe's, all of them today); any other is
/// kept as it came.
pub const TRANSACTION_FIELDS: &[&str] = &[
    "id",
    "object",
    "adjusted_for_overdraft",
    "applied_to_payment",
    "created",
    "currency",
    "customer",
    "customer_account",
    "ending_balance",
    "funded",
    "livemode",
    "net_amount",
    "refunded_from_payment",
    "transferred_to_balance",
    "type",
    "unapplied_from_payment",
];

/// A `customer_cash_balance_transaction` as Stripe writes it. Only the detail object of its own
/// type is present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CashBalanceTransaction {
    pub id: String,
    #[cfg_attr(feature = "ts", ts(type = "\"customer_cash_balance_transaction\""))]
    pub object: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub adjusted_for_overdraft: Option<AdjustedForOverdraft>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub applied_to_payment: Option<PaymentRef>,
    /// Seconds since the Unix epoch.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: i64,
    /// Lower case, as Stripe writes it (`"eur"`).
    pub currency: String,
    pub customer: String,
    /// The Account (Stripe's v2 accounts) that represents the customer, `null` when none does.
    pub customer_account: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub ending_balance: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub funded: Option<Funded>,
    pub livemode: bool,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub net_amount: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub refunded_from_payment: Option<RefundRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub transferred_to_balance: Option<TransferredToBalance>,
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub kind: TransactionType,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unapplied_from_payment: Option<PaymentRef>,
    /// The fields this package does not know, as they came.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

pub const OBJECT_TRANSACTION: &str = "customer_cash_balance_transaction";
/// A transaction as read from input, before a balance gives it its `ending_balance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionInput {
    pub id: String,
    pub kind: TransactionType,
    pub currency: Currency,
    pub net_amount: i64,
    pub created: i64,
    pub customer: Option<String>,
    /// `None` when not given; `Some(None)` when given as `null`.
    pub customer_account: Option<Option<String>>,
    pub livemode: Option<bool>,
    /// When given, it must match what the balance computes.
    pub ending_balance: Option<i64>,
    pub detail: Detail,
    /// The fields this package does not know, as they came.
    pub kept: Map<String, Value>,
}

impl TransactionInput {
    /// A transaction the balance itself makes (reconciliation's `applied_to_payment`).
    pub fn own(
        id: String,
        kind: TransactionType,
        currency: Currency,
        net_amount: i64,
        created: i64,
        detail: Detail,
    ) -> Self {
        Self {
            id,
            kind,
            currency,
            net_amount,
            created,
            customer: None,
            customer_account: None,
            livemode: None,
            ending_balance: None,
            detail,
            kept: Map::new(),
        }
    }

    /// The Stripe object, of the balance `of` (customer, customer account, livemode), ending at
    /// `ending_balance`.
    pub fn into_object(self, of: Owner<'_>, ending_balance: i64) -> CashBalanceTransaction {
        let mut out = CashBalanceTransaction {
            id: self.id,
            object: OBJECT_TRANSACTION,
            adjusted_for_overdraft: None,
            applied_to_payment: None,
            created: self.created,
            currency: lower_code(self.currency),
            customer: of.customer.to_owned(),
            customer_account: of.customer_account.map(str::to_owned),
            ending_balance,
            funded: None,
            livemode: of.livemode,
            net_amount: self.net_amount,
            refunded_from_payment: None,
            transferred_to_balance: None,
            kind: self.kind,
            unapplied_from_payment: None,
            kept: self.kept,
        };
        match self.detail {
            Detail::None => {}
            Detail::Funded(d) => out.funded = Some(*d),
            Detail::AppliedToPayment(d) => out.applied_to_payment = Some(d),
            Detail::UnappliedFromPayment(d) => out.unapplied_from_payment = Some(d),
            Detail::RefundedFromPayment(d) => out.refunded_from_payment = Some(d),
            Detail::AdjustedForOverdraft(d) => out.adjusted_for_overdraft = Some(d),
            Detail::TransferredToBalance(d) => out.transferred_to_balance = Some(d),
        }
        out
    }
}

/// Whose balance a transaction is written for.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub customer: &'a str,
    pub customer_account: Option<&'a str>,
    pub livemode: bool,
}

/// `"eur"`: a currency code as Stripe writes it.
pub fn lower_code(currency: Currency) -> String {
    currency.code().to_ascii_lowercase()
}

/// A currency code as Stripe's objects take it: three letters, any case (Stripe's is lower).
pub fn stripe_currency(s: &str) -> Option<Currency> {
    (s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| Currency::parse(s))
        .flatten()
}

/// A currency as Stripe writes it ([`stripe_currency`]), reported at `path` when it is not one.
pub fn read_currency(value: &Value, path: &Path, issues: &mut Issues) -> Option<Currency> {
    let found = value.as_str().and_then(stripe_currency);
    if found.is_none() {
        let shown = match value {
            Value::String(s) => json::quoted(json::head(s, 16)),
            other => json::type_name(other).to_owned(),
        };
        issues.push(
            path,
            Code::UnknownCurrency,
            format!("{shown} is not an ISO 4217 currency code such as \"eur\""),
        );
    }
    found
}

/// Reads a transaction: every problem is reported to `issues`; `None` when there was one.
pub fn read_transaction(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<TransactionInput> {
    let map = object(value, "a transaction", path, issues)?;
    let before = issues.len();
    let kept = kept_unknown_fields(map, TRANSACTION_FIELDS, path, issues);

    let id = id_field(map, "id", MAX_ID_LEN, path, issues);
    if let Some(o) = map.get("object") {
        if o.as_str() != Some(OBJECT_TRANSACTION) {
            issues.push(
                &path.key("object"),
                Code::InvalidType,
                format!("object must be \"{OBJECT_TRANSACTION}\""),
            );
        }
    }
    let kind = required(map, "type", path, issues).and_then(|v| {
        let found = v.as_str().and_then(TransactionType::parse);
        if found.is_none() {
            let shown = match v {
                Value::String(s) => json::quoted(json::head(s, 40)),
                other => json::type_name(other).to_owned(),
            };
            issues.push(
                &path.key("type"),
                Code::UnknownType,
                format!(
                    "{shown} is not a cash balance transaction type; the types are {}",
                    TransactionType::ALL.map(TransactionType::as_str).join(", ")
                ),
            );
        }
        found
    });
    let currency = required(map, "currency", path, issues)
        .and_then(|v| read_currency(v, &path.key("currency"), issues));
    let net_amount = required(map, "net_amount", path, issues).and_then(|v| {
        parse_int(
            v,
            -MAX_SAFE_INTEGER,
            "net_amount",
            &path.key("net_amount"),
            issues,
        )
    });
    let created = required(map, "created", path, issues)
        .and_then(|v| parse_int(v, 0, "created", &path.key("created"), issues));
    let ending_balance = map.get("ending_balance").and_then(|v| {
        parse_int(
            v,
            -MAX_SAFE_INTEGER,
            "ending_balance",
            &path.key("ending_balance"),
            issues,
        )
    });
    let customer = match map.get("customer") {
        None => None,
        Some(_) => reference(map, "customer", "customer", path, issues),
    };
    let customer_account = match map.get("customer_account") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(_) => id_field(map, "customer_account", MAX_ID_LEN, path, issues).map(Some),
    };
    let livemode = bool_field(map, "livemode", path, issues);

    let detail = kind.and_then(|kind| {
        // The detail objects of other types may be absent or null, nothing else.
        for other in TransactionType::ALL {
            if let Some(k) = other.detail_key() {
                if other != kind && map.get(k).is_some_and(|v| !v.is_null()) {
                    issues.push(
                        &path.key(k),
                        Code::UnknownField,
                        format!("a {} transaction has no {k}", kind.as_str()),
                    );
                }
            }
        }
        detail(kind, map, path, issues)
    });

    if let (Some(kind), Some(net)) = (kind, net_amount) {
        let ok = if kind.adds_funds() { net > 0 } else { net < 0 };
        if !ok {
            let sign = if kind.adds_funds() {
                "positive (it adds funds)"
            } else {
                "negative (it removes funds)"
            };
            issues.push(
                &path.key("net_amount"),
                Code::WrongSign,
                format!("the net_amount of a {} is {sign}, got {net}", kind.as_str()),
            );
        }
    }

    if issues.len() != before {
        return None;
    }
    Some(TransactionInput {
        id: id?,
        kind: kind?,
        currency: currency?,
        net_amount: net_amount?,
        created: created?,
        customer,
        customer_account,
        livemode,
        ending_balance,
        detail: detail?,
        kept,
    })
}
