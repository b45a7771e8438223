//! The customer balance ledger: charging items to the balance, funding it from an authorised order,
//! and the journal entry each operation appends.
//!
//! Functions are pure: a customer goes in, the customer as it is after the operation comes out,
//! with the entry appended to its `journal`. An idempotency key already in the journal makes the
//! call a replay: the customer comes back unchanged with the original entry.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::checkout::item::{self, Item, ItemView, LineView, MAX_NUMBER_LEN};
use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::ledger::customer::{parse_customer, Customer, CustomerView, Status};
use crate::ledger::journal::{EntryKind, LedgerEntry};
use crate::money::currency::Currency;
use crate::time::stamp::Stamp;

/// The options every ledger call takes.
#[derive(Debug, Clone)]
pub struct Options {
    pub now: Stamp,
    /// `now` as entries write it (in the caller's offset).
    pub now_text: String,
    pub idempotency_key: Option<String>,
    /// The number of the order a settlement creates.
    pub number: Option<String>,
    /// Settle-all: `"full"` (default) or `"summary"` results.
    pub detail_summary: bool,
}

pub const OPTION_FIELDS: &[&str] = &["now", "idempotency_key", "number", "detail"];

/// Reads the options object (`now` is required; the JS package fills it with the current time).
pub fn parse_options(value: &Value, path: &Path) -> Result<Options, Error> {
    let mut issues = Issues::new();
    let empty = Map::new();
    let map = match value {
        Value::Null => &empty,
        Value::Object(m) if json::js_tag(value).is_none() => m,
        other => {
            return Err(Error::single(
                path,
                Code::InvalidType,
                format!("options must be an object, got {}", json::type_name(other)),
            ))
        }
    };
    report_unknown_fields(map, OPTION_FIELDS, "options", path, &mut issues);
    let now = match map.get("now") {
        None => {
            issues.push(
                &path.key("now"),
                Code::Required,
                "now (an ISO 8601 time) is required",
            );
            None
        }
        Some(v) => {
            let t = v
                .as_str()
                .and_then(Stamp::parse)
                .and_then(|t| Some((t, t.format()?)));
            if t.is_none() {
                issues.push(
                    &path.key("now"),
                    Code::InvalidDateTime,
                    "now must be an ISO 8601 time with an offset, e.g. 2026-11-23T16:15:00Z",
                );
            }
            t
        }
    };
    let idempotency_key = text_field(map, "idempotency_key", 255, path, &mut issues);
    let number = text_field(map, "number", MAX_NUMBER_LEN, path, &mut issues);
    let detail_summary = match map.get("detail").map(|v| v.as_str()) {
        None | Some(Some("full")) => false,
        Some(Some("summary")) => true,
        Some(_) => {
            issues.push(
                &path.key("detail"),
                Code::InvalidType,
                "detail is \"full\" or \"summary\"",
            );
            false
        }
    };
    let options = issues.finish((now, idempotency_key, number, detail_summary))?;
    match options {
        (Some((now, now_text)), idempotency_key, number, detail_summary) => Ok(Options {
            now,
            now_text,
            idempotency_key,
            number,
            detail_summary,
        }),
        _ => Err(Error::single(
            &path.key("now"),
            Code::Required,
            "now is required",
        )),
    }
}

/// `"success"` or `"failure"`.
pub fn parse_outcome(value: &Value, path: &Path) -> Result<bool, Error> {
    match value.as_str() {
        Some("success") => Ok(true),
        Some("failure") => Ok(false),
        _ => Err(Error::single(
            path,
            Code::UnknownValue,
            "outcome is \"success\" or \"failure\"",
        )),
    }
}

impl Customer {
    /// A new entry for this customer, numbered after its journal.
    pub fn entry(
        &self,
        kind: EntryKind,
        amount: i128,
        opts: &Options,
    ) -> Result<LedgerEntry, Error> {
        let unsettled = self.unsettled()?;
        Ok(LedgerEntry {
            id: format!("{}/{}", self.id, self.journal.len() + 1),
            kind,
            at: opts.now_text.clone(),
            currency: self.currency,
            amount: self.money(amount),
            items: None,
            order: None,
            idempotency_key: opts.idempotency_key.clone(),
            retries: None,
            total_after: self.money(self.total),
            unsettled_after: self.money(unsettled),
            settlement_due: self.settlement_due(unsettled),
        })
    }

    /// Whether what the customer owes has reached the soft limit or the hard limit's margin.
    pub fn settlement_due(&self, unsettled: i128) -> bool {
        let due = unsettled.saturating_sub(self.total).max(0);
        self.limit.is_some_and(|l| {
            l.soft.is_some_and(|s| due >= s)
                || matches!((l.hard, l.margin), (Some(h), Some(m)) if due >= h.saturating_sub(m))
        })
    }

    /// Retry times after a failure at `now`, from the schedule.
    pub fn retries(&self, now: Stamp) -> Result<Vec<String>, Error> {
        self.schedule
            .iter()
            .flatten()
            .map(|d| {
                now.plus_days(i64::from(*d))
                    .and_then(Stamp::format)
                    .ok_or_else(|| {
                        Error::new(Code::Overflow, "a retry date is beyond the calendar")
                    })
            })
            .collect()
    }

    /// Appends an entry to the journal (as the JSON it is returned as).
    pub fn record(&mut self, entry: &LedgerEntry) {
        self.journal
            .push(serde_json::to_value(entry).unwrap_or(Value::Null));
    }
}

/// `{ customer, entry, replayed }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChargeResult {
    pub customer: CustomerView,
    #[cfg_attr(feature = "ts", ts(as = "LedgerEntry"))]
    pub entry: Value,
    /// The idempotency key was already used: nothing changed, `entry` is the original one.
    pub replayed: bool,
}

/// POST customer/<id>/balance: appends the body's items to the balance.
pub fn charge_balance(
    customer: &Value,
    body: &Value,
    options: &Value,
) -> Result<ChargeResult, Error> {
    let mut c = parse_customer(customer, &Path::root().key("customer"))?;
    let opts = parse_options(options, &Path::root().key("options"))?;
    if let Some(entry) = replay(&c, &opts) {
        return Ok(ChargeResult {
            customer: c.view(),
            entry,
            replayed: true,
        });
    }
    if !c.status.chargeable() {
        return Err(Error::new(
            Code::CustomerNotChargeable,
            // The id as given: lowercasing the whole message changed it ("C1" read "c1").
            format!(
                "customer {} is {} and cannot be charged",
                c.id,
                c.status.as_str()
            ),
        ));
    }
    let body_path = Path::root().key("body");
    let mut issues = Issues::new();
    let items = item::parse_body(body, &body_path, &mut issues);
    let items = issues.finish(items)?;
    let (_, sum) = item::sum_lines(&items, c.scale(), &body_path)?;
    let before = c.unsettled()?;
    let after = before
        .checked_add(sum.gross)
        .ok_or_else(|| Error::new(Code::Overflow, "the balance overflows"))?;
    if c.balance.len() + items.len() > item::MAX_ITEMS {
        return Err(Error::single(
            &body_path,
            Code::TooManyItems,
            format!(
                "the balance would hold more than {} unsettled items: settle it first",
                item::MAX_ITEMS
            ),
        ));
    }
    if let Some(hard) = c.limit.and_then(|l| l.hard) {
        let due_before = before.saturating_sub(c.total).max(0);
        let due_after = after.saturating_sub(c.total).max(0);
        if due_after > hard {
            return Err(Error::new(
                Code::LimitExceeded,
                format!(
                    "charging {} {cur} would make {} {cur} due, above the hard limit of {} {cur} ({} {cur} due now)",
                    c.money(sum.gross),
                    c.money(due_after),
                    c.money(hard),
                    c.money(due_before),
                    cur = c.currency
                ),
            ));
        }
    }
    c.balance.extend(items);
    let mut entry = c.entry(EntryKind::Charge, sum.gross, &opts)?;
    entry.items = Some(sum.count);
    c.record(&entry);
    Ok(ChargeResult {
        customer: c.view(),
        entry: serde_json::to_value(&entry).unwrap_or(Value::Null),
        replayed: false,
    })
}

fn replay(c: &Customer, opts: &Options) -> Option<Value> {
    opts.idempotency_key
        .as_deref()
        .and_then(|k| c.has_key(k))
        .cloned()
}

/// An order as the seed writes it, with its items normalised and their lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Order {
    pub number: String,
    pub items: Vec<ItemView>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    pub customer: String,
    pub payment: Payment,
    /// Each item's rounded amounts.
    pub lines: Vec<LineView>,
    /// The sum of the lines: what the payment charges.
    pub amount: String,
}

/// `{ type: "customer", charge: "balance" }`: the only payment a balance order has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Payment {
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(type = "\"customer\""))]
    pub kind: String,
    #[cfg_attr(feature = "ts", ts(type = "\"balance\""))]
    pub charge: String,
}

impl Payment {
    pub fn balance() -> Self {
        Self {
            kind: "customer".into(),
            charge: "balance".into(),
        }
    }
}

/// Builds an order of `items` for the customer.
pub fn order(
    c: &Customer,
    number: String,
    items: &[Item],
    path: &Path,
) -> Result<(Order, i128), Error> {
    let (lines, sum) = item::sum_lines(items, c.scale(), path)?;
    Ok((
        Order {
            number,
            items: items.iter().map(|i| i.view(c.scale())).collect(),
            currency: c.currency,
            customer: c.id.clone(),
            payment: Payment::balance(),
            lines: lines.iter().map(|l| l.view(c.scale())).collect(),
            amount: c.money(sum.gross),
        },
        sum.gross,
    ))
}

pub const ORDER_FIELDS: &[&str] = &["number", "items", "currency", "customer", "payment"];

/// `{ customer, order, entry }` of funding and settling.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OrderResult {
    pub customer: CustomerView,
    pub order: Option<Order>,
    #[cfg_attr(feature = "ts", ts(as = "Option<LedgerEntry>"))]
    pub entry: Value,
    pub replayed: bool,
}

/// An order with `payment: { type: "customer", charge: "balance" }`: once authorised its total is
/// credited to the balance; a failed authorisation makes the customer `pending` and schedules retries.
pub fn fund_balance(
    customer: &Value,
    order_value: &Value,
    outcome: &Value,
    options: &Value,
) -> Result<OrderResult, Error> {
    let mut c = parse_customer(customer, &Path::root().key("customer"))?;
    let opts = parse_options(options, &Path::root().key("options"))?;
    let success = parse_outcome(outcome, &Path::root().key("outcome"))?;
    let path = Path::root().key("order");
    let (number, items) = read_order(&c, order_value, &path)?;
    let (order, gross) = order(&c, number, &items, &path.key("items"))?;
    if let Some(entry) = replay(&c, &opts) {
        return Ok(OrderResult {
            customer: c.view(),
            order: Some(order),
            entry,
            replayed: true,
        });
    }
    let mut entry = if success {
        c.total = c
            .total
            .checked_add(gross)
            .ok_or_else(|| Error::new(Code::Overflow, "the funds overflow"))?;
        if c.status == Status::Pending || c.status == Status::Created {
            c.status = Status::Active;
        }
        c.entry(EntryKind::Fund, gross, &opts)?
    } else {
        c.status = Status::Pending;
        let mut e = c.entry(EntryKind::FundFailed, gross, &opts)?;
        e.retries = Some(c.retries(opts.now)?);
        e
    };
    entry.order = Some(order.number.clone());
    entry.items = Some(u32::try_from(items.len()).unwrap_or(u32::MAX));
    c.record(&entry);
    Ok(OrderResult {
        customer: c.view(),
        order: Some(order),
        entry: serde_json::to_value(&entry).unwrap_or(Value::Null),
        replayed: false,
    })
}

/// Reads an order for this customer: its number and items.
fn read_order(c: &Customer, value: &Value, path: &Path) -> Result<(String, Vec<Item>), Error> {
    let mut issues = Issues::new();
    let Some(map) = value.as_object().filter(|_| json::js_tag(value).is_none()) else {
        return Err(Error::single(
            path,
            Code::InvalidType,
            format!("expected an order object, got {}", json::type_name(value)),
        ));
    };
    report_unknown_fields(map, ORDER_FIELDS, "an order", path, &mut issues);
    let number = text_field(map, "number", MAX_NUMBER_LEN, path, &mut issues);
    if !map.contains_key("number") {
        issues.push(&path.key("number"), Code::Required, "number is required");
    }
    let items = match map.get("items") {
        Some(body) => item::parse_body(body, &path.key("items"), &mut issues),
        None => {
            issues.push(&path.key("items"), Code::Required, "items is required");
            Vec::new()
        }
    };
    match map.get("currency") {
        Some(v) if v.as_str().and_then(Currency::parse) == Some(c.currency) => {}
        Some(_) => issues.push(
            &path.key("currency"),
            Code::CurrencyMismatch,
            format!(
                "the order must be in the customer's currency, {}",
                c.currency
            ),
        ),
        None => issues.push(
            &path.key("currency"),
            Code::Required,
            "currency is required",
        ),
    }
    match map.get("customer") {
        Some(Value::String(id)) if *id == c.id => {}
        Some(_) => issues.push(
            &path.key("customer"),
            Code::CustomerMismatch,
            format!("the order must name the customer {:?}", c.id),
        ),
        None => issues.push(
            &path.key("customer"),
            Code::Required,
            "customer is required",
        ),
    }
    let payment_ok = map.get("payment").is_some_and(|p| {
        p.get("type").and_then(Value::as_str) == Some("customer")
            && p.get("charge").and_then(Value::as_str) == Some("balance")
            && p.as_object().is_some_and(|m| m.len() == 2)
    });
    if !payment_ok {
        issues.push(
            &path.key("payment"),
            Code::UnsupportedPayment,
            "payment must be { type: \"customer\", charge: \"balance\" }",
        );
    }
    issues.finish((number.unwrap_or_default(), items))
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
