//! Checkout items (the PayFunc/Intergiro `Item`): validation of the three body forms, normalised
//! items, line amounts and totals.
//!
//! The one rounding point: each line's net (`price × quantity`), rebate (`rebate × quantity`) and
//! VAT (`vat × quantity`) are computed exactly and rounded to the currency's minor unit, half away
//! from zero; the line amount is `net − rebate + vat` of those rounded parts, and totals are sums of
//! rounded lines, so a receipt always adds up. Nothing else is ever rounded.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use std::rc::Rc;

use crate::input::fields::{report_unknown_fields, text_field, text_rule, Field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::input::reader::Reader;
use crate::input::shared::Origin;
use crate::money::amount::{self, Bounds};
use crate::money::currency::Currency;
use crate::money::read::{amount_field, push_amount};
use crate::money::rounding::{
    decimal_text, format_decimal, format_scaled, mul_round_scaled, write_scaled,
};

/// The fields an item may have.
pub const ITEM_FIELDS: &[&str] = &[
    "number", "name", "price", "quantity", "unit", "vat", "rebate",
];
/// Most items one body may hold.
pub const MAX_ITEMS: usize = 10_000;
/// Longest `number` (product number), in characters.
pub const MAX_NUMBER_LEN: usize = 64;
/// Longest `name`, in characters.
pub const MAX_NAME_LEN: usize = 256;
/// Longest `unit`, in characters.
pub const MAX_UNIT_LEN: usize = 32;

/// `price`, `vat` and `rebate`: up to 10^12 with up to 6 digits after the point (unit prices of fuel
/// and utilities carry more digits than the currency). These bounds keep every product exact in i128.
pub const PRICE_BOUNDS: Bounds = Bounds {
    max_abs: Decimal::from_parts(3_567_587_328, 232, 0, false, 0), // 1_000_000_000_000
    max_scale: 6,
};
/// `quantity`: up to 10^9 with up to 6 digits after the point (kilograms, kilowatt-hours).
pub const QUANTITY_BOUNDS: Bounds = Bounds {
    max_abs: Decimal::from_parts(1_000_000_000, 0, 0, false, 0),
    max_scale: 6,
};

/// An item as a caller writes it: amounts as numbers or decimal strings. (The core reads items from
/// JSON values field by field; this type exists so the TypeScript declaration is generated from the
/// same field list, checked by a test against [`ITEM_FIELDS`].)
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct ItemInput {
    #[ts(optional)]
    number: Option<String>,
    #[ts(optional)]
    name: Option<String>,
    #[ts(type = "number | string")]
    price: String,
    #[ts(optional, type = "number | string")]
    quantity: Option<String>,
    #[ts(optional)]
    unit: Option<String>,
    #[ts(optional, type = "number | string")]
    vat: Option<String>,
    #[ts(optional, type = "number | string")]
    rebate: Option<String>,
}

#[cfg(all(test, feature = "ts"))]
#[test]
fn item_input_type_has_exactly_the_item_fields() {
    use ts_rs::TS;
    let decl = ItemInput::decl(&ts_rs::Config::default());
    assert_eq!(
        crate::input::issue::top_level_fields(&decl),
        ITEM_FIELDS,
        "{decl}"
    );
}

/// A validated item. `vat` and `rebate` are absolute amounts per unit. Its texts are `Rc<str>`:
/// a settlement copies the customer once per outcome, and a copy then counts references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub number: Option<Rc<str>>,
    pub name: Option<Rc<str>>,
    pub price: Decimal,
    pub quantity: Decimal,
    pub unit: Option<Rc<str>>,
    pub vat: Option<Decimal>,
    pub rebate: Option<Decimal>,
    /// The customer argument's balance item this is, unchanged, when its text there is the text
    /// the answers write (`input::shared`); `None` for any other item (and for one changed in
    /// place: no rule changes an item, they only move or drop them).
    pub origin: Option<Origin>,
}

impl Item {
    /// A bare charge: one unit at `price`.
    pub fn charge(price: Decimal) -> Self {
        Self {
            number: None,
            name: None,
            price,
            quantity: Decimal::ONE,
            unit: None,
            vat: None,
            rebate: None,
            origin: None,
        }
    }

    /// The line amounts of this item at `scale` digits (the currency's minor unit).
    pub fn line(&self, scale: u32) -> Option<Line> {
        let parts = |d: Decimal| (d.mantissa(), d.scale());
        Line::compute(
            parts(self.price),
            parts(self.quantity),
            self.vat.map(parts),
            self.rebate.map(parts),
            scale,
        )
    }

    /// Digits needed to write this item's line exactly, without rounding.
    fn exact_scale(&self) -> u32 {
        let unit = self
            .price
            .scale()
            .max(self.vat.map_or(0, |v| v.scale()))
            .max(self.rebate.map_or(0, |r| r.scale()));
        unit + self.quantity.scale()
    }

    /// The normalised item as output: amounts as decimal strings with at least `min_scale` digits.
    pub fn view(&self, min_scale: u32) -> ItemView {
        ItemView {
            number: self.number.clone(),
            name: self.name.clone(),
            price: format_decimal(self.price, min_scale),
            quantity: format_decimal(self.quantity, 0),
            unit: self.unit.clone(),
            vat: self.vat.map(|v| format_decimal(v, min_scale)),
            rebate: self.rebate.map(|r| format_decimal(r, min_scale)),
        }
    }
    /// [`Item::view`], its texts moved rather than copied.
    pub fn into_view(self, min_scale: u32) -> ItemView {
        ItemView {
            price: format_decimal(self.price, min_scale),
            quantity: format_decimal(self.quantity, 0),
            vat: self.vat.map(|v| format_decimal(v, min_scale)),
            rebate: self.rebate.map(|r| format_decimal(r, min_scale)),
            number: self.number,
            name: self.name,
            unit: self.unit,
        }
    }
}

/// One item's amounts, rounded, as scaled integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Line {
    pub net: i128,
    pub rebate: i128,
    pub vat: i128,
    pub amount: i128,
}

impl Line {
    /// The line of an item whose amounts are scaled integers `(mantissa, scale)`, at `scale` digits:
    /// the one rounding point (see the module comment), whether the item was read from JSON or
    /// from columns. `None` on overflow.
    pub fn compute(
        price: (i128, u32),
        quantity: (i128, u32),
        vat: Option<(i128, u32)>,
        rebate: Option<(i128, u32)>,
        scale: u32,
    ) -> Option<Line> {
        let part = |a: Option<(i128, u32)>| match a {
            Some(a) => mul_round_scaled(a, quantity, scale),
            None => Some(0),
        };
        let net = mul_round_scaled(price, quantity, scale)?;
        let rebate = part(rebate)?;
        let vat = part(vat)?;
        let amount = net.checked_sub(rebate)?.checked_add(vat)?;
        Some(Line {
            net,
            rebate,
            vat,
            amount,
        })
    }

    pub fn view(&self, scale: u32) -> LineView {
        LineView {
            net: format_scaled(self.net, scale),
            rebate: format_scaled(self.rebate, scale),
            vat: format_scaled(self.vat, scale),
            amount: format_scaled(self.amount, scale),
        }
    }
}

/// A normalised item, as returned: every amount a decimal string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ItemView {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<Rc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<Rc<str>>,
    pub price: String,
    pub quantity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub unit: Option<Rc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub vat: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rebate: Option<String>,
}

/// One item's rounded amounts: `amount = net − rebate + vat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct LineView {
    pub net: String,
    pub rebate: String,
    pub vat: String,
    pub amount: String,
}

/// An order's lines at `scale` digits, kept as scaled integers until they are written: as
/// [`LineView`] objects, or in an answer for the bridge (`input::shared::packed`) as one text of
/// their amounts, four a line in the fields' order (`net rebate vat amount`), space-separated,
/// which js/bridge.js `unshare` turns into the same objects. Measured: JSON.parse of twenty line
/// objects took 2.9x the time of splitting that text and building them (the lines were two fifths
/// of a settlement preview's answer), and formatting each amount into its own `String` first was
/// an eighth of the preview's time in wasm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    pub lines: Vec<Line>,
    pub scale: u32,
}

impl Lines {
    /// The lines as the answers write them.
    pub fn views(&self) -> Vec<LineView> {
        self.lines.iter().map(|l| l.view(self.scale)).collect()
    }
}

impl Serialize for Lines {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !crate::input::shared::packing() {
            return self.views().serialize(s);
        }
        let mut text = String::with_capacity(self.lines.len().saturating_mul(28));
        for line in &self.lines {
            for amount in [line.net, line.rebate, line.vat, line.amount] {
                if !text.is_empty() {
                    text.push(' ');
                }
                write_scaled(&mut text, amount, self.scale);
            }
        }
        crate::input::shared::packed_lines(&text, s)
    }
}

/// Totals of a body: sums of the rounded lines. `currency` is null when none was given, and then
/// nothing is rounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Totals {
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub currency: Option<Currency>,
    pub count: u32,
    pub net: String,
    pub rebate: String,
    pub vat: String,
    pub gross: String,
}

/// A valid body: its items normalised, each line's amounts and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ValidItems {
    pub items: Vec<ItemView>,
    pub lines: Vec<LineView>,
    pub totals: Totals,
}

/// Summed lines, still as scaled integers (the ledger adds them to balances).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sum {
    pub count: u32,
    pub net: i128,
    pub rebate: i128,
    pub vat: i128,
    pub gross: i128,
}

impl Sum {
    /// Adds a line computed elsewhere (the fast path of columns); overflow is an error at `path`.
    pub fn add_line(&mut self, line: &Line, path: &Path) -> Result<(), Error> {
        self.add(line)
            .ok_or_else(|| Error::single(path, Code::Overflow, "the total of the items overflows"))
    }
    /// Adds the sum of a run of lines (the tight loop of columns); overflow is an error at `path`.
    pub fn add_sum(&mut self, other: &Sum, path: &Path) -> Result<(), Error> {
        (|| {
            self.count = self.count.checked_add(other.count)?;
            self.net = self.net.checked_add(other.net)?;
            self.rebate = self.rebate.checked_add(other.rebate)?;
            self.vat = self.vat.checked_add(other.vat)?;
            self.gross = self.gross.checked_add(other.gross)?;
            Some(())
        })()
        .ok_or_else(|| Error::single(path, Code::Overflow, "the total of the items overflows"))
    }
    fn add(&mut self, line: &Line) -> Option<()> {
        self.count = self.count.checked_add(1)?;
        self.net = self.net.checked_add(line.net)?;
        self.rebate = self.rebate.checked_add(line.rebate)?;
        self.vat = self.vat.checked_add(line.vat)?;
        self.gross = self.gross.checked_add(line.amount)?;
        Some(())
    }
    pub fn view(&self, currency: Option<Currency>, scale: u32) -> Totals {
        Totals {
            currency,
            count: self.count,
            net: format_scaled(self.net, scale),
            rebate: format_scaled(self.rebate, scale),
            vat: format_scaled(self.vat, scale),
            gross: format_scaled(self.gross, scale),
        }
    }
}

/// Lines and their sum at `scale` digits; overflow is an error naming the item.
pub fn sum_lines(items: &[Item], scale: u32, path: &Path) -> Result<(Vec<Line>, Sum), Error> {
    let mut lines = Vec::with_capacity(items.len());
    let mut sum = Sum::default();
    for (i, item) in items.iter().enumerate() {
        lines.push(sum.add_item(item, scale, path, i)?);
    }
    Ok((lines, sum))
}

impl Sum {
    /// Adds the line of `item`, the `i`-th of the items at `path`, at `scale` digits: the one place
    /// lines are computed and summed, whether the items came as JSON or as columns.
    pub fn add_item(
        &mut self,
        item: &Item,
        scale: u32,
        path: &Path,
        i: usize,
    ) -> Result<Line, Error> {
        let line = item.line(scale).ok_or_else(|| {
            Error::single(&path.index(i), Code::Overflow, "the line amount overflows")
        })?;
        self.add_line(&line, path)?;
        Ok(line)
    }
}

/// Validates a body and computes its lines and totals. Without a currency nothing is rounded.
pub fn validate_items(body: &Value, currency: Option<Currency>) -> Result<ValidItems, Error> {
    let mut issues = Issues::new();
    let items = read_body(body, &Path::root(), &mut issues);
    valid_items(&issues.finish(items)?, currency)
}

/// The answer of a valid body: its items normalised, their lines and totals (an overflow is an
/// error). Without a currency nothing is rounded.
pub fn valid_items(items: &[Item], currency: Option<Currency>) -> Result<ValidItems, Error> {
    let root = Path::root();
    let scale = match currency {
        Some(c) => c.minor_units(),
        None => items.iter().map(Item::exact_scale).max().unwrap_or(0),
    };
    let (lines, sum) = sum_lines(items, scale, &root)?;
    let min_scale = currency.map_or(0, Currency::minor_units);
    Ok(ValidItems {
        items: items.iter().map(|i| i.view(min_scale)).collect(),
        lines: lines.iter().map(|l| l.view(scale)).collect(),
        totals: sum.view(currency, scale),
    })
}

/// Totals of a body in a currency.
pub fn item_totals(body: &Value, currency: Currency) -> Result<Totals, Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    let items = read_body(body, &root, &mut issues);
    let items = issues.finish(items)?;
    let (_, sum) = sum_lines(&items, currency.minor_units(), &root)?;
    Ok(sum.view(Some(currency), currency.minor_units()))
}

/// Reads a body: a strictly positive amount (a bare charge), one item, or a non-empty array of items.
/// Problems go to `issues`; the items returned are only meaningful when none were reported.
pub fn read_body(body: &Value, path: &Path, issues: &mut Issues) -> Vec<Item> {
    match body {
        Value::Number(_) | Value::String(_) => match amount::parse_bounded(body, PRICE_BOUNDS) {
            Ok(price) if price > Decimal::ZERO => vec![Item::charge(price)],
            Ok(_) => {
                issues.push(
                    path,
                    Code::NotPositive,
                    "a charge must be a strictly positive amount",
                );
                Vec::new()
            }
            Err(e) => {
                push_amount(issues, path, "the charge", e);
                Vec::new()
            }
        },
        Value::Object(_) if json::js_tag(body).is_none() => {
            read_item(body, path, issues).into_iter().collect()
        }
        Value::Array(values) => {
            if values.is_empty() {
                issues.push(path, Code::Empty, "an array of items must not be empty");
                return Vec::new();
            }
            if values.len() > MAX_ITEMS {
                issues.push(
                    path,
                    Code::TooManyItems,
                    format!(
                        "{} items is more than the {MAX_ITEMS} one body may hold",
                        values.len()
                    ),
                );
                return Vec::new();
            }
            let mut items = Vec::with_capacity(values.len());
            for (i, v) in values.iter().enumerate() {
                if let Some(item) = read_item(v, &path.index(i), issues) {
                    items.push(item);
                }
            }
            items
        }
        other => {
            issues.push(
                path,
                Code::InvalidBody,
                format!(
                    "expected a positive amount, an item or an array of items, got {}",
                    json::type_name(other)
                ),
            );
            Vec::new()
        }
    }
}

/// Reads one item, reporting every problem of it.
pub fn read_item(value: &Value, path: &Path, issues: &mut Issues) -> Option<Item> {
    let map = match value {
        Value::Object(map) if json::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!("expected an item object, got {}", json::type_name(other)),
            );
            return None;
        }
    };
    let before = issues.len();
    report_unknown_fields(map, ITEM_FIELDS, "an item", path, issues);

    let text = |key, max_len, issues: &mut Issues| {
        text_field(map, key, max_len, path, issues).map(Rc::from)
    };
    let number = text("number", MAX_NUMBER_LEN, issues);
    let name = text("name", MAX_NAME_LEN, issues);
    let unit = text("unit", MAX_UNIT_LEN, issues);

    let price = amount_field(map, "price", PRICE_BOUNDS, path, issues);
    let quantity = amount_field(map, "quantity", QUANTITY_BOUNDS, path, issues);
    let vat = amount_field(map, "vat", PRICE_BOUNDS, path, issues);
    let rebate = amount_field(map, "rebate", PRICE_BOUNDS, path, issues);

    item_of(
        [number, name, unit],
        [price, quantity, vat, rebate],
        map.contains_key("price"),
        path,
        issues,
        before,
    )
}

/// One item read straight from JSON text, or `None` when [`read_item`] would report anything (or
/// for what this reader declines: a repeated field, a key written with an escape): the same item
/// `read_item` reads from the same text, through the same rules, without a map.
pub fn read_item_text(r: &mut Reader) -> Option<Item> {
    let (mut number, mut name, mut unit) = (None, None, None);
    let [mut price, mut quantity, mut vat, mut rebate] = [const { Field::Absent }; 4];
    r.members_of(ITEM_FIELDS, |r, key| {
        let amount = |r: &mut Reader, bounds| amount::read_bounded(r, bounds).map(Field::Value);
        match key {
            "price" => price = amount(r, PRICE_BOUNDS)?,
            "quantity" => quantity = amount(r, QUANTITY_BOUNDS)?,
            "vat" => vat = amount(r, PRICE_BOUNDS)?,
            "rebate" => rebate = amount(r, PRICE_BOUNDS)?,
            "number" => number = Some(text(r, MAX_NUMBER_LEN)?),
            "name" => name = Some(text(r, MAX_NAME_LEN)?),
            _ => unit = Some(text(r, MAX_UNIT_LEN)?),
        }
        Some(())
    })?;
    let has_price = matches!(price, Field::Value(_));
    item_of(
        [number, name, unit],
        [price, quantity, vat, rebate],
        has_price,
        &Path::root(),
        &mut Issues::new(),
        0,
    )
}

/// The item of these texts (`number`, `name`, `unit`, each already checked) and amounts after the
/// item rules ([`item_amounts`], issues at `path`), or `None` when any issue was found since its
/// reading began (`before`: the count of `issues` then). How every item reader ends.
pub fn item_of(
    [number, name, unit]: [Option<Rc<str>>; 3],
    amounts: [Field<Decimal>; 4],
    has_price: bool,
    path: &Path,
    issues: &mut Issues,
    before: usize,
) -> Option<Item> {
    let amounts = item_amounts(amounts, has_price, &|key| path.key(key), issues);
    if issues.len() != before {
        return None;
    }
    let (price, quantity, vat, rebate) = amounts?;
    Some(Item {
        number,
        name,
        price,
        quantity,
        unit,
        vat,
        rebate,
        origin: None,
    })
}

/// The next value of `r` as [`text_field`] accepts it.
pub fn text<T: for<'s> From<&'s str>>(r: &mut Reader, max_len: usize) -> Option<T> {
    let s = r.str()?;
    text_rule(&s, max_len).is_none().then(|| T::from(&s))
}

/// The amounts of an item, `[price, quantity, vat, rebate]` as read (bounds already checked), after
/// the item rules: price zero or more and present, quantity more than zero (1 when absent), vat and
/// rebate zero or more, vat only with a price, rebate at most the price. Shared by items read from
/// JSON and from columns, so both obey the same rules. `at` names the path of a field (built only
/// when there is an issue to report). Compiled once, not into each caller (its messages are most
/// of it; smaller wasm).
#[inline(never)]
pub fn item_amounts(
    [price, quantity, vat, rebate]: [Field<Decimal>; 4],
    has_price: bool,
    at: &dyn Fn(&str) -> Path,
    issues: &mut Issues,
) -> Option<(Decimal, Decimal, Option<Decimal>, Option<Decimal>)> {
    let before = issues.len();
    let price = match price {
        Field::Absent => {
            issues.push(
                &at("price"),
                Code::Required,
                "price is required (zero or more)",
            );
            None
        }
        Field::Invalid => None,
        Field::Value(p) if p < Decimal::ZERO => {
            issues.push(
                &at("price"),
                Code::Negative,
                format!("price must be zero or more, got {}", decimal_text(p)),
            );
            None
        }
        Field::Value(p) => Some(p),
    };
    let quantity = match quantity {
        Field::Absent => Some(Decimal::ONE),
        Field::Invalid => None,
        Field::Value(q) if q <= Decimal::ZERO => {
            issues.push(
                &at("quantity"),
                Code::NotPositive,
                format!("quantity must be more than zero, got {}", decimal_text(q)),
            );
            None
        }
        Field::Value(q) => Some(q),
    };
    let vat = match vat {
        Field::Value(v) if v < Decimal::ZERO => {
            issues.push(
                &at("vat"),
                Code::Negative,
                format!(
                    "vat (an amount per unit) must be zero or more, got {}",
                    decimal_text(v)
                ),
            );
            None
        }
        Field::Value(v) => {
            if !has_price {
                issues.push(&at("vat"), Code::VatWithoutPrice, "vat requires a price");
            }
            Some(v)
        }
        _ => None,
    };
    let rebate = match rebate {
        Field::Value(r) if r < Decimal::ZERO => {
            issues.push(
                &at("rebate"),
                Code::Negative,
                format!(
                    "rebate (an amount per unit) must be zero or more, got {}",
                    decimal_text(r)
                ),
            );
            None
        }
        Field::Value(r) => {
            if let Some(p) = price {
                if amount::compare(r, p) == std::cmp::Ordering::Greater {
                    issues.push(
                        &at("rebate"),
                        Code::RebateExceedsPrice,
                        format!(
                            "rebate {} is more than the price {}",
                            decimal_text(r),
                            decimal_text(p)
                        ),
                    );
                }
            }
            Some(r)
        }
        _ => None,
    };

    if issues.len() != before {
        return None;
    }
    Some((price?, quantity?, vat, rebate))
}
