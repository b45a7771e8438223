//! The nine types of a Stripe cash balance transaction, the sign of `net_amount` each carries and
//! the key of the detail object each has.

use serde::Serialize;

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
    TransferredToBalance,
    UnappliedFromPayment,
}

impl TransactionType {
    pub const ALL: [TransactionType; 9] = [
        Self::AdjustedForOverdraft,
        Self::AppliedToPayment,
        Self::Funded,
        Self::FundingReversed,
        Self::RefundedFromPayment,
        Self::ReturnCanceled,
        Self::ReturnInitiated,
        Self::TransferredToBalance,
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
            Self::TransferredToBalance => "transferred_to_balance",
            Self::UnappliedFromPayment => "unapplied_from_payment",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether the type adds funds (`net_amount > 0`) rather than removing them (`< 0`), as Stripe
    /// defines it: funding, payments giving funds back, a canceled return and the overdraft
    /// adjustment (taken from the merchant's balance to bring the customer's back to 0) add; a
    /// transfer to the merchant's Stripe balance removes.
    pub fn adds_funds(self) -> bool {
        match self {
            Self::Funded
            | Self::UnappliedFromPayment
            | Self::RefundedFromPayment
            | Self::ReturnCanceled
            | Self::AdjustedForOverdraft => true,
            Self::AppliedToPayment
            | Self::FundingReversed
            | Self::ReturnInitiated
            | Self::TransferredToBalance => false,
        }
    }

    /// The key of the detail object this type carries, if Stripe's schema gives it one.
    pub fn detail_key(self) -> Option<&'static str> {
        match self {
            Self::AdjustedForOverdraft
            | Self::AppliedToPayment
            | Self::Funded
            | Self::RefundedFromPayment
            | Self::TransferredToBalance
            | Self::UnappliedFromPayment => Some(self.as_str()),
            Self::FundingReversed | Self::ReturnCanceled | Self::ReturnInitiated => None,
        }
    }
}
