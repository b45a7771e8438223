#![cfg(not(target_arch = "wasm32"))]
//! The cash balance core: Stripe's transaction rules, the folded `cash_balance` object,
//! reconciliation and the deletion guard, with property tests over random histories.

use std::collections::BTreeMap;

use balance_ledger::api;
use proptest::prelude::*;
use serde_json::{json, Value};

fn value(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    assert!(v.get("error").is_none(), "unexpected error: {v}");
    v["value"].clone()
}
fn error(answer: &str) -> Value {
    let v: Value = serde_json::from_str(answer).unwrap();
    assert!(v.get("value").is_none(), "expected an error: {v}");
    v["error"].clone()
}
/// The code of an error: its own, or its first issue's for `invalid_input`.
fn code(answer: &str) -> String {
    let e = error(answer);
    if e["code"] == "invalid_input" {
        e["issues"][0]["code"].as_str().unwrap().to_owned()
    } else {
        e["code"].as_str().unwrap().to_owned()
    }
}
fn s(v: &Value) -> String {
    v.to_string()
}

fn funded(id: &str, amount: i64) -> Value {
    json!({
        "id": id, "type": "funded", "currency": "eur", "net_amount": amount, "created": 1_690_829_143,
        "funded": { "bank_transfer": {
            "type": "eu_bank_transfer", "reference": "Invoice 28278FC-155",
            "eu_bank_transfer": { "bic": "BANKDEAAXXX", "iban_last4": "7089", "sender_name": "Sample GmbH" }
        } }
    })
}

fn apply(state: &Value, t: &Value) -> Value {
    value(&api::apply_cash_transaction(&s(state), &s(t)))
}

#[test]
fn a_funding_gives_the_stripe_transaction_with_its_ending_balance() {
    let state = json!({ "customer": "cus_9s6XKzkNRiz8i3" });
    let r = apply(&state, &funded("ccsbtxn_1", 5000));
    let t = &r["transaction"];
    assert_eq!(t["object"], "customer_cash_balance_transaction");
    assert_eq!(t["customer"], "cus_9s6XKzkNRiz8i3");
    assert_eq!(t["currency"], "eur");
    assert_eq!(t["net_amount"], 5000);
    assert_eq!(t["ending_balance"], 5000);
    assert_eq!(t["livemode"], false);
    assert_eq!(
        t["funded"]["bank_transfer"]["eu_bank_transfer"]["iban_last4"],
        "7089"
    );
    assert!(t.get("applied_to_payment").is_none());
    assert_eq!(r["state"]["available"], json!({ "eur": 5000 }));
    // The state returned is the state given next.
    let r2 = apply(&r["state"], &funded("ccsbtxn_2", 5000));
    assert_eq!(r2["transaction"]["ending_balance"], 10000);
    assert_eq!(r2["state"]["transaction_count"], 2);
    assert_eq!(
        r2["state"]["recent_transactions"],
        json!([{ "id": "ccsbtxn_1", "created": 1_690_829_143 }, { "id": "ccsbtxn_2", "created": 1_690_829_143 }])
    );
}

#[test]
fn every_type_has_stripes_sign_and_detail() {
    let mut state = apply(&json!({ "customer": "cus_1" }), &funded("f", 10_000))["state"].clone();
    let cases = [
        json!({ "id": "a", "type": "applied_to_payment", "currency": "eur", "net_amount": -1000, "created": 2,
                "applied_to_payment": { "payment_intent": "pi_1" } }),
        json!({ "id": "u", "type": "unapplied_from_payment", "currency": "eur", "net_amount": 500, "created": 3,
                "unapplied_from_payment": { "payment_intent": "pi_1" } }),
        json!({ "id": "r", "type": "refunded_from_payment", "currency": "eur", "net_amount": 200, "created": 4,
                "refunded_from_payment": { "refund": "re_1" } }),
        json!({ "id": "ri", "type": "return_initiated", "currency": "eur", "net_amount": -300, "created": 5 }),
        json!({ "id": "rc", "type": "return_canceled", "currency": "eur", "net_amount": 300, "created": 6 }),
        json!({ "id": "fr", "type": "funding_reversed", "currency": "eur", "net_amount": -700, "created": 7 }),
    ];
    let mut expected = 10_000;
    for c in &cases {
        let r = apply(&state, c);
        expected += c["net_amount"].as_i64().unwrap();
        assert_eq!(r["transaction"]["ending_balance"], expected, "{c}");
        let kind = c["type"].as_str().unwrap();
        if let Some(d) = c.get(kind) {
            assert_eq!(&r["transaction"][kind], d);
        }
        state = r["state"].clone();
        // The opposite sign is refused.
        let mut flipped = c.clone();
        flipped["id"] = json!("other");
        flipped["net_amount"] = json!(-c["net_amount"].as_i64().unwrap());
        assert_eq!(
            code(&api::apply_cash_transaction(&s(&state), &s(&flipped))),
            "wrong_sign"
        );
    }
    assert_eq!(state["available"]["eur"], expected);
}

#[test]
fn refusals_have_their_codes() {
    let state = apply(&json!({ "customer": "cus_1" }), &funded("f", 1000))["state"].clone();
    let try_ = |t: Value| code(&api::apply_cash_transaction(&s(&state), &s(&t)));
    assert_eq!(try_(funded("f", 1)), "duplicate_transaction");
    let mut t = funded("g", 1);
    t["currency"] = json!("xxx");
    assert_eq!(try_(t), "unknown_currency");
    let mut t = funded("g", 1);
    t["currency"] = json!("978");
    assert_eq!(try_(t), "unknown_currency");
    let mut t = funded("g", 1);
    t["type"] = json!("gift");
    assert_eq!(try_(t), "unknown_type");
    // A known type with another type's detail: the detail is in the wrong place.
    let mut t = funded("g", -1);
    t["type"] = json!("transferred_to_balance");
    assert_eq!(try_(t), "unknown_field");
    assert_eq!(try_(funded("g", 0)), "wrong_sign");
    let mut t = funded("g", 1);
    t["net_amount"] = json!(10.5);
    assert_eq!(try_(t), "not_integer");
    let mut t = funded("g", 1);
    t["net_amount"] = json!(9_007_199_254_740_992i64);
    assert_eq!(try_(t), "out_of_range");
    let mut t = funded("g", 1);
    t["customer"] = json!("cus_2");
    assert_eq!(try_(t), "customer_mismatch");
    let mut t = funded("g", 1);
    t["ending_balance"] = json!(5);
    assert_eq!(try_(t), "balance_mismatch");
    let spend = json!({ "id": "x", "type": "return_initiated", "currency": "eur", "net_amount": -1001, "created": 1 });
    let e = error(&api::apply_cash_transaction(&s(&state), &s(&spend)));
    assert_eq!(e["code"], "insufficient_funds");
    assert_eq!(e["issues"][0]["path"], "/net_amount");
    // A missing detail and another type's detail are both reported, at once.
    let bad = json!({ "id": "y", "type": "applied_to_payment", "currency": "eur", "net_amount": -1, "created": 1,
                      "funded": { "bank_transfer": { "type": "eu_bank_transfer" } } });
    let e = error(&api::apply_cash_transaction(&s(&state), &s(&bad)));
    let paths: Vec<&str> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["/funded", "/applied_to_payment"]);
}

#[test]
fn an_overdraft_is_accepted_only_from_a_reversal_and_only_its_adjustment_follows() {
    let state = apply(&json!({ "customer": "cus_1" }), &funded("f", 1000))["state"].clone();
    let reversal = json!({ "id": "rev", "type": "funding_reversed", "currency": "eur", "net_amount": -1500, "created": 2 });
    let r = apply(&state, &reversal);
    assert_eq!(r["transaction"]["ending_balance"], -500);
    assert_eq!(r["state"]["overdrafts"], json!({ "eur": "rev" }));
    let overdrawn = r["state"].clone();
    assert_eq!(
        code(&api::apply_cash_transaction(
            &s(&overdrawn),
            &s(&funded("g", 100))
        )),
        "overdraft_pending"
    );
    let adjust = |amount: i64, linked: &str| {
        json!({ "id": "adj", "type": "adjusted_for_overdraft", "currency": "eur", "net_amount": amount, "created": 3,
                "adjusted_for_overdraft": { "balance_transaction": "txn_1", "linked_transaction": linked } })
    };
    assert_eq!(
        code(&api::apply_cash_transaction(
            &s(&overdrawn),
            &s(&adjust(400, "rev"))
        )),
        "overdraft_pending"
    );
    assert_eq!(
        code(&api::apply_cash_transaction(
            &s(&overdrawn),
            &s(&adjust(500, "f"))
        )),
        "overdraft_pending"
    );
    let r = apply(&overdrawn, &adjust(500, "rev"));
    assert_eq!(r["transaction"]["ending_balance"], 0);
    assert_eq!(r["state"]["overdrafts"], json!({}));
    let mut again = adjust(1, "rev");
    again["id"] = json!("adj2");
    assert_eq!(
        code(&api::apply_cash_transaction(&s(&r["state"]), &s(&again))),
        "no_overdraft"
    );
}

#[test]
fn cash_balance_folds_transactions_and_reports_the_settings() {
    let txs = json!([funded("a", 7000), funded("b", 3000)]);
    let cb = value(&api::cash_balance(
        "\"cus_OaCLf8Fi1nbFpJ\"",
        &s(&txs),
        "null",
    ));
    assert_eq!(
        cb,
        json!({ "object": "cash_balance", "available": { "eur": 10000 }, "customer": "cus_OaCLf8Fi1nbFpJ",
                "customer_account": null, "livemode": false,
                "settings": { "reconciliation_mode": "automatic", "using_merchant_default": true } })
    );
    let empty = value(&api::cash_balance(
        "\"cus_Ob4Xiw8KXOqcvM\"",
        "[]",
        r#"{"reconciliation_mode":"manual"}"#,
    ));
    assert_eq!(empty["available"], Value::Null);
    assert_eq!(
        empty["settings"],
        json!({ "reconciliation_mode": "manual", "using_merchant_default": false })
    );
    let merchant_manual = value(&api::cash_balance(
        "\"cus_1\"",
        "[]",
        r#"{"merchant_default":"manual"}"#,
    ));
    assert_eq!(
        merchant_manual["settings"],
        json!({ "reconciliation_mode": "manual", "using_merchant_default": true })
    );
    // Stripe's own settings object reads back as the same settings.
    let back = value(&api::cash_balance(
        "\"cus_1\"",
        "[]",
        &s(&merchant_manual["settings"]),
    ));
    assert_eq!(back["settings"], merchant_manual["settings"]);
    // A transaction of the list breaking a rule is named by its index.
    let bad = json!([funded("a", 1), funded("a", 1)]);
    let e = error(&api::cash_balance("\"cus_1\"", &s(&bad), "null"));
    assert_eq!(e["code"], "duplicate_transaction");
    assert_eq!(e["issues"][0]["path"], "/1/id");
}

#[test]
fn the_customer_cannot_be_deleted_with_any_cash_balance_even_zero() {
    let yes = |v: &Value| value(&api::can_delete_customer(&s(v)));
    assert_eq!(yes(&json!({ "customer": "cus_1" })), true);
    let r = apply(&json!({ "customer": "cus_1" }), &funded("f", 100));
    assert_eq!(yes(&r["state"]), false);
    let spent = apply(
        &r["state"],
        &json!({ "id": "ri", "type": "return_initiated", "currency": "eur", "net_amount": -100, "created": 2 }),
    );
    assert_eq!(spent["state"]["available"], json!({ "eur": 0 }));
    assert_eq!(yes(&spent["state"]), false);
    // A cash_balance object works too.
    let cb = value(&api::cash_balance("\"cus_1\"", "[]", "null"));
    assert_eq!(yes(&cb), true);
    assert_eq!(
        yes(&json!({ "object": "cash_balance", "available": { "eur": 0 } })),
        false
    );
}

#[test]
fn automatic_mode_applies_funds_to_the_oldest_payments_exactly_and_partially() {
    let mut state = json!({ "customer": "cus_1" });
    for (id, amount, created) in [("pi_new", 3000, 20), ("pi_old", 2000, 10)] {
        let r = value(&api::add_cash_payment(
            &s(&state),
            &s(
                &json!({ "id": id, "currency": "eur", "amount_remaining": amount, "created": created }),
            ),
        ));
        assert_eq!(r["applied"], json!([]));
        state = r["state"].clone();
    }
    assert_eq!(state["open_payments"][0]["id"], "pi_old");
    let r = apply(&state, &funded("f", 3500));
    let applied = r["applied"].as_array().unwrap();
    assert_eq!(applied.len(), 2);
    assert_eq!(applied[0]["type"], "applied_to_payment");
    assert_eq!(applied[0]["applied_to_payment"]["payment_intent"], "pi_old");
    assert_eq!(applied[0]["net_amount"], -2000);
    assert_eq!(applied[0]["ending_balance"], 1500);
    assert_eq!(applied[1]["applied_to_payment"]["payment_intent"], "pi_new");
    assert_eq!(applied[1]["net_amount"], -1500);
    assert_eq!(applied[1]["ending_balance"], 0);
    assert_eq!(
        r["state"]["open_payments"],
        json!([{ "id": "pi_new", "currency": "eur", "amount_remaining": 1500, "created": 20 }])
    );
    // Funds already there go to a payment as soon as it opens.
    let r = apply(&r["state"], &funded("g", 5000));
    assert_eq!(r["applied"][0]["net_amount"], -1500);
    let r = value(&api::add_cash_payment(
        &s(&r["state"]),
        &s(&json!({ "id": "pi_3", "currency": "eur", "amount_remaining": 1000, "created": 30 })),
    ));
    assert_eq!(r["applied"][0]["net_amount"], -1000);
    assert_eq!(r["state"]["available"]["eur"], 2500);
    assert_eq!(r["state"]["open_payments"], json!([]));
}

#[test]
fn a_payment_with_the_longest_id_gets_an_applied_id_every_reader_accepts() {
    // 255 characters (the most an id may have), four bytes each.
    let long = "\u{10ff70}".repeat(255);
    let state = json!({ "customer": "cus_1", "available": { "eur": 5000 } });
    let r = value(&api::add_cash_payment(
        &s(&state),
        &s(&json!({ "id": long, "currency": "eur", "amount_remaining": 1000, "created": 30 })),
    ));
    let id = r["applied"][0]["id"].as_str().unwrap();
    assert_eq!(id.chars().count(), 255);
    assert!(id.starts_with("ccsbtxn_1_\u{10ff70}"));
    assert_eq!(
        r["applied"][0]["applied_to_payment"]["payment_intent"],
        long.as_str()
    );
    // The state answered is accepted by the next call (it was refused: the window holds ids of at
    // most 255 characters).
    let next = value(&api::add_cash_payment(
        &s(&r["state"]),
        &s(&json!({ "id": "pi_2", "currency": "eur", "amount_remaining": 500, "created": 31 })),
    ));
    assert_eq!(next["applied"][0]["net_amount"], -500);
}

#[test]
fn manual_mode_applies_nothing_until_asked() {
    let state = json!({ "customer": "cus_1", "settings": { "reconciliation_mode": "manual" },
                        "open_payments": [{ "id": "pi_1", "currency": "eur", "amount_remaining": 2000, "created": 1 },
                                          { "id": "pi_2", "currency": "eur", "amount_remaining": 2000, "created": 2 }] });
    let r = apply(&state, &funded("f", 3000));
    assert_eq!(r["applied"], json!([]));
    assert_eq!(r["state"]["available"]["eur"], 3000);
    // Apply to one payment, a given amount.
    let one = value(&api::reconcile_cash_balance(
        &s(&r["state"]),
        r#"{"created": 5, "payment_intent": "pi_2", "amount": 500}"#,
    ));
    assert_eq!(
        one["applied"][0]["applied_to_payment"]["payment_intent"],
        "pi_2"
    );
    assert_eq!(one["applied"][0]["net_amount"], -500);
    assert_eq!(one["applied"][0]["created"], 5);
    // Apply everything: the oldest first, the rest partially.
    let all = value(&api::reconcile_cash_balance(
        &s(&one["state"]),
        r#"{"created": 6}"#,
    ));
    let nets: Vec<i64> = all["applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["net_amount"].as_i64().unwrap())
        .collect();
    assert_eq!(nets, [-2000, -500]);
    assert_eq!(all["state"]["available"]["eur"], 0);
    assert_eq!(all["state"]["open_payments"][0]["amount_remaining"], 1000);
    assert_eq!(
        code(&api::reconcile_cash_balance(
            &s(&all["state"]),
            r#"{"created": 7, "payment_intent": "pi_9"}"#
        )),
        "unknown_payment"
    );
    assert_eq!(
        code(&api::reconcile_cash_balance(
            &s(&all["state"]),
            r#"{"created": 7, "payment_intent": "pi_2", "amount": 1001}"#
        )),
        "exceeds_payment"
    );
    // A direct applied_to_payment may not exceed what an open payment awaits.
    let over = json!({ "id": "x", "type": "applied_to_payment", "currency": "eur", "net_amount": -1001, "created": 8,
                       "applied_to_payment": { "payment_intent": "pi_2" } });
    let funded_state = apply(&all["state"], &funded("g", 5000))["state"].clone();
    assert_eq!(
        code(&api::apply_cash_transaction(&s(&funded_state), &s(&over))),
        "exceeds_payment"
    );
}

#[test]
fn hostile_state_and_keys_get_coded_errors() {
    let e = error(&api::apply_cash_transaction(
        r#"{"customer":"cus_1","available":{"__proto__":5},"colour":1}"#,
        &s(&funded("f", 1)),
    ));
    let codes: Vec<&str> = e["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown_field", "unknown_currency"]);
    assert_eq!(
        code(&api::apply_cash_transaction(
            r#"{"available":{"eur":-1}}"#,
            "{}"
        )),
        "required"
    );
    assert_eq!(
        error(&api::apply_cash_transaction("[", "{}"))["code"],
        "unreadable_input"
    );
}

/// One random step of a history.
#[derive(Debug, Clone)]
enum Step {
    Tx(usize, &'static str, i64),
    Pay(usize, i64),
}

const CURRENCIES: [&str; 3] = ["eur", "usd", "jpy"];

fn step() -> impl Strategy<Value = Step> {
    let kinds = prop::sample::select(vec![
        "funded",
        "applied_to_payment",
        "unapplied_from_payment",
        "refunded_from_payment",
        "funding_reversed",
        "return_initiated",
        "return_canceled",
    ]);
    prop_oneof![
        4 => (0..3usize, kinds, 1i64..100_000).prop_map(|(c, k, a)| Step::Tx(c, k, a)),
        1 => (0..3usize, 1i64..100_000).prop_map(|(c, a)| Step::Pay(c, a)),
    ]
}

fn transaction(i: usize, c: usize, kind: &str, amount: i64) -> Value {
    let adds = matches!(
        kind,
        "funded" | "unapplied_from_payment" | "refunded_from_payment" | "return_canceled"
    );
    let mut t = json!({ "id": format!("t{i}"), "type": kind, "currency": CURRENCIES[c],
                        "net_amount": if adds { amount } else { -amount }, "created": i });
    match kind {
        "funded" => {
            t["funded"] = json!({ "bank_transfer": { "type": "us_bank_transfer", "us_bank_transfer": { "network": "ach", "sender_name": null } } })
        }
        "applied_to_payment" | "unapplied_from_payment" => {
            t[kind] = json!({ "payment_intent": "pi_x" })
        }
        "refunded_from_payment" => t[kind] = json!({ "refund": "re_x" }),
        _ => {}
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn balances_add_up_and_reconciliation_never_overpays(
        steps in prop::collection::vec(step(), 1..40),
        manual in any::<bool>(),
    ) {
        let mode = if manual { "manual" } else { "automatic" };
        let mut state = json!({ "customer": "cus_p", "settings": { "reconciliation_mode": mode } });
        let mut log: Vec<Value> = Vec::new();
        let mut awaited: BTreeMap<String, i64> = BTreeMap::new();
        for (i, st) in steps.iter().enumerate() {
            let before = state.clone();
            let (answer, made) = match st {
                Step::Tx(c, kind, amount) => {
                    let t = transaction(i, *c, kind, *amount);
                    let a = api::apply_cash_transaction(&s(&state), &s(&t));
                    let v: Value = serde_json::from_str(&a).unwrap();
                    if let Some(tx) = v["value"].get("transaction") {
                        log.push(tx.clone());
                    }
                    (v, "applied")
                }
                Step::Pay(c, amount) => {
                    let p = json!({ "id": format!("pi_{i}"), "currency": CURRENCIES[*c], "amount_remaining": amount, "created": i });
                    let a = api::add_cash_payment(&s(&state), &s(&p));
                    let v: Value = serde_json::from_str(&a).unwrap();
                    if v.get("value").is_some() {
                        awaited.insert(format!("pi_{i}"), *amount);
                    }
                    (v, "applied")
                }
            };
            let Some(v) = answer.get("value") else {
                // A refusal changes nothing: the caller keeps the state it had.
                state = before;
                continue;
            };
            for t in v[made].as_array().unwrap() {
                // Never more than a payment awaits, nor than the balance held.
                let pi = t["applied_to_payment"]["payment_intent"].as_str().unwrap().to_owned();
                let n = -t["net_amount"].as_i64().unwrap();
                prop_assert!(n > 0);
                let left = awaited.get_mut(&pi).unwrap();
                prop_assert!(n <= *left, "{n} applied to {pi} awaiting {left}");
                *left -= n;
                prop_assert!(t["ending_balance"].as_i64().unwrap() >= 0);
                log.push(t.clone());
            }
            state = v["state"].clone();
            if !manual {
                // Automatic mode leaves no currency with both funds and a payment awaiting them.
                for p in state["open_payments"].as_array().unwrap() {
                    let c = p["currency"].as_str().unwrap();
                    prop_assert!(state["available"][c].as_i64().unwrap_or(0) <= 0);
                }
            }
        }
        // available = Σ net_amount per currency = the last ending_balance per currency.
        let mut sums: BTreeMap<String, i64> = BTreeMap::new();
        let mut last: BTreeMap<String, i64> = BTreeMap::new();
        for t in &log {
            let c = t["currency"].as_str().unwrap().to_owned();
            *sums.entry(c.clone()).or_default() += t["net_amount"].as_i64().unwrap();
            last.insert(c, t["ending_balance"].as_i64().unwrap());
        }
        // A state no transaction was applied to may have no `available` yet.
        let available: BTreeMap<String, i64> = match &state["available"] {
            Value::Null => BTreeMap::new(),
            a => serde_json::from_value(a.clone()).unwrap(),
        };
        prop_assert_eq!(&available, &sums);
        prop_assert_eq!(&available, &last);
        // Folding the log gives the same balance.
        let cb = value(&api::cash_balance("\"cus_p\"", &s(&Value::Array(log.clone())), &s(&json!({ "reconciliation_mode": mode }))));
        if log.is_empty() {
            prop_assert_eq!(&cb["available"], &Value::Null);
        } else {
            prop_assert_eq!(&cb["available"], &state["available"]);
        }
    }
}
