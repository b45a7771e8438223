//! The credit functions built for wasm32, in Node and headless Chromium: the same answers as
//! natively (date arithmetic, DST, holidays and the descriptor character set included).
#![cfg(target_arch = "wasm32")]

use balance_ledger::api;
use serde_json::{json, Value};
use wasm_bindgen_test::*;

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn validate_credit_seed_body_and_fee() {
    let a = answer(&api::validate_credit(
        r#"{"amount":1234}"#,
        r#"{"version":"1"}"#,
    ));
    assert_eq!(
        a["value"],
        json!({ "ok": true, "credit": {
            "version": "1", "state": "pending", "amount": 1234, "fee": 25, "description": null,
            "meta": {}, "appears_on_statement_as": null, "destination_uri": null, "bank_account": null
        }})
    );
}

#[wasm_bindgen_test]
fn validate_credit_reports_every_issue() {
    let a = answer(&api::validate_credit(
        r#"{"amount":"12.50","meta":{"__proto__":"x","a":{"b":"c"}},"appears_on_statement_as":"ACME, Inc/é",
            "bank_account":{"name":"F","routing_number":"325182798","account_number":"9900001234","type":"checking"}}"#,
        r#"{"version":"1.1"}"#,
    ));
    assert_eq!(a["value"]["ok"], false);
    let found: Vec<(&str, &str)> = a["value"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("/amount", "not_integer"),
            ("/meta/a", "invalid_type"),
            ("/appears_on_statement_as", "invalid_characters"),
            ("/bank_account/routing_number", "invalid_routing_number"),
        ]
    );
    let msg = a["value"]["issues"][2]["message"].as_str().unwrap();
    assert!(
        msg.contains("\",\"") && msg.contains("\"/\"") && msg.contains("\"é\""),
        "{msg}"
    );
}

#[wasm_bindgen_test]
fn schedule_at_the_cutoff_and_across_the_march_switch() {
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T14:59:59-08:00""#,
        "null",
    ));
    assert_eq!(
        a["value"],
        json!({ "submitted_at": "2026-03-06T15:00:00-08:00", "available_at": "2026-03-09T09:00:00-07:00",
                "failure_deadline": "2026-03-12T09:00:00-07:00" })
    );
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T15:00:00-08:00""#,
        "null",
    ));
    assert_eq!(a["value"]["submitted_at"], "2026-03-09T15:00:00-07:00");
    let a = answer(&api::credit_schedule(
        r#""2012-10-31T16:40:12.425960Z""#,
        "null",
    ));
    assert_eq!(a["value"]["failure_deadline"], "2012-11-06T09:00:00-08:00");
}

#[wasm_bindgen_test]
fn business_days_on_the_fed_calendar() {
    for (date, open) in [
        ("2026-07-03", true),
        ("2026-07-04", false),
        ("2022-12-26", false),
        ("2021-06-18", true),
        ("2023-06-19", false),
        ("2026-11-26", false),
    ] {
        let a = answer(&api::is_business_day(&format!("\"{date}\"")));
        assert_eq!(a["value"], open, "{date}");
    }
    assert_eq!(
        answer(&api::is_business_day("\"2026-02-29\""))["error"]["issues"][0]["code"],
        "invalid_date"
    );
}

#[wasm_bindgen_test]
fn transitions_and_the_failure_window() {
    let c = r#"{"version":"1.1","status":"succeeded","created_at":"2026-03-06T14:59:59-08:00"}"#;
    let a = answer(&api::transition_credit(
        c,
        r#""failed""#,
        r#"{"at":"2026-03-12T09:00:00-07:00"}"#,
    ));
    assert_eq!(a["value"]["status"], "failed");
    let a = answer(&api::transition_credit(
        c,
        r#""failed""#,
        r#"{"at":"2026-03-12T16:00:01Z"}"#,
    ));
    assert_eq!(a["error"]["code"], "failure_window_closed");
    let a = answer(&api::transition_credit(c, r#""pending""#, "null"));
    assert_eq!(a["error"]["code"], "invalid_transition");
}

#[wasm_bindgen_test]
fn list_page_envelope() {
    let a = answer(&api::list_page(
        r#"[{"id":"old","created_at":"2012-10-31T16:40:14.940398Z"},{"id":"new","created_at":"2012-10-31T16:40:14.940996Z"}]"#,
        r#"{"uri":"/v1/credits","limit":1}"#,
    ));
    let v = &a["value"];
    assert_eq!(v["items"][0]["id"], "new");
    assert_eq!(v["total"], 2);
    assert_eq!(v["next_uri"], "/v1/credits?limit=1&offset=1");
    assert_eq!(v["previous_uri"], Value::Null);
    assert_eq!(v["last_uri"], "/v1/credits?limit=1&offset=1");
    let a = answer(&api::list_page(
        "[]",
        r#"{"uri":"/v1/credits","limit":1000}"#,
    ));
    assert_eq!(a["error"]["code"], "invalid_option");
}

#[wasm_bindgen_test]
fn create_credit_resources_and_move_them() {
    let a = answer(&api::create_credit(
        r#"{"amount":1500,"destination_uri":"/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm"}"#,
        r#"{"version":"1.1","now":"2026-03-06T14:59:59-08:00","seed":"wasm"}"#,
    ));
    let c = &a["value"];
    let id = c["id"].as_str().unwrap();
    assert!(id.starts_with("CR") && id.len() == 24, "{id}");
    assert_eq!(c["href"], format!("/credits/{id}"));
    assert_eq!(
        c["meta"]["balance_ledger.available_at"],
        "2026-03-09T16:00:00Z"
    );
    assert_eq!(c["links"]["destination"], "BA2rvRdkxZ1w1B8cVSSAkgpm");
    // The same seed gives the same id in wasm as natively (the corpus records the native one).
    let again = answer(&api::create_credit(
        r#"{"amount":1500,"destination_uri":"/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm"}"#,
        r#"{"version":"1.1","now":"2026-03-06T14:59:59-08:00","seed":"wasm"}"#,
    ));
    assert_eq!(again, a);
    let moved = answer(&api::transition_credit(
        &c.to_string(),
        r#""succeeded""#,
        r#"{"at":"2026-03-09T09:00:00-07:00","version":"1.1"}"#,
    ));
    assert_eq!(moved["value"]["updated_at"], "2026-03-09T16:00:00Z");
    let v1 = answer(&api::create_credit(r#"{"amount":1}"#, r#"{"version":"1"}"#));
    assert_eq!(v1["error"]["code"], "invalid_option"); // no now
}
