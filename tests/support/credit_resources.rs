//! What the credit resource tests share: calls of the api as JSON values, the v1 seed's bodies
//! and the field-for-field comparison.

use balance_ledger::api;
use serde_json::{json, Map, Value};

pub const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/balanced");
pub const MP: &str = "TEST-MP2roQeM4oBkR8Kw4GVeNT2Q";

pub fn reference(path: &str) -> Value {
    let text = std::fs::read_to_string(format!("{REFERENCE}/{path}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub fn call(text: String) -> Result<Value, Value> {
    let mut a: Value = serde_json::from_str(&text).unwrap();
    match a.get_mut("value") {
        Some(v) => Ok(v.take()),
        None => Err(a["error"].take()),
    }
}

pub fn create(request: Value, options: Value) -> Result<Value, Value> {
    call(api::create_credit(
        &request.to_string(),
        &options.to_string(),
    ))
}

pub fn transition(credit: &Value, to: &str, options: Value) -> Result<Value, Value> {
    call(api::transition_credit(
        &credit.to_string(),
        &json!(to).to_string(),
        &options.to_string(),
    ))
}

pub fn new_account() -> Value {
    json!({ "name": "Fit Finlay", "routing_number": "325182797", "account_number": "9900001234", "type": "checking" })
}

/// The JSON type of a value, as the comparison reads it.
pub fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn is_utc_instant(s: &str) -> bool {
    s.ends_with('Z') && balance_ledger::Instant::parse(s).is_some()
}

/// `ours` has exactly the fields of `seed` (but `except`), each of the seed's type; a null in the
/// seed allows a string (a description, a bank name).
pub fn same_fields(
    ours: &Map<String, Value>,
    seed: &Map<String, Value>,
    except: &[&str],
    what: &str,
) {
    let mut want: Vec<&String> = seed
        .keys()
        .filter(|k| !except.contains(&k.as_str()))
        .collect();
    let mut got: Vec<&String> = ours.keys().collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "{what}: the fields");
    for (key, s) in seed.iter().filter(|(k, _)| !except.contains(&k.as_str())) {
        let o = &ours[key];
        let ok = kind(o) == kind(s)
            || (s.is_null() && o.is_string())
            || (o.is_null() && s.is_string() && key == "description");
        assert!(ok, "{what}.{key}: ours {o}, the seed's {s}");
    }
}

pub fn seed_credits() -> Vec<(String, Map<String, Value>)> {
    let bodies = reference("v1/credits-responses.json");
    let mut out = Vec::new();
    for (name, body) in bodies.as_object().unwrap() {
        if let Some(items) = body.get("items") {
            for (i, item) in items.as_array().unwrap().iter().enumerate() {
                out.push((
                    format!("{name} item {i}"),
                    item.as_object().unwrap().clone(),
                ));
            }
        } else {
            out.push((name.clone(), body.as_object().unwrap().clone()));
        }
    }
    assert_eq!(out.len(), 5);
    out
}
