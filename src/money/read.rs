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
        Some(v) => field(amount::parse_bounded(v, bounds), key, path, issues),
    }
}

/// An amount field given as the text `s` (a decimal string), bounded: what [`amount_field`] reads
/// from a string value, problems reported alike.
pub fn amount_text(
    s: &str,
    key: &str,
    bounds: Bounds,
    path: &Path,
    issues: &mut Issues,
) -> Field<Decimal> {
    let read = amount::parse_text(s).and_then(|d| amount::check_bounds(d, bounds).map(|()| d));
    field(read, key, path, issues)
}

/// The field `key` as read: its amount, or what was wrong with it reported at `path/key`.
fn field(
    read: Result<Decimal, AmountError>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Field<Decimal> {
    read.map_or_else(
        |e| {
            push_amount(issues, &path.key(key), key, e);
            Field::Invalid
        },
        Field::Value,
    )
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
    let n = match r.next_byte()? {
        b'"' => whole(&r.str()?)?,
        _ => whole(r.number_text()?)?,
    };
    ((-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&n) && n >= min.max(-MAX_SAFE_INTEGER))
        .then_some(n)
}

/// The whole number `text` writes, as the exact decimal reader reads it: digits alone (most
/// counts, times and amounts of minor units) added up as they are, without the decimal's 128-bit
/// arithmetic (a tenth of a cash transaction's instructions); anything else through that reader.
fn whole(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
    // Fifteen digits stay below 2^53: no overflow, and no bound to check here.
    if (1..=15).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) {
        let n = digits
            .iter()
            .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        return Some(if digits.len() < bytes.len() { -n } else { n });
    }
    let d = amount::parse_text(text).ok()?.normalize();
    if d.scale() > 0 {
        return None;
    }
    i64::try_from(d.mantissa()).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole number of a text as the exact decimal reader alone reads it.
    fn by_decimal(text: &str) -> Option<i64> {
        let d = amount::parse_text(text).ok()?.normalize();
        (d.scale() == 0).then(|| i64::try_from(d.mantissa()).ok())?
    }

    #[test]
    fn digits_read_as_the_decimal_reader_reads_them() {
        let texts = [
            "0",
            "-0",
            "007",
            "-007",
            "5",
            "-5",
            "1700000000",
            "123456789012345",
            "-999999999999999",
            "1234567890123456",
            "9007199254740991",
            "9007199254740992",
            "-9007199254740992",
            "99999999999999999999999999999",
            "1e3",
            "1E-2",
            "1.0",
            "1.5",
            "-1.50",
            "",
            "-",
            "--5",
            "+5",
            " 5",
            "5 ",
            "0x10",
            "١٢",
        ];
        for text in texts {
            assert_eq!(whole(text), by_decimal(text), "{text}");
        }
    }
}
