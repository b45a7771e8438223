//! Reading the arguments of the api: JSON text, bounded in length and nesting before it is parsed
//! (each argument a JSON document), and the currency arguments and options every domain takes.

use serde_json::Value;

use crate::input::fields::report_unknown_fields;
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json::quoted;
use crate::money::currency::Currency;

/// Largest argument text of the item functions (a widget or an API body).
pub const MAX_ITEMS_INPUT: usize = 4 << 20;

pub use crate::input::reader::MAX_DEPTH;

/// Parses an argument, refusing text longer than `max_len` bytes or nested too deep.
pub fn parse_arg(text: &str, max_len: usize) -> Result<Value, Error> {
    if text.len() > max_len {
        return Err(Error::new(
            Code::InputTooLarge,
            format!(
                "the input is {} bytes, more than the {max_len} this function accepts",
                text.len()
            ),
        ));
    }
    if nesting_depth(text) > MAX_DEPTH {
        return Err(Error::new(
            Code::InputTooDeep,
            format!("the input is nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    reserve_heap(text.len());
    crate::input::reader::parse(text).map_err(|e| {
        Error::new(
            Code::UnreadableInput,
            format!("the input is not readable JSON: {e}"),
        )
    })
}

/// Grows the heap once, before a large argument is parsed into many small values. On wasm the
/// allocator otherwise grows linear memory 64 KiB at a time as the parse goes, and V8 ran a full
/// garbage collection on each `memory.grow`: settle-all of 60,000 customers took 26 s on a first
/// call, 4.7 s with this. The block is freed at once and its space serves the parse. Failing is
/// harmless.
fn reserve_heap(text_len: usize) {
    if text_len > 1 << 20 {
        let mut block: Vec<u8> = Vec::new();
        let _ = block.try_reserve_exact(text_len.saturating_mul(HEAP_PER_INPUT_BYTE));
        std::hint::black_box(&block);
    }
}

/// Heap a call takes per byte of its argument text at its peak, with room to spare (100,000
/// customers for settle-all peak at ~11×: keys and numbers as strings, maps, the answer).
const HEAP_PER_INPUT_BYTE: usize = 16;

/// The bytes of JSON text outside its string literals; each string shows as its opening `"`.
/// The pre-scans below read a whole argument this way, linearly, before anything is parsed.
fn structure(text: &str) -> impl Iterator<Item = u8> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    text.bytes().filter(move |&b| {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            return false;
        }
        in_string = b == b'"';
        true
    })
}

/// Deepest bracket nesting of JSON text (so deep input is refused before any recursion).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in structure(text) {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Refuses, before parsing, an argument that must be an object but whose text is of another type
/// (a megabyte array where a state goes costs nothing to refuse this way).
pub fn expect_object(text: &str, what: &str) -> Result<(), Error> {
    // Small text goes to the parser, which also says when it is not JSON at all.
    if text.len() < 64 << 10 {
        return Ok(());
    }
    let kind = match text.trim_start().bytes().next() {
        Some(b'{') | None => return Ok(()),
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        Some(b'-' | b'0'..=b'9') => "a number",
        // Not JSON at all: let the parser say what is wrong.
        Some(_) => return Ok(()),
    };
    Err(Error::single(
        &Path::root(),
        Code::InvalidType,
        format!("{what} must be an object, got {kind}"),
    ))
}

/// Elements of a top-level JSON array (0 for anything else), so an array far longer than a
/// function accepts is refused before it is parsed.
pub fn top_level_elements(text: &str) -> usize {
    if !text.trim_start().starts_with('[') {
        return 0;
    }
    let (mut depth, mut commas, mut any) = (0usize, 0usize, false);
    for b in structure(text) {
        match b {
            b'[' | b'{' => {
                any |= depth == 1;
                depth += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => commas += 1,
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => any |= depth == 1,
        }
    }
    if any {
        commas + 1
    } else {
        0
    }
}

/// Reads the `currency` of an options object: absent, or a known ISO 4217 code.
pub fn currency_option(options: &Value, required: bool) -> Result<Option<Currency>, Error> {
    let value = match options {
        // `undefined` (an argument not given) is no options, like null.
        Value::Null => None,
        _ if crate::input::json::js_tag(options) == Some("undefined") => None,
        // A value JS could not carry (NaN, a BigInt…) arrives tagged as an object: it is not options.
        Value::Object(map) if crate::input::json::js_tag(options).is_none() => {
            let mut issues = Issues::new();
            report_unknown_fields(map, &["currency"], "options", &Path::root(), &mut issues);
            issues.finish(())?;
            map.get("currency")
        }
        Value::String(_) => Some(options),
        other => {
            return Err(Error::single(
                &Path::root(),
                Code::InvalidType,
                format!(
                    "options must be an object such as {{ currency: \"SEK\" }}, got {}",
                    crate::input::json::type_name(other)
                ),
            ))
        }
    };
    match value {
        None if required => Err(Error::new(Code::UnknownCurrency, "a currency is required")),
        None => Ok(None),
        Some(v) => currency(v).map(Some),
    }
}

/// An ISO 4217 code (alphabetic, any case, or numeric).
pub fn currency(value: &Value) -> Result<Currency, Error> {
    match value {
        Value::String(s) => currency_code(s),
        other => Err(Error::new(
            Code::UnknownCurrency,
            format!(
                "a currency is an ISO 4217 code such as \"SEK\", got {}",
                crate::input::json::type_name(other)
            ),
        )),
    }
}

/// A currency given as text (see [`currency`]).
pub fn currency_code(s: &str) -> Result<Currency, Error> {
    Currency::parse(s).ok_or_else(|| {
        let shown = crate::input::json::head(s, 16);
        Error::new(
            Code::UnknownCurrency,
            format!("{} is not an active ISO 4217 currency", quoted(shown)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert_eq!(nesting_depth(r#"{"a":"[[[[\"{{"}"#), 1);
        assert_eq!(nesting_depth("[[[]]]"), 3);
        assert_eq!(nesting_depth("1"), 0);
    }

    #[test]
    fn non_objects_are_refused_before_parsing() {
        let big = |t: &str| format!("{t}{}", " ".repeat(64 << 10));
        assert!(expect_object(&big(" {\"a\":1}"), "x").is_ok());
        assert!(expect_object("[1]", "x").is_ok()); // small: the parser answers
        for (text, kind) in [
            ("[1,2]", "an array"),
            ("\"s\"", "a string"),
            ("-1", "a number"),
            ("null", "null"),
        ] {
            let e = expect_object(&big(text), "the state")
                .err()
                .map(|e| e.message);
            assert_eq!(
                e.as_deref(),
                Some(format!("the state must be an object, got {kind}").as_str())
            );
        }
    }

    #[test]
    fn top_level_elements_are_counted_without_parsing() {
        assert_eq!(top_level_elements("[]"), 0);
        assert_eq!(top_level_elements(" [ ] "), 0);
        assert_eq!(top_level_elements("[1]"), 1);
        assert_eq!(top_level_elements(r#"[{"a":[1,2,3]},"x,y",[4,5]]"#), 3);
        assert_eq!(top_level_elements(r#"["\",",1]"#), 2);
        assert_eq!(top_level_elements(r#"{"a":[1,2]}"#), 0);
    }

    #[test]
    fn deep_and_large_input_is_refused_before_parsing() {
        let deep = "[".repeat(100_000);
        assert!(parse_arg(&deep, usize::MAX).is_err_and(|e| e.code == Code::InputTooDeep));
        let large = "1".repeat(10);
        assert!(parse_arg(&large, 5).is_err_and(|e| e.code == Code::InputTooLarge));
        assert!(parse_arg("{", 5).is_err_and(|e| e.code == Code::UnreadableInput));
    }
}
