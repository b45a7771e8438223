//! The detail object a cash balance transaction carries for its type (`funded`,
//! `applied_to_payment`, …), as Stripe's schema defines them, and reading the one of a type.
//! References may arrive expanded and are read as their ids; fields this package does not know
//! are kept as they came.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cash::bank_transfer::{bank_transfer, BankTransfer};
use crate::cash::reference::reference;
use crate::cash::transaction_type::TransactionType;
use crate::input::fields::{kept_unknown_fields, object, required};
use crate::input::issue::{Issues, Path};

/// `funded`: the bank transfer that brought the funds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "CashFunded"))]
pub struct Funded {
    pub bank_transfer: BankTransfer,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
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
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

impl PaymentRef {
    /// The reference to a payment intent the balance itself writes.
    pub fn to(payment_intent: &str) -> Self {
        Self {
            payment_intent: payment_intent.to_owned(),
            kept: Map::new(),
        }
    }
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
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// `adjusted_for_overdraft`: the merchant balance transaction that covered the overdraft and the
/// cash balance transaction that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AdjustedForOverdraft {
    pub balance_transaction: String,
    pub linked_transaction: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// `transferred_to_balance`: the merchant balance transaction the funds went to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashTransferredToBalance")
)]
pub struct TransferredToBalance {
    pub balance_transaction: String,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
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
    TransferredToBalance(TransferredToBalance),
}

/// Reads the detail object of `kind` at `map[kind]`.
pub fn detail(
    kind: TransactionType,
    map: &Map<String, Value>,
    path: &Path,
    issues: &mut Issues,
) -> Option<Detail> {
    let Some(key) = kind.detail_key() else {
        return Some(Detail::None);
    };
    let value = required(map, key, path, issues)?;
    detail_object(kind, key, value, &path.key(key), issues)
}

/// Reads the detail object of `kind` (at `key`, `path`).
pub fn detail_object(
    kind: TransactionType,
    key: &str,
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<Detail> {
    let inner = object(value, key, path, issues)?;
    let before = issues.len();
    let found = match kind {
        TransactionType::Funded => {
            let bt = required(inner, "bank_transfer", path, issues)
                .and_then(|bt| bank_transfer(bt, &path.key("bank_transfer"), issues));
            let kept = kept_unknown_fields(inner, &["bank_transfer"], path, issues);
            Detail::Funded(Box::new(Funded {
                bank_transfer: bt?,
                kept,
            }))
        }
        TransactionType::AppliedToPayment | TransactionType::UnappliedFromPayment => {
            let payment_intent = reference(inner, "payment_intent", "payment_intent", path, issues);
            let kept = kept_unknown_fields(inner, &["payment_intent"], path, issues);
            let p = PaymentRef {
                payment_intent: payment_intent?,
                kept,
            };
            if kind == TransactionType::AppliedToPayment {
                Detail::AppliedToPayment(p)
            } else {
                Detail::UnappliedFromPayment(p)
            }
        }
        TransactionType::RefundedFromPayment => {
            let refund = reference(inner, "refund", "refund", path, issues);
            let kept = kept_unknown_fields(inner, &["refund"], path, issues);
            Detail::RefundedFromPayment(RefundRef {
                refund: refund?,
                kept,
            })
        }
        TransactionType::AdjustedForOverdraft => {
            let balance_transaction = reference(
                inner,
                "balance_transaction",
                "balance_transaction",
                path,
                issues,
            );
            let linked = reference(
                inner,
                "linked_transaction",
                "customer_cash_balance_transaction",
                path,
                issues,
            );
            let kept = kept_unknown_fields(
                inner,
                &["balance_transaction", "linked_transaction"],
                path,
                issues,
            );
            Detail::AdjustedForOverdraft(AdjustedForOverdraft {
                balance_transaction: balance_transaction?,
                linked_transaction: linked?,
                kept,
            })
        }
        TransactionType::TransferredToBalance => {
            let balance_transaction = reference(
                inner,
                "balance_transaction",
                "balance_transaction",
                path,
                issues,
            );
            let kept = kept_unknown_fields(inner, &["balance_transaction"], path, issues);
            Detail::TransferredToBalance(TransferredToBalance {
                balance_transaction: balance_transaction?,
                kept,
            })
        }
        TransactionType::FundingReversed
        | TransactionType::ReturnCanceled
        | TransactionType::ReturnInitiated => Detail::None,
    };
    (issues.len() == before).then_some(found)
}
