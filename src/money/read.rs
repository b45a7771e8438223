//! Reading numbers from input, always through the exact decimal reader (never through `f64`):
//! bounded amount fields, and whole numbers (integer amounts of minor units, counts, offsets).

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::input::fields::Field;
use crate::input::issue::{Code, Issues, Path};
use crate::input::json::MAX_SAFE_INTEGER;
use crate::input::reader::Reader;
use crate::money::amount::{self, AmountError, Bounds};
use crate::money::rounding::{decimal_text, format_scaled};

/// An optional amount field, bounded; problems reported at `path/key`.
pub fn amount_field(
    map: &Map<String, Value>,
    key: &str,
    bounds: Bounds,
    path: &Path,
    issues: &mut Issues,
) -> Field<Decimal> {
    match map.get(key) {
        None => Field::Absent,
        Some(v) => match amount::parse_bounded(v, bounds) {
            Ok(d) => Field::Value(d),
            Err(e) => {
                push_amount(issues, &path.key(key), key, e);
                Field::Invalid
            }
        },
    }
}

pub fn push_amount(issues: &mut Issues, path: &Path, what: &str, e: AmountError) {
    issues.push(path, e.code, format!("{what}: {}", e.message));
}

/// An integer within ±(2^53 − 1), from a JSON number or a decimal string.
pub fn parse_int(
    value: &Value,
    min: i64,
    what: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<i64> {
    let d = match amount::parse(value) {
        Ok(d) => d.normalize(),
        Err(e) => {
            issues.push(path, e.code, format!("{what}: {}", e.message));
            return None;
        }
    };
    if d.scale() > 0 {
        issues.push(
            path,
            Code::NotInteger,
            format!(
                "{what} must be a whole number of minor units, got {}",
                decimal_text(d)
            ),
        );
        return None;
    }
    let n = i64::try_from(d.mantissa()).ok().filter(|n| {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(n) && *n >= min.max(-MAX_SAFE_INTEGER)
    });
    if n.is_none() {
        issues.push(
            path,
            Code::OutOfRange,
            format!(
                "{what} must be from {min} to {MAX_SAFE_INTEGER}, got {}",
                decimal_text(d)
            ),
        );
    }
    n
}

/// The integer [`parse_int`] reads from the next value of `r`, read from its text; `None` for
/// anything `parse_int` reports.
pub fn read_int(r: &mut Reader, min: i64) -> Option<i64> {
    let d = amount::read(r)?.normalize();
    if d.scale() > 0 {
        return None;
    }
    i64::try_from(d.mantissa()).ok().filter(|n| {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(n) && *n >= min.max(-MAX_SAFE_INTEGER)
    })
}

/// A whole number from a JSON number or a string of digits, within `min..=max`.
pub fn integer(value: &Value, min: u64, max: u64) -> Result<u64, (Code, String)> {
    let d = amount::parse(value).map_err(|e| (e.code, e.message))?;
    let d = d.normalize();
    if d.scale() != 0 {
        return Err((
            Code::NotInteger,
            format!("{} is not a whole number of cents", decimal_text(d)),
        ));
    }
    let n = d.mantissa();
    // Written by `format_scaled` (the same digits): `i128`'s `Display` is 1.4 KB of the wasm.
    let shown = || format_scaled(n, 0);
    if n < 1 && min >= 1 {
        return Err((
            Code::NotPositive,
            format!("must be at least {min}, got {}", shown()),
        ));
    }
    if n < i128::from(min) {
        return Err((
            if n < 0 {
                Code::Negative
            } else {
                Code::OutOfRange
            },
            format!("must be at least {min}, got {}", shown()),
        ));
    }
    if n > i128::from(max) {
        return Err((
            Code::OutOfRange,
            format!("must be at most {max}, got {}", shown()),
        ));
    }
    u64::try_from(n).map_err(|_| (Code::OutOfRange, format!("{} is out of range", shown())))
}
