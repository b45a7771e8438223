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

/// `"abc"` for a short string, else the value's type.
pub fn shown_value(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(&s.chars().take(24).collect::<String>()),
        other => type_name(other).to_owned(),
    }
}
