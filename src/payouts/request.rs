//! A credit request read: JSON into a typed [`Request`], every problem of its shape (types,
//! required fields, text and `meta` bounds, the destination given once) reported with its path.
//! The rules judge the typed request (`payouts::credit`), and its issues are listed in the
//! request's own field order ([`field_order`]), as one pass over it would meet them.

use serde_json::{Map, Value};

use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::money::read::integer;
use crate::payouts::bank_account::{read_bank_account, BankAccountFields, BANK_ACCOUNT_FIELDS};

/// The fields of a credit request (`bank_account` is v1.1's "credit a new bank account").
pub const CREDIT_FIELDS: &[&str] = &[
    "amount",
    "description",
    "meta",
    "appears_on_statement_as",
    "destination_uri",
    "bank_account",
];

pub const MAX_DESCRIPTION_LEN: usize = 1024;
pub const MAX_URI_LEN: usize = 1024;
pub const MAX_META_KEYS: usize = 100;
pub const MAX_META_KEY_LEN: usize = 255;
pub const MAX_META_VALUE_LEN: usize = 4096;

/// A credit request as a caller writes it.
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct CreditRequest {
    /// USD cents: an integer, or a string of digits.
    #[ts(type = "number | string")]
    amount: String,
    #[ts(optional)]
    description: Option<Option<String>>,
    #[ts(optional, type = "Record<string, string> | null")]
    meta: Option<String>,
    #[ts(optional)]
    appears_on_statement_as: Option<Option<String>>,
    #[ts(optional)]
    destination_uri: Option<Option<String>>,
    #[ts(optional)]
    bank_account: Option<Option<crate::payouts::bank_account::BankAccountInput>>,
}

#[cfg(all(test, feature = "ts"))]
#[test]
fn credit_request_type_has_exactly_the_request_fields() {
    use ts_rs::TS;
    let decl = CreditRequest::decl(&ts_rs::Config::default());
    for field in CREDIT_FIELDS {
        assert!(decl.contains(field), "{field} in {decl}");
    }
    use crate::payouts::bank_account::{BankAccountInput, BANK_ACCOUNT_FIELDS};
    let decl = BankAccountInput::decl(&ts_rs::Config::default());
    for field in BANK_ACCOUNT_FIELDS {
        assert!(decl.contains(&format!("{field}:")), "{field} in {decl}");
    }
}

/// A credit request as read: each field typed, or `None` when it is absent (or null) or was not of
/// its type (the read reported it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// USD cents, at least 1 (the merchant's bounds are a rule).
    pub amount: Option<u64>,
    pub description: Option<String>,
    /// The caller's `meta` object as given, passed through: every key kept, in its order
    /// (`"__proto__"` included). The read checks its entries.
    pub meta: Option<Map<String, Value>>,
    pub appears_on_statement_as: Option<String>,
    pub destination_uri: Option<String>,
    pub bank_account: Option<BankAccountFields>,
}

/// Reads a credit request. Not an object: the one issue, at once. Otherwise every problem of its
/// fields goes to `issues`, and the request holds what could be typed.
pub fn read_request(request: &Value, issues: &mut Issues) -> Result<Request, Error> {
    let root = Path::root();
    let map = match request {
        Value::Object(map) if json::js_tag(request).is_none() => map,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!(
                    "a credit request is an object such as {{ \"amount\": 1234 }}, got {}",
                    json::type_name(other)
                ),
            ))
        }
    };
    report_unknown_fields(map, CREDIT_FIELDS, "a credit request", &root, issues);
    let present = |key: &str| map.get(key).filter(|v| !v.is_null());

    let amount = match present("amount") {
        None => {
            issues.push(
                &root.key("amount"),
                Code::Required,
                "amount is required: USD cents, an integer such as 1234",
            );
            None
        }
        Some(v) => match integer(v, 1, u64::MAX) {
            Err((code, message)) => {
                issues.push(&root.key("amount"), code, format!("amount: {message}"));
                None
            }
            Ok(n) => Some(n),
        },
    };
    let description = present("description")
        .and_then(|_| text_field(map, "description", MAX_DESCRIPTION_LEN, &root, issues));
    let meta = present("meta").and_then(|v| read_meta(v, &root.key("meta"), issues));
    let appears_on_statement_as = present("appears_on_statement_as").and_then(|v| {
        read_string(
            v,
            "appears_on_statement_as",
            &root.key("appears_on_statement_as"),
            issues,
        )
    });
    let destination_uri = present("destination_uri")
        .and_then(|v| read_string(v, "destination_uri", &root.key("destination_uri"), issues));
    let bank_account = present("bank_account").and_then(|v| {
        // One destination: an existing account or new details (whichever of them is readable).
        if present("destination_uri").is_some() {
            issues.push(
                &root.key("bank_account"),
                Code::ConflictingFields,
                "give either destination_uri (an existing bank account) or bank_account \
                 (new details), not both",
            );
        }
        read_bank_account(v, &root.key("bank_account"), issues)
    });
    Ok(Request {
        amount,
        description,
        meta,
        appears_on_statement_as,
        destination_uri,
        bank_account,
    })
}

/// A string field (its content is for the rules).
pub fn read_string(value: &Value, what: &str, path: &Path, issues: &mut Issues) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!("{what} must be a string, got {}", json::type_name(other)),
            );
            None
        }
    }
}

/// `meta`: a single-level map of at most [`MAX_META_KEYS`] string keys to string values, each of
/// bounded length; the object as given when it is one.
fn read_meta(value: &Value, path: &Path, issues: &mut Issues) -> Option<Map<String, Value>> {
    let map = match value {
        Value::Object(map) if json::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!(
                    "meta must be an object of string values, got {}",
                    json::type_name(other)
                ),
            );
            return None;
        }
    };
    if map.len() > MAX_META_KEYS {
        issues.push(
            path,
            Code::TooManyItems,
            format!(
                "meta has {} keys, more than the {MAX_META_KEYS} allowed",
                map.len()
            ),
        );
        return Some(map.clone());
    }
    for (key, v) in map {
        let at = path.key(key);
        if key.chars().take(MAX_META_KEY_LEN + 1).count() > MAX_META_KEY_LEN {
            issues.push(
                &at,
                Code::TooLong,
                format!("meta keys are at most {MAX_META_KEY_LEN} characters"),
            );
            continue;
        }
        match v {
            Value::String(s)
                if s.chars().take(MAX_META_VALUE_LEN + 1).count() > MAX_META_VALUE_LEN =>
            {
                issues.push(
                    &at,
                    Code::TooLong,
                    format!("meta values are at most {MAX_META_VALUE_LEN} characters"),
                );
            }
            Value::String(_) => {}
            Value::Object(_) | Value::Array(_) if json::js_tag(v).is_none() => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta is a single-level map: values must be strings, got {} (nested values are not allowed)",
                        json::type_name(v)
                    ),
                );
            }
            other => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta values must be strings, got {}",
                        json::type_name(other)
                    ),
                );
            }
        }
    }
    Some(map.clone())
}

/// Where an issue stands in a request, by its JSON Pointer: its top-level field in
/// [`CREDIT_FIELDS`] order (unknown fields first, as the read reports them first), a field's own
/// issues before those inside it, and inside `bank_account` its fields in [`BANK_ACCOUNT_FIELDS`]
/// order. Sorting by it (stably) lists read and rule issues as one pass would meet them.
pub fn field_order(pointer: &str) -> (usize, usize, usize) {
    // Pointer segments as written: a segment with an escape (`~1` is `/`, `~0` is `~`) unescapes
    // to a name with `/` or `~`, which no known field has (a test says so), so the raw segment
    // equals a known name exactly when its unescaped text does. Unescaping with `str::replace`
    // brought the substring searcher and its panic formatting into the wasm (~1 KB gzipped).
    let mut segments = pointer.split('/').skip(1);
    let rank = |known: &[&str], s: &str| known.iter().position(|k| *k == s).map_or(0, |i| i + 1);
    let Some(top) = segments.next() else {
        return (0, 0, 0);
    };
    let field = rank(CREDIT_FIELDS, top);
    match segments.next() {
        None => (field, 0, 0),
        Some(inner) if top == "bank_account" => (field, 1, rank(BANK_ACCOUNT_FIELDS, inner)),
        Some(_) => (field, 1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_known_field_has_a_pointer_escape() {
        // field_order compares raw pointer segments with these names (see there).
        for name in CREDIT_FIELDS.iter().chain(BANK_ACCOUNT_FIELDS) {
            assert!(!name.contains(['~', '/']), "{name}");
        }
    }

    #[test]
    fn escaped_segments_rank_as_unknown() {
        // As when the segments were unescaped first: `a~1b` is `a/b`, not a known field.
        assert_eq!(
            field_order("/bank_account/name"),
            field_order("/bank_account/name")
        );
        assert_eq!(field_order("/amount~1x").0, 0);
        assert_eq!(field_order("/bank_account~0").1, 0);
        assert_eq!(field_order("/bank_account~0/name"), (0, 1, 0));
        assert_ne!(field_order("/amount").0, 0);
    }
}
