//! Reading fields of JSON objects with precise issues: unknown keys, required fields, objects,
//! strings, ids, booleans and options objects.

use serde_json::{Map, Value};

use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::input::reader::{has_less, ONES};

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
            let shown = json::head(key, 40);
            // Pushed piece by piece: `format!` with `join` was ~0.5 KB more of the checkout module.
            let mut message = String::from("unknown field ");
            message.push_str(&json::quoted(shown));
            message.push_str("; ");
            message.push_str(what);
            message.push_str(" has only ");
            for (i, k) in known.iter().enumerate() {
                if i > 0 {
                    message.push_str(", ");
                }
                message.push_str(k);
            }
            issues.push(&path.key(key), Code::UnknownField, message);
        }
    }
}

/// The fields of an object this package does not know, kept as they came (a source such as
/// Stripe adds response fields as a backwards-compatible change, so they are never refused). A
/// value JSON cannot carry (`NaN`, a BigInt, a function: the bridge tags them) cannot have come
/// from such a source and is refused.
pub fn kept_unknown_fields(
    map: &Map<String, Value>,
    known: &[&str],
    path: &Path,
    issues: &mut Issues,
) -> Map<String, Value> {
    let mut kept = Map::new();
    for (key, value) in map {
        if known.contains(&key.as_str()) {
            continue;
        }
        if let Some(tag) = first_js_tag(value) {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!("{} holds {tag}, which JSON cannot carry", json::quoted(key)),
            );
        } else {
            kept.insert(key.clone(), value.clone());
        }
    }
    kept
}

/// The first value JSON cannot carry inside `value`, if any. Depth is bounded by the readers of
/// the arguments, so the recursion is too.
fn first_js_tag(value: &Value) -> Option<String> {
    if let Some(tag) = json::js_tag(value) {
        return Some(tag.to_owned());
    }
    match value {
        Value::Array(list) => list.iter().find_map(first_js_tag),
        Value::Object(map) => map.values().find_map(first_js_tag),
        _ => None,
    }
}

/// A field read from an object.
pub enum Field<T> {
    Absent,
    Invalid,
    Value(T),
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
            format!("{key} must be a string, got {}", json::type_name(value)),
        );
        return None;
    };
    text_checked(s, key, max_len, path, issues).then(|| s.clone())
}

/// Whether the text `s` of the field `key` keeps the rule of a text field ([`text_rule`]); the
/// rule it breaks is reported at `path/key`, as [`text_field`] reports it.
pub fn text_checked(s: &str, key: &str, max_len: usize, path: &Path, issues: &mut Issues) -> bool {
    match text_rule(s, max_len) {
        None => true,
        Some(Code::TooLong) => {
            issues.push(
                &path.key(key),
                Code::TooLong,
                format!("{key} is longer than {max_len} characters"),
            );
            false
        }
        Some(code) => {
            issues.push(
                &path.key(key),
                code,
                format!("{key} must not contain control characters"),
            );
            false
        }
    }
}

/// The rule of a text field: at most `max_len` characters, none of them a control character.
/// The code of the rule `s` breaks (`too_long` first), or `None`.
pub fn text_rule(s: &str, max_len: usize) -> Option<Code> {
    // No more bytes than the limit: no more characters either, without counting them. Else count
    // at most max_len + 1 characters: a 10 MB string costs no more than a short one.
    if s.len() > max_len && s.chars().take(max_len + 1).count() > max_len {
        return Some(Code::TooLong);
    }
    has_control(s.as_bytes()).then_some(Code::InvalidCharacters)
}

/// Whether UTF-8 text has a control character (`char::is_control`: U+0000 to U+001F, U+007F,
/// U+0080 to U+009F), found in its bytes, eight at a time: the last group is `C2 80` to `C2 9F`
/// (a `C2` is always a lead byte), so no character is decoded.
fn has_control(bytes: &[u8]) -> bool {
    let suspect = |w: u64| {
        has_less(w, 0x20) || has_less(w ^ (ONES * 0x7f), 1) || has_less(w ^ (ONES * 0xc2), 1)
    };
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        match <[u8; 8]>::try_from(chunk) {
            Ok(word) if !suspect(u64::from_le_bytes(word)) => at += 8,
            _ => break,
        }
    }
    let rest = bytes.get(at..).unwrap_or_default();
    rest.iter().enumerate().any(|(i, &b)| {
        b < 0x20 || b == 0x7f || (b == 0xc2 && rest.get(i + 1).is_some_and(|&next| next < 0xa0))
    })
}

/// A required field: reports `required` when absent.
pub fn required<'a>(
    map: &'a Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<&'a Value> {
    let v = map.get(key);
    if v.is_none() {
        issues.push(&path.key(key), Code::Required, format!("{key} is required"));
    }
    v
}

/// A required id string, not empty, of at most `max_len` characters.
pub fn id_field(
    map: &Map<String, Value>,
    key: &str,
    max_len: usize,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    required(map, key, path, issues)?;
    let id = text_field(map, key, max_len, path, issues)?;
    if id.is_empty() {
        issues.push(
            &path.key(key),
            Code::Empty,
            format!("{key} must not be empty"),
        );
        return None;
    }
    Some(id)
}

/// An optional boolean.
pub fn bool_field(
    map: &Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<bool> {
    match map.get(key)? {
        Value::Bool(b) => Some(*b),
        other => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!("{key} must be a boolean, got {}", json::type_name(other)),
            );
            None
        }
    }
}

/// The object at `path`, or an `invalid_type` issue.
pub fn object<'a>(
    value: &'a Value,
    what: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(map) if json::js_tag(value).is_none() => Some(map),
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!("{what} must be an object, got {}", json::type_name(other)),
            );
            None
        }
    }
}

/// The options object (null: none), its unknown keys reported.
pub fn option_map<'a>(
    options: &'a Value,
    known: &[&str],
    issues: &mut Issues,
) -> Option<&'a Map<String, Value>> {
    match options {
        Value::Null => None,
        Value::Object(map) if json::js_tag(options).is_none() => {
            report_unknown_fields(map, known, "the options", &Path::root(), issues);
            Some(map)
        }
        other => {
            issues.push(
                &Path::root(),
                Code::InvalidType,
                format!("options must be an object, got {}", json::type_name(other)),
            );
            None
        }
    }
}

/// The options as read: `value`, or every issue found as one `invalid_option` error.
pub fn finish_options<T>(issues: Issues, value: T) -> Result<T, Error> {
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(Error::invalid_option(issues.into_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test finds what `char::is_control` finds: every character alone and at every
    /// place of a text longer than eight bytes, ASCII or not.
    #[test]
    fn has_control_is_char_is_control() {
        let all = (0..=0x10ffff_u32).filter_map(char::from_u32);
        for c in all.filter(|c| (*c as u32) < 0x3000 || c.is_control()) {
            for at in 0..12 {
                let mut s: String = "Räksmörgås ".chars().take(at).collect();
                s.push(c);
                s.push_str("é kaffe, 450 g");
                assert_eq!(has_control(s.as_bytes()), c.is_control(), "{c:?} at {at}");
            }
        }
        assert!(!has_control(
            "Mellanmjölk 1,5 % 1 l, ½ ¢ \u{a0}\u{ad}".as_bytes()
        ));
        assert!(has_control("Mellanmjölk 1,5 % 1 l\u{85}".as_bytes()));
        assert!(has_control(b"a\x7f"));
    }
}
