//! The JSON-like value built from the fuzzer's bytes, biased toward the shapes and field names the
//! api reads and toward amount-like numbers and strings, written out as text; raw text as well.

use arbitrary::{Arbitrary, Result, Unstructured};

use crate::*;

pub(crate) const KEYS: &[&str] = &[
    "number",
    "name",
    "price",
    "quantity",
    "unit",
    "vat",
    "rebate",
    "currency",
    "id",
    "balance",
    "total",
    "status",
    "limit",
    "hard",
    "soft",
    "margin",
    "schedule",
    "journal",
    "items",
    "customer",
    "payment",
    "type",
    "charge",
    "now",
    "idempotency_key",
    "detail",
    "kind",
    "at",
    "amount",
    "__proto__",
    "constructor",
    "prototype",
    // The bridge's tag for what JSON cannot carry (NaN, BigInt, …).
    "\u{0}js",
];

pub(crate) const WORDS: &[&str] = &[
    "SEK",
    "sek",
    "752",
    "JPY",
    "BHD",
    "EUR",
    "USD",
    "XXX",
    "XTS",
    "ZZZ",
    "",
    " ",
    "created",
    "active",
    "pending",
    "inactive",
    "suspended",
    "success",
    "failure",
    "customer",
    "private",
    "me",
    "all",
    "full",
    "summary",
    "balance",
    "c1",
    "o1",
    "k1",
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-02-30T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0000-01-01T00:00:00Z",
    "2026-11-23",
    "2026-11-23T10:00:00",
    "12,50",
    "0x10",
    "1e",
    "1e400",
    "-1e400",
    "1e-400",
    "\u{661}\u{662}",
    "\u{ff11}\u{ff12}",
    "-0",
    "+1",
    "1_000",
    ".5",
    "5.",
    "NaN",
    "Infinity",
    "-Infinity",
    "bigint",
    "symbol",
    "function",
    "undefined",
    "0.0000001",
    "1000000000000",
    "1000000000000.000001",
    "999999999999.999999",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "\u{0}",
    "\u{7f}",
    "\u{202e}",
    "\u{fffd}",
];

thread_local! {
    /// How wild the argument being built is: 0 well-formed throughout, 1 now and then a bad
    /// value, 2 and more as often as `rarely` says. Drawn once per argument, so a valid customer
    /// (every field right at once) is as likely as a broken one.
    static CHAOS: std::cell::Cell<u32> = const { std::cell::Cell::new(2) };
}

/// True about once in `n` times (scaled by the argument's chaos), and false when the fuzzer's
/// bytes run out (where `Unstructured::ratio` says true), so short inputs build well-formed values.
pub(crate) fn rarely(u: &mut Unstructured, n: u32) -> Result<bool> {
    let n = match CHAOS.get() {
        0 => return Ok(false),
        1 => n * 8,
        _ => n,
    };
    Ok(u.int_in_range(1..=n)? == n)
}

pub(crate) fn draw_chaos(u: &mut Unstructured) -> Result<()> {
    CHAOS.set(u.int_in_range(0..=3)?);
    Ok(())
}

/// One argument as an api function receives it: JSON text built from a structured value (mostly),
/// or any text at all.
#[derive(Debug)]
pub enum Arg {
    Json(Json),
    Text(String),
}

impl<'a> Arbitrary<'a> for Arg {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        draw_chaos(u)?;
        Ok(if rarely(u, 12)? {
            Arg::Text(u.arbitrary()?)
        } else {
            Arg::Json(Json::arbitrary(u)?)
        })
    }
}

impl Arg {
    pub fn text(&self) -> String {
        match self {
            Arg::Json(j) => j.text(),
            Arg::Text(t) => t.clone(),
        }
    }
}

/// A JSON value; numbers and strings keep the exact text they are written with.
#[derive(Debug, Clone)]
pub enum Json {
    Null,
    Bool(bool),
    /// The text of a JSON number (`-0`, `1e400`, `0.1` …).
    Number(String),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// `depth` brackets around a value, to exercise the depth guard.
    Deep(u32, Box<Json>),
}

pub(crate) const MAX_DEPTH: u32 = 6;

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        value(u, 0)
    }
}

/// Any value, weighted toward the shapes the api reads.
pub fn value(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let pick: u8 = if depth >= MAX_DEPTH {
        u.int_in_range(0..=5)?
    } else {
        u.int_in_range(0..=15)?
    };
    Ok(match pick {
        0 => Json::Null,
        1 => Json::Bool(u.arbitrary()?),
        2 | 3 => Json::Number(number(u)?),
        4 => Json::Str(string(u)?),
        5 => Json::Str(amount_text(u)?),
        6 => Json::Array(list(u, depth, 6)?),
        7 => object(u, depth, KEYS)?,
        8 | 9 => item(u, depth)?,
        10 => Json::Array(items(u, depth)?),
        11 | 12 => customer(u, depth)?,
        13 => order(u, depth)?,
        14 => options(u, depth)?,
        _ => Json::Deep(u.int_in_range(1..=200)?, Box::new(value(u, MAX_DEPTH)?)),
    })
}

pub(crate) fn list(u: &mut Unstructured, depth: u32, max: usize) -> Result<Vec<Json>> {
    let n = u.int_in_range(0..=max)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        out.push(value(u, depth + 1)?);
    }
    Ok(out)
}

pub(crate) fn key(u: &mut Unstructured, keys: &[&str]) -> Result<String> {
    Ok(if rarely(u, 8)? {
        u.arbitrary()?
    } else {
        (*u.choose(keys)?).to_string()
    })
}

pub(crate) fn object(u: &mut Unstructured, depth: u32, keys: &[&str]) -> Result<Json> {
    let n = u.int_in_range(0..=keys.len().min(8))?;
    let mut fields = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        fields.push((key(u, keys)?, value(u, depth + 1)?));
    }
    Ok(Json::Object(fields))
}

/// A field whose value is usually of the kind it should be and sometimes anything.
pub(crate) fn field(u: &mut Unstructured, depth: u32, good: Json) -> Result<Json> {
    if rarely(u, 12)? {
        value(u, depth + 1)
    } else {
        Ok(good)
    }
}

/// Fields in the given order, each present with its odds in 16 (required ones nearly always),
/// plus now and then a stray key.
pub(crate) fn shaped(
    u: &mut Unstructured,
    depth: u32,
    fields: Vec<(&str, Json, u8)>,
) -> Result<Json> {
    let mut out = Vec::new();
    for (name, good, odds) in fields {
        if u.ratio(odds, 16)? {
            let v = field(u, depth, good)?;
            out.push((name.to_string(), v));
        }
    }
    if rarely(u, 32)? {
        out.push((key(u, KEYS)?, value(u, depth + 1)?));
    }
    Ok(Json::Object(out))
}

pub(crate) fn amount(u: &mut Unstructured) -> Result<Json> {
    Ok(if u.arbitrary()? {
        Json::Number(number(u)?)
    } else {
        Json::Str(amount_text(u)?)
    })
}

pub(crate) fn word(u: &mut Unstructured) -> Result<Json> {
    Ok(Json::Str((*u.choose(WORDS)?).to_string()))
}

/// Mostly one of the values a field takes, now and then any word.
pub(crate) fn one_of(u: &mut Unstructured, good: &[&str]) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        word(u)?
    } else {
        Json::Str((*u.choose(good)?).to_string())
    })
}

pub(crate) fn short(u: &mut Unstructured) -> Result<String> {
    Ok(if rarely(u, 3)? {
        u.arbitrary()?
    } else {
        (*u.choose(WORDS)?).to_string()
    })
}

pub(crate) fn string(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u.arbitrary()?,
        // Long strings probe the length limits of each field.
        1 => {
            let c: char = u.arbitrary()?;
            std::iter::repeat_n(c, u.int_in_range(0..=300)?).collect()
        }
        _ => (*u.choose(WORDS)?).to_string(),
    })
}

/// Digits with a decimal point somewhere: the kind of text amounts are written in.
pub fn decimal(u: &mut Unstructured) -> Result<String> {
    let (mantissa, scale): (u64, u32) = if !rarely(u, 4)? {
        (u.int_in_range(0..=100_000)?, u.int_in_range(0..=2)?)
    } else {
        match u.int_in_range(0..=2)? {
            0 => (u.int_in_range(0..=10_000_000)?, u.int_in_range(0..=6)?),
            1 => (
                u.int_in_range(0..=1_000_000_000_000_000_000)?,
                u.int_in_range(0..=8)?,
            ),
            _ => (u.arbitrary()?, u.int_in_range(0..=8)?),
        }
    };
    let digits = mantissa.to_string();
    let scale = scale as usize;
    let text = if scale == 0 {
        digits
    } else if digits.len() > scale {
        let (a, b) = digits.split_at(digits.len() - scale);
        format!("{a}.{b}")
    } else {
        format!("0.{}{digits}", "0".repeat(scale - digits.len()))
    };
    Ok(if rarely(u, 16)? {
        format!("-{text}")
    } else {
        text
    })
}

/// The text of a JSON number.
pub fn number(u: &mut Unstructured) -> Result<String> {
    if !rarely(u, 3)? {
        return decimal(u);
    }
    Ok(match u.int_in_range(0..=3)? {
        0 => u.arbitrary::<i64>()?.to_string(),
        1 => {
            let f: f64 = u.arbitrary()?;
            if f.is_finite() {
                format!("{f:?}")
            } else {
                "0".into()
            }
        }
        2 => (*u.choose(&[
            "-0",
            "0",
            "1e308",
            "-1e308",
            "1e400",
            "5e-324",
            "1E-7",
            "0.1",
            "1e12",
            "1e9",
            "1e-6",
            "1.0000000000000001",
            "123456789012345678901234567890",
            "1e+2",
            "0.000001",
            "1000000000000.0000001",
        ])?)
        .to_string(),
        _ => format!("{}e{}", decimal(u)?, u.int_in_range(-30i32..=30)?),
    })
}

/// An amount as a string: mostly decimal text, sometimes one of the near misses.
pub(crate) fn amount_text(u: &mut Unstructured) -> Result<String> {
    Ok(if !rarely(u, 4)? {
        decimal(u)?
    } else {
        (*u.choose(WORDS)?).to_string()
    })
}

#[doc(hidden)]
pub fn shaped_or_any(
    u: &mut Unstructured,
    build: fn(&mut Unstructured, u32) -> Result<Json>,
) -> Result<Arg> {
    draw_chaos(u)?;
    Ok(if rarely(u, 16)? {
        Arg::Text(u.arbitrary()?)
    } else if rarely(u, 8)? {
        Arg::Json(value(u, 0)?)
    } else {
        Arg::Json(build(u, 0)?)
    })
}

/// A whole number: mostly small and positive, sometimes an edge.
pub(crate) fn integer(u: &mut Unstructured) -> Result<Json> {
    Ok(Json::Number(if !rarely(u, 6)? {
        u.int_in_range(1u32..=100_000)?.to_string()
    } else {
        match u.int_in_range(0..=2)? {
            0 => u.arbitrary::<i64>()?.to_string(),
            1 => (*u.choose(&[
                "0",
                "-1",
                "-0",
                "1.5",
                "1e3",
                "9007199254740991",
                "9007199254740992",
                "-9007199254740991",
                "100000000",
                "2147483648",
            ])?)
            .to_string(),
            _ => number(u)?,
        }
    }))
}

pub(crate) fn text_of(u: &mut Unstructured, good: &[&str]) -> Result<Json> {
    Ok(if rarely(u, 6)? {
        Json::Str(string(u)?)
    } else {
        Json::Str((*u.choose(good)?).to_string())
    })
}

impl Json {
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::Str(s) => out.push_str(&quote(s)),
            Json::Array(xs) => {
                out.push('[');
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&quote(k));
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
            Json::Deep(n, inner) => {
                for i in 0..*n {
                    out.push_str(if i % 2 == 0 { "[" } else { "{\"items\":" });
                }
                inner.write(out);
                for i in (0..*n).rev() {
                    out.push(if i % 2 == 0 { ']' } else { '}' });
                }
            }
        }
    }
}

pub(crate) fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The text JSON.stringify writes for the double read as `m · 10^-k` (the fast paths' targets
/// give the general path the amounts the bridge read).
pub fn js_text(m: i64, k: u32) -> String {
    let digits = m.unsigned_abs().to_string();
    let k = k as usize;
    let body = if k == 0 {
        digits
    } else if digits.len() > k {
        let (int, frac) = digits.split_at(digits.len() - k);
        format!("{int}.{frac}")
    } else {
        format!("0.{}{digits}", "0".repeat(k - digits.len()))
    };
    if m < 0 {
        format!("-{body}")
    } else {
        body
    }
}
