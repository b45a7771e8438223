//! Exact money: amounts held as integer minor units (`i128`), the one rounding rule, and the
//! decimal text every output uses.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::currency::Currency;

/// An amount in a currency, as a whole number of the currency's minor units (öre, cents, fils).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i128,
    pub currency: Currency,
}

impl Money {
    pub fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }
    /// `"12.50"`, `"1500"` (JPY), `"-0.125"` (BHD): exactly the currency's minor digits.
    pub fn to_decimal_string(self) -> String {
        format_scaled(self.minor, self.currency.minor_units())
    }
    /// An exact decimal amount that fits the currency's minor unit, or `None` when it needs rounding.
    pub fn from_exact(amount: Decimal, currency: Currency) -> Option<Self> {
        let minor = rescale(
            amount.mantissa(),
            amount.scale(),
            currency.minor_units(),
            Rounding::Exact,
        )?;
        Some(Self { minor, currency })
    }
    pub fn checked_add(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Self {
            minor: self.minor.checked_add(other.minor)?,
            currency: self.currency,
        })
    }
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        if self.currency != other.currency {
            return None;
        }
        Some(Self {
            minor: self.minor.checked_sub(other.minor)?,
            currency: self.currency,
        })
    }
    /// The amount as a `Decimal` (exact: minor units of at most 4 digits scale).
    pub fn to_decimal(self) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(self.minor, self.currency.minor_units()).ok()
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_decimal_string())
    }
}

/// How [`rescale`] treats digits that do not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// The project's one rounding rule: to the nearest, a half away from zero.
    HalfAwayFromZero,
    /// Refuse (return `None`) instead of dropping a non-zero digit.
    Exact,
}

/// `10^n` for `n <= 38` (a table: this is on every line's path).
pub fn pow10(n: u32) -> Option<i128> {
    POW10.get(usize::try_from(n).ok()?).copied()
}

// Evaluated at compile time, where an index out of range fails the build instead of panicking.
#[allow(clippy::indexing_slicing)]
const POW10: [i128; 39] = {
    let mut table = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `a × b` in `i128`, `None` on overflow. When both fit in `i64` the product cannot overflow and
/// skips the overflow-checked 128-bit multiplication (a slow software routine on wasm32).
pub fn checked_mul(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        // |a × b| < 2^126: no overflow is possible.
        (Ok(a), Ok(b)) => Some(i128::from(a) * i128::from(b)),
        _ => a.checked_mul(b),
    }
}

/// Changes the scale of a fixed-point integer `mantissa × 10^-from` to `10^-to`.
pub fn rescale(mantissa: i128, from: u32, to: u32, rounding: Rounding) -> Option<i128> {
    if from <= to {
        return checked_mul(mantissa, pow10(to - from)?);
    }
    let div = pow10(from - to)?;
    // i128 division is a software routine on wasm32 (and slow natively): divide in i64 when both
    // fit, which is every amount of an ordinary item. Same quotient and remainder either way.
    let (q, r) = match (i64::try_from(mantissa), i64::try_from(div)) {
        (Ok(m), Ok(d)) => (i128::from(m / d), i128::from(m % d)),
        _ => (mantissa / div, mantissa % div),
    };
    if r == 0 {
        return Some(q);
    }
    match rounding {
        Rounding::Exact => None,
        Rounding::HalfAwayFromZero => {
            // |r| × 2 >= |div| rounds away from zero; written without the doubling, which takes a
            // software routine on wasm32 (|r| < |div|, so the subtraction cannot wrap).
            if r.unsigned_abs() >= div.unsigned_abs() - r.unsigned_abs() {
                if mantissa < 0 {
                    q.checked_sub(1)
                } else {
                    q.checked_add(1)
                }
            } else {
                Some(q)
            }
        }
    }
}

/// `a × b` of scaled integers `(mantissa, scale)`, rounded half away from zero to `to` digits after
/// the point, as a scaled integer. Exact up to the rounding: the mantissas are multiplied in `i128`
/// (`None` on overflow).
pub fn mul_round_scaled((a, sa): (i128, u32), (b, sb): (i128, u32), to: u32) -> Option<i128> {
    let from = sa.checked_add(sb)?;
    // Factors below 2^31 (every ordinary amount in minor units): the product fits i64 and so does
    // the division, which wasm32 does in single instructions where i128 takes software routines.
    // The same quotient, remainder and rounding as the general path below.
    let div = from
        .checked_sub(to)
        .and_then(pow10)
        .and_then(|p| i64::try_from(p).ok());
    if let (Ok(a), Ok(b), Some(div)) = (i32::try_from(a), i32::try_from(b), div) {
        let product = i64::from(a) * i64::from(b);
        // Constant divisors for the usual scales compile to multiplications (a division by a
        // variable is tens of cycles); the remainder follows from the quotient.
        let q = match div {
            1 => product,
            10 => product / 10,
            100 => product / 100,
            1_000 => product / 1_000,
            10_000 => product / 10_000,
            100_000 => product / 100_000,
            1_000_000 => product / 1_000_000,
            _ => product / div,
        };
        let r = product - q * div;
        let q = if r.unsigned_abs() >= div.unsigned_abs() - r.unsigned_abs() {
            q + product.signum()
        } else {
            q
        };
        return Some(i128::from(q));
    }
    rescale(checked_mul(a, b)?, from, to, Rounding::HalfAwayFromZero)
}

/// Writes a scaled integer as decimal text with exactly `scale` digits after the point.
pub fn format_scaled(value: i128, scale: u32) -> String {
    let mut out = String::with_capacity(24);
    write_scaled(&mut out, value, scale);
    out
}

/// [`format_scaled`] appended to `out` (the keystroke path writes its eight amounts into one
/// string: measured, the allocations were a sixth of its time in wasm).
pub fn write_scaled(out: &mut String, value: i128, scale: u32) {
    // Every amount of an ordinary answer fits an i64: its digits by `itoa` (two at a time, from a
    // table), the point put between them. Measured: the digit-by-digit writer below was a sixth of
    // a keystroke's time in wasm, its largest single function.
    let Ok(v) = i64::try_from(value) else {
        return write_scaled_wide(out, value, scale);
    };
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(v.unsigned_abs());
    let scale = scale as usize;
    if v < 0 {
        out.push('-');
    }
    match digits.len().checked_sub(scale) {
        Some(0) | None => {
            out.push_str("0.");
            for _ in digits.len()..scale {
                out.push('0');
            }
            out.push_str(digits);
        }
        Some(cut) => {
            // `get` (not indexing): no panic path; the digits are ASCII, so every cut is a boundary.
            out.push_str(digits.get(..cut).unwrap_or_default());
            if scale > 0 {
                out.push('.');
                out.push_str(digits.get(cut..).unwrap_or_default());
            }
        }
    }
}

/// [`write_scaled`] of a value beyond an i64 (never an amount within the bounds).
fn write_scaled_wide(out: &mut String, value: i128, scale: u32) {
    // The text written backwards into a buffer, point and sign included, then appended at once
    // (no `fmt` machinery: this runs for every amount of every answer). 39 digits hold any u128.
    let scale = scale as usize;
    let mut text = Backwards {
        buf: [b'0'; 96],
        at: 96,
        digits: 0,
        scale,
    };
    if scale > 48 {
        // Only leading zeros past 39 digits: never an amount, written the long way.
        out.push_str(&long_scaled(value, scale));
        return;
    }
    // u128 division is a software routine: divide in u64 once the rest fits (every amount but
    // the astronomically large), and in u32 after that. The remainder of a division by 10 is one
    // digit.
    let mut wide = value.unsigned_abs();
    while wide > u128::from(u64::MAX) {
        text.digit((wide % 10) as u8);
        wide /= 10;
    }
    let mut narrow = u64::try_from(wide).unwrap_or_default();
    while narrow > u64::from(u32::MAX) {
        text.digit((narrow % 10) as u8);
        narrow /= 10;
    }
    let mut small = u32::try_from(narrow).unwrap_or_default();
    while small > 0 {
        text.digit((small % 10) as u8);
        small /= 10;
    }
    // Zeros up to the point and one before it.
    while text.digits <= scale {
        text.digit(0);
    }
    if value < 0 {
        text.put(b'-');
    }
    // ASCII only, so always UTF-8.
    out.push_str(
        std::str::from_utf8(text.buf.get(text.at..).unwrap_or_default()).unwrap_or_default(),
    );
}

/// A number's text being written from its last digit.
struct Backwards {
    buf: [u8; 96],
    at: usize,
    digits: usize,
    scale: usize,
}

impl Backwards {
    // Inlined: a call per character was a seventh of a keystroke's time in wasm (measured).
    #[inline(always)]
    fn put(&mut self, b: u8) {
        self.at = self.at.saturating_sub(1);
        if let Some(slot) = self.buf.get_mut(self.at) {
            *slot = b;
        }
    }
    #[inline(always)]
    fn digit(&mut self, d: u8) {
        if self.digits == self.scale && self.scale > 0 {
            self.put(b'.');
        }
        self.put(b'0' + d);
        self.digits += 1;
    }
}

/// [`format_scaled`] of a scale beyond any amount's: the digits, then the point placed (on bytes:
/// a `str` split would bring its panic path into the wasm).
fn long_scaled(value: i128, scale: usize) -> String {
    let mut text = Backwards {
        buf: [b'0'; 96],
        at: 96,
        digits: 0,
        scale: 0,
    };
    let mut wide = value.unsigned_abs();
    while wide > 0 {
        text.put(b'0' + (wide % 10) as u8);
        wide /= 10;
    }
    let digits = text.buf.get(text.at..).unwrap_or_default();
    let mut out = Vec::with_capacity(scale + digits.len() + 3);
    if value < 0 {
        out.push(b'-');
    }
    if digits.len() <= scale {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', scale - digits.len()));
        out.extend_from_slice(digits);
    } else {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.extend_from_slice(int);
        out.push(b'.');
        out.extend_from_slice(frac);
    }
    // ASCII only, so always UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// A decimal as written with its own scale, as `Decimal`'s `Display` writes it (`-0.50`, a negative
/// zero with its sign), for messages: `Display` brings the formatting machinery into the wasm.
pub fn decimal_text(d: Decimal) -> String {
    let text = format_scaled(d.mantissa(), d.scale());
    if d.is_sign_negative() && d.mantissa() == 0 {
        format!("-{text}")
    } else {
        text
    }
}

/// An exact decimal as text with at least `min_scale` digits after the point (`119.6` → `"119.60"`,
/// `1.2345` → `"1.2345"`): unit prices keep their digits, amounts get the currency's.
pub fn format_decimal(d: Decimal, min_scale: u32) -> String {
    let mut out = String::with_capacity(24);
    write_decimal(&mut out, d, min_scale);
    out
}

/// [`format_decimal`] appended to `out` (a shared answer compares an argument's amounts with it,
/// in one scratch string: `ledger::canonical`).
pub fn write_decimal(out: &mut String, d: Decimal, min_scale: u32) {
    // Trailing zeros beyond `min_scale` dropped in i64 where the mantissa fits (every amount
    // within the bounds): `Decimal::normalize` divides 96-bit numbers by ten, a software routine
    // in wasm, for every amount of every answer.
    let (mut m, mut scale) = (d.mantissa(), d.scale());
    if let Ok(mut small) = i64::try_from(m) {
        while scale > min_scale && small % 10 == 0 {
            small /= 10;
            scale -= 1;
        }
        m = i128::from(small);
    } else {
        let n = d.normalize();
        (m, scale) = (n.mantissa(), n.scale());
    }
    let target = scale.max(min_scale);
    match rescale(m, scale, target, Rounding::Exact) {
        Some(m) => write_scaled(out, m, target),
        // Cannot happen (widening is exact unless it overflows i128, and a Decimal has 96 bits).
        None => out.push_str(&decimal_text(d.normalize())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let r = |m, from, to| rescale(m, from, to, Rounding::HalfAwayFromZero);
        assert_eq!(r(125, 3, 2), Some(13)); // 0.125 -> 0.13
        assert_eq!(r(-125, 3, 2), Some(-13)); // -0.125 -> -0.13
        assert_eq!(r(124, 3, 2), Some(12));
        assert_eq!(r(-124, 3, 2), Some(-12));
        assert_eq!(r(5, 1, 0), Some(1));
        assert_eq!(r(4999, 4, 0), Some(0));
        assert_eq!(r(12, 0, 2), Some(1200));
        assert_eq!(rescale(125, 3, 2, Rounding::Exact), None);
        assert_eq!(rescale(120, 3, 2, Rounding::Exact), Some(12));
    }

    #[test]
    fn the_power_table_is_every_power_of_ten_that_fits() {
        for n in 0..45 {
            assert_eq!(pow10(n), 10i128.checked_pow(n), "10^{n}");
        }
    }

    #[test]
    fn checked_mul_agrees_with_i128() {
        let big = i128::from(i64::MAX);
        for (a, b) in [
            (3, 4),
            (-big, big),
            (big + 1, big),
            (i128::MAX, 2),
            (i128::MIN, -1),
            (-7, 0),
        ] {
            assert_eq!(checked_mul(a, b), a.checked_mul(b), "{a} × {b}");
        }
    }

    #[test]
    fn multiplies_exactly_then_rounds_once() {
        let mul_round = |a: Decimal, b: Decimal, to| {
            mul_round_scaled((a.mantissa(), a.scale()), (b.mantissa(), b.scale()), to)
        };
        assert_eq!(mul_round(d("119.6"), d("2"), 2), Some(23920));
        assert_eq!(mul_round(d("1.2345"), d("3"), 2), Some(370)); // 3.7035
        assert_eq!(mul_round(d("0.005"), d("1"), 2), Some(1));
        assert_eq!(mul_round(d("0.1"), d("0.1"), 2), Some(1)); // 0.01
        assert_eq!(mul_round(d("-0.005"), d("1"), 2), Some(-1));
    }

    #[test]
    fn the_i64_path_of_products_rounds_like_the_i128_one() {
        let general = |a: i128, sa, b: i128, sb, to| {
            rescale(checked_mul(a, b)?, sa + sb, to, Rounding::HalfAwayFromZero)
        };
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let edges = [
            0,
            1,
            5,
            9,
            10,
            15,
            49,
            50,
            51,
            95,
            99_999,
            i32::MAX as i128,
            i32::MIN as i128,
        ];
        for _ in 0..200_000 {
            let pick = |r: u64, s: u64| -> i128 {
                let v = match r % 4 {
                    0 => edges[(s % edges.len() as u64) as usize],
                    1 => (s % 1000) as i128,
                    2 => (s % (1 << 31)) as i128,
                    _ => (s % (1 << 40)) as i128,
                };
                if s % 3 == 0 {
                    -v
                } else {
                    v
                }
            };
            let (a, b) = (pick(next(), next()), pick(next(), next()));
            let (sa, sb, to) = (
                (next() % 7) as u32,
                (next() % 7) as u32,
                (next() % 5) as u32,
            );
            assert_eq!(
                mul_round_scaled((a, sa), (b, sb), to),
                general(a, sa, b, sb, to),
                "{a}e-{sa} × {b}e-{sb} to {to}"
            );
        }
    }

    #[test]
    fn formats_with_the_currency_digits() {
        assert_eq!(format_scaled(1250, 2), "12.50");
        assert_eq!(format_scaled(5, 2), "0.05");
        assert_eq!(format_scaled(-5, 3), "-0.005");
        assert_eq!(format_scaled(1500, 0), "1500");
        assert_eq!(format_scaled(0, 2), "0.00");
        // decimal_text is Decimal's Display (messages use it instead).
        for text in [
            "-0.50",
            "0.00",
            "-0.0000000",
            "123.456",
            "-1",
            "79228162514264337593543950335",
            "-0.0000000000000000000000000001",
            "-7.5",
            "1000000000000",
        ] {
            let d: Decimal = text.parse().unwrap();
            assert_eq!(decimal_text(d), d.to_string(), "{text}");
        }
        // Against a reference by text, across the u32, u64 and u128 ranges and long scales.
        let reference = |v: i128, scale: usize| {
            let digits = v.unsigned_abs().to_string();
            let digits = format!(
                "{}{digits}",
                "0".repeat((scale + 1).saturating_sub(digits.len()))
            );
            let (int, frac) = digits.split_at(digits.len() - scale);
            let sign = if v < 0 { "-" } else { "" };
            if scale == 0 {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int}.{frac}")
            }
        };
        for v in [
            0,
            1,
            -1,
            9,
            10,
            99,
            4_294_967_295,
            4_294_967_296,
            -4_294_967_297,
            18_446_744_073_709_551_615,
            18_446_744_073_709_551_616,
            -123_456_789_012_345_678_901_234_567_890,
            i128::MAX,
            i128::MIN,
            i128::MIN + 1,
        ] {
            for scale in [0, 1, 2, 3, 6, 12, 38, 39, 40, 48, 49, 60] {
                assert_eq!(
                    format_scaled(v, scale as u32),
                    reference(v, scale),
                    "{v} at {scale}"
                );
            }
        }
        assert_eq!(format_decimal(d("119.6"), 2), "119.60");
        assert_eq!(format_decimal(d("1.23450"), 2), "1.2345");
        assert_eq!(format_decimal(d("2"), 0), "2");
    }

    #[test]
    fn format_decimal_is_the_normalised_decimal_widened() {
        // What format_decimal wrote before it stripped zeros in i64 itself.
        let normalised = |d: Decimal, min: u32| {
            let n = d.normalize();
            let scale = n.scale().max(min);
            format_scaled(
                rescale(n.mantissa(), n.scale(), scale, Rounding::Exact).unwrap(),
                scale,
            )
        };
        let mantissas = [
            0i128,
            1,
            -1,
            10,
            100,
            1200,
            -4500,
            64_90,
            1_000_000,
            123_456_789_000,
        ];
        let big = [
            i128::from(i64::MAX) + 1,
            79_228_162_514_264_337_593_543_950_335,
            -10i128.pow(27),
        ];
        for m in mantissas.into_iter().chain(big) {
            for scale in [0, 1, 2, 3, 4, 9, 20, 28] {
                let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) else {
                    continue;
                };
                for min in [0, 2, 3, 4] {
                    assert_eq!(
                        format_decimal(d, min),
                        normalised(d, min),
                        "{m}e-{scale} at {min}"
                    );
                }
            }
        }
    }

    #[test]
    fn formats_every_magnitude_like_the_standard_formatter() {
        // The text std's formatter gives, cut at `scale` digits: the reference.
        fn reference(value: i128, scale: u32) -> String {
            let digits = format!(
                "{:0>width$}",
                value.unsigned_abs(),
                width = scale as usize + 1
            );
            let (int, frac) = digits.split_at(digits.len() - scale as usize);
            let sign = if value < 0 { "-" } else { "" };
            if scale == 0 {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int}.{frac}")
            }
        }
        let mut values = vec![
            0,
            1,
            -1,
            9,
            10,
            99,
            100,
            i128::MAX,
            i128::MIN,
            i128::MIN + 1,
            // The edges of write_scaled's i64 path.
            i128::from(i64::MAX),
            i128::from(i64::MAX) + 1,
            i128::from(i64::MIN),
            i128::from(i64::MIN) - 1,
        ];
        values.extend((0..=38).flat_map(|k| {
            let p = 10i128.pow(k);
            [p, p - 1, p + 1, -p, 1 - p]
        }));
        let mut x: u128 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            x = x
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(1442695040888963407);
            values.push((x >> (x % 120)) as i128 * if x % 3 == 0 { -1 } else { 1 });
        }
        for v in values {
            for scale in [0, 1, 2, 3, 4, 6, 18, 19, 20, 38, 39, 45, 60] {
                assert_eq!(
                    format_scaled(v, scale),
                    reference(v, scale),
                    "{v} at {scale}"
                );
            }
        }
    }
}
