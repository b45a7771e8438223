//! The cash balance core built for wasm32, in Node and headless Chromium: the same answers as
//! natively.
#![cfg(target_arch = "wasm32")]

use balance_ledger::api;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

fn value(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    assert!(v.get("error").is_none(), "{v}");
    v["value"].clone()
}
fn error(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    v["error"].clone()
}
fn funded(id: &str, amount: i64) -> String {
    json!({ "id": id, "type": "funded", "currency": "eur", "net_amount": amount, "created": 1,
            "funded": { "bank_transfer": { "type": "eu_bank_transfer" } } })
    .to_string()
}

#[wasm_bindgen_test]
fn funding_and_reconciliation_in_wasm() {
    let state = value(&api::add_cash_payment(
        r#"{"customer":"cus_1"}"#,
        r#"{"id":"pi_1","currency":"eur","amount_remaining":2000,"created":1}"#,
    ))["state"]
        .clone();
    let r = value(&api::apply_cash_transaction(
        &state.to_string(),
        &funded("f", 5000),
    ));
    assert_eq!(r["transaction"]["ending_balance"], 5000);
    assert_eq!(r["applied"][0]["net_amount"], -2000);
    assert_eq!(r["applied"][0]["ending_balance"], 3000);
    assert_eq!(r["state"]["available"], json!({ "eur": 3000 }));
    assert_eq!(r["state"]["open_payments"], json!([]));
}

#[wasm_bindgen_test]
fn cash_balance_object_and_deletion_guard_in_wasm() {
    let txs = format!("[{},{}]", funded("a", 7000), funded("b", 3000));
    let cb = value(&api::cash_balance("\"cus_1\"", &txs, "null"));
    assert_eq!(cb["object"], "cash_balance");
    assert_eq!(cb["available"], json!({ "eur": 10000 }));
    assert_eq!(cb["settings"]["using_merchant_default"], true);
    assert_eq!(value(&api::can_delete_customer(&cb.to_string())), false);
    let none = value(&api::cash_balance("\"cus_1\"", "[]", "null"));
    assert_eq!(none["available"], Value::Null);
    assert_eq!(value(&api::can_delete_customer(&none.to_string())), true);
}

#[wasm_bindgen_test]
fn refusals_are_coded_in_wasm() {
    let state = value(&api::apply_cash_transaction(
        r#"{"customer":"cus_1"}"#,
        &funded("f", 100),
    ))["state"]
        .to_string();
    assert_eq!(
        error(&api::apply_cash_transaction(&state, &funded("f", 1)))["code"],
        "duplicate_transaction"
    );
    let spend =
        r#"{"id":"x","type":"return_initiated","currency":"eur","net_amount":-101,"created":2}"#;
    assert_eq!(
        error(&api::apply_cash_transaction(&state, spend))["code"],
        "insufficient_funds"
    );
    let e = error(&api::apply_cash_transaction(
        &state,
        r#"{"id":"y","type":"funded","currency":"eur","net_amount":1.5,"created":2}"#,
    ));
    assert_eq!(e["issues"][0]["code"], "not_integer");
}
