//! Stripe's `customer_cash_balance_transaction`: the eight types, their detail objects as Stripe's
//! schema defines them, the sign of `net_amount` each type carries, and reading one from JSON.
//!
//! Amounts are integers in minor units, limited to ±(2^53 − 1) so a JS number holds them exactly.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cash::bank_transfer::bank_transfer;
use crate::cash::bank_transfer::BankTransfer;
use crate::input::fields::{bool_field, id_field, object, report_unknown_fields, required};
use crate::input::issue::{Code, Issues, Path};
use crate::input::json;
use crate::input::json::MAX_SAFE_INTEGER;
use crate::money::currency::Currency;
use crate::money::read::parse_int;

/// Most transactions `cashBalance` folds in one call, and ids a state remembers.
pub const MAX_TRANSACTIONS: usize = 200_000;
/// Longest id (transaction, customer, payment intent, refund, balance transaction).
pub const MAX_ID_LEN: usize = 255;

/// The fields a transaction may have (Stripe's, all of them).
pub const TRANSACTION_FIELDS: &[&str] = &[
    "id",
    "object",
    "adjusted_for_overdraft",
    "applied_to_payment",
    "created",
    "currency",
    "customer",
    "ending_balance",
    "funded",
    "livemode",
    "net_amount",
    "refunded_from_payment",
    "type",
    "unapplied_from_payment",
];

/// The type of a cash balance transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashTransactionType")
)]
#[serde(rename_all = "snake_case")]
pub enum TransactionType {
    AdjustedForOverdraft,
    AppliedToPayment,
    Funded,
    FundingReversed,
    RefundedFromPayment,
    ReturnCanceled,
    ReturnInitiated,
    UnappliedFromPayment,
}

impl TransactionType {
    pub const ALL: [TransactionType; 8] = [
        Self::AdjustedForOverdraft,
        Self::AppliedToPayment,
        Self::Funded,
        Self::FundingReversed,
        Self::RefundedFromPayment,
        Self::ReturnCanceled,
        Self::ReturnInitiated,
        Self::UnappliedFromPayment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AdjustedForOverdraft => "adjusted_for_overdraft",
            Self::AppliedToPayment => "applied_to_payment",
            Self::Funded => "funded",
            Self::FundingReversed => "funding_reversed",
            Self::RefundedFromPayment => "refunded_from_payment",
            Self::ReturnCanceled => "return_canceled",
            Self::ReturnInitiated => "return_initiated",
            Self::UnappliedFromPayment => "unapplied_from_payment",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether the type adds funds (`net_amount > 0`) rather than removing them (`< 0`), as Stripe
    /// defines it: funding, payments giving funds back, a canceled return and the overdraft
    /// adjustment (taken from the merchant's balance to bring the customer's back to 0) add.
    pub fn adds_funds(self) -> bool {
        match self {
            Self::Funded
            | Self::UnappliedFromPayment
            | Self::RefundedFromPayment
            | Self::ReturnCanceled
            | Self::AdjustedForOverdraft => true,
            Self::AppliedToPayment | Self::FundingReversed | Self::ReturnInitiated => false,
        }
    }

    /// The key of the detail object this type carries, if Stripe's schema gives it one.
    pub fn detail_key(self) -> Option<&'static str> {
        match self {
            Self::AdjustedForOverdraft
            | Self::AppliedToPayment
            | Self::Funded
            | Self::RefundedFromPayment
            | Self::UnappliedFromPayment => Some(self.as_str()),
            Self::FundingReversed | Self::ReturnCanceled | Self::ReturnInitiated => None,
        }
    }
}

/// `funded`: the bank transfer that brought the funds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "CashFunded"))]
pub struct Funded {
    pub bank_transfer: BankTransfer,
}

/// `applied_to_payment` / `unapplied_from_payment`: the payment intent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashPaymentRef")
)]
pub struct PaymentRef {
    pub payment_intent: String,
}

/// `refunded_from_payment`: the refund that moved funds into the balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashRefundRef")
)]
pub struct RefundRef {
    pub refund: String,
}

/// `adjusted_for_overdraft`: the merchant balance transaction that covered the overdraft and the
/// cash balance transaction that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AdjustedForOverdraft {
    pub balance_transaction: String,
    pub linked_transaction: String,
}

/// The detail object of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    None,
    Funded(Box<Funded>),
    AppliedToPayment(PaymentRef),
    UnappliedFromPayment(PaymentRef),
    RefundedFromPayment(RefundRef),
    AdjustedForOverdraft(AdjustedForOverdraft),
}

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
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub kind: TransactionType,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unapplied_from_payment: Option<PaymentRef>,
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
    pub livemode: Option<bool>,
    /// When given, it must match what the balance computes.
    pub ending_balance: Option<i64>,
    pub detail: Detail,
}

impl TransactionInput {
    /// The Stripe object, for `customer` in `livemode`, ending at `ending_balance`.
    pub fn into_object(
        self,
        customer: &str,
        livemode: bool,
        ending_balance: i64,
    ) -> CashBalanceTransaction {
        let mut out = CashBalanceTransaction {
            id: self.id,
            object: OBJECT_TRANSACTION,
            adjusted_for_overdraft: None,
            applied_to_payment: None,
            created: self.created,
            currency: lower_code(self.currency),
            customer: customer.to_owned(),
            ending_balance,
            funded: None,
            livemode,
            net_amount: self.net_amount,
            refunded_from_payment: None,
            kind: self.kind,
            unapplied_from_payment: None,
        };
        match self.detail {
            Detail::None => {}
            Detail::Funded(d) => out.funded = Some(*d),
            Detail::AppliedToPayment(d) => out.applied_to_payment = Some(d),
            Detail::UnappliedFromPayment(d) => out.unapplied_from_payment = Some(d),
            Detail::RefundedFromPayment(d) => out.refunded_from_payment = Some(d),
            Detail::AdjustedForOverdraft(d) => out.adjusted_for_overdraft = Some(d),
        }
        out
    }
}

/// `"eur"`: a currency code as Stripe writes it.
pub fn lower_code(currency: Currency) -> String {
    currency.code().to_ascii_lowercase()
}

/// A currency as Stripe writes it: three letters (any case is read; Stripe's is lower).
pub fn parse_currency(value: &Value, path: &Path, issues: &mut Issues) -> Option<Currency> {
    let found = match value {
        Value::String(s) if s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Currency::parse(s)
        }
        _ => None,
    };
    if found.is_none() {
        let shown = match value {
            Value::String(s) => format!("{:?}", s.chars().take(16).collect::<String>()),
            other => json::type_name(other),
        };
        issues.push(
            path,
            Code::UnknownCurrency,
            format!("{shown} is not an ISO 4217 currency code such as \"eur\""),
        );
    }
    found
}

/// Reads the detail object of `kind` at `map[kind]`.
fn detail(
    kind: TransactionType,
    map: &Map<String, Value>,
    path: &Path,
    issues: &mut Issues,
) -> Option<Detail> {
    let Some(key) = kind.detail_key() else {
        return Some(Detail::None);
    };
    let value = required(map, key, path, issues)?;
    let path = path.key(key);
    let inner = object(value, key, &path, issues)?;
    let ids = |fields: &[&str], issues: &mut Issues| -> Option<Vec<String>> {
        report_unknown_fields(inner, fields, key, &path, issues);
        let got: Vec<Option<String>> = fields
            .iter()
            .map(|f| id_field(inner, f, MAX_ID_LEN, &path, issues))
            .collect();
        got.into_iter().collect()
    };
    let mut take = |fields: &[&str]| ids(fields, issues).map(|v| v.into_iter());
    Some(match kind {
        TransactionType::Funded => {
            report_unknown_fields(inner, &["bank_transfer"], key, &path, issues);
            let bt = required(inner, "bank_transfer", &path, issues)?;
            Detail::Funded(Box::new(Funded {
                bank_transfer: bank_transfer(bt, &path.key("bank_transfer"), issues)?,
            }))
        }
        TransactionType::AppliedToPayment => Detail::AppliedToPayment(PaymentRef {
            payment_intent: take(&["payment_intent"])?.next()?,
        }),
        TransactionType::UnappliedFromPayment => Detail::UnappliedFromPayment(PaymentRef {
            payment_intent: take(&["payment_intent"])?.next()?,
        }),
        TransactionType::RefundedFromPayment => Detail::RefundedFromPayment(RefundRef {
            refund: take(&["refund"])?.next()?,
        }),
        TransactionType::AdjustedForOverdraft => {
            let mut v = take(&["balance_transaction", "linked_transaction"])?;
            Detail::AdjustedForOverdraft(AdjustedForOverdraft {
                balance_transaction: v.next()?,
                linked_transaction: v.next()?,
            })
        }
        TransactionType::FundingReversed
        | TransactionType::ReturnCanceled
        | TransactionType::ReturnInitiated => Detail::None,
    })
}

/// Reads a transaction: every problem is reported to `issues`; `None` when there was one.
pub fn parse_transaction(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<TransactionInput> {
    let map = object(value, "a transaction", path, issues)?;
    let before = issues.len();
    report_unknown_fields(map, TRANSACTION_FIELDS, "a transaction", path, issues);

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
                Value::String(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
                other => json::type_name(other),
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
        .and_then(|v| parse_currency(v, &path.key("currency"), issues));
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
        Some(_) => id_field(map, "customer", MAX_ID_LEN, path, issues),
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
        livemode,
        ending_balance,
        detail: detail?,
    })
}
