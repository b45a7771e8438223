#![cfg(not(target_arch = "wasm32"))]
//! Credit resources moved (issue 17): `transitionCredit` on resources (`updated_at`, failure
//! reasons, what v1 keeps in `meta`) and the v1.1 list envelope of Balanced's 1.1 schema.

#[allow(dead_code)]
#[path = "support/credit_resources.rs"]
mod support;

use balance_ledger::{api, Code};
use serde_json::{json, Value};
use support::*;

fn v1_1_credit() -> Value {
    create(
        json!({ "amount": 1500, "destination_uri": "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        json!({ "version": "1.1", "now": "2026-03-06T14:59:59-08:00", "seed": "t" }),
    )
    .unwrap()
}

#[test]
fn transitions_of_resources_set_updated_at_and_failure_reasons() {
    let c = v1_1_credit();
    let done = transition(
        &c,
        "succeeded",
        json!({ "at": "2026-03-09T09:00:00-07:00", "version": "1.1" }),
    )
    .unwrap();
    assert_eq!(done["status"], "succeeded");
    assert_eq!(done["updated_at"], "2026-03-09T16:00:00Z");
    assert_eq!(done["created_at"], c["created_at"]);
    // A bank's rejection inside the failure window, with its reason.
    let failed = transition(
        &done,
        "failed",
        json!({ "at": "2026-03-12T09:00:00-07:00", "failure_reason_code": "account-closed", "failure_reason": "The account was closed." }),
    )
    .unwrap();
    assert_eq!(
        (
            &failed["status"],
            &failed["failure_reason_code"],
            &failed["failure_reason"],
            &failed["updated_at"]
        ),
        (
            &json!("failed"),
            &json!("account-closed"),
            &json!("The account was closed."),
            &json!("2026-03-12T16:00:00Z")
        )
    );
    let mut rest = failed.clone();
    let mut before = c.clone();
    for k in [
        "status",
        "updated_at",
        "failure_reason_code",
        "failure_reason",
    ] {
        rest.as_object_mut().unwrap().remove(k);
        before.as_object_mut().unwrap().remove(k);
    }
    assert_eq!(rest, before, "nothing else changes");
    // One second late.
    let e = transition(
        &done,
        "failed",
        json!({ "at": "2026-03-12T09:00:01-07:00" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "failure_window_closed");
    // A resource's change needs its time, the credit's own version, a reason only with a failure.
    for (options, path) in [
        (json!({}), "/at"),
        (
            json!({ "at": "2026-03-09T09:00:00-07:00", "version": "1" }),
            "/version",
        ),
        (
            json!({ "at": "2026-03-09T09:00:00-07:00", "failure_reason": "x" }),
            "/failure_reason_code",
        ),
        (json!({ "at": "2026-03-01T09:00:00-08:00" }), "/at"),
        (
            json!({ "at": "2026-03-09T09:00:00-07:00", "version": "2" }),
            "/version",
        ),
    ] {
        let e = transition(&c, "succeeded", options.clone()).unwrap_err();
        assert_eq!(
            (e["code"].as_str(), e["issues"][0]["path"].as_str()),
            (Some("invalid_option"), Some(path)),
            "{options}"
        );
    }
    // The machine as before: failed is final.
    let e = transition(
        &failed,
        "succeeded",
        json!({ "at": "2026-03-13T09:00:00-07:00" }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "invalid_transition");
}

#[test]
fn v1_resources_keep_what_v1_has_no_field_for_in_meta() {
    let c = create(
        json!({ "amount": 1234, "meta": { "my-id": "1" }, "bank_account": new_account() }),
        json!({ "version": "1", "now": "2012-10-31T16:40:12Z", "seed": "s", "marketplace": MP }),
    )
    .unwrap();
    let rejected = transition(
        &c,
        "rejected",
        json!({ "at": "2012-11-02T10:00:00-07:00", "failure_reason_code": "invalid-bank-account-number", "version": "1" }),
    )
    .unwrap();
    assert_eq!(rejected["state"], "rejected");
    assert_eq!(rejected["meta"]["my-id"], "1");
    assert_eq!(
        rejected["meta"]["balance_ledger.updated_at"],
        "2012-11-02T17:00:00Z"
    );
    assert_eq!(
        rejected["meta"]["balance_ledger.failure_reason_code"],
        "invalid-bank-account-number"
    );
    assert!(rejected.get("updated_at").is_none() && rejected.get("failure_reason_code").is_none());
    let e = transition(
        &c,
        "cleared",
        json!({ "at": "2012-11-01T09:00:00-07:00", "version": "1.1" }),
    )
    .unwrap_err();
    assert_eq!(e["issues"][0]["code"], Code::ConflictingFields.as_str());
}

#[test]
fn v1_1_list_envelope() {
    let credits: Vec<Value> = ["2026-03-06T10:00:00Z", "2026-03-06T12:00:00Z", "2026-03-06T11:00:00Z"]
        .iter()
        .enumerate()
        .map(|(i, now)| {
            create(
                json!({ "amount": 100 + i, "destination_uri": "/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
                json!({ "version": "1.1", "now": now, "seed": format!("{i}") }),
            )
            .unwrap()
        })
        .collect();
    let page = call(api::list_page(
        &Value::Array(credits.clone()).to_string(),
        &json!({ "uri": "/credits", "limit": 2, "version": "1.1" }).to_string(),
    ))
    .unwrap();
    let amounts: Vec<&Value> = page["credits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["amount"])
        .collect();
    assert_eq!(amounts, [&json!(101), &json!(102)], "newest first");
    assert_eq!(
        page["meta"],
        json!({ "first": "/credits?limit=2&offset=0", "href": "/credits?limit=2&offset=0", "last": "/credits?limit=2&offset=2",
                "limit": 2, "next": "/credits?limit=2&offset=2", "offset": 0, "previous": null, "total": 3 })
    );
    let schema = reference("credits.json");
    let mut want: Vec<&str> = schema["properties"]["links"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut got: Vec<&str> = page["links"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(
        page["links"]["credits.reversals"],
        "/credits/{credits.id}/reversals"
    );
    // A page a database cut: the items are the page, total the collection's size.
    let cut = call(api::list_page(
        &Value::Array(vec![credits[0].clone()]).to_string(),
        &json!({ "uri": "/credits", "limit": 2, "offset": 2, "total": 3, "version": "1.1" })
            .to_string(),
    ))
    .unwrap();
    assert_eq!(cut["credits"], json!([credits[0]]));
    assert_eq!(
        cut["meta"],
        json!({ "first": "/credits?limit=2&offset=0", "href": "/credits?limit=2&offset=2", "last": "/credits?limit=2&offset=2",
                "limit": 2, "next": null, "offset": 2, "previous": "/credits?limit=2&offset=0", "total": 3 })
    );
    for options in [
        json!({ "uri": "/credits", "limit": 1, "total": 3 }),
        json!({ "uri": "/credits", "offset": 2, "total": 3 }),
    ] {
        let e = call(api::list_page(
            &Value::Array(credits.clone()).to_string(),
            &options.to_string(),
        ))
        .unwrap_err();
        assert_eq!(e["code"], "invalid_option", "{options}");
    }
    // The v1 envelope stays the default.
    let v1 = call(api::list_page(
        &Value::Array(credits).to_string(),
        &json!({ "uri": "/credits" }).to_string(),
    ))
    .unwrap();
    assert_eq!(v1["total"], 3);
    assert!(v1.get("items").is_some() && v1.get("credits").is_none());
}
