//! The check every answer must pass: a well-formed envelope whose error, if any, has a known code
//! and says something.

use balance_ledger::api::{Form, Given};
use serde_json::Value;

/// Whether a code is one the core declares (its own list, so this cannot drift).
pub fn known_code(code: &str) -> bool {
    balance_ledger::Code::ALL.iter().any(|c| c.as_str() == code)
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

/// Checks the answer the JS bridge asks for (`Form::Shared`) against the whole answer of the same
/// call: the same text where nothing is shared (errors included), else the same value once every
/// `{"\u0000shared": [source, from, to, count]}` is replaced by the customer argument's elements
/// and each order's packed lines `{"\u0000lines": "net rebate vat amount …"}` by their objects
/// (as js/bridge.js `unshare` does). Panics (a finding) otherwise.
pub fn same_when_put_back(whole: &str, shared: &str, customer: &str) {
    same_when_put_back_from(whole, shared, customer, &["balance", "idempotency_keys"]);
}

/// [`same_when_put_back`] for an argument whose arrays `fields` are the sources of the references
/// (a cash balance state's: `recent_transactions`).
pub fn same_when_put_back_from(whole: &str, shared: &str, customer: &str, fields: &[&str]) {
    if !shared.contains("\\u0000shared") && !shared.contains("\\u0000lines") {
        assert_eq!(shared, whole, "shared answer differs with nothing shared");
        return;
    }
    let customer: Value =
        serde_json::from_str(customer).expect("a shared answer's customer is JSON");
    let mut put_back: Value = serde_json::from_str(shared).expect("the shared answer is JSON");
    put_back_elements(&mut put_back, &customer, fields);
    let whole: Value = serde_json::from_str(whole).expect("the whole answer is JSON");
    assert_eq!(put_back, whole, "shared answer put back: {shared}");
}

/// Checks the held form of a call (`Form::Held`: the answer the JS bridge asks for when it is handed
/// back a customer it returned, src/api/held.rs) against its shared form and whole answer: the
/// shared answer with `,"held":<handle>` when the whole answer returns a customer (the customer
/// kept), none otherwise; and the kept customer, named by its handle, answers `again` (a call on
/// it) as the customer's own JSON text does, once put back. Panics (a finding) otherwise.
pub fn same_when_held(
    whole: &str,
    shared: &str,
    held: &str,
    again: impl Fn(Form, Given) -> String,
) {
    same_when_held_from(
        whole,
        shared,
        held,
        ("customer", &["balance", "idempotency_keys"]),
        again,
    );
}

/// [`same_when_held`] for a call answering the kept value as `kept.0` (a cash balance state's
/// `state`), whose arrays `kept.1` are the sources of the references (`recent_transactions`, and
/// the elements counted against the size kept with `open_payments`).
pub fn same_when_held_from(
    whole: &str,
    shared: &str,
    held: &str,
    kept: (&str, &[&str]),
    again: impl Fn(Form, Given) -> String,
) {
    let (answer, handle) = match held.rfind(",\"held\":") {
        Some(at) => {
            let digits = held[at + 8..]
                .strip_suffix('}')
                .expect("the envelope closes");
            let handle: u64 = digits.parse().expect("a handle is an integer");
            (format!("{}}}", &held[..at]), Some(handle))
        }
        None => (held.to_owned(), None),
    };
    assert_eq!(answer, shared, "the held form's answer is the shared one");
    let whole: Value = serde_json::from_str(whole).expect("the whole answer is JSON");
    let (key, fields) = kept;
    let Some(value) = whole.get("value").and_then(|v| v.get(key)) else {
        assert_eq!(handle, None, "nothing is kept without a {key}: {held}");
        return;
    };
    let Some(handle) = handle else {
        let elements = fields
            .iter()
            .chain(&["open_payments"])
            .map(|k| value[k].as_array().map_or(0, Vec::len))
            .sum::<usize>();
        assert!(
            elements > 2000,
            "a {key} of {elements} elements is kept: {held}"
        );
        return;
    };
    let kept = value.to_string();
    let by_handle = again(Form::Shared, Given::Held(handle));
    let by_text = again(Form::Whole, Given::Text(&kept));
    same_when_put_back_from(&by_text, &by_handle, &kept, fields);
}

fn put_back_elements(answer: &mut Value, customer: &Value, fields: &[&str]) {
    match answer {
        Value::Array(list) => {
            let mut out = Vec::new();
            for mut e in std::mem::take(list) {
                let Some(r) = e.get("\u{0}shared") else {
                    put_back_elements(&mut e, customer, fields);
                    out.push(e);
                    continue;
                };
                let r: Vec<usize> = serde_json::from_value(r.clone()).expect("a reference");
                let field = fields[r[0]];
                let source = customer[field].as_array().expect("the source is an array");
                assert_eq!(source.len(), r[3], "the reference counts the source");
                assert!(r[1] < r[2] && r[2] <= r[3], "a reference's range: {r:?}");
                out.extend(source[r[1]..r[2]].iter().cloned());
            }
            *list = out;
        }
        Value::Object(map) => map.values_mut().for_each(|v| {
            let Some(packed) = v.get("\u{0}lines") else {
                return put_back_elements(v, customer, fields);
            };
            let packed = packed.as_str().expect("packed lines are a text");
            let amounts: Vec<&str> = packed.split(' ').filter(|a| !packed.is_empty() || !a.is_empty()).collect();
            assert_eq!(amounts.len() % 4, 0, "four amounts a line: {packed}");
            *v = amounts
                .chunks(4)
                .map(|a| serde_json::json!({ "net": a[0], "rebate": a[1], "vat": a[2], "amount": a[3] }))
                .collect();
        }),
        _ => {}
    }
}

/// `text` with every object key written as `\u` escapes, for valid JSON only (`None` otherwise, or
/// when the result would pass the 4096 bytes of the smallest argument limit). The typed readers
/// of the state calls decline a key with an escape and the general reader reads the same key, so a
/// call on this text answers through the general reader what it answers on `text`, possibly
/// through a typed one: the two answers must be the same.
pub fn keys_escaped(text: &str) -> Option<String> {
    serde_json::from_str::<Value>(text).ok()?;
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        out.push_str(&rest[..start]);
        // The string token: up to the unescaped closing quote.
        let body = &rest[start + 1..];
        let mut end = 0;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let token = &body[..end];
        let after = &body[end + 1..];
        if after.trim_start().starts_with(':') {
            out.push('"');
            let mut chars = token.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    // An escape stays as written (a `\u` one with its four digits).
                    out.push(c);
                    let kind = chars.next();
                    out.extend(kind);
                    if kind == Some('u') {
                        out.extend(chars.by_ref().take(4));
                    }
                } else {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
            }
            out.push('"');
        } else {
            out.push('"');
            out.push_str(token);
            out.push('"');
        }
        rest = after;
    }
    out.push_str(rest);
    (out.len() <= 4096).then_some(out)
}
