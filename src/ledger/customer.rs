//! The customer of the PayFunc/Intergiro model: `{ id, currency, balance: Item[], total, status,
//! limit?, schedule?, version, idempotency_keys, last_payment? }`, read with every problem
//! reported, and written back in the same shape so an answer's customer is the next call's input.
//! The state holds what the rules need and nothing that grows with history: the journal lives with
//! the host (each call returns its entries). A customer of an earlier version, with its `journal`,
//! is still read: the journal is read once (see [`crate::ledger::migration`]) and not written back.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::checkout::item::{self, Item, ItemView, MAX_ITEMS};
use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::input::shared::Element;
use crate::ledger::idempotency::{self, KeyRecord};
use crate::ledger::journal::{read_last_payment, LastPayment, LastPaymentView};
use crate::ledger::migration;
use crate::money::amount::{self, Bounds};
use crate::money::currency::Currency;
use crate::money::read::push_amount;
use crate::money::rounding::{decimal_text, format_scaled, rescale, Rounding};

pub const CUSTOMER_FIELDS: &[&str] = &[
    "id",
    "currency",
    "balance",
    "total",
    "status",
    "limit",
    "schedule",
    "version",
    "idempotency_keys",
    "last_payment",
    "journal",
];
pub const LIMIT_FIELDS: &[&str] = &["hard", "soft", "margin"];
/// Longest customer id, in characters.
pub const MAX_ID_LEN: usize = 64;
/// Most retry days in a schedule.
pub const MAX_SCHEDULE: usize = 32;
/// Latest retry day (a year).
pub const MAX_RETRY_DAY: u64 = 366;
/// Most journal entries a customer of an earlier version may carry (read once, then dropped).
pub const MAX_JOURNAL: usize = 100_000;
/// Highest version: a JS number stays exact (2^53 - 1).
pub const MAX_VERSION: u64 = (1 << 53) - 1;

/// `total` and limits: up to 10^15 in the currency, exactly in its minor unit.
pub const FUNDS_BOUNDS: Bounds = Bounds {
    max_abs: Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0), // 1_000_000_000_000_000
    max_scale: 4,
};

/// A customer as a caller writes it (for the TypeScript declaration; the core reads customers from
/// JSON values, and a test checks this type has exactly [`CUSTOMER_FIELDS`]).
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct CustomerInput {
    id: String,
    currency: String,
    #[ts(optional)]
    balance: Option<Vec<BalanceItemInput>>,
    #[ts(optional, type = "number | string")]
    total: Option<String>,
    #[ts(optional)]
    status: Option<Status>,
    #[ts(
        optional,
        type = "number | string | { hard?: number | string, soft?: number | string, margin?: number | string }"
    )]
    limit: Option<String>,
    #[ts(optional)]
    schedule: Option<Vec<u32>>,
    // 0 (or absent) for a new customer, +1 per applied operation. (Plain comments here: the
    // test below reads this declaration's fields, and doc comments would be written into it.)
    #[ts(optional, type = "number")]
    version: Option<u64>,
    #[ts(optional)]
    idempotency_keys: Option<Vec<KeyRecord>>,
    #[ts(optional)]
    last_payment: Option<LastPaymentView>,
    // The journal of an earlier version, read once (its length is the version, its keys and last
    // payment are kept) and not written back: entries are stored by the host.
    #[ts(optional, type = "Array<Record<string, unknown>>")]
    journal: Option<Vec<String>>,
}

/// An unsettled item on a balance: an item that may say its currency (the customer's).
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct BalanceItemInput {
    #[ts(flatten)]
    item: crate::checkout::item::ItemInput,
    #[ts(optional)]
    currency: Option<String>,
}

#[cfg(all(test, feature = "ts"))]
#[test]
fn customer_input_type_has_exactly_the_customer_fields() {
    use ts_rs::TS;
    let decl = CustomerInput::decl(&ts_rs::Config::default());
    assert_eq!(
        crate::input::issue::top_level_fields(&decl),
        CUSTOMER_FIELDS,
        "{decl}"
    );
}

/// Where a customer is in its life; only `created`, `active` and `pending` customers can be charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CustomerStatus")
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Created,
    Active,
    Pending,
    Inactive,
    Suspended,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Created,
        Status::Active,
        Status::Pending,
        Status::Inactive,
        Status::Suspended,
    ];
    pub fn parse(s: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
    /// The status as written (`"suspended"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Active => "active",
            Status::Pending => "pending",
            Status::Inactive => "inactive",
            Status::Suspended => "suspended",
        }
    }
    pub fn chargeable(self) -> bool {
        matches!(self, Status::Created | Status::Active | Status::Pending)
    }
}

/// Limits on what a customer may owe (due = unsettled items − funds), in minor units.
/// A plain number as `limit` is a hard limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Limit {
    /// A charge that would take the due amount above this is refused.
    pub hard: Option<i128>,
    /// At or above this the customer is due for settlement (nothing is refused).
    pub soft: Option<i128>,
    /// Within this of the hard limit the customer is due for settlement.
    pub margin: Option<i128>,
}

/// Where a call that answers a customer leaves a copy of it, typed, for a host that keeps the
/// state between calls (the JS bridge: `api::held`); `None` keeps none.
pub type Keep<'a> = Option<&'a mut Option<Customer>>;

/// A customer, validated. Amounts are minor units of `currency`.
#[derive(Debug, Clone, PartialEq)]
pub struct Customer {
    pub id: String,
    pub currency: Currency,
    /// Charged, not settled.
    pub balance: Vec<Item>,
    /// Funds on the balance.
    pub total: i128,
    pub status: Status,
    pub limit: Option<Limit>,
    /// Days after a failed payment on which authorisation is retried.
    pub schedule: Option<Vec<u32>>,
    /// Operations applied so far; each entry carries the version it produced.
    pub version: u64,
    /// The idempotency keys of the last 24 hours, oldest first (at most `MAX_KEYS`).
    pub keys: Vec<KeyRecord>,
    /// The latest payment taken from the customer (the IVR view reads it).
    pub last_payment: Option<LastPayment>,
}

/// The customer as written back: amounts as decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CustomerView {
    pub id: String,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    // In a shared answer, the argument's unchanged items as references (`input::shared`). (A
    // plain comment: doc comments are written into the TypeScript declaration.)
    #[serde(serialize_with = "crate::input::shared::balance")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<ItemView>"))]
    pub balance: Vec<Element<ItemView>>,
    pub total: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<LimitView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub schedule: Option<Vec<u32>>,
    /// Operations applied so far (0 for a new customer): store with `WHERE version = $old`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub version: u64,
    /// The idempotency keys of the last 24 hours, oldest first.
    #[serde(serialize_with = "crate::input::shared::keys")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<KeyRecord>"))]
    pub idempotency_keys: Vec<Element<KeyRecord>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub last_payment: Option<LastPaymentView>,
}

/// A customer's limits as the ledger writes them: the hard limit, the soft limit and the margin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LimitView {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub hard: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub soft: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub margin: Option<String>,
}

impl Customer {
    pub fn scale(&self) -> u32 {
        self.currency.minor_units()
    }
    pub fn money(&self, minor: i128) -> String {
        format_scaled(minor, self.scale())
    }
    /// Gross of the unsettled items, in minor units.
    pub fn unsettled(&self) -> Result<i128, Error> {
        let (_, sum) = item::sum_lines(&self.balance, self.scale(), &Path::root().key("balance"))?;
        Ok(sum.gross)
    }
    /// [`Customer::into_view`], leaving a copy of the customer in `keep`.
    pub fn into_view_kept(self, keep: Keep) -> CustomerView {
        if let Some(kept) = keep {
            *kept = Some(self.clone());
        }
        self.into_view()
    }
    /// The customer as written back, its strings and key records moved rather than copied.
    pub fn into_view(self) -> CustomerView {
        let scale = self.scale();
        let m = |v: Option<i128>| v.map(|v| format_scaled(v, scale));
        CustomerView {
            balance: self
                .balance
                .into_iter()
                .map(|i| match i.origin {
                    Some(origin) => Element::Shared(origin),
                    None => Element::Own(i.into_view(scale)),
                })
                .collect(),
            total: format_scaled(self.total, scale),
            limit: self.limit.map(|l| LimitView {
                hard: m(l.hard),
                soft: m(l.soft),
                margin: m(l.margin),
            }),
            last_payment: self.last_payment.as_ref().map(|p| p.view(scale)),
            id: self.id,
            currency: self.currency,
            status: self.status,
            schedule: self.schedule,
            version: self.version,
            idempotency_keys: self
                .keys
                .into_iter()
                .map(|r| match r.origin {
                    Some(origin) => Element::Shared(origin),
                    None => Element::Own(r),
                })
                .collect(),
        }
    }
}

/// Reads a customer, reporting every problem under `path`.
pub fn read_customer(value: &Value, path: &Path) -> Result<Customer, Error> {
    let mut issues = Issues::new();
    let customer = read(value, path, &mut issues);
    match customer {
        Some(c) if issues.is_empty() => Ok(c),
        _ => Err(Error::invalid(issues.into_vec())),
    }
}

fn read(value: &Value, path: &Path, issues: &mut Issues) -> Option<Customer> {
    let Some(map) = value.as_object().filter(|_| json::js_tag(value).is_none()) else {
        issues.push(
            path,
            Code::InvalidType,
            format!("expected a customer object, got {}", json::type_name(value)),
        );
        return None;
    };
    report_unknown_fields(map, CUSTOMER_FIELDS, "a customer", path, issues);

    let id = match map.get("id") {
        None => {
            issues.push(&path.key("id"), Code::Required, "id is required");
            None
        }
        Some(Value::String(s)) if s.is_empty() => {
            issues.push(&path.key("id"), Code::Required, "id must not be empty");
            None
        }
        Some(_) => text_field(map, "id", MAX_ID_LEN, path, issues),
    };
    let currency = match map.get("currency") {
        None => {
            issues.push(
                &path.key("currency"),
                Code::Required,
                "currency is required",
            );
            None
        }
        Some(v) => match v.as_str().and_then(Currency::parse) {
            Some(c) => Some(c),
            None => {
                issues.push(
                    &path.key("currency"),
                    Code::UnknownCurrency,
                    "currency must be an active ISO 4217 code such as \"SEK\"",
                );
                None
            }
        },
    };
    let status = match map.get("status") {
        None => Some(Status::Created),
        Some(v) => match v.as_str().and_then(Status::parse) {
            Some(s) => Some(s),
            None => {
                issues.push(
                    &path.key("status"),
                    Code::UnknownValue,
                    "status must be one of created, active, pending, inactive, suspended",
                );
                None
            }
        },
    };
    let scale = currency.map_or(4, Currency::minor_units);
    let total = match map.get("total") {
        None => Some(0),
        Some(v) => funds(v, scale, &path.key("total"), "total", issues),
    };
    let limit = map
        .get("limit")
        .and_then(|v| read_limit(v, scale, &path.key("limit"), issues));
    let schedule = map
        .get("schedule")
        .and_then(|v| read_schedule(v, &path.key("schedule"), issues));
    let balance = read_balance(map, currency, path, issues);
    let mut version = map.get("version").and_then(|v| match v.as_u64() {
        Some(n) if n <= MAX_VERSION => Some(n),
        _ => {
            issues.push(
                &path.key("version"),
                Code::OutOfRange,
                format!("version is a whole number from 0 to {MAX_VERSION}"),
            );
            None
        }
    });
    let mut keys = map.get("idempotency_keys").map_or_else(Vec::new, |v| {
        idempotency::read_records(v, &path.key("idempotency_keys"), issues)
    });
    let mut last_payment = map
        .get("last_payment")
        .and_then(|v| read_last_payment(v, scale, &path.key("last_payment"), issues));
    match map.get("journal") {
        None => {}
        Some(Value::Array(entries)) if entries.len() <= MAX_JOURNAL => {
            let old = migration::migrate(entries, scale, &path.key("journal"), issues);
            // What the state says wins; the journal fills in what a customer of an earlier
            // version did not carry.
            version = version.or(Some(old.version));
            if keys.is_empty() {
                keys = old.keys;
            }
            last_payment = last_payment.or(old.last_payment);
        }
        Some(Value::Array(_)) => issues.push(
            &path.key("journal"),
            Code::TooManyItems,
            format!("a journal holds at most {MAX_JOURNAL} entries"),
        ),
        Some(_) => issues.push(
            &path.key("journal"),
            Code::InvalidType,
            "journal must be an array of entries",
        ),
    }
    Some(Customer {
        id: id?,
        currency: currency?,
        balance: balance?,
        total: total?,
        status: status?,
        limit,
        schedule,
        version: version.unwrap_or(0),
        keys,
        last_payment,
    })
}

/// Funds and limits: zero or more, exact in the currency's minor unit.
pub fn funds(v: &Value, scale: u32, path: &Path, what: &str, issues: &mut Issues) -> Option<i128> {
    let d = match amount::parse_bounded(v, FUNDS_BOUNDS) {
        Ok(d) => d,
        Err(e) => {
            push_amount(issues, path, what, e);
            return None;
        }
    };
    if d < Decimal::ZERO {
        issues.push(
            path,
            Code::Negative,
            format!("{what} must be zero or more, got {}", decimal_text(d)),
        );
        return None;
    }
    match rescale(d.mantissa(), d.scale(), scale, Rounding::Exact) {
        Some(m) => Some(m),
        None => {
            issues.push(
                path,
                Code::TooPrecise,
                format!(
                    "{what} {} has more digits than the currency's minor unit ({scale})",
                    decimal_text(d)
                ),
            );
            None
        }
    }
}

pub fn read_limit(v: &Value, scale: u32, path: &Path, issues: &mut Issues) -> Option<Limit> {
    match v {
        Value::Object(map) if json::js_tag(v).is_none() => {
            report_unknown_fields(map, LIMIT_FIELDS, "a limit", path, issues);
            let get = |key: &str, issues: &mut Issues| {
                map.get(key)
                    .and_then(|v| funds(v, scale, &path.key(key), key, issues))
            };
            let limit = Limit {
                hard: get("hard", issues),
                soft: get("soft", issues),
                margin: get("margin", issues),
            };
            if limit.margin.is_some() && limit.hard.is_none() {
                issues.push(
                    &path.key("margin"),
                    Code::Required,
                    "a margin is measured from the hard limit: give `hard` too",
                );
            }
            Some(limit)
        }
        _ => funds(v, scale, path, "limit", issues).map(|hard| Limit {
            hard: Some(hard),
            ..Limit::default()
        }),
    }
}

pub fn read_schedule(v: &Value, path: &Path, issues: &mut Issues) -> Option<Vec<u32>> {
    let Value::Array(days) = v else {
        issues.push(
            path,
            Code::InvalidType,
            "schedule must be an array of retry days",
        );
        return None;
    };
    if days.len() > MAX_SCHEDULE {
        issues.push(
            path,
            Code::TooManyItems,
            format!("a schedule holds at most {MAX_SCHEDULE} retry days"),
        );
        return None;
    }
    let mut out = Vec::with_capacity(days.len());
    for (i, d) in days.iter().enumerate() {
        match d.as_u64() {
            Some(n) if (1..=MAX_RETRY_DAY).contains(&n) => out.push(n as u32),
            _ => issues.push(
                &path.index(i),
                Code::OutOfRange,
                format!(
                    "schedule: a retry day is a whole number of days from 1 to {MAX_RETRY_DAY}"
                ),
            ),
        }
    }
    Some(out)
}

/// The unsettled items. Each may carry a `currency`, which must be the customer's.
fn read_balance(
    map: &Map<String, Value>,
    currency: Option<Currency>,
    path: &Path,
    issues: &mut Issues,
) -> Option<Vec<Item>> {
    let path = path.key("balance");
    let values = match map.get("balance") {
        None => return Some(Vec::new()),
        Some(Value::Array(values)) => values,
        Some(other) => {
            issues.push(
                &path,
                Code::InvalidType,
                format!(
                    "balance must be an array of items, got {}",
                    json::type_name(other)
                ),
            );
            return None;
        }
    };
    if values.len() > MAX_ITEMS {
        issues.push(
            &path,
            Code::TooManyItems,
            format!("a balance holds at most {MAX_ITEMS} unsettled items"),
        );
        return None;
    }
    let mut items = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        let at = path.index(i);
        let stripped;
        let v = match v.get("currency") {
            None => v,
            Some(c) => {
                let theirs = c.as_str().and_then(Currency::parse);
                if theirs.is_none() || theirs != currency {
                    issues.push(
                        &at.key("currency"),
                        Code::CurrencyMismatch,
                        format!(
                            "currency: this item is in {}, the customer's balance in {}",
                            c.as_str().unwrap_or("an unknown currency"),
                            currency.map_or("?", Currency::code)
                        ),
                    );
                }
                let mut without = v.clone();
                if let Some(m) = without.as_object_mut() {
                    m.remove("currency");
                }
                stripped = without;
                &stripped
            }
        };
        if let Some(item) = item::read_item(v, &at, issues) {
            items.push(item);
        }
    }
    Some(items)
}
