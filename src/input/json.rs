//! JSON values as the package's bridge writes them: the tag of values JSON cannot carry, a value's
//! type named for messages, and the largest integer a JS number holds exactly.

use serde_json::Value;

/// Largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`, 2^53 − 1): the bound of
/// every integer amount and count the core reads.
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Key of the object the JS bridge writes for values JSON cannot carry (`NaN`, `Infinity`, BigInt,
/// Symbol, functions, `undefined` in an array), so they are refused with a precise code instead of
/// turning into `null` on the way.
pub const JS_TAG: &str = "\u{0}js";

/// What a non-JSON JS value was, when the bridge tagged it.
pub fn js_tag(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(JS_TAG).and_then(Value::as_str),
        _ => None,
    }
}

/// A short name of a value's type for messages (`"a string"`, `"null"`, `"NaN"`). Borrowed, not a
/// `String`: each message copies it once anyway (smaller wasm than an allocation per arm).
pub fn type_name(value: &Value) -> &str {
    if let Some(tag) = js_tag(value) {
        return tag;
    }
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A string as a JSON string literal (quotes, and escapes for `"`, `\\` and control characters), for
/// showing a caller's text in a message. Not Rust's `{:?}`: its escaping of non-printable
/// characters carries Unicode tables and the formatting machinery into the wasm (~4.5 KB raw of
/// the checkout module, measured with twiggy), where the answer writer's string writer is there anyway.
pub fn quoted(s: &str) -> String {
    crate::input::writer::quoted(s)
}

/// The first `n` characters of `s` (all of it when shorter), borrowed: what a message shows of a
/// caller's text (collecting the characters into a new `String` brought `Extend<char>` into the
/// wasm for it).
pub fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((end, _)) => s.get(..end).unwrap_or(s),
        None => s,
    }
}

/// `"abc"` for a short string, else the value's type.
pub fn shown_value(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(head(s, 24)),
        other => type_name(other).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`head`] is the text `chars().take(n).collect()` made, on ASCII, multi-byte and empty text.
    #[test]
    fn head_is_the_first_characters() {
        for s in [
            "",
            "abc",
            "é€🍕x",
            "a\u{0}b",
            &"ü".repeat(50),
            &"x".repeat(40),
        ] {
            for n in [0, 1, 2, 3, 16, 40, 41, 100] {
                assert_eq!(head(s, n), s.chars().take(n).collect::<String>(), "{s} {n}");
            }
        }
    }
}
