//! The customer balance ledger: charging items to the balance and funding it from an authorised
//! order, the journal entry each operation writes, and the options every ledger call takes.
//!
//! Functions are pure: a customer goes in, the customer as it is after the operation comes out,
//! with the entries the operation created (the host appends them to its own journal). An
//! idempotency key makes a retried call safe: the same request replays (creating nothing, so
//! appending what it returns appends nothing), another one is refused (see
//! [`crate::ledger::idempotency`]).

use serde::Serialize;
use serde_json::{Map, Value};

#[cfg(feature = "ts")]
use crate::checkout::item::LineView;
use crate::checkout::item::{self, Item, ItemView, Line, Lines, Sum};
use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::input::shared::Element;
use crate::ledger::customer::{read_customer, Customer, CustomerView, Keep, MAX_ID_LEN};
use crate::ledger::idempotency::{self, Seen, MAX_KEY_LEN};
use crate::ledger::journal::LedgerEntry;
use crate::ledger::operation::{Call, Operation};
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

/// Reads the options object at `/options` (`now` is required; the JS package fills it with the
/// current time).
pub fn read_options(value: &Value) -> Result<Options, Error> {
    let path = &Path::root().key("options");
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
    let idempotency_key = text_field(map, "idempotency_key", MAX_KEY_LEN, path, &mut issues);
    if idempotency_key.as_deref() == Some("") {
        issues.push(
            &path.key("idempotency_key"),
            Code::Required,
            "idempotency_key must not be empty",
        );
    }
    let number = text_field(map, "number", MAX_ORDER_NUMBER_LEN, path, &mut issues);
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

impl Options {
    /// The time and key of an operation applied with these options.
    pub fn call(&self, keyed: Option<(String, String)>) -> Call {
        Call {
            now: self.now,
            now_text: self.now_text.clone(),
            keyed,
        }
    }
    /// The idempotency key and the fingerprint of the request `canonical` describes.
    pub fn keyed(&self, canonical: impl FnOnce() -> String) -> Option<(String, String)> {
        self.idempotency_key
            .clone()
            .map(|k| (k, idempotency::fingerprint(&canonical())))
    }
}

/// `"success"` or `"failure"`.
pub fn read_outcome(value: &Value, path: &Path) -> Result<bool, Error> {
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
    /// What an idempotency key means for this call: a new request, or the replay of an earlier
    /// one (the versions of the entries it created). The same key with another request is refused.
    pub fn seen(
        &self,
        opts: &Options,
        keyed: Option<&(String, String)>,
    ) -> Result<Option<Vec<u64>>, Error> {
        let Some((key, fp)) = keyed else {
            return Ok(None);
        };
        Ok(match idempotency::check(&self.keys, key, fp, opts.now)? {
            Seen::New => None,
            Seen::Replay(record) => Some(record.versions.clone()),
        })
    }
}

/// `{ customer, entries, replayed, matched? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChargeResult {
    pub customer: CustomerView,
    /// The entries the call created, oldest first (one for a charge, none for a replay); append
    /// them to the journal.
    pub entries: Vec<LedgerEntry>,
    /// The idempotency key was used with this very request: nothing changed, nothing was created
    /// (`entries` is empty), and `matched` names the original entries.
    pub replayed: bool,
    /// On a replay only: the versions of the entries the original call created (already in the
    /// journal).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "Array<number>"))]
    pub matched: Option<Vec<u64>>,
}

/// The canonical form of a charge request: its items, normalised (`12.5` and `"12.50"` are the
/// same request). `now` is not part of it: a retry comes later by nature.
fn charge_canonical(c: &Customer, items: &[Item]) -> String {
    let views: Vec<ItemView> = items.iter().map(|i| i.view(c.scale())).collect();
    crate::input::writer::to_string(&("chargeBalance", views)).unwrap_or_default()
}

/// `POST customer/<id>/balance`: appends the body's items to the balance.
pub fn charge_balance(
    customer: &Value,
    body: &Value,
    options: &Value,
) -> Result<ChargeResult, Error> {
    charge_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        body,
        options,
    )
}

/// [`charge_balance`] of a customer already read.
pub fn charge_customer(c: Customer, body: &Value, options: &Value) -> Result<ChargeResult, Error> {
    let opts = read_options(options)?;
    charge_items(c, &opts, read_charge_body(body)?, None)
}

/// The items of a charge's body at `/body`, every issue reported.
pub fn read_charge_body(body: &Value) -> Result<Vec<Item>, Error> {
    let mut issues = Issues::new();
    let items = item::read_body(body, &Path::root().key("body"), &mut issues);
    issues.finish(items)
}

/// A charge of items already read (the customer it answers left in `keep`).
pub fn charge_items(
    mut c: Customer,
    opts: &Options,
    items: Vec<Item>,
    keep: Keep,
) -> Result<ChargeResult, Error> {
    let keyed = opts.keyed(|| charge_canonical(&c, &items));
    if let Some(matched) = c.seen(opts, keyed.as_ref())? {
        return Ok(ChargeResult {
            customer: c.into_view_kept(keep),
            entries: Vec::new(),
            replayed: true,
            matched: Some(matched),
        });
    }
    let entry = c.apply(Operation::Charge { items }, &opts.call(keyed))?;
    Ok(ChargeResult {
        customer: c.into_view_kept(keep),
        entries: vec![entry],
        replayed: false,
        matched: None,
    })
}

/// An order as the seed writes it, with its items normalised and their lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Order {
    pub number: String,
    /// A settlement's order holds the balance's items: they may share.
    #[serde(serialize_with = "crate::input::shared::balance")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<ItemView>"))]
    pub items: Vec<Element<ItemView>>,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    pub customer: String,
    pub payment: Payment,
    /// Each item's rounded amounts.
    #[cfg_attr(feature = "ts", ts(as = "Vec<LineView>"))]
    pub lines: Lines,
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
    Ok(order_of(c, number, items, lines, &sum))
}

/// The order of `items` whose `lines` and their `sum` are computed.
pub fn order_of(
    c: &Customer,
    number: String,
    items: &[Item],
    lines: Vec<Line>,
    sum: &Sum,
) -> (Order, i128) {
    (
        Order {
            number,
            items: items
                .iter()
                .map(|i| match i.origin {
                    Some(origin) => Element::Shared(origin),
                    None => Element::Own(i.view(c.scale())),
                })
                .collect(),
            currency: c.currency,
            customer: c.id.clone(),
            payment: Payment::balance(),
            lines: Lines {
                lines,
                scale: c.scale(),
            },
            amount: c.money(sum.gross),
        },
        sum.gross,
    )
}

/// Longest order number: a customer id's, a `-` and a version's 16 digits, so the number a settle
/// gives its order by default (`<id>-<version + 1>`) is one that `fundBalance` and a settle's
/// `number` accept again (an item's 64 characters were too few for a 64-character id).
pub const MAX_ORDER_NUMBER_LEN: usize = MAX_ID_LEN + 1 + 16;

pub const ORDER_FIELDS: &[&str] = &["number", "items", "currency", "customer", "payment"];

/// `{ customer, order, entries, replayed, matched? }` of funding and settling.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OrderResult {
    pub customer: CustomerView,
    /// The order funded or settled; `null` for an empty balance, and for a replayed settlement
    /// (its order is not kept in the state: the entry names its number and amount).
    pub order: Option<Order>,
    /// The entries the call created, oldest first (none when an empty balance is settled, none
    /// for a replay); append them to the journal.
    pub entries: Vec<LedgerEntry>,
    /// The idempotency key was used with this very request: nothing changed, nothing was created
    /// (`entries` is empty), and `matched` names the original entries.
    pub replayed: bool,
    /// On a replay only: the versions of the entries the original call created (already in the
    /// journal).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "Array<number>"))]
    pub matched: Option<Vec<u64>>,
}

/// An order with `payment: { type: "customer", charge: "balance" }`: once authorised its total is
/// credited to the balance; a failed authorisation makes the customer `pending` and schedules retries.
pub fn fund_balance(
    customer: &Value,
    order_value: &Value,
    outcome: &Value,
    options: &Value,
) -> Result<OrderResult, Error> {
    fund_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        order_value,
        outcome,
        options,
    )
}

/// [`fund_balance`] of a customer already read.
pub fn fund_customer(
    c: Customer,
    order_value: &Value,
    outcome: &Value,
    options: &Value,
) -> Result<OrderResult, Error> {
    let opts = read_options(options)?;
    let success = read_outcome(outcome, &Path::root().key("outcome"))?;
    let (number, items) = read_order(&c, order_value, &Path::root().key("order"))?;
    fund_order(c, &opts, success, number, items, None)
}

/// A funding of an order already read (its number and items; the customer it answers left in
/// `keep`).
pub fn fund_order(
    mut c: Customer,
    opts: &Options,
    success: bool,
    number: String,
    items: Vec<Item>,
    keep: Keep,
) -> Result<OrderResult, Error> {
    let path = Path::root().key("order");
    let (mut order, gross) = order(&c, number, &items, &path.key("items"))?;
    // The normalised order and the outcome are the request (its items the order argument's, all
    // written: the request's text is the same whatever the answer's form).
    let keyed = opts.keyed(|| {
        crate::input::writer::to_string(&("fundBalance", &order, success)).unwrap_or_default()
    });
    crate::ledger::canonical::share_like(&mut order.items, &items, &c.balance);
    if let Some(matched) = c.seen(opts, keyed.as_ref())? {
        return Ok(OrderResult {
            customer: c.into_view_kept(keep),
            order: Some(order),
            entries: Vec::new(),
            replayed: true,
            matched: Some(matched),
        });
    }
    let op = Operation::Fund {
        amount: gross,
        success,
        order: order.number.clone(),
        items: u32::try_from(items.len()).unwrap_or(u32::MAX),
    };
    let entry = c.apply(op, &opts.call(keyed))?;
    Ok(OrderResult {
        customer: c.into_view_kept(keep),
        order: Some(order),
        entries: vec![entry],
        replayed: false,
        matched: None,
    })
}

/// Reads an order for this customer: its number and items.
pub fn read_order(c: &Customer, value: &Value, path: &Path) -> Result<(String, Vec<Item>), Error> {
    let mut issues = Issues::new();
    let Some(map) = value.as_object().filter(|_| json::js_tag(value).is_none()) else {
        return Err(Error::single(
            path,
            Code::InvalidType,
            format!("expected an order object, got {}", json::type_name(value)),
        ));
    };
    report_unknown_fields(map, ORDER_FIELDS, "an order", path, &mut issues);
    let number = text_field(map, "number", MAX_ORDER_NUMBER_LEN, path, &mut issues);
    if !map.contains_key("number") {
        issues.push(&path.key("number"), Code::Required, "number is required");
    }
    let items = match map.get("items") {
        Some(body) => item::read_body(body, &path.key("items"), &mut issues),
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
            format!(
                "the order must name the customer {}",
                crate::input::json::quoted(&c.id)
            ),
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
