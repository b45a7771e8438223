//! The journal: what each ledger operation records, one append-only entry per operation.

use serde::Serialize;

use crate::money::currency::Currency;

/// What a journal entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Items charged to the balance.
    Charge,
    /// Funds credited from an authorised order.
    Fund,
    /// An order's authorisation failed; retries are scheduled.
    FundFailed,
    /// The balance was settled by a successful payment.
    Settlement,
    /// A settlement payment failed; the items stay on the balance and retries are scheduled.
    SettlementFailed,
}

impl EntryKind {
    /// The kind as written in entries (`"fund_failed"`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Charge => "charge",
            EntryKind::Fund => "fund",
            EntryKind::FundFailed => "fund_failed",
            EntryKind::Settlement => "settlement",
            EntryKind::SettlementFailed => "settlement_failed",
        }
    }
}

/// One append-only journal record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LedgerEntry {
    /// `<customer id>/<sequence number>`.
    pub id: String,
    pub kind: EntryKind,
    /// When it happened (the call's `now`).
    pub at: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    /// The amount of the operation: items charged, funds credited, amount paid or attempted.
    pub amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub items: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub idempotency_key: Option<String>,
    /// When authorisation is retried after a failure (from the customer's `schedule`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retries: Option<Vec<String>>,
    /// Funds on the balance after the operation.
    pub total_after: String,
    /// Unsettled items after the operation.
    pub unsettled_after: String,
    /// A soft limit or the margin below the hard limit has been reached.
    pub settlement_due: bool,
}
