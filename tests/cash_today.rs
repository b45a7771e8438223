#![cfg(not(target_arch = "wasm32"))]
//! Stripe's cash balance objects as its current API sends them: `customer_account`, the ninth type
//! `transferred_to_balance`, references that arrive expanded (read as their ids), and fields this
//! package does not know, kept as they came on the transaction that brought them while the fields
//! it knows stay as strictly checked as before.

use balance_ledger::api;
use serde_json::{json, Value};

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
fn value(text: &str) -> Value {
    let v = answer(text);
    assert!(v.get("error").is_none(), "unexpected error: {v}");
    v["value"].clone()
}
/// `(path, code)` of every issue of an error answer (its own code when it has none).
fn refusal(text: &str) -> Vec<(String, String)> {
    let v = answer(text);
    let e = &v["error"];
    assert!(e.is_object(), "expected an error: {v}");
    let issues = e["issues"].as_array().unwrap();
    if issues.is_empty() {
        return vec![(String::new(), e["code"].as_str().unwrap().to_owned())];
    }
    issues
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
fn s(v: &Value) -> String {
    v.to_string()
}
fn apply(state: &Value, t: &Value) -> Value {
    value(&api::apply_cash_transaction(&s(state), &s(t)))
}

/// A `funded` transaction exactly as Stripe's API returns it today.
fn stripe_funded(id: &str, amount: i64, ending: i64) -> Value {
    json!({
        "id": id, "object": "customer_cash_balance_transaction", "created": 1_690_829_143,
        "currency": "eur", "customer": "cus_9s6XKzkNRiz8i3", "customer_account": null,
        "ending_balance": ending,
        "funded": { "bank_transfer": {
            "eu_bank_transfer": { "bic": "BANKDEAAXXX", "iban_last4": "7089", "sender_name": "Sample Business GmbH" },
            "reference": "Payment for Invoice 28278FC-155", "type": "eu_bank_transfer"
        } },
        "livemode": false, "net_amount": amount, "type": "funded"
    })
}

#[test]
fn a_transaction_as_stripe_returns_it_today_is_applied_and_comes_back_with_customer_account() {
    let state = json!({ "customer": "cus_9s6XKzkNRiz8i3" });
    let r = apply(&state, &stripe_funded("ccsbtxn_1", 5000, 5000));
    assert_eq!(r["transaction"], stripe_funded("ccsbtxn_1", 5000, 5000));
    assert_eq!(r["state"]["customer_account"], Value::Null);
    let cb = value(&api::cash_balance(
        "\"cus_9s6XKzkNRiz8i3\"",
        &s(&json!([
            stripe_funded("a", 5000, 5000),
            stripe_funded("b", 5000, 10000)
        ])),
        "null",
    ));
    assert_eq!(cb["available"], json!({ "eur": 10000 }));
    assert_eq!(cb["customer_account"], Value::Null);
}

#[test]
fn unknown_fields_are_kept_as_they_came_at_every_level() {
    let mut t = stripe_funded("ccsbtxn_1", 5000, 5000);
    t["risk_review"] = json!({ "status": "passed", "score": [1, 2.5, null] });
    t["funded"]["source_network"] = json!("sepa");
    t["funded"]["bank_transfer"]["purpose_code"] = json!("SUPP");
    t["funded"]["bank_transfer"]["eu_bank_transfer"]["sender_address"] = json!({ "city": "Köln" });
    let r = apply(&json!({ "customer": "cus_9s6XKzkNRiz8i3" }), &t);
    assert_eq!(r["transaction"], t);
    // The state keeps no trace of them: it is this package's own object.
    assert!(!r["state"].to_string().contains("risk_review"));
    // On an applied_to_payment's detail too.
    let applied = json!({ "id": "a", "type": "applied_to_payment", "currency": "eur", "net_amount": -100,
        "created": 2, "applied_to_payment": { "payment_intent": "pi_1", "attempt": 3 }, "note": "x" });
    let out = apply(&r["state"], &applied)["transaction"].clone();
    assert_eq!(
        out["applied_to_payment"],
        json!({ "payment_intent": "pi_1", "attempt": 3 })
    );
    assert_eq!(out["note"], "x");
}

#[test]
fn known_fields_are_checked_as_strictly_as_before() {
    let state = json!({ "customer": "cus_9s6XKzkNRiz8i3" });
    let bad = |edit: &dyn Fn(&mut Value)| {
        let mut t = stripe_funded("ccsbtxn_1", 5000, 5000);
        edit(&mut t);
        refusal(&api::apply_cash_transaction(&s(&state), &s(&t)))
    };
    let one = |path: &str, code: &str| vec![(path.to_owned(), code.to_owned())];
    assert_eq!(
        bad(&|t| t["customer_account"] = json!(7)),
        one("/customer_account", "invalid_type")
    );
    assert_eq!(
        bad(&|t| t["customer_account"] = json!("")),
        one("/customer_account", "empty")
    );
    assert_eq!(
        bad(&|t| t["object"] = json!("cash_balance")),
        one("/object", "invalid_type")
    );
    assert_eq!(
        bad(&|t| t["livemode"] = json!("no")),
        one("/livemode", "invalid_type")
    );
    assert_eq!(
        bad(&|t| t["funded"]["bank_transfer"]["type"] = json!("ch_bank_transfer")),
        one("/funded/bank_transfer/type", "invalid_type")
    );
    assert_eq!(
        bad(&|t| t["funded"]["bank_transfer"]["reference"] = json!(5)),
        one("/funded/bank_transfer/reference", "invalid_type")
    );
    assert_eq!(
        bad(&|t| t["applied_to_payment"] = json!({ "payment_intent": "pi_1" })),
        one("/applied_to_payment", "unknown_field")
    );
    assert_eq!(
        bad(&|t| t["type"] = json!("gift")),
        one("/type", "unknown_type")
    );
    // A value JSON cannot carry did not come from Stripe, even in a field this package keeps.
    assert_eq!(
        bad(&|t| t["extra"] = json!({ "deep": [{ "\u{0}js": "NaN" }] })),
        one("/extra", "invalid_type")
    );
}

#[test]
fn expanded_references_are_read_as_their_ids() {
    let customer =
        json!({ "id": "cus_1", "object": "customer", "email": "jenny@example.com", "balance": 0 });
    let mut t = stripe_funded("f", 10_000, 10_000);
    t["customer"] = customer.clone();
    let r = apply(&json!({ "customer": "cus_1" }), &t);
    assert_eq!(r["transaction"]["customer"], "cus_1");
    let expanded = [
        json!({ "id": "a", "type": "applied_to_payment", "currency": "eur", "net_amount": -1000, "created": 2,
                "customer": customer,
                "applied_to_payment": { "payment_intent": { "id": "pi_1", "object": "payment_intent", "amount": 1000 } } }),
        json!({ "id": "u", "type": "unapplied_from_payment", "currency": "eur", "net_amount": 500, "created": 3,
                "unapplied_from_payment": { "payment_intent": { "id": "pi_1", "object": "payment_intent" } } }),
        json!({ "id": "r", "type": "refunded_from_payment", "currency": "eur", "net_amount": 200, "created": 4,
                "refunded_from_payment": { "refund": { "id": "re_1", "object": "refund", "amount": 200 } } }),
        json!({ "id": "fr", "type": "funding_reversed", "currency": "eur", "net_amount": -10_000, "created": 5 }),
        json!({ "id": "ad", "type": "adjusted_for_overdraft", "currency": "eur", "net_amount": 300, "created": 6,
                "adjusted_for_overdraft": {
                    "balance_transaction": { "id": "txn_1", "object": "balance_transaction", "amount": -300 },
                    "linked_transaction": { "id": "fr", "object": "customer_cash_balance_transaction", "net_amount": -10_000 } } }),
    ];
    let mut state = r["state"].clone();
    let mut out = Vec::new();
    for t in &expanded {
        let r = apply(&state, t);
        out.push(r["transaction"].clone());
        state = r["state"].clone();
    }
    assert_eq!(out[0]["customer"], "cus_1");
    assert_eq!(
        out[0]["applied_to_payment"],
        json!({ "payment_intent": "pi_1" })
    );
    assert_eq!(
        out[1]["unapplied_from_payment"],
        json!({ "payment_intent": "pi_1" })
    );
    assert_eq!(out[2]["refunded_from_payment"], json!({ "refund": "re_1" }));
    assert_eq!(
        out[4]["adjusted_for_overdraft"],
        json!({ "balance_transaction": "txn_1", "linked_transaction": "fr" })
    );
    assert_eq!(state["available"], json!({ "eur": 0 }));
    // An expanded object of another resource, or one without its id, is refused.
    let wrong = json!({ "id": "x", "type": "refunded_from_payment", "currency": "eur", "net_amount": 1, "created": 7,
        "refunded_from_payment": { "refund": { "id": "pi_1", "object": "payment_intent" } } });
    assert_eq!(
        refusal(&api::apply_cash_transaction(&s(&state), &s(&wrong))),
        [(
            "/refunded_from_payment/refund/object".to_owned(),
            "invalid_type".to_owned()
        )]
    );
    let mut no_id = stripe_funded("y", 1, 1);
    no_id["customer"] = json!({ "object": "customer" });
    assert_eq!(
        refusal(&api::apply_cash_transaction(&s(&state), &s(&no_id))),
        [("/customer/id".to_owned(), "required".to_owned())]
    );
}

#[test]
fn transferred_to_balance_removes_funds_to_the_merchants_stripe_balance() {
    let state = apply(
        &json!({ "customer": "cus_9s6XKzkNRiz8i3" }),
        &stripe_funded("f", 5000, 5000),
    )["state"]
        .clone();
    let transfer = |id: &str, amount: i64| {
        json!({ "id": id, "object": "customer_cash_balance_transaction", "type": "transferred_to_balance",
                "currency": "eur", "net_amount": amount, "created": 2, "customer_account": null, "livemode": false,
                "transferred_to_balance": { "balance_transaction": { "id": "txn_9", "object": "balance_transaction" } } })
    };
    let r = apply(&state, &transfer("t", -3000));
    assert_eq!(r["transaction"]["type"], "transferred_to_balance");
    assert_eq!(r["transaction"]["ending_balance"], 2000);
    assert_eq!(
        r["transaction"]["transferred_to_balance"],
        json!({ "balance_transaction": "txn_9" })
    );
    assert_eq!(r["state"]["available"], json!({ "eur": 2000 }));
    let code = |t: &Value| refusal(&api::apply_cash_transaction(&s(&state), &s(t)));
    assert_eq!(code(&transfer("t", 3000))[0].1, "wrong_sign");
    assert_eq!(code(&transfer("t", -5001))[0].1, "insufficient_funds");
    let mut bare = transfer("t", -1);
    bare.as_object_mut()
        .unwrap()
        .remove("transferred_to_balance");
    assert_eq!(
        code(&bare),
        [("/transferred_to_balance".to_owned(), "required".to_owned())]
    );
}

#[test]
fn the_customer_account_is_taken_from_the_first_transaction_and_held_to() {
    let mut t = stripe_funded("a", 100, 100);
    t["customer_account"] = json!("acct_1");
    let t0 = t.clone();
    let r = apply(&json!({ "customer": "cus_9s6XKzkNRiz8i3" }), &t);
    assert_eq!(r["transaction"]["customer_account"], "acct_1");
    assert_eq!(r["state"]["customer_account"], "acct_1");
    let state = r["state"].clone();
    // Another account, or none, is another customer's transaction.
    for other in [json!("acct_2"), Value::Null] {
        let mut t = stripe_funded("b", 100, 200);
        t["customer_account"] = other;
        assert_eq!(
            refusal(&api::apply_cash_transaction(&s(&state), &s(&t))),
            [(
                "/customer_account".to_owned(),
                "customer_mismatch".to_owned()
            )]
        );
    }
    // Left out, it is the balance's.
    let mut t = stripe_funded("b", 100, 200);
    t.as_object_mut().unwrap().remove("customer_account");
    assert_eq!(
        apply(&state, &t)["transaction"]["customer_account"],
        "acct_1"
    );
    // A balance that has had transactions without one does not take one later.
    let plain = apply(
        &json!({ "customer": "cus_9s6XKzkNRiz8i3" }),
        &stripe_funded("a", 100, 100),
    )["state"]
        .clone();
    let mut late = stripe_funded("b", 100, 200);
    late["customer_account"] = json!("acct_1");
    assert_eq!(
        refusal(&api::apply_cash_transaction(&s(&plain), &s(&late)))[0].1,
        "customer_mismatch"
    );
    // cashBalance reports the account of its transactions.
    let cb = value(&api::cash_balance(
        "\"cus_9s6XKzkNRiz8i3\"",
        &s(&json!([t0, t])),
        "null",
    ));
    assert_eq!(cb["customer_account"], "acct_1");
}

#[test]
fn stripes_cash_balance_object_is_read_as_a_state() {
    let cb = json!({ "object": "cash_balance", "available": { "eur": 10000 }, "customer": "cus_OaCLf8Fi1nbFpJ",
        "customer_account": null, "livemode": false,
        "settings": { "reconciliation_mode": "manual", "using_merchant_default": false },
        "some_new_field": { "added": "later" } });
    let spend = json!({ "id": "ri", "type": "return_initiated", "currency": "eur", "net_amount": -4000, "created": 1 });
    let r = apply(&cb, &spend);
    assert_eq!(r["transaction"]["ending_balance"], 6000);
    assert_eq!(r["state"]["settings"]["reconciliation_mode"], "manual");
    assert_eq!(
        value(&api::can_delete_customer(&s(&cb))),
        json!(false),
        "a balance of any amount blocks deletion"
    );
    // A state of this package's own still refuses a field it does not have.
    assert_eq!(
        refusal(&api::apply_cash_transaction(
            r#"{"customer":"cus_1","colour":1}"#,
            &s(&spend)
        )),
        [("/colour".to_owned(), "unknown_field".to_owned())]
    );
    assert_eq!(
        refusal(&api::apply_cash_transaction(
            r#"{"customer":"cus_1","object":"customer"}"#,
            &s(&spend)
        )),
        [("/object".to_owned(), "invalid_type".to_owned())]
    );
}
