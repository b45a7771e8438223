//! Reading fields of JSON objects with precise issues: unknown keys, typed strings, bounded amounts.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::input::issue::{Code, Issues, Path};
use crate::money::amount::{self, AmountError, Bounds};

/// Reports every key of `map` not in `known`.
pub fn report_unknown_fields(
    map: &Map<String, Value>,
    known: &[&str],
    what: &str,
    path: &Path,
    issues: &mut Issues,
) {
    for key in map.keys() {
        if !known.contains(&key.as_str()) {
            let shown: String = key.chars().take(40).collect();
            issues.push(
                &path.key(key),
                Code::UnknownField,
                format!(
                    "unknown field {shown:?}; {what} has only {}",
                    known.join(", ")
                ),
            );
        }
    }
}

/// A field read from an object.
pub enum Field<T> {
    Absent,
    Invalid,
    Value(T),
}

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

/// An optional string field of at most `max_len` characters, without control characters.
pub fn text_field(
    map: &Map<String, Value>,
    key: &str,
    max_len: usize,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    let value = map.get(key)?;
    let Value::String(s) = value else {
        issues.push(
            &path.key(key),
            Code::InvalidType,
            format!("{key} must be a string, got {}", amount::type_name(value)),
        );
        return None;
    };
    match text_rule(s, max_len) {
        None => Some(s.clone()),
        Some(Code::TooLong) => {
            issues.push(
                &path.key(key),
                Code::TooLong,
                format!("{key} is longer than {max_len} characters"),
            );
            None
        }
        Some(code) => {
            issues.push(
                &path.key(key),
                code,
                format!("{key} must not contain control characters"),
            );
            None
        }
    }
}

/// The rule of a text field: at most `max_len` characters, none of them a control character.
/// The code of the rule `s` breaks (`too_long` first), or `None`.
pub fn text_rule(s: &str, max_len: usize) -> Option<Code> {
    // Count at most max_len + 1 characters: a 10 MB string costs no more than a short one.
    if s.chars().take(max_len + 1).count() > max_len {
        return Some(Code::TooLong);
    }
    s.chars()
        .any(char::is_control)
        .then_some(Code::InvalidCharacters)
}
