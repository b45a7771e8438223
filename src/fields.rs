//! Reading fields of JSON objects with precise issues: unknown keys, typed strings, bounded amounts.

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::amount::{self, AmountError, Bounds};
use crate::issue::{Code, Issues, Path};

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
    // Count at most max_len + 1 characters: a 10 MB string costs no more than a short one.
    if s.chars().take(max_len + 1).count() > max_len {
        issues.push(
            &path.key(key),
            Code::TooLong,
            format!("{key} is longer than {max_len} characters"),
        );
        return None;
    }
    if s.chars().any(char::is_control) {
        issues.push(
            &path.key(key),
            Code::InvalidCharacters,
            format!("{key} must not contain control characters"),
        );
        return None;
    }
    Some(s.clone())
}
