//! Items as columns: the bulk form of a body, for callers that total many items at once (a
//! report, an import, an invoice run). Each amount column holds whole numbers of a declared scale
//! (`price` 11960 at scale 2 is 119.60), so no decimal text is written, copied or parsed per value.
//!
//! Values arrive as `f64` because that is what a JS `Float64Array` holds; each one must be an
//! integer of at most 2^53 − 1 in magnitude, which an `f64` holds exactly, and it is converted to an
//! integer before anything else happens (no arithmetic is ever done in floating point). Every row
//! becomes an [`Item`] through the same rules ([`item_amounts`]) and is totalled by the same
//! [`Sum::add_item`] as items read from JSON.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use std::cmp::Ordering;

use crate::checkout::fast_sum::{FastSum, Plan};
use crate::checkout::item::{item_amounts, Item, Line, Sum, Totals, PRICE_BOUNDS, QUANTITY_BOUNDS};
use crate::input::fields::{report_unknown_fields, Field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::money::amount::{check_bounds, compare_scaled, scaled_decimal, AmountError, Bounds};
use crate::money::currency::Currency;
use crate::money::read::push_amount;
use crate::money::rounding::{rescale, Rounding};

/// Most rows one call may hold (4 columns of 8 bytes: 128 MiB of wasm memory at most).
pub const MAX_ROWS: usize = 4_000_000;
/// Largest integer every `f64` up to it holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = json::MAX_SAFE_INTEGER as f64;
/// Largest scale of a column: the most digits after the point an item amount may have.
pub const MAX_SCALE: u32 = 6;
/// The column names, in the order of the issues they report.
pub const COLUMNS: &[&str] = &["price", "quantity", "vat", "rebate"];

/// The item columns of one call. `quantity`, `vat` and `rebate` may be absent (quantity 1, no VAT,
/// no rebate); present columns must have as many rows as `price`.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub price: &'a [f64],
    pub quantity: Option<&'a [f64]>,
    pub vat: Option<&'a [f64]>,
    pub rebate: Option<&'a [f64]>,
}

/// Digits after the point of each column's integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scales {
    pub price: u32,
    pub quantity: u32,
    pub vat: u32,
    pub rebate: u32,
}

impl Scales {
    /// Amounts in the currency's minor units, quantities whole.
    pub fn minor_units(currency: Currency) -> Self {
        let m = currency.minor_units();
        Self {
            price: m,
            quantity: 0,
            vat: m,
            rebate: m,
        }
    }

    /// Reads `{ price?, quantity?, vat?, rebate? }` (each an integer 0 to 6) over the defaults of
    /// [`Scales::minor_units`]; `null` keeps the defaults. Issues point at `/scale/<column>`.
    pub fn read(value: &Value, currency: Currency) -> Result<Self, Error> {
        let mut scales = Self::minor_units(currency);
        let path = Path::root().key("scale");
        let map = match value {
            Value::Null => return Ok(scales),
            Value::Object(map) if crate::input::json::js_tag(value).is_none() => map,
            other => {
                return Err(Error::single(
                    &path,
                    Code::InvalidType,
                    format!(
                        "scale must be an object such as {{ \"quantity\": 3 }}, got {}",
                        crate::input::json::type_name(other)
                    ),
                ))
            }
        };
        let mut issues = Issues::new();
        report_unknown_fields(map, COLUMNS, "scale", &path, &mut issues);
        for (key, slot) in [
            ("price", &mut scales.price),
            ("quantity", &mut scales.quantity),
            ("vat", &mut scales.vat),
            ("rebate", &mut scales.rebate),
        ] {
            if let Some(s) = scale_field(map, key, &path, &mut issues) {
                *slot = s;
            }
        }
        issues.finish(scales)
    }
}

fn scale_field(
    map: &Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<u32> {
    let value = map.get(key)?;
    let scale = match value {
        Value::Number(n) => n.as_u64(),
        _ => None,
    };
    match scale.and_then(|s| u32::try_from(s).ok()) {
        Some(s) if s <= MAX_SCALE => Some(s),
        _ => {
            issues.push(
                &path.key(key),
                if matches!(value, Value::Number(_)) {
                    Code::OutOfRange
                } else {
                    Code::InvalidType
                },
                format!("the scale of {key} is a whole number from 0 to {MAX_SCALE}"),
            );
            None
        }
    }
}

/// An integer held by an `f64`, refused when it is not one or is beyond what an `f64` holds exactly.
pub fn integer(value: f64) -> Result<i64, AmountError> {
    if !value.is_finite() {
        // Messages never print the f64 itself: float formatting would add kilobytes to the wasm.
        return Err(AmountError::new(
            Code::NotFinite,
            "NaN or an infinity is not an amount",
        ));
    }
    if value.fract() != 0.0 {
        return Err(AmountError::new(
            Code::NotInteger,
            "not a whole number (columns hold integers at the column's scale)",
        ));
    }
    if value.abs() > MAX_SAFE {
        return Err(AmountError::new(
            Code::OutOfRange,
            "beyond 2^53 - 1, the largest integer a JS number holds exactly",
        ));
    }
    // Exact: an integral f64 within ±(2^53 − 1) converts to i64 without loss.
    Ok(value as i64)
}

/// Where a row's issues point: at `/<column>/<row>` (columns), or, for rows the JS bridge read from
/// item objects (`itemTotals` and the keystroke of `validateItems` over objects), where the general
/// path points for the same items written as JSON: `/<row>/<field>` in an array, `/<field>` for
/// one object; those amounts are shown as the general path reads them, normalised (the column's
/// scale is the bridge's, not the caller's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paths {
    Columns,
    Items,
    Item,
}

impl Paths {
    fn at(self, key: &str, row: usize) -> Path {
        match self {
            Paths::Columns => Path::root().key(key).index(row),
            Paths::Items => Path::root().index(row).key(key),
            Paths::Item => Path::root().key(key),
        }
    }
}

/// One cell as an amount: an integer at `scale`, within `bounds`.
fn cell(
    column: Option<&[f64]>,
    (row, paths): (usize, Paths),
    key: &str,
    scale: u32,
    bounds: Bounds,
    issues: &mut Issues,
) -> Field<Decimal> {
    let Some(value) = column.and_then(|c| c.get(row)) else {
        return Field::Absent;
    };
    let checked = integer(*value).and_then(|i| {
        // Every caller's scale is at most [`MAX_SCALE`], so this never fails.
        let d = scaled_decimal(i, scale)?;
        let d = if paths == Paths::Columns {
            d
        } else {
            d.normalize()
        };
        check_bounds(d, bounds).map(|()| d)
    });
    match checked {
        Ok(d) => Field::Value(d),
        Err(e) => {
            push_amount(issues, &paths.at(key, row), key, e);
            Field::Invalid
        }
    }
}

/// The issues the general path reports for the rows of `columns` written as item objects (see
/// [`Paths`]): the same field bounds and item rules ([`item_amounts`]), in the same order, on the
/// same decimals. An absent price is a price column without the row (the keystroke's).
pub fn object_issues(columns: Columns, scales: Scales, paths: Paths) -> Result<(), Error> {
    let mut issues = Issues::new();
    for row in 0..columns.price.len().max(1) {
        checked_row(columns, (row, paths), scales, &mut issues);
    }
    issues.finish(())
}

/// Totals of the items the columns hold, in `currency`: the same rules and the same rounding as
/// [`crate::checkout::item::item_totals`] on the same items written as JSON. Issues point at
/// `/<column>/<row>`.
pub fn item_totals_batch(
    columns: Columns,
    scales: Scales,
    currency: Currency,
) -> Result<Totals, Error> {
    if columns.price.is_empty() {
        return Err(Error::single(
            &Path::root().key("price"),
            Code::Empty,
            "the price column must not be empty",
        ));
    }
    check_lengths(columns)?;
    let mut issues = Issues::new();
    let sum = Rows::new(columns, scales, currency).sum(0..columns.price.len(), &mut issues)?;
    issues.finish(sum.view(Some(currency), currency.minor_units()))
}

/// Refuses more rows than [`MAX_ROWS`] and item columns whose length is not the price column's.
pub fn check_lengths(columns: Columns) -> Result<(), Error> {
    let rows = columns.price.len();
    if rows > MAX_ROWS {
        return Err(Error::single(
            &Path::root().key("price"),
            Code::TooManyItems,
            format!("{rows} rows is more than the {MAX_ROWS} one call may hold"),
        ));
    }
    let mut issues = Issues::new();
    for (key, column) in [
        ("quantity", columns.quantity),
        ("vat", columns.vat),
        ("rebate", columns.rebate),
    ] {
        if let Some(c) = column.filter(|c| c.len() != rows) {
            issues.push(
                &Path::root().key(key),
                Code::LengthMismatch,
                format!("{key} has {} rows, price has {rows}", c.len()),
            );
        }
    }
    issues.finish(())
}

/// The item columns of a call, ready to be summed over any range of rows.
pub struct Rows<'a> {
    columns: Columns<'a>,
    scales: Scales,
    limits: Limits,
    /// The tight loop of ordinary rows, when the scales allow it.
    fast: Option<FastSum>,
    /// The currency's minor-unit digits: the scale of every line.
    scale: u32,
}

impl<'a> Rows<'a> {
    /// `columns` must have passed [`check_lengths`].
    pub fn new(columns: Columns<'a>, scales: Scales, currency: Currency) -> Self {
        let limits = Limits::new(scales);
        let scale = currency.minor_units();
        let fast = (|| {
            let plan = Plan {
                price: limits.price?,
                quantity: limits.quantity?,
                vat: limits.vat?,
                rebate: limits.rebate?,
                scale,
            };
            FastSum::new(plan, columns.quantity.is_some())
        })();
        Self {
            columns,
            scales,
            limits,
            fast,
            scale,
        }
    }

    /// The sum of the lines of `range`'s rows. Every problem of every row goes to `issues` (issues
    /// already there stop the adding, not the checking); an overflow is an error.
    pub fn sum(&self, range: std::ops::Range<usize>, issues: &mut Issues) -> Result<Sum, Error> {
        let root = Path::root();
        let mut sum = Sum::default();
        let c = self.columns;
        let mut row = range.start;
        while row < range.end {
            if issues.is_empty() {
                if let Some(fast) = &self.fast {
                    let (next, part) =
                        fast.run(c.price, [c.quantity, c.vat, c.rebate], row..range.end);
                    sum.add_sum(&part, &root)?;
                    row = next;
                    if row == range.end {
                        break;
                    }
                }
                if let Some(line) = fast_line(self.columns, row, &self.limits, self.scale) {
                    sum.add_line(&line, &root)?;
                    row += 1;
                    continue;
                }
            }
            let at = (row, Paths::Columns);
            if let Some(item) = checked_row(self.columns, at, self.scales, issues) {
                if issues.is_empty() {
                    sum.add_item(&item, self.scale, &root, row)?;
                }
            }
            row += 1;
        }
        Ok(sum)
    }
}

/// One row through the field bounds and the item rules, every problem reported (the general path,
/// and the reference the fast path agrees with). `None` when the row has a problem.
fn checked_row(
    columns: Columns,
    at: (usize, Paths),
    scales: Scales,
    issues: &mut Issues,
) -> Option<Item> {
    let fields = [
        cell(
            Some(columns.price),
            at,
            "price",
            scales.price,
            PRICE_BOUNDS,
            issues,
        ),
        cell(
            columns.quantity,
            at,
            "quantity",
            scales.quantity,
            QUANTITY_BOUNDS,
            issues,
        ),
        cell(columns.vat, at, "vat", scales.vat, PRICE_BOUNDS, issues),
        cell(
            columns.rebate,
            at,
            "rebate",
            scales.rebate,
            PRICE_BOUNDS,
            issues,
        ),
    ];
    let (row, paths) = at;
    let has_price = columns.price.get(row).is_some();
    let (price, quantity, vat, rebate) =
        item_amounts(fields, has_price, &|key| paths.at(key, row), issues)?;
    Some(Item {
        number: None,
        name: None,
        price,
        quantity,
        unit: None,
        vat,
        rebate,
        origin: None,
    })
}

/// Each column's scale and the largest integer its field's bounds allow at that scale (`None`:
/// the bounds cannot be checked on integers alone, so every row takes the general path).
struct Limits {
    price: Option<(i64, u32)>,
    quantity: Option<(i64, u32)>,
    vat: Option<(i64, u32)>,
    rebate: Option<(i64, u32)>,
}

impl Limits {
    fn new(scales: Scales) -> Self {
        let limit = |bounds: Bounds, scale: u32| {
            let max = bounds.max_abs;
            let max = rescale(max.mantissa(), max.scale(), scale, Rounding::Exact)?;
            // A cell is at most 2^53 − 1 anyway: a larger bound is no bound.
            let max = i64::try_from(max).unwrap_or(i64::MAX);
            (scale <= bounds.max_scale).then_some((max, scale))
        };
        Self {
            price: limit(PRICE_BOUNDS, scales.price),
            quantity: limit(QUANTITY_BOUNDS, scales.quantity),
            vat: limit(PRICE_BOUNDS, scales.vat),
            rebate: limit(PRICE_BOUNDS, scales.rebate),
        }
    }
}

/// A cell that is certainly a valid amount of its column, as `(integer, scale)`: an `f64` holding
/// an integer exactly, within the column's bounds, at least `min`. Anything else is `None` and the
/// row goes the general way, which says what is wrong.
fn fast_cell(value: f64, (max, scale): (i64, u32), min: i64) -> Option<(i128, u32)> {
    // `as` saturates (NaN becomes 0), so the round trip also refuses NaN, infinities and fractions.
    let i = value as i64;
    if value.abs() > MAX_SAFE || i as f64 != value || i < min || i > max {
        return None;
    }
    Some((i128::from(i), scale))
}

/// The line of a row every rule accepts, computed straight from the integers (no `Decimal`s): the
/// common case of a bulk call, and the same arithmetic as [`Item::line`] ([`Line::compute`]). The
/// rules are those of [`item_amounts`]: price zero or more, quantity more than zero (1 when the
/// column is absent), vat and rebate zero or more, rebate at most the price.
fn fast_line(columns: Columns, row: usize, limits: &Limits, scale: u32) -> Option<Line> {
    let optional = |column: Option<&[f64]>, limit: Option<(i64, u32)>, min: i64| match column {
        Some(c) => fast_cell(*c.get(row)?, limit?, min).map(Some),
        None => Some(None),
    };
    let price = fast_cell(*columns.price.get(row)?, limits.price?, 0)?;
    let quantity = optional(columns.quantity, limits.quantity, 1)?.unwrap_or((1, 0));
    let vat = optional(columns.vat, limits.vat, 0)?;
    let rebate = optional(columns.rebate, limits.rebate, 0)?;
    if let Some(r) = rebate {
        if compare_scaled(r, price)? == Ordering::Greater {
            return None;
        }
    }
    Line::compute(price, quantity, vat, rebate, scale)
}
