#![cfg(not(target_arch = "wasm32"))]
//! The IVR account-balance view (DESIGN section 6), derived from the ledger.

use balance_ledger::Code;
use balance_ledger::{account_balance, charge_balance, fund_balance, settle_balance};
use serde_json::{json, Value};

fn v<T: serde::Serialize>(t: T) -> Value {
    serde_json::to_value(t).unwrap()
}
fn at(now: &str) -> Value {
    json!({ "now": now })
}

#[test]
fn seed_shape_from_the_ledger() {
    let c = json!({ "id": "000152301242008", "currency": "USD", "status": "active" });
    let c = v(charge_balance(
        &c,
        &json!([{ "price": 400 }, { "price": 97.7 }]),
        &at("2014-08-20T09:00:00-07:00"),
    )
    .unwrap())["customer"]
        .clone();
    let c = v(settle_balance(&c, &json!("success"), &at("2014-09-01T16:30:00-07:00")).unwrap())
        ["customer"]
        .clone();
    let c = v(charge_balance(&c, &json!(30), &at("2014-09-10T09:00:00-07:00")).unwrap())
        ["customer"]
        .clone();
    let view = v(account_balance(&c, &json!({ "request_tracking_id": "234", "billing_name": "FAIRPOINT COMMUNICATIONS INC ", "ivr_fee": "5.0" })).unwrap());
    assert_eq!(
        view,
        json!({
            "request_tracking_id": "234",
            "billing_name": "FAIRPOINT COMMUNICATIONS INC ",
            "ivr_fee": "5.00",
            "last_payment_amount": "497.70",
            "last_payment_date": "2014-09-01",
            "balance": [{ "type": "total", "amount": "30.00" }]
        })
    );
}

#[test]
fn due_is_unsettled_less_funds_and_the_latest_payment_wins() {
    let order = |n: &str, amount: &str| json!({ "number": n, "items": amount, "currency": "SEK", "customer": "c", "payment": { "type": "customer", "charge": "balance" } });
    let c = json!({ "id": "c", "currency": "SEK", "balance": [{ "price": 10 }] });
    let c = v(fund_balance(
        &c,
        &order("a", "25"),
        &json!("success"),
        &at("2026-01-02T00:00:00Z"),
    )
    .unwrap())["customer"]
        .clone();
    let c = v(fund_balance(
        &c,
        &order("b", "5"),
        &json!("failure"),
        &at("2026-01-03T00:00:00Z"),
    )
    .unwrap())["customer"]
        .clone();
    let view = v(account_balance(&c, &json!({ "request_tracking_id": "t" })).unwrap());
    assert_eq!(view["balance"][0]["amount"], "-15.00"); // funds exceed the items: a credit
    assert_eq!(view["last_payment_amount"], "25.00"); // the failed one is not a payment
    assert_eq!(view["last_payment_date"], "2026-01-02");
    assert_eq!(view["billing_name"], Value::Null);
    assert_eq!(view["ivr_fee"], Value::Null);
}

#[test]
fn no_payment_yet_is_null() {
    let c = json!({ "id": "c", "currency": "JPY" });
    let view =
        v(account_balance(&c, &json!({ "request_tracking_id": "t", "ivr_fee": 50 })).unwrap());
    assert_eq!(view["last_payment_amount"], Value::Null);
    assert_eq!(view["last_payment_date"], Value::Null);
    assert_eq!(view["ivr_fee"], "50");
    assert_eq!(view["balance"], json!([{ "type": "total", "amount": "0" }]));
}

#[test]
fn extras_are_validated() {
    let c = json!({ "id": "c", "currency": "SEK" });
    let e = account_balance(&c, &json!({ "ivr_fee": -1, "pin": "1234" })).unwrap_err();
    let found: Vec<(String, Code)> = e.issues.into_iter().map(|i| (i.path, i.code)).collect();
    assert_eq!(
        found,
        [
            ("/extras/pin".to_string(), Code::UnknownField),
            ("/extras/request_tracking_id".to_string(), Code::Required),
            ("/extras/ivr_fee".to_string(), Code::Negative),
        ]
    );
    let e = account_balance(
        &c,
        &json!({ "request_tracking_id": "t", "ivr_fee": "0.001" }),
    )
    .unwrap_err();
    assert_eq!(e.issues[0].code, Code::TooPrecise);
}
