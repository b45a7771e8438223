//! The journal: what each ledger operation records, one append-only entry per operation (written
//! by the ledger, stored by the host, read back by `replayJournal`), and the latest payment the
//! entries show (which the state keeps).

use serde::Serialize;
use serde_json::{Map, Value};
use std::rc::Rc;

use crate::checkout::item::{ItemView, MAX_ITEMS};
use crate::input::fields::{object, report_unknown_fields, required};
use crate::input::issue::{Code, Issues, Path};
use crate::input::json;
use crate::money::amount;
use crate::money::currency::Currency;
use crate::money::rounding::{format_scaled, rescale, Rounding};
use crate::time::stamp::Stamp;

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
    const ALL: [EntryKind; 5] = [
        EntryKind::Charge,
        EntryKind::Fund,
        EntryKind::FundFailed,
        EntryKind::Settlement,
        EntryKind::SettlementFailed,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
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
/// customer's entries onto its initial state rebuilds the state ([`crate::replay_journal`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub items: Option<u32>,
    /// A charge's items, as they joined the balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub charged: Option<Vec<ItemView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub order: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub idempotency_key: Option<String>,
    /// The fingerprint of the keyed request (`sha256:<hex>`), so the key window folds too.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fingerprint: Option<String>,
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

pub const ENTRY_FIELDS: &[&str] = &[
    "id",
    "version",
    "kind",
    "at",
    "currency",
    "amount",
    "items",
    "charged",
    "order",
    "idempotency_key",
    "fingerprint",
    "retries",
    "total_after",
    "unsettled_after",
    "settlement_due",
];
pub const ITEM_VIEW_FIELDS: &[&str] = &[
    "number", "name", "price", "quantity", "unit", "vat", "rebate",
];
/// Longest text field of an entry read back (ids, keys, times, amounts, order numbers).
pub const MAX_TEXT: usize = 1024;
/// Most retry times an entry lists.
pub const MAX_RETRIES: usize = 64;

/// Reads an entry as the ledger wrote it (every field as written, unknown fields refused); the
/// rules check it when it is folded.
pub fn read_entry(value: &Value, path: &Path, issues: &mut Issues) -> Option<LedgerEntry> {
    let map = object(value, "a journal entry", path, issues)?;
    report_unknown_fields(map, ENTRY_FIELDS, "a journal entry", path, issues);
    let before = issues.len();
    let text = |key: &str, issues: &mut Issues| text_at(map, key, true, path, issues);
    let opt_text = |key: &str, issues: &mut Issues| text_at(map, key, false, path, issues);
    let id = text("id", issues);
    let version = required(map, "version", path, issues).and_then(|v| {
        let n = v.as_u64();
        if n.is_none() {
            issues.push(
                &path.key("version"),
                Code::InvalidType,
                "version is a whole number",
            );
        }
        n
    });
    let kind = text("kind", issues).and_then(|k| {
        let kind = EntryKind::parse(&k);
        if kind.is_none() {
            issues.push(
                &path.key("kind"),
                Code::UnknownValue,
                "kind is one of charge, fund, fund_failed, settlement, settlement_failed",
            );
        }
        kind
    });
    let at = text("at", issues);
    let currency = text("currency", issues).and_then(|c| {
        let currency = Currency::parse(&c);
        if currency.is_none() {
            issues.push(
                &path.key("currency"),
                Code::UnknownCurrency,
                "currency must be an active ISO 4217 code",
            );
        }
        currency
    });
    let amount = text("amount", issues);
    let items = map.get("items").and_then(|v| {
        let n = v.as_u64().and_then(|n| u32::try_from(n).ok());
        if n.is_none() {
            issues.push(
                &path.key("items"),
                Code::InvalidType,
                "items is a whole number",
            );
        }
        n
    });
    let charged = map.get("charged").and_then(|v| {
        let list = array(v, MAX_ITEMS, "charged", &path.key("charged"), issues)?;
        let views: Vec<Option<ItemView>> = list
            .iter()
            .enumerate()
            .map(|(i, v)| read_item_view(v, &path.key("charged").index(i), issues))
            .collect();
        views.into_iter().collect()
    });
    let retries = map.get("retries").and_then(|v| {
        let list = array(v, MAX_RETRIES, "retries", &path.key("retries"), issues)?;
        let times: Option<Vec<String>> =
            list.iter().map(|t| t.as_str().map(str::to_owned)).collect();
        if times.is_none() {
            issues.push(
                &path.key("retries"),
                Code::InvalidType,
                "retries are times written as strings",
            );
        }
        times
    });
    let settlement_due = required(map, "settlement_due", path, issues).and_then(|v| {
        let b = v.as_bool();
        if b.is_none() {
            issues.push(
                &path.key("settlement_due"),
                Code::InvalidType,
                "settlement_due is a boolean",
            );
        }
        b
    });
    let entry = LedgerEntry {
        id: id?,
        version: version?,
        kind: kind?,
        at: at?,
        currency: currency?,
        amount: amount?,
        items,
        charged,
        order: opt_text("order", issues),
        idempotency_key: opt_text("idempotency_key", issues),
        fingerprint: opt_text("fingerprint", issues),
        retries,
        total_after: text("total_after", issues)?,
        unsettled_after: text("unsettled_after", issues)?,
        settlement_due: settlement_due?,
    };
    (issues.len() == before).then_some(entry)
}

/// An item of a charge entry, its fields as the text they are (the item rules read it on folding).
fn read_item_view(value: &Value, path: &Path, issues: &mut Issues) -> Option<ItemView> {
    let map = object(value, "a charged item", path, issues)?;
    report_unknown_fields(map, ITEM_VIEW_FIELDS, "a charged item", path, issues);
    let opt = |key: &str, issues: &mut Issues| text_at(map, key, false, path, issues);
    let shared = |key: &str, issues: &mut Issues| opt(key, issues).map(Rc::from);
    Some(ItemView {
        number: shared("number", issues),
        name: shared("name", issues),
        price: text_at(map, "price", true, path, issues)?,
        quantity: text_at(map, "quantity", true, path, issues)?,
        unit: shared("unit", issues),
        vat: opt("vat", issues),
        rebate: opt("rebate", issues),
    })
}

fn array<'a>(
    value: &'a Value,
    max: usize,
    what: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<&'a Vec<Value>> {
    match value {
        Value::Array(list) if list.len() <= max => Some(list),
        _ => {
            issues.push(
                path,
                Code::InvalidType,
                format!("{what} is an array of at most {max}"),
            );
            None
        }
    }
}

/// A string field, as written (at most [`MAX_TEXT`] characters).
pub fn text_at(
    map: &Map<String, Value>,
    key: &str,
    needed: bool,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    let v = if needed {
        required(map, key, path, issues)?
    } else {
        map.get(key)?
    };
    match v {
        Value::String(s) if s.chars().take(MAX_TEXT + 1).count() <= MAX_TEXT => Some(s.clone()),
        Value::String(_) => {
            issues.push(
                &path.key(key),
                Code::TooLong,
                format!("{key} is longer than {MAX_TEXT} characters"),
            );
            None
        }
        other => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!("{key} must be a string, got {}", json::type_name(other)),
            );
            None
        }
    }
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
