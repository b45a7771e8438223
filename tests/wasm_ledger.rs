#![cfg(target_arch = "wasm32")]
//! The ledger built for wasm32, in Node and headless Chromium: the seed's three operations and
//! settle-all give the same answers as natively.

use balance_ledger::api;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

const OPTS: &str = r#"{"now":"2026-11-23T10:00:00Z"}"#;

fn value(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    assert!(v.get("error").is_none(), "{answer}");
    v["value"].clone()
}

#[wasm_bindgen_test]
fn charge_fund_settle() {
    let c =
        json!({ "id": "c1", "currency": "SEK", "status": "active", "schedule": [1] }).to_string();
    let charged = value(&api::charge_balance(
        &c,
        r#"{"price":119.6,"vat":29.9,"quantity":2}"#,
        OPTS,
    ));
    assert_eq!(charged["entries"][0]["amount"], "299.00");
    assert_eq!(charged["customer"]["version"], 1);
    let order = json!({ "number": "o1", "items": 100, "currency": "SEK", "customer": "c1",
                        "payment": { "type": "customer", "charge": "balance" } });
    let funded = value(&api::fund_balance(
        &charged["customer"].to_string(),
        &order.to_string(),
        "\"success\"",
        OPTS,
    ));
    assert_eq!(funded["customer"]["total"], "100.00");
    let preview = value(&api::preview_settlement(
        &funded["customer"].to_string(),
        OPTS,
    ));
    assert_eq!(preview["amount"], "199.00");
    assert_eq!(preview["order"]["items"][1]["price"], "-100.00");
    let settled = value(&api::settle_balance(
        &funded["customer"].to_string(),
        "\"success\"",
        OPTS,
    ));
    assert_eq!(settled["customer"], preview["after"]["success"]);
    let ivr = value(&api::account_balance(
        &settled["customer"].to_string(),
        r#"{"request_tracking_id":"t"}"#,
    ));
    assert_eq!(ivr["last_payment_amount"], "199.00");
    assert_eq!(ivr["balance"][0]["amount"], "0.00");
    // The three calls' entries fold back into the state they returned.
    let entries = json!([
        charged["entries"][0],
        funded["entries"][0],
        settled["entries"][0]
    ]);
    let folded = value(&api::replay_journal(&c, &entries.to_string()));
    assert_eq!(folded, settled["customer"]);
}

#[wasm_bindgen_test]
fn a_reused_idempotency_key_is_refused() {
    let c = r#"{"id":"c1","currency":"SEK"}"#;
    let o = r#"{"now":"2026-11-23T10:00:00Z","idempotency_key":"k"}"#;
    let first = value(&api::charge_balance(c, "10", o));
    let again = value(&api::charge_balance(
        &first["customer"].to_string(),
        "\"10.00\"",
        o,
    ));
    assert_eq!(again["replayed"], true);
    let refused: Value = serde_json::from_str(&api::charge_balance(
        &first["customer"].to_string(),
        "11",
        o,
    ))
    .unwrap();
    assert_eq!(refused["error"]["code"], "idempotency_key_reused");
}

#[wasm_bindgen_test]
fn settle_all_and_targets() {
    let all = json!([
        { "id": "a", "currency": "EUR", "balance": [{ "price": 5 }] },
        { "id": "b", "currency": "nope" }
    ]);
    let r = value(&api::preview_settlements(&all.to_string(), OPTS));
    assert_eq!(
        (r["updated"].clone(), r["errors"].clone()),
        (json!(1), json!(1))
    );
    let t = value(&api::settlement_target("\"private\"", "\"all\""));
    assert_eq!(t, json!({ "scope": "all" }));
    let refused: Value =
        serde_json::from_str(&api::settlement_target("\"customer\"", "\"a\"")).unwrap();
    assert_eq!(refused["error"]["code"], "forbidden_target");
}
