//! Reading amounts from input: a JSON number (its exact text, which for a JS number is the shortest
//! round-trip form) or a decimal string. Never through `f64`.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::input::issue::Code;
use crate::input::json::{js_tag, quoted, type_name};
use crate::input::reader::Reader;
use crate::money::rounding::decimal_text;

/// Why a value is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub code: Code,
    pub message: String,
}

impl AmountError {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Bounds a field puts on its amounts.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Largest absolute value allowed.
    pub max_abs: Decimal,
    /// Most digits allowed after the decimal point (trailing zeros do not count).
    pub max_scale: u32,
}

/// Reads an amount (any sign) from a number or a decimal string.
pub fn parse(value: &Value) -> Result<Decimal, AmountError> {
    match value {
        Value::Number(n) => parse_text(n.as_str()),
        Value::String(s) => parse_text(s),
        other => match js_tag(other) {
            Some(t @ ("NaN" | "Infinity" | "-Infinity")) => Err(AmountError::new(
                Code::NotFinite,
                format!("{t} is not an amount"),
            )),
            _ => Err(AmountError::new(
                Code::InvalidType,
                format!(
                    "expected a number or a decimal string, got {}",
                    type_name(other)
                ),
            )),
        },
    }
}

/// Reads an amount and checks it against `bounds`.
pub fn parse_bounded(value: &Value, bounds: Bounds) -> Result<Decimal, AmountError> {
    let d = parse(value)?;
    check_bounds(d, bounds)?;
    Ok(d)
}

/// The amount [`parse_bounded`] reads from the next value of `r` (a number or a string), read from
/// its text as written with no `Value` on the way; `None` for any other value and for anything
/// `parse_bounded` refuses (the general reader then reports it).
pub fn read_bounded(r: &mut Reader, bounds: Bounds) -> Option<Decimal> {
    let d = read(r)?;
    check_bounds(d, bounds).ok()?;
    Some(d)
}

/// The amount [`parse`] reads from the next value of `r`, as [`read_bounded`] reads it.
pub fn read(r: &mut Reader) -> Option<Decimal> {
    match r.next_byte()? {
        b'"' => parse_text(&r.str()?).ok(),
        // The number's text as written: `1E2` and `1e+2` (as a `Value` keeps it) read alike.
        _ => parse_text(r.number_text()?).ok(),
    }
}

/// Orders two decimals by value, exactly: the mantissas brought to one scale in `i128` (Decimal's own
/// `cmp` goes through 96-bit rescaling and was half the time of bulk totals). When a mantissa
/// would overflow `i128` at the other's scale, Decimal's `cmp` decides.
pub fn compare(a: Decimal, b: Decimal) -> Ordering {
    compare_scaled((a.mantissa(), a.scale()), (b.mantissa(), b.scale()))
        .unwrap_or_else(|| a.cmp(&b))
}

/// Compares scaled integers `(mantissa, scale)` exactly; `None` when aligning them overflows.
pub fn compare_scaled((a, sa): (i128, u32), (b, sb): (i128, u32)) -> Option<Ordering> {
    use crate::money::rounding::{checked_mul, pow10};
    let (a, b) = if sa >= sb {
        (a, checked_mul(b, pow10(sa - sb)?)?)
    } else {
        (checked_mul(a, pow10(sb - sa)?)?, b)
    };
    Some(a.cmp(&b))
}

/// Checks magnitude and digits after the point.
pub fn check_bounds(d: Decimal, bounds: Bounds) -> Result<(), AmountError> {
    if compare(d.abs(), bounds.max_abs) == Ordering::Greater {
        return Err(AmountError::new(
            Code::OutOfRange,
            format!(
                "{} is beyond the largest amount allowed, {}",
                decimal_text(d),
                decimal_text(bounds.max_abs)
            ),
        ));
    }
    // Trailing zeros do not count; normalising is only needed when the scale is already too large.
    if d.scale() > bounds.max_scale && d.normalize().scale() > bounds.max_scale {
        return Err(AmountError::new(
            Code::TooPrecise,
            format!(
                "{} has more than {} digits after the decimal point",
                decimal_text(d),
                bounds.max_scale
            ),
        ));
    }
    Ok(())
}

/// `i`·10^−`scale` as a decimal, refused beyond 28 digits after the point. Not `Decimal::new`:
/// its panic path (that refusal) brought `rust_decimal`'s error `Display` into the wasm.
#[inline]
pub fn scaled_decimal(i: i64, scale: u32) -> Result<Decimal, AmountError> {
    Decimal::try_from_i128_with_scale(i128::from(i), scale).map_err(|_| {
        AmountError::new(
            Code::TooPrecise,
            "more digits after the point than an amount holds",
        )
    })
}

/// Most significant digits a decimal holds exactly (96-bit mantissa).
const MAX_DIGITS: usize = 28;

/// Parses `-?digits(.digits)?([eE][+-]?digits)?`, the grammar of JSON numbers and of JS's own
/// number text, exactly. Anything else (`"12,50"`, `" 1"`, `"1e"`, `"0x10"`, `"١٢"`) is refused.
pub fn parse_text(text: &str) -> Result<Decimal, AmountError> {
    match parse_plain(text) {
        Some(d) => Ok(d),
        None => parse_full(text),
    }
}

fn parse_full(text: &str) -> Result<Decimal, AmountError> {
    if text.is_empty() {
        return Err(AmountError::new(
            Code::EmptyAmount,
            "an empty string is not an amount",
        ));
    }
    if matches!(text, "NaN" | "Infinity" | "-Infinity" | "+Infinity") {
        return Err(AmountError::new(
            Code::NotFinite,
            format!("{text} is not an amount"),
        ));
    }
    let invalid = || {
        let shown = crate::input::json::head(text, 40);
        AmountError::new(
            Code::InvalidDecimal,
            format!(
                "{} is not a decimal number (write it like \"12.50\")",
                quoted(shown)
            ),
        )
    };
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (mantissa_part, exponent_part) = match rest.iter().position(|b| *b == b'e' || *b == b'E') {
        Some(i) => (
            rest.get(..i).unwrap_or_default(),
            Some(rest.get(i + 1..).unwrap_or_default()),
        ),
        None => (rest, None),
    };
    let (int_part, frac_part) = match mantissa_part.iter().position(|b| *b == b'.') {
        Some(i) => (
            mantissa_part.get(..i).unwrap_or_default(),
            Some(mantissa_part.get(i + 1..).unwrap_or_default()),
        ),
        None => (mantissa_part, None),
    };
    let all_digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if !all_digits(int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return Err(invalid());
    }
    let frac_part = frac_part.unwrap_or_default();
    let exponent: i64 = match exponent_part {
        None => 0,
        Some(e) => {
            let (sign, digits) = match e.split_first() {
                Some((b'-', d)) => (-1, d),
                Some((b'+', d)) => (1, d),
                _ => (1, e),
            };
            if !all_digits(digits) {
                return Err(invalid());
            }
            // Saturate: an exponent of a million digits is simply out of range (or too precise).
            let mut v: i64 = 0;
            for d in digits {
                v = v
                    .saturating_mul(10)
                    .saturating_add(i64::from(d - b'0'))
                    .min(1_000_000);
            }
            sign * v
        }
    };
    // Significant digits with leading zeros dropped; scale counts digits after the point.
    let mut digits: Vec<u8> = int_part
        .iter()
        .chain(frac_part.iter())
        .copied()
        .skip_while(|d| *d == b'0')
        .collect();
    let mut scale: i64 = i64::try_from(frac_part.len())
        .unwrap_or(i64::MAX)
        .saturating_sub(exponent);
    while scale > 0 && digits.last() == Some(&b'0') {
        digits.pop();
        scale -= 1;
    }
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let len = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let integer_digits = len.saturating_sub(scale);
    if integer_digits > MAX_DIGITS as i64 {
        return Err(AmountError::new(
            Code::OutOfRange,
            format!("{} is beyond the range of an amount", shorten(text)),
        ));
    }
    if scale < 0 {
        // 12e3: append the zeros (fewer than MAX_DIGITS, checked above).
        digits.extend(std::iter::repeat_n(
            b'0',
            usize::try_from(-scale).unwrap_or(0),
        ));
        scale = 0;
    }
    if digits.len() > MAX_DIGITS || scale > MAX_DIGITS as i64 {
        return Err(AmountError::new(
            Code::TooPrecise,
            format!(
                "{} has more digits than an amount can hold exactly",
                shorten(text)
            ),
        ));
    }
    let mut mantissa: i128 = 0;
    for d in &digits {
        mantissa = mantissa * 10 + i128::from(d - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    let scale = u32::try_from(scale).map_err(|_| invalid())?;
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| {
        AmountError::new(
            Code::OutOfRange,
            format!("{} is beyond the range of an amount", shorten(text)),
        )
    })
}

/// The common form `-?digits(.digits)?` with at most 28 digits, read without allocating (the same
/// value and scale as the full grammar: trailing zeros after the point dropped); `None` sends
/// everything else through [`parse_text`]'s full reading.
fn parse_plain(text: &str) -> Option<Decimal> {
    let bytes = text.as_bytes();
    let rest = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let negative = rest.len() != bytes.len();
    let (int, frac) = match rest.iter().position(|b| *b == b'.') {
        Some(i) => (rest.get(..i)?, rest.get(i + 1..)?),
        None => (rest, &[][..]),
    };
    if int.is_empty() || (frac.is_empty() && int.len() != rest.len()) {
        return None;
    }
    let frac_len = frac.iter().rposition(|b| *b != b'0').map_or(0, |i| i + 1);
    let frac = frac.get(..frac_len)?;
    if int.len() + frac.len() > MAX_DIGITS {
        return None;
    }
    let mut mantissa: i128 = 0;
    for b in int.iter().chain(frac) {
        if !b.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(frac.len()).ok()?).ok()
}

fn shorten(text: &str) -> String {
    if crate::input::json::head(text, 40).len() < text.len() {
        let head = crate::input::json::head(text, 37);
        format!("{head}...")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }
    fn code(text: &str) -> Option<Code> {
        parse_text(text).err().map(|e| e.code)
    }

    #[test]
    fn reads_plain_and_exponent_forms_exactly() {
        assert_eq!(parse_text("12.50"), Ok(d("12.5")));
        assert_eq!(parse_text("0.1"), Ok(d("0.1")));
        assert_eq!(parse_text("-0"), Ok(Decimal::ZERO));
        assert_eq!(parse_text("1e+21"), Ok(d("1000000000000000000000")));
        assert_eq!(parse_text("1e-7"), Ok(d("0.0000001")));
        assert_eq!(parse_text("1.5E2"), Ok(d("150")));
        assert_eq!(parse_text("000123.4500"), Ok(d("123.45")));
        assert_eq!(parse_text("0e999999"), Ok(Decimal::ZERO));
        assert_eq!(
            parse_text("9999999999999999999999999999"),
            Ok(d("9999999999999999999999999999"))
        );
    }

    #[test]
    fn the_allocation_free_reading_agrees_with_the_full_grammar() {
        for t in [
            "0",
            "-0",
            "12",
            "12.50",
            "12.5",
            "-3.000",
            "000123.4500",
            "0.000001",
            "1.0",
            "10",
            "9999999999999999999999999999",
            "1234567890123456789.123456789",
            "1.",
            ".5",
            "-",
            "",
            "1e5",
            "12,5",
            "+1",
            "1.2.3",
            "0.10000000000000000000000000001",
        ] {
            let full = parse_full(t).ok();
            // Where the fast reading declines, the full grammar decides alone.
            if let Some(d) = parse_plain(t) {
                let full_scale = full.map_or(99, |f| f.scale());
                assert_eq!((Some(d), d.scale()), (full, full_scale), "{t:?}");
            }
        }
        assert!(parse_plain("12.50").is_some() && parse_plain("1e5").is_none());
    }

    #[test]
    fn refuses_what_is_not_a_decimal_with_its_own_code() {
        assert_eq!(code(""), Some(Code::EmptyAmount));
        assert_eq!(code("NaN"), Some(Code::NotFinite));
        assert_eq!(code("Infinity"), Some(Code::NotFinite));
        for bad in [
            "12,50", "1e", "1e+", "0x10", " 1", "1 ", "+1", ".5", "5.", "--1", "1.2.3", "١٢", "e5",
            "-", "1_000",
        ] {
            assert_eq!(code(bad), Some(Code::InvalidDecimal), "{bad:?}");
        }
        assert_eq!(code("1e999"), Some(Code::OutOfRange));
        assert_eq!(code("1e99999999999999999999999"), Some(Code::OutOfRange));
        assert_eq!(
            code("99999999999999999999999999999"),
            Some(Code::OutOfRange)
        );
        assert_eq!(code("1e-999"), Some(Code::TooPrecise));
        assert_eq!(
            code("0.00000000000000000000000000001"),
            Some(Code::TooPrecise)
        );
    }

    #[test]
    fn tagged_js_values_are_refused_precisely() {
        let tag = |t: &str| serde_json::json!({ crate::input::json::JS_TAG: t });
        assert_eq!(
            parse(&tag("NaN")).err().map(|e| e.code),
            Some(Code::NotFinite)
        );
        assert_eq!(
            parse(&tag("-Infinity")).err().map(|e| e.code),
            Some(Code::NotFinite)
        );
        assert_eq!(
            parse(&tag("bigint")).err().map(|e| e.code),
            Some(Code::InvalidType)
        );
        assert_eq!(
            parse(&Value::Null).err().map(|e| e.code),
            Some(Code::InvalidType)
        );
    }

    #[test]
    fn compare_orders_by_value_at_any_scales() {
        for (a, b) in [
            ("1", "1.000"),
            ("-0.5", "0"),
            ("999999999999.999999", "1000000000000"),
            ("0.0000000000000000000000000001", "0"),
            (
                "79228162514264337593543950335",
                "7.9228162514264337593543950335",
            ),
            (
                "-79228162514264337593543950335",
                "0.0000000000000000000000000001",
            ),
            ("12.50", "12.5"),
        ] {
            assert_eq!(compare(d(a), d(b)), d(a).cmp(&d(b)), "{a} vs {b}");
            assert_eq!(compare(d(b), d(a)), d(b).cmp(&d(a)), "{b} vs {a}");
        }
    }

    #[test]
    fn bounds_check_magnitude_and_digits() {
        let b = Bounds {
            max_abs: d("1000"),
            max_scale: 2,
        };
        assert!(check_bounds(d("1000"), b).is_ok());
        assert!(check_bounds(d("1.500"), b).is_ok());
        assert_eq!(
            check_bounds(d("1000.01"), b).err().map(|e| e.code),
            Some(Code::OutOfRange)
        );
        assert_eq!(
            check_bounds(d("1.005"), b).err().map(|e| e.code),
            Some(Code::TooPrecise)
        );
    }
}
