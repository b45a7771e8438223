//! What the fuzz targets share: a JSON-like value built from the fuzzer's bytes, biased toward the
//! shapes and field names the api reads (items, customers, orders, options) and toward amount-like
//! numbers and strings, written out as text; raw text as well; and the check every answer must
//! pass (a well-formed envelope whose error, if any, has a known code and says something).

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::Value;

/// Whether a code is one the core declares (its own list, so this cannot drift).
pub fn known_code(code: &str) -> bool {
    balance_ledger::Code::ALL.iter().any(|c| c.as_str() == code)
}

const KEYS: &[&str] = &[
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

const WORDS: &[&str] = &[
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
fn rarely(u: &mut Unstructured, n: u32) -> Result<bool> {
    let n = match CHAOS.get() {
        0 => return Ok(false),
        1 => n * 8,
        _ => n,
    };
    Ok(u.int_in_range(1..=n)? == n)
}

fn draw_chaos(u: &mut Unstructured) -> Result<()> {
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

const MAX_DEPTH: u32 = 6;

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

fn list(u: &mut Unstructured, depth: u32, max: usize) -> Result<Vec<Json>> {
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

fn key(u: &mut Unstructured, keys: &[&str]) -> Result<String> {
    Ok(if rarely(u, 8)? {
        u.arbitrary()?
    } else {
        (*u.choose(keys)?).to_string()
    })
}

fn object(u: &mut Unstructured, depth: u32, keys: &[&str]) -> Result<Json> {
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
fn field(u: &mut Unstructured, depth: u32, good: Json) -> Result<Json> {
    if rarely(u, 12)? {
        value(u, depth + 1)
    } else {
        Ok(good)
    }
}

/// Fields in the given order, each present with its odds in 16 (required ones nearly always),
/// plus now and then a stray key.
fn shaped(u: &mut Unstructured, depth: u32, fields: Vec<(&str, Json, u8)>) -> Result<Json> {
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

fn amount(u: &mut Unstructured) -> Result<Json> {
    Ok(if u.arbitrary()? {
        Json::Number(number(u)?)
    } else {
        Json::Str(amount_text(u)?)
    })
}

pub fn item(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("number", Json::Str(short(u)?), 6),
        ("name", Json::Str(short(u)?), 6),
        ("price", amount(u)?, 15),
        ("quantity", amount(u)?, 8),
        ("unit", Json::Str(short(u)?), 4),
        ("vat", amount(u)?, 8),
        ("rebate", amount(u)?, 4),
        // Only balance items carry a currency; elsewhere it is an unknown field.
        ("currency", one_of(u, CURRENCIES)?, 1),
    ];
    shaped(u, depth, fields)
}

fn items(u: &mut Unstructured, depth: u32) -> Result<Vec<Json>> {
    let n = u.int_in_range(0..=8)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        out.push(if rarely(u, 8)? {
            amount(u)?
        } else {
            item(u, depth + 1)?
        });
    }
    Ok(out)
}

fn word(u: &mut Unstructured) -> Result<Json> {
    Ok(Json::Str((*u.choose(WORDS)?).to_string()))
}

/// Mostly one of the values a field takes, now and then any word.
fn one_of(u: &mut Unstructured, good: &[&str]) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        word(u)?
    } else {
        Json::Str((*u.choose(good)?).to_string())
    })
}

const CURRENCIES: &[&str] = &[
    "SEK", "SEK", "SEK", "JPY", "BHD", "EUR", "752", "sek", "CLF",
];
const STATUSES: &[&str] = &[
    "active",
    "active",
    "created",
    "pending",
    "inactive",
    "suspended",
];
const TIMES: &[&str] = &[
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-02-28T23:59:59-05:00",
    "2024-02-29T00:00:00Z",
];

pub fn customer(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let limit = if u.arbitrary()? {
        amount(u)?
    } else {
        let fields = vec![
            ("hard", amount(u)?, 10),
            ("soft", amount(u)?, 6),
            ("margin", amount(u)?, 4),
        ];
        shaped(u, depth + 1, fields)?
    };
    let mut schedule = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        schedule.push(Json::Number(if rarely(u, 8)? {
            number(u)?
        } else {
            u.int_in_range(1u32..=30)?.to_string()
        }));
    }
    let journal = if rarely(u, 8)? {
        let mut entries = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            entries.push(object(u, depth + 1, KEYS)?);
        }
        entries
    } else {
        Vec::new()
    };
    let fields = vec![
        (
            "id",
            if rarely(u, 8)? {
                Json::Str(short(u)?)
            } else {
                one_of(u, &["c1", "c1", "c2"])?
            },
            15,
        ),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("balance", Json::Array(items(u, depth + 1)?), 12),
        ("total", amount(u)?, 10),
        ("status", one_of(u, STATUSES)?, 12),
        ("limit", limit, 4),
        ("schedule", Json::Array(schedule), 6),
        ("journal", Json::Array(journal), 4),
    ];
    shaped(u, depth, fields)
}

pub fn order(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let payment = vec![
        ("type", Json::Str("customer".into()), 15),
        ("charge", Json::Str("balance".into()), 15),
    ];
    let payment = shaped(u, depth + 1, payment)?;
    let body = if u.arbitrary()? {
        Json::Array(items(u, depth + 1)?)
    } else {
        amount(u)?
    };
    let fields = vec![
        ("number", Json::Str(short(u)?), 15),
        ("items", body, 15),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("customer", Json::Str("c1".into()), 15),
        ("payment", payment, 15),
    ];
    shaped(u, depth, fields)
}

pub fn options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("now", one_of(u, TIMES)?, 15),
        ("idempotency_key", Json::Str(short(u)?), 6),
        ("number", Json::Str(short(u)?), 4),
        ("detail", one_of(u, &["full", "summary"])?, 4),
        ("currency", one_of(u, CURRENCIES)?, 4),
    ];
    shaped(u, depth, fields)
}

fn short(u: &mut Unstructured) -> Result<String> {
    Ok(if rarely(u, 3)? {
        u.arbitrary()?
    } else {
        (*u.choose(WORDS)?).to_string()
    })
}

fn string(u: &mut Unstructured) -> Result<String> {
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
fn amount_text(u: &mut Unstructured) -> Result<String> {
    Ok(if !rarely(u, 4)? {
        decimal(u)?
    } else {
        (*u.choose(WORDS)?).to_string()
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

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Checks an answer envelope and returns it: `{"value": …}`, or `{"error": {code, message,
/// issues}}` with a known code other than `internal_error`, a message, and issues that each have a
/// JSON Pointer path, a known code and a message. Panics (a finding) otherwise.
pub fn check(answer: &str) -> Value {
    let v: Value = match serde_json::from_str(answer) {
        Ok(v) => v,
        Err(e) => panic!("answer is not JSON ({e}): {answer}"),
    };
    let Some(map) = v.as_object() else {
        panic!("answer is not an object: {answer}")
    };
    assert_eq!(map.len(), 1, "envelope has one key: {answer}");
    if let Some(err) = map.get("error") {
        let code = err["code"].as_str().unwrap_or_default();
        assert!(known_code(code), "unknown code {code:?}: {answer}");
        assert_ne!(code, "internal_error", "internal error: {answer}");
        assert!(
            !err["message"].as_str().unwrap_or_default().is_empty(),
            "error without message: {answer}"
        );
        let issues = err["issues"].as_array().expect("issues is an array");
        for issue in issues {
            let path = issue["path"].as_str().expect("issue path");
            assert!(
                path.is_empty() || path.starts_with('/'),
                "path is a JSON pointer: {answer}"
            );
            let code = issue["code"].as_str().unwrap_or_default();
            assert!(known_code(code), "unknown issue code {code:?}: {answer}");
            assert!(
                !issue["message"].as_str().unwrap_or_default().is_empty(),
                "issue without message: {answer}"
            );
        }
    } else {
        assert!(
            map.contains_key("value"),
            "envelope is value or error: {answer}"
        );
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generator must reach the functions' valid paths, not only their refusals.
    #[test]
    fn structured_inputs_are_often_enough_valid() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut bytes = vec![0u8; 512];
        let (mut values, mut total) = (0, 0);
        let mut codes = std::collections::BTreeMap::new();
        for _ in 0..5000 {
            for b in bytes.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            let mut u = Unstructured::new(&bytes);
            draw_chaos(&mut u).unwrap();
            let Ok(customer) = super::customer(&mut u, 0) else {
                continue;
            };
            let Ok(body) = super::item(&mut u, 0) else {
                continue;
            };
            let answer = check(&balance_ledger::api::charge_balance(
                &customer.text(),
                &body.text(),
                r#"{"now":"2026-11-23T10:00:00Z"}"#,
            ));
            total += 1;
            values += usize::from(answer.get("value").is_some());
            if let Some(code) = answer.pointer("/error/issues/0/code") {
                *codes.entry(code.to_string()).or_insert(0) += 1;
            }
        }
        eprintln!("{values} of {total} charges valid; first issues: {codes:?}");
        assert!(values * 20 >= total, "{values} of {total} valid");
    }
}
