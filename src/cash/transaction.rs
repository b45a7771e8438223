//! Stripe's `customer_cash_balance_transaction`: the eight types, their detail objects as Stripe's
//! schema defines them, the sign of `net_amount` each type carries, and reading one from JSON.
//!
//! Amounts are integers in minor units, limited to ±(2^53 − 1) so a JS number holds them exactly.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Issues, Path};
use crate::money::amount;
use crate::money::currency::Currency;

/// Largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;
/// Longest id (transaction, customer, payment intent, refund, balance transaction).
pub const MAX_ID_LEN: usize = 255;
/// Longest free text of a bank transfer (Stripe's own `maxLength`).
pub const MAX_TEXT_LEN: usize = 5000;

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

/// The funding method used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum BankTransferType {
    EuBankTransfer,
    GbBankTransfer,
    JpBankTransfer,
    MxBankTransfer,
    UsBankTransfer,
}

impl BankTransferType {
    const ALL: [BankTransferType; 5] = [
        Self::EuBankTransfer,
        Self::GbBankTransfer,
        Self::JpBankTransfer,
        Self::MxBankTransfer,
        Self::UsBankTransfer,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EuBankTransfer => "eu_bank_transfer",
            Self::GbBankTransfer => "gb_bank_transfer",
            Self::JpBankTransfer => "jp_bank_transfer",
            Self::MxBankTransfer => "mx_bank_transfer",
            Self::UsBankTransfer => "us_bank_transfer",
        }
    }
}

/// Stripe's `bank_transfer`: its `type`, the sender's reference and the details of the one region
/// the type names (Stripe's schema defines none for `mx_bank_transfer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BankTransfer {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub eu_bank_transfer: Option<EuBankTransfer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub gb_bank_transfer: Option<GbBankTransfer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub jp_bank_transfer: Option<JpBankTransfer>,
    pub reference: Option<String>,
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub kind: BankTransferType,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub us_bank_transfer: Option<UsBankTransfer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EuBankTransfer {
    pub bic: Option<String>,
    pub iban_last4: Option<String>,
    pub sender_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GbBankTransfer {
    pub account_number_last4: Option<String>,
    pub sender_name: Option<String>,
    pub sort_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct JpBankTransfer {
    pub sender_bank: Option<String>,
    pub sender_branch: Option<String>,
    pub sender_name: Option<String>,
}

/// The US network of a funding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum UsNetwork {
    Ach,
    DomesticWireUs,
    Swift,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UsBankTransfer {
    // Not nullable in Stripe's schema: absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub network: Option<UsNetwork>,
    pub sender_name: Option<String>,
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
            other => amount::type_name(other),
        };
        issues.push(
            path,
            Code::UnknownCurrency,
            format!("{shown} is not an ISO 4217 currency code such as \"eur\""),
        );
    }
    found
}

/// An integer within ±(2^53 − 1), from a JSON number or a decimal string.
pub fn parse_int(
    value: &Value,
    min: i64,
    what: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<i64> {
    let d = match amount::parse(value) {
        Ok(d) => d.normalize(),
        Err(e) => {
            issues.push(path, e.code, format!("{what}: {}", e.message));
            return None;
        }
    };
    if d.scale() > 0 {
        issues.push(
            path,
            Code::NotInteger,
            format!("{what} must be a whole number of minor units, got {d}"),
        );
        return None;
    }
    let n = i64::try_from(d.mantissa()).ok().filter(|n| {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(n) && *n >= min.max(-MAX_SAFE_INTEGER)
    });
    if n.is_none() {
        issues.push(
            path,
            Code::OutOfRange,
            format!("{what} must be from {min} to {MAX_SAFE_INTEGER}, got {d}"),
        );
    }
    n
}

/// A required field: reports `required` when absent.
pub fn required<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<&'a Value> {
    let v = map.get(key);
    if v.is_none() {
        issues.push(&path.key(key), Code::Required, format!("{key} is required"));
    }
    v
}

/// A required id string.
pub fn id_field(
    map: &Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    required(map, key, path, issues)?;
    let id = text_field(map, key, MAX_ID_LEN, path, issues)?;
    if id.is_empty() {
        issues.push(
            &path.key(key),
            Code::Empty,
            format!("{key} must not be empty"),
        );
        return None;
    }
    Some(id)
}

/// An optional boolean.
pub fn bool_field(
    map: &Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<bool> {
    match map.get(key)? {
        Value::Bool(b) => Some(*b),
        other => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!("{key} must be a boolean, got {}", amount::type_name(other)),
            );
            None
        }
    }
}

/// The object at `path`, or an `invalid_type` issue.
pub fn object<'a>(
    value: &'a Value,
    what: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(map) if amount::js_tag(value).is_none() => Some(map),
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!("{what} must be an object, got {}", amount::type_name(other)),
            );
            None
        }
    }
}

/// Optional nullable strings of a detail object, in `keys` order.
fn nullable_texts(
    map: &Map<String, Value>,
    keys: &[&str],
    path: &Path,
    issues: &mut Issues,
) -> Vec<Option<String>> {
    keys.iter()
        .map(|k| match map.get(*k) {
            None | Some(Value::Null) => None,
            Some(_) => text_field(map, k, MAX_TEXT_LEN, path, issues),
        })
        .collect()
}

/// The detail object of a region, with its nullable string fields.
fn region<T>(
    map: &Map<String, Value>,
    key: &str,
    fields: &[&str],
    path: &Path,
    issues: &mut Issues,
    build: impl FnOnce(Vec<Option<String>>) -> T,
) -> Option<T> {
    let value = map.get(key)?;
    let path = path.key(key);
    let inner = object(value, key, &path, issues)?;
    report_unknown_fields(inner, fields, key, &path, issues);
    Some(build(nullable_texts(inner, fields, &path, issues)))
}

fn bank_transfer(value: &Value, path: &Path, issues: &mut Issues) -> Option<BankTransfer> {
    const REGIONS: [&str; 4] = [
        "eu_bank_transfer",
        "gb_bank_transfer",
        "jp_bank_transfer",
        "us_bank_transfer",
    ];
    let map = object(value, "bank_transfer", path, issues)?;
    let mut known = vec!["type", "reference"];
    known.extend(REGIONS);
    report_unknown_fields(map, &known, "a bank_transfer", path, issues);
    let kind = required(map, "type", path, issues).and_then(|v| {
        let found = v
            .as_str()
            .and_then(|s| BankTransferType::ALL.into_iter().find(|t| t.as_str() == s));
        if found.is_none() {
            issues.push(
                &path.key("type"),
                Code::InvalidType,
                "type must be one of eu_bank_transfer, gb_bank_transfer, jp_bank_transfer, mx_bank_transfer, us_bank_transfer",
            );
        }
        found
    });
    // Only the region the type names may carry details: a GB sender on an EU transfer is a mix-up.
    if let Some(kind) = kind {
        for r in REGIONS {
            if r != kind.as_str() && map.get(r).is_some_and(|v| !v.is_null()) {
                issues.push(
                    &path.key(r),
                    Code::UnknownField,
                    format!("a {} has no {r}", kind.as_str()),
                );
            }
        }
    }
    let reference = nullable_texts(map, &["reference"], path, issues)
        .into_iter()
        .next()
        .flatten();
    let take = |v: &mut Vec<Option<String>>| {
        if v.is_empty() {
            None
        } else {
            v.remove(0)
        }
    };
    let eu = region(
        map,
        "eu_bank_transfer",
        &["bic", "iban_last4", "sender_name"],
        path,
        issues,
        |mut v| EuBankTransfer {
            bic: take(&mut v),
            iban_last4: take(&mut v),
            sender_name: take(&mut v),
        },
    );
    let gb = region(
        map,
        "gb_bank_transfer",
        &["account_number_last4", "sender_name", "sort_code"],
        path,
        issues,
        |mut v| GbBankTransfer {
            account_number_last4: take(&mut v),
            sender_name: take(&mut v),
            sort_code: take(&mut v),
        },
    );
    let jp = region(
        map,
        "jp_bank_transfer",
        &["sender_bank", "sender_branch", "sender_name"],
        path,
        issues,
        |mut v| JpBankTransfer {
            sender_bank: take(&mut v),
            sender_branch: take(&mut v),
            sender_name: take(&mut v),
        },
    );
    let us = match map.get("us_bank_transfer") {
        None => None,
        Some(value) => {
            let path = path.key("us_bank_transfer");
            let inner = object(value, "us_bank_transfer", &path, issues)?;
            report_unknown_fields(
                inner,
                &["network", "sender_name"],
                "a us_bank_transfer",
                &path,
                issues,
            );
            let network = match inner.get("network") {
                None => None,
                Some(v) => {
                    let n = match v.as_str() {
                        Some("ach") => Some(UsNetwork::Ach),
                        Some("domestic_wire_us") => Some(UsNetwork::DomesticWireUs),
                        Some("swift") => Some(UsNetwork::Swift),
                        _ => None,
                    };
                    if n.is_none() {
                        issues.push(
                            &path.key("network"),
                            Code::InvalidType,
                            "network must be one of ach, domestic_wire_us, swift",
                        );
                    }
                    n
                }
            };
            let sender_name = nullable_texts(inner, &["sender_name"], &path, issues)
                .into_iter()
                .next()
                .flatten();
            Some(UsBankTransfer {
                network,
                sender_name,
            })
        }
    };
    Some(BankTransfer {
        eu_bank_transfer: eu,
        gb_bank_transfer: gb,
        jp_bank_transfer: jp,
        reference,
        kind: kind?,
        us_bank_transfer: us,
    })
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
            .map(|f| id_field(inner, f, &path, issues))
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

    let id = id_field(map, "id", path, issues);
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
                other => amount::type_name(other),
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
        Some(_) => id_field(map, "customer", path, issues),
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
