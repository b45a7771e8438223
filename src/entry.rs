//! The journal entry: the append-only record of one applied operation, written by the ledger and
//! stored by the host, and the latest payment the entries show (which the state keeps).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::amount;
use crate::currency::Currency;
use crate::issue::{Code, Issues, Path};
use crate::item::ItemView;
use crate::money::{format_scaled, rescale, Rounding};
use crate::time::Stamp;

/// What a journal entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// One append-only journal record. It says everything the operation did, so folding a
/// customer's entries onto its initial state rebuilds the state ([`crate::journal::replay_journal`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct LedgerEntry {
    /// `<customer id>/<version>`.
    pub id: String,
    /// The customer's version after this operation (the first operation writes 1).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: u64,
    pub kind: EntryKind,
    /// When it happened (the call's `now`).
    pub at: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    /// The amount of the operation: items charged, funds credited, amount paid or attempted.
    pub amount: String,
    /// Items charged, funded or settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub items: Option<u32>,
    /// A charge's items, as they joined the balance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub charged: Option<Vec<ItemView>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub idempotency_key: Option<String>,
    /// The fingerprint of the keyed request (`sha256:<hex>`), so the key window folds too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fingerprint: Option<String>,
    /// When authorisation is retried after a failure (from the customer's `schedule`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub retries: Option<Vec<String>>,
    /// Funds on the balance after the operation.
    pub total_after: String,
    /// Unsettled items after the operation.
    pub unsettled_after: String,
    /// A soft limit or the margin below the hard limit has been reached.
    pub settlement_due: bool,
}

/// The latest payment taken from the customer: a funded order or a settlement that charged more
/// than zero (the IVR view's `last_payment_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastPayment {
    pub at: Stamp,
    /// `at` as the entry wrote it.
    pub at_text: String,
    /// Minor units.
    pub amount: i128,
}

/// `{ at, amount }` as the state writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LastPaymentView {
    pub at: String,
    pub amount: String,
}

impl LastPayment {
    pub fn view(&self, scale: u32) -> LastPaymentView {
        LastPaymentView {
            at: self.at_text.clone(),
            amount: format_scaled(self.amount, scale),
        }
    }
    /// The payment an entry shows, if it is one: kind fund or settlement, amount above zero.
    /// Entries the library did not write (other kinds, unreadable fields) show none.
    pub fn of_entry(
        kind: Option<&str>,
        at: Option<&str>,
        amount: Option<&Value>,
        scale: u32,
    ) -> Option<Self> {
        if kind != Some(EntryKind::Fund.as_str()) && kind != Some(EntryKind::Settlement.as_str()) {
            return None;
        }
        let at_text = at?;
        let at = Stamp::parse(at_text)?;
        let amount = amount
            .and_then(|a| amount::parse(a).ok())
            .and_then(|d| rescale(d.mantissa(), d.scale(), scale, Rounding::Exact))?;
        (amount > 0).then(|| Self {
            at,
            at_text: at_text.to_owned(),
            amount,
        })
    }
    /// Keeps the later of two payments (the newer one on a tie, as entries come oldest first).
    pub fn latest(current: Option<Self>, new: Option<Self>) -> Option<Self> {
        match (current, new) {
            (Some(c), Some(n)) => Some(if n.at >= c.at { n } else { c }),
            (c, n) => n.or(c),
        }
    }
}

/// Reads the state's `last_payment`: `{ at, amount }`, amount above zero.
pub fn read_last_payment(
    value: &Value,
    scale: u32,
    path: &Path,
    issues: &mut Issues,
) -> Option<LastPayment> {
    let map = value.as_object();
    let known = map.is_some_and(|m| m.keys().all(|k| k == "at" || k == "amount"));
    let read = map.filter(|_| known).and_then(|m| {
        LastPayment::of_entry(
            Some(EntryKind::Fund.as_str()),
            m.get("at").and_then(Value::as_str),
            m.get("amount"),
            scale,
        )
    });
    if read.is_none() {
        issues.push(
            path,
            Code::InvalidType,
            "last_payment is { at: an ISO 8601 time, amount: more than zero in the currency's minor unit }",
        );
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_kinds_serialize_as_their_names() {
        for k in [
            EntryKind::Charge,
            EntryKind::Fund,
            EntryKind::FundFailed,
            EntryKind::Settlement,
            EntryKind::SettlementFailed,
        ] {
            assert_eq!(serde_json::to_value(k).ok(), Some(Value::from(k.as_str())));
        }
    }
}
