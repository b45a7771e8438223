//! An amount's decimal text as an answer writes it (`"119.60"`), held inline: every amount of
//! every item and line of an answer was its own heap `String`, written once and freed, and a
//! preview of a 20-item customer made some 300 of them (the allocator was a fifth of a state
//! call in wasm). The text is [`format_scaled`]'s, byte for byte (a test compares them).

use serde::{Serialize, Serializer};

use crate::money::rounding::{decimal_parts, format_scaled};
use rust_decimal::Decimal;

/// Longest text held inline: an `i64`'s 19 digits with a sign, a point and the zeros of a scale
/// up to 28 (a `Decimal`'s largest) fit.
const INLINE: usize = 40;

/// Decimal text: inline when it fits (every amount within the bounds), else on the heap.
#[derive(Clone)]
pub struct DecimalText(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(String),
}

impl DecimalText {
    /// `value` with `scale` digits after the point: [`format_scaled`]'s text.
    pub fn scaled(value: i128, scale: u32) -> Self {
        Self::inline(value, scale)
            .unwrap_or_else(|| DecimalText(Repr::Heap(format_scaled(value, scale))))
    }

    /// An exact decimal with at least `min_scale` digits after the point:
    /// [`format_decimal`](crate::money::rounding::format_decimal)'s text.
    pub fn decimal(d: Decimal, min_scale: u32) -> Self {
        match decimal_parts(d, min_scale) {
            Some((m, scale)) => Self::scaled(m, scale),
            None => DecimalText(Repr::Heap(crate::money::rounding::format_decimal(
                d, min_scale,
            ))),
        }
    }

    /// The text written into an inline buffer, or `None` when it does not fit (or the value is
    /// beyond an `i64`): the caller then takes the heap.
    fn inline(value: i128, scale: u32) -> Option<Self> {
        let v = i64::try_from(value).ok()?;
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(v.unsigned_abs()).as_bytes();
        let scale = usize::try_from(scale).ok()?;
        let mut bytes = [b'0'; INLINE];
        let mut len = 0;
        let mut push = |part: &[u8]| -> Option<()> {
            let end = len + part.len();
            bytes.get_mut(len..end)?.copy_from_slice(part);
            len = end;
            Some(())
        };
        if v < 0 {
            push(b"-")?;
        }
        match digits.len().checked_sub(scale) {
            Some(0) | None => {
                push(b"0.")?;
                for _ in digits.len()..scale {
                    push(b"0")?;
                }
                push(digits)?;
            }
            Some(cut) => {
                push(digits.get(..cut)?)?;
                if scale > 0 {
                    push(b".")?;
                    push(digits.get(cut..)?)?;
                }
            }
        }
        Some(DecimalText(Repr::Inline {
            len: u8::try_from(len).ok()?,
            bytes,
        }))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // ASCII digits, sign and point only: always UTF-8.
            Repr::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Repr::Heap(s) => s,
        }
    }
}

impl From<String> for DecimalText {
    fn from(s: String) -> Self {
        DecimalText(Repr::Heap(s))
    }
}

impl std::ops::Deref for DecimalText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for DecimalText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for DecimalText {}

impl PartialEq<str> for DecimalText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for DecimalText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for DecimalText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Serialize for DecimalText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::rounding::format_decimal;

    #[test]
    fn the_text_is_format_scaleds_and_format_decimals() {
        let values = [
            0i128,
            1,
            -1,
            5,
            -5,
            99,
            100,
            12_345,
            -12_345,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
            i128::from(i64::MAX) + 1,
            i128::MAX,
            i128::MIN,
        ];
        for v in values {
            for scale in [0, 1, 2, 3, 4, 8, 19, 20, 28, 38, 39, 40, 48] {
                let t = DecimalText::scaled(v, scale);
                assert_eq!(t.as_str(), format_scaled(v, scale), "{v} at {scale}");
            }
        }
        for (m, scale) in [(6490i64, 2u32), (1_234_500, 6), (-7, 0), (0, 3), (1, 28)] {
            let d = Decimal::new(m, scale);
            for min in [0, 2, 3] {
                assert_eq!(
                    DecimalText::decimal(d, min).as_str(),
                    format_decimal(d, min)
                );
            }
        }
        assert_eq!(
            DecimalText::from("1.00".to_owned()),
            DecimalText::scaled(100, 2)
        );
        assert_eq!(DecimalText::scaled(100, 2), "1.00");
    }
}
