#![cfg(not(target_arch = "wasm32"))]
//! The cash balance state stays bounded and still never applies a transaction twice: the ids of
//! the last 128 transactions, and `forgotten_through` for those that left the window.

use balance_ledger::api;
use balance_ledger::CASH_TRANSACTION_WINDOW as WINDOW;
use serde_json::{json, Value};

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
fn funded(id: &str, amount: i64, created: i64) -> Value {
    json!({ "id": id, "type": "funded", "currency": "eur", "net_amount": amount, "created": created,
            "funded": { "bank_transfer": { "type": "eu_bank_transfer", "reference": "R" } } })
}
fn apply(state: &Value, t: &Value) -> Value {
    answer(&api::apply_cash_transaction(
        &state.to_string(),
        &t.to_string(),
    ))
}
/// The issue code of a refusal.
fn refused(a: &Value) -> String {
    assert!(a.get("value").is_none(), "accepted: {a}");
    a["error"]["issues"][0]["code"].as_str().unwrap().to_owned()
}
/// Stripe-length ids (`ccsbtxn_` and 24 characters).
fn id(i: usize) -> String {
    format!("ccsbtxn_{i:024}")
}

#[test]
fn the_state_is_bounded_and_no_transaction_applies_twice() {
    let mut state = json!({ "customer": "cus_1" });
    let mut largest = 0;
    let n = 3 * WINDOW;
    for i in 0..n {
        let a = apply(&state, &funded(&id(i), 100, 1_000 + i as i64));
        state = a["value"]["state"].clone();
        largest = largest.max(state.to_string().len());
    }
    assert_eq!(state["transaction_count"], n);
    assert_eq!(state["available"]["eur"], 100 * n);
    assert_eq!(
        state["recent_transactions"].as_array().unwrap().len(),
        WINDOW
    );
    assert_eq!(state["forgotten_through"], 1_000 + (n - WINDOW - 1) as i64);
    assert!(largest < 16 * 1024, "the state reached {largest} bytes");
    // Every transaction ever applied is refused again: by its id inside the window, by its time
    // outside it.
    for i in 0..n {
        let code = refused(&apply(&state, &funded(&id(i), 100, 1_000 + i as i64)));
        let expected = if i >= n - WINDOW {
            "duplicate_transaction"
        } else {
            "stale_transaction"
        };
        assert_eq!(code, expected, "transaction {i}");
    }
    // A new transaction (a new id, created after the forgotten ones) is applied.
    let a = apply(&state, &funded("ccsbtxn_new", 1, 1_000 + n as i64 - 1));
    assert_eq!(a["value"]["transaction"]["ending_balance"], 100 * n + 1);
    let e = apply(&state, &funded("ccsbtxn_late", 1, 1_000));
    assert!(e["error"]["message"]
        .as_str()
        .unwrap()
        .contains("ccsbtxn_late"));
}

#[test]
fn ids_of_reconciliation_count_from_the_transactions_applied() {
    let mut state = json!({ "customer": "cus_1" });
    for i in 0..WINDOW + 5 {
        state = apply(&state, &funded(&id(i), 1, i as i64))["value"]["state"].clone();
    }
    let r = answer(&api::add_cash_payment(
        &state.to_string(),
        &json!({ "id": "pi_1", "currency": "eur", "amount_remaining": 10, "created": 1 })
            .to_string(),
    ));
    // A payment created long ago is paid at once; its applied_to_payment is never stale.
    let applied = &r["value"]["applied"][0];
    assert_eq!(applied["id"], format!("ccsbtxn_{}_pi_1", WINDOW + 6));
    assert_eq!(applied["ending_balance"], (WINDOW + 5 - 10) as i64);
}

#[test]
fn a_state_of_an_earlier_version_keeps_its_ids() {
    let ids: Vec<String> = (0..WINDOW + 10).map(id).collect();
    let old = json!({ "customer": "cus_1", "available": { "eur": 0 }, "transaction_ids": ids });
    assert_eq!(
        refused(&apply(&old, &funded(&id(3), 1, 50))),
        "duplicate_transaction"
    );
    let a = apply(&old, &funded("ccsbtxn_next", 1, 50));
    let state = &a["value"]["state"];
    assert_eq!(state.get("transaction_ids"), None);
    assert_eq!(state["transaction_count"], WINDOW + 11);
    assert_eq!(
        state["recent_transactions"].as_array().unwrap().len(),
        WINDOW
    );
    // The old ids that left the window are covered by the newest time the window knew.
    assert_eq!(state["forgotten_through"], 50);
    assert_eq!(
        refused(&apply(state, &funded(&id(0), 1, 50))),
        "stale_transaction"
    );
}

#[test]
fn a_hostile_window_is_refused_with_paths() {
    let bad = json!({ "customer": "cus_1", "recent_transactions": [{ "id": "a", "created": 1 }, { "id": "a", "created": 2 }, { "id": 5 }],
                      "transaction_count": 0, "forgotten_through": -1 });
    let a = apply(&bad, &funded("x", 1, 1));
    let issues: Vec<(String, String)> = a["error"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for expected in [
        ("/recent_transactions/1/id", "duplicate_transaction"),
        ("/recent_transactions/2", "invalid_type"),
        ("/transaction_count", "out_of_range"),
        ("/forgotten_through", "out_of_range"),
    ] {
        assert!(
            issues.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {issues:?}"
        );
    }
}
