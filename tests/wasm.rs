//! The core built for wasm32, run by wasm-bindgen-test in Node and (WASM_BINDGEN_USE_BROWSER=1) in
//! headless Chromium: the same answers as natively.
#![cfg(target_arch = "wasm32")]

use balance_ledger::api;
use serde_json::Value;
use wasm_bindgen_test::*;

fn value(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    v["value"].clone()
}
fn error_code(answer: &str) -> String {
    let v: Value = serde_json::from_str(answer).unwrap();
    v["error"]["code"].as_str().unwrap_or_default().to_owned()
}

#[wasm_bindgen_test]
fn golden_seed_example() {
    let t = value(&api::item_totals(
        r#"{"price":119.6,"vat":29.9,"quantity":2}"#,
        "\"SEK\"",
    ));
    assert_eq!(t["gross"], "299.00");
    assert_eq!(t["vat"], "59.80");
    assert_eq!(t["net"], "239.20");
}

#[wasm_bindgen_test]
fn decimal_exactness_in_wasm() {
    // 0.1 + 0.2 is 0.30 here, never 0.30000000000000004.
    let t = value(&api::item_totals(
        r#"[{"price":0.1},{"price":0.2}]"#,
        "\"EUR\"",
    ));
    assert_eq!(t["gross"], "0.30");
    let t = value(&api::item_totals(
        r#"{"price":"0.125","quantity":1}"#,
        "\"USD\"",
    ));
    assert_eq!(t["gross"], "0.13");
}

#[wasm_bindgen_test]
fn validation_reports_every_issue() {
    let v = value(&api::validate_items(
        r#"[{"price":"12,50","quantity":0},{"vat":1}]"#,
        r#"{"currency":"SEK"}"#,
    ));
    assert_eq!(v["ok"], false);
    let codes: Vec<&str> = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "invalid_decimal",
            "not_positive",
            "required",
            "vat_without_price"
        ]
    );
}

#[wasm_bindgen_test]
fn hostile_input_gets_coded_errors() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        error_code(&api::item_totals(&deep, "\"SEK\"")),
        "input_too_deep"
    );
    assert_eq!(
        error_code(&api::item_totals("{", "\"SEK\"")),
        "unreadable_input"
    );
    assert_eq!(
        error_code(&api::item_totals("1", "\"XXX\"")),
        "unknown_currency"
    );
    assert_eq!(
        error_code(&api::item_totals(r#"{"price":"1e999"}"#, "\"SEK\"")),
        "invalid_input"
    );
}
