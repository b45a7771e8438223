#![cfg(not(target_arch = "wasm32"))]
//! Credits' status machines (seeds balanced-v1-credits.rst and balanced-v1.1-credits.rst): the
//! moves each version allows, the failure window of a late rejection, the input checked.

#[allow(dead_code)]
#[path = "support/credits.rs"]
mod support;

use balance_ledger::{api, Code, CreditOptions, Instant, Version};
use serde_json::{json, Value};
use support::*;

// ---- the status machines ----

fn credit(version: Version, status: &str) -> Value {
    let mut c = valid(
        json!({ "amount": 1234, "meta": { "__proto__": "kept" } }),
        &CreditOptions { version, ..v1() },
    );
    c[version.status_field()] = json!(status);
    c["created_at"] = json!("2026-03-06T14:59:59-08:00");
    c
}

fn code_of(result: Result<Value, balance_ledger::Error>) -> Code {
    match result {
        Ok(v) => panic!("expected a refusal, got {v}"),
        Err(e) => e.code,
    }
}

#[test]
fn v1_pending_moves_to_cleared_or_rejected_only() {
    for to in ["cleared", "rejected"] {
        let c = transition_credit(&credit(Version::V1, "pending"), &json!(to), None).unwrap();
        assert_eq!(c["state"], to);
        assert_eq!(c["meta"]["__proto__"], "kept");
        assert_eq!(c["amount"], 1234);
    }
    for (from, to) in [
        ("pending", "pending"),
        ("pending", "succeeded"),
        ("pending", "failed"),
        ("cleared", "pending"),
        ("cleared", "cleared"),
        ("rejected", "cleared"),
        ("rejected", "pending"),
        ("rejected", "rejected"),
    ] {
        let got = code_of(transition_credit(
            &credit(Version::V1, from),
            &json!(to),
            None,
        ));
        assert_eq!(got, Code::InvalidTransition, "{from} → {to}");
    }
}

#[test]
fn v1_1_pending_moves_to_succeeded_or_failed_only() {
    for to in ["succeeded", "failed"] {
        let c = transition_credit(&credit(Version::V1_1, "pending"), &json!(to), None).unwrap();
        assert_eq!(c["status"], to);
        assert!(c.get("state").is_none());
    }
    for (from, to) in [
        ("pending", "pending"),
        ("pending", "cleared"),
        ("pending", "rejected"),
        ("succeeded", "pending"),
        ("succeeded", "succeeded"),
        ("failed", "succeeded"),
        ("failed", "pending"),
        ("failed", "failed"),
        ("pending", "PENDING"),
    ] {
        let got = code_of(transition_credit(
            &credit(Version::V1_1, from),
            &json!(to),
            None,
        ));
        assert_eq!(got, Code::InvalidTransition, "{from} → {to}");
    }
}

#[test]
fn a_late_rejection_is_accepted_within_the_failure_window_only() {
    // Created 14:59:59 on Friday 2026-03-06: available Monday 03-09 09:00 PDT, deadline Thursday.
    let deadline = Instant::parse("2026-03-12T09:00:00-07:00");
    let after = Instant::parse("2026-03-12T09:00:01-07:00");
    for (version, success, failure) in [
        (Version::V1_1, "succeeded", "failed"),
        (Version::V1, "cleared", "rejected"),
    ] {
        let c = credit(version, success);
        let moved = transition_credit(&c, &json!(failure), deadline).unwrap();
        assert_eq!(moved[version.status_field()], failure);
        assert_eq!(
            code_of(transition_credit(&c, &json!(failure), after)),
            Code::FailureWindowClosed
        );
        // Without the time of the rejection the window cannot be judged.
        assert_eq!(
            code_of(transition_credit(&c, &json!(failure), None)),
            Code::InvalidOption
        );
        let mut undated = c.clone();
        undated.as_object_mut().unwrap().remove("created_at");
        let e = transition_credit(&undated, &json!(failure), deadline).unwrap_err();
        assert_eq!(
            (e.code, e.issues[0].code),
            (Code::InvalidInput, Code::Required)
        );
        // …but it may move out of pending: a created_at is only needed to judge a late rejection.
        let mut pending_undated = undated.clone();
        pending_undated[version.status_field()] = json!("pending");
        assert!(transition_credit(&pending_undated, &json!(success), None).is_ok());
        // A created_at that is there but is not a time is refused whichever move is asked.
        for broken in [json!("yesterday"), json!(12), json!(null)] {
            let mut c = pending_undated.clone();
            c["created_at"] = broken;
            let e = transition_credit(&c, &json!(success), None).unwrap_err();
            assert_eq!(e.issues[0].path, "/created_at", "{e:?}");
        }
    }
}

#[test]
fn seed_v1_credit_transitions_by_its_state() {
    // The seed's "Retrieve a Credit" response (no version field: `state` says v1), cleared.
    let seed = json!({
        "fee": 25, "description": "hiya", "state": "cleared", "created_at": "2012-10-31T16:40:13.671120Z",
        "uri": "/v1/marketplaces/TEST-MP2sU58K40Wk1WXFbErM1LqA/credits/CR2t4t0OVYUmYkIF2iuQTUpe",
        "transaction_number": "CR368-217-8448", "amount": 1254, "meta": {}, "id": "CR2t4t0OVYUmYkIF2iuQTUpe",
        "available_at": "2012-10-31T23:40:13.651189Z"
    });
    let rejected = transition_credit(
        &seed,
        &json!("rejected"),
        Instant::parse("2012-11-06T09:00:00-08:00"),
    )
    .unwrap();
    // A resource (it has an id): its updated_at, which v1 has no field for, goes in meta.
    let mut expected = seed.clone();
    expected["state"] = json!("rejected");
    expected["meta"] = json!({ "balance_ledger.updated_at": "2012-11-06T17:00:00Z" });
    assert_eq!(rejected, expected);
    assert!(rejected.get("version").is_none());
    assert_eq!(
        code_of(transition_credit(
            &seed,
            &json!("rejected"),
            Instant::parse("2012-11-07T09:00:00-08:00")
        )),
        Code::FailureWindowClosed
    );
    assert_eq!(
        code_of(transition_credit(&seed, &json!("pending"), None)),
        Code::InvalidTransition
    );
}

#[test]
fn transition_input_is_checked() {
    let e = transition_credit(&json!({ "amount": 1 }), &json!("failed"), None).unwrap_err();
    assert_eq!(e.issues[0].code, Code::Required);
    let e = transition_credit(
        &json!({ "version": "2", "status": "pending" }),
        &json!("failed"),
        None,
    )
    .unwrap_err();
    assert_eq!(e.issues[0].code, Code::UnknownValue);
    let e = transition_credit(
        &json!({ "version": "1", "status": "pending" }),
        &json!("cleared"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.issues[0].path.as_str(), e.issues[0].code),
        ("/state", Code::Required)
    );
    let e = transition_credit(&json!({ "status": "sent" }), &json!("failed"), None).unwrap_err();
    assert_eq!(e.issues[0].code, Code::UnknownValue);
    let e = transition_credit(&json!({ "status": "pending" }), &json!(1), None).unwrap_err();
    assert_eq!(e.issues[0].code, Code::InvalidType);
    let e = answer(&api::transition_credit(
        r#"{"status":"succeeded","created_at":"2026-03-06T14:59:59-08:00"}"#,
        r#""failed""#,
        r#"{"at":"yesterday"}"#,
    ));
    assert_eq!(e["error"]["code"], "invalid_option");
    assert_eq!(e["error"]["issues"][0]["code"], "invalid_date_time");
    let ok = answer(&api::transition_credit(
        r#"{"status":"succeeded","created_at":"2026-03-06T14:59:59-08:00"}"#,
        r#""failed""#,
        r#"{"at":"2026-03-10T12:00:00Z"}"#,
    ));
    assert_eq!(ok["value"]["status"], "failed");
}
