#![cfg(not(target_arch = "wasm32"))]
//! Credits (DESIGN section 4, seeds balanced-v1-credits.rst and balanced-v1.1-credits.rst):
//! request validation (the status machines: tests/credit_transitions.rs; the ACH schedule:
//! tests/credit_schedule.rs).

use balance_ledger::{
    aba_check_digit_ok, api, credit_schedule, descriptor_allows, validate_credit, Code,
    CreditOptions, DESCRIPTOR_SPECIALS,
};
use serde_json::{json, Value};

#[allow(dead_code)]
#[path = "support/credits.rs"]
mod support;

use support::*;

// ---- the seeds' own examples ----

#[test]
fn seed_v1_request_body_is_a_pending_credit_with_the_seed_fee() {
    // The v1 document's request body and the fee its responses show.
    let c = valid(json!({ "amount": 1234 }), &v1());
    assert_eq!(
        c,
        json!({
            "version": "1", "state": "pending", "amount": 1234, "fee": 25, "description": null,
            "meta": {}, "appears_on_statement_as": null, "destination_uri": null, "bank_account": null
        })
    );
    let c = valid(json!({ "amount": 1234 }), &v1_1());
    assert_eq!(c["version"], "1.1");
    assert_eq!(c["status"], "pending");
    assert!(c.get("state").is_none());
}

#[test]
fn seed_v1_update_body_meta_and_description_are_kept() {
    let c = valid(
        json!({ "amount": 1254, "meta": { "my-id": "0987654321" }, "description": "my new description" }),
        &v1(),
    );
    assert_eq!(c["meta"], json!({ "my-id": "0987654321" }));
    assert_eq!(c["description"], "my new description");
}

#[test]
fn seed_routing_number_passes_the_aba_check() {
    assert!(aba_check_digit_ok("325182797")); // Fit Finlay's bank in every v1 example
    assert!(aba_check_digit_ok("011000015"));
    assert!(aba_check_digit_ok("121000358"));
    assert!(!aba_check_digit_ok("325182798"));
    assert!(!aba_check_digit_ok("32518279"));
    assert!(!aba_check_digit_ok("3251827970"));
}

#[test]
fn seed_v1_credit_schedule_crosses_the_november_switch() {
    // created_at of the v1 "Credit an Account" response: 09:40 PDT, Wednesday 2012-10-31. (The
    // seed's own available_at, 7 hours later, is a test marketplace's, not the ACH schedule.)
    let s = credit_schedule("2012-10-31T16:40:12.425960Z").unwrap();
    assert_eq!(s.submitted_at, "2012-10-31T15:00:00-07:00");
    assert_eq!(s.available_at, "2012-11-01T09:00:00-07:00");
    assert_eq!(s.failure_deadline, "2012-11-06T09:00:00-08:00");
}

// ---- amount ----

#[test]
fn amount_is_integer_cents_within_the_merchants_bounds() {
    assert_eq!(valid(json!({ "amount": "1234" }), &v1())["amount"], 1234);
    assert_eq!(valid(json!({ "amount": 1 }), &v1())["amount"], 1);
    has(json!({}), &v1(), "/amount", Code::Required);
    has(json!({ "amount": null }), &v1(), "/amount", Code::Required);
    has(
        json!({ "amount": 12.5 }),
        &v1(),
        "/amount",
        Code::NotInteger,
    );
    has(
        json!({ "amount": "12.50" }),
        &v1(),
        "/amount",
        Code::NotInteger,
    );
    has(json!({ "amount": 0 }), &v1(), "/amount", Code::NotPositive);
    has(json!({ "amount": -5 }), &v1(), "/amount", Code::NotPositive);
    has(
        json!({ "amount": "12,50" }),
        &v1(),
        "/amount",
        Code::InvalidDecimal,
    );
    has(json!({ "amount": "" }), &v1(), "/amount", Code::EmptyAmount);
    has(
        json!({ "amount": true }),
        &v1(),
        "/amount",
        Code::InvalidType,
    );
    let bounded = CreditOptions {
        min_amount: 500,
        max_amount: 100_000,
        ..v1()
    };
    assert_eq!(valid(json!({ "amount": 500 }), &bounded)["amount"], 500);
    assert_eq!(
        valid(json!({ "amount": 100000 }), &bounded)["amount"],
        100_000
    );
    let m = has(
        json!({ "amount": 499 }),
        &bounded,
        "/amount",
        Code::OutOfRange,
    );
    assert!(m.contains("minimum") && m.contains("500"), "{m}");
    let m = has(
        json!({ "amount": 100001 }),
        &bounded,
        "/amount",
        Code::OutOfRange,
    );
    assert!(m.contains("maximum") && m.contains("100000"), "{m}");
    has(
        json!({ "amount": "1e30" }),
        &v1(),
        "/amount",
        Code::OutOfRange,
    );
}

#[test]
fn the_fee_is_an_option_defaulting_to_the_seed_fee() {
    let fee = CreditOptions { fee: 0, ..v1() };
    assert_eq!(valid(json!({ "amount": 100 }), &fee)["fee"], 0);
    assert_eq!(valid(json!({ "amount": 100 }), &v1())["fee"], 25);
}

// ---- meta ----

#[test]
fn meta_is_a_single_level_string_map_keeping_every_key() {
    let c = valid(
        json!({ "amount": 1, "meta": { "__proto__": "x", "constructor": "y", "": "empty key" } }),
        &v1(),
    );
    assert_eq!(c["meta"]["__proto__"], "x");
    assert_eq!(c["meta"]["constructor"], "y");
    assert_eq!(c["meta"][""], "empty key");
    let m = has(
        json!({ "amount": 1, "meta": { "a": { "b": "c" } } }),
        &v1(),
        "/meta/a",
        Code::InvalidType,
    );
    assert!(m.contains("single-level"), "{m}");
    has(
        json!({ "amount": 1, "meta": { "a": ["b"] } }),
        &v1(),
        "/meta/a",
        Code::InvalidType,
    );
    has(
        json!({ "amount": 1, "meta": { "a": 1 } }),
        &v1(),
        "/meta/a",
        Code::InvalidType,
    );
    has(
        json!({ "amount": 1, "meta": { "a/b": null } }),
        &v1(),
        "/meta/a~1b",
        Code::InvalidType,
    );
    has(
        json!({ "amount": 1, "meta": ["a"] }),
        &v1(),
        "/meta",
        Code::InvalidType,
    );
    has(
        json!({ "amount": 1, "meta": "a" }),
        &v1(),
        "/meta",
        Code::InvalidType,
    );
    assert_eq!(
        valid(json!({ "amount": 1, "meta": null }), &v1())["meta"],
        json!({})
    );
}

#[test]
fn meta_is_bounded() {
    let many: serde_json::Map<String, Value> =
        (0..101).map(|i| (format!("k{i}"), json!("v"))).collect();
    has(
        json!({ "amount": 1, "meta": many }),
        &v1(),
        "/meta",
        Code::TooManyItems,
    );
    has(
        json!({ "amount": 1, "meta": { "k": "v".repeat(4097) } }),
        &v1(),
        "/meta/k",
        Code::TooLong,
    );
}

// ---- appears_on_statement_as ----

#[test]
fn descriptor_accepts_exactly_the_v1_character_set() {
    // Every allowed character, in chunks within the limit.
    let all: String = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain(DESCRIPTOR_SPECIALS.chars())
        .collect();
    for chunk in all.chars().collect::<Vec<_>>().chunks(14) {
        let s: String = chunk.iter().collect();
        for options in [v1(), v1_1()] {
            let c = valid(
                json!({ "amount": 1, "appears_on_statement_as": s }),
                &options,
            );
            assert_eq!(c["appears_on_statement_as"], s.as_str());
        }
    }
    // The set is the v1 document's, no more: of printable ASCII only "," and "/" are missing.
    let refused: String = (0x20u8..0x7f)
        .map(char::from)
        .filter(|c| !descriptor_allows(*c))
        .collect();
    assert_eq!(refused, ",/");
    assert_eq!(DESCRIPTOR_SPECIALS.len(), 31);
}

#[test]
fn descriptor_refuses_every_other_character_class_naming_it() {
    let cases: &[(&str, &str)] = &[
        ("ACME, Inc", "\",\""),            // ASCII punctuation not listed: comma
        ("ACME/Payouts", "\"/\""),         // and slash
        ("ACME\tPayouts", "U+0009"),       // a control character
        ("ACME\u{7f}", "U+007F"),          // DEL
        ("Café Noir", "\"é\""),            // a letter outside ASCII
        ("Ünïcode", "\"Ü\""),              // another one, first position
        ("ACME\u{a0}Co", "U+00A0"),        // a non-ASCII space
        ("ACME１", "\"１\""),              // a full-width digit
        ("Payout 💸", "\"💸\" (U+1F4B8)"), // an emoji, which shows
        ("ACME\u{200b}", "U+200B"),        // an invisible format character
    ];
    for (text, named) in cases {
        let m = has(
            json!({ "amount": 1, "appears_on_statement_as": text }),
            &v1(),
            "/appears_on_statement_as",
            Code::InvalidCharacters,
        );
        assert!(m.contains(named), "{text:?}: {m}");
    }
    let m = has(
        json!({ "amount": 1, "appears_on_statement_as": "a,b/c,d" }),
        &v1(),
        "/appears_on_statement_as",
        Code::InvalidCharacters,
    );
    assert!(m.contains("position 2") && m.contains("\"/\""), "{m}");
}

#[test]
fn descriptor_length_is_22_in_v1_and_14_for_bank_credits_in_v1_1() {
    let s22 = "A".repeat(22);
    assert_eq!(
        valid(
            json!({ "amount": 1, "appears_on_statement_as": s22 }),
            &v1()
        )["appears_on_statement_as"],
        s22.as_str()
    );
    has(
        json!({ "amount": 1, "appears_on_statement_as": "A".repeat(23) }),
        &v1(),
        "/appears_on_statement_as",
        Code::TooLong,
    );
    let s14 = "A".repeat(14);
    assert_eq!(
        valid(
            json!({ "amount": 1, "appears_on_statement_as": s14 }),
            &v1_1()
        )["appears_on_statement_as"],
        s14.as_str()
    );
    let m = has(
        json!({ "amount": 1, "appears_on_statement_as": "A".repeat(15) }),
        &v1_1(),
        "/appears_on_statement_as",
        Code::TooLong,
    );
    assert!(m.contains("14"), "{m}");
    has(
        json!({ "amount": 1, "appears_on_statement_as": 5 }),
        &v1(),
        "/appears_on_statement_as",
        Code::InvalidType,
    );
    // Too long and a bad character: both reported.
    let found = issues(
        json!({ "amount": 1, "appears_on_statement_as": ",".repeat(30) }),
        &v1(),
    );
    assert_eq!(found.len(), 2, "{found:?}");
}

// ---- destination ----

#[test]
fn destination_is_a_uri_or_new_bank_account_details() {
    let c = valid(
        json!({ "amount": 1, "destination_uri": "/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        &v1(),
    );
    assert_eq!(
        c["destination_uri"],
        "/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm"
    );
    has(
        json!({ "amount": 1, "destination_uri": "BA2rvRdkxZ1w1B8cVSSAkgpm" }),
        &v1(),
        "/destination_uri",
        Code::InvalidUri,
    );
    has(
        json!({ "amount": 1, "destination_uri": "/v1/bank accounts" }),
        &v1(),
        "/destination_uri",
        Code::InvalidUri,
    );
    has(
        json!({ "amount": 1, "destination_uri": 7 }),
        &v1(),
        "/destination_uri",
        Code::InvalidType,
    );

    let account = json!({ "name": "Fit Finlay", "routing_number": "325182797", "account_number": "9900001234", "type": "checking" });
    let c = valid(json!({ "amount": 1, "bank_account": account }), &v1_1());
    assert_eq!(
        c["bank_account"],
        json!({ "name": "Fit Finlay", "routing_number": "325182797", "last_four": "1234", "type": "checking" })
    );
    has(
        json!({ "amount": 1, "bank_account": account, "destination_uri": "/v1/bank_accounts/BA1" }),
        &v1_1(),
        "/bank_account",
        Code::ConflictingFields,
    );
}

#[test]
fn bank_account_details_are_each_checked() {
    let with = |patch: Value| {
        let mut a = json!({ "name": "Fit Finlay", "routing_number": "325182797", "account_number": "9900001234", "type": "savings" });
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                a.as_object_mut().unwrap().remove(k);
            } else {
                a[k] = v.clone();
            }
        }
        json!({ "amount": 1, "bank_account": a })
    };
    assert_eq!(
        valid(with(json!({})), &v1_1())["bank_account"]["type"],
        "savings"
    );
    let m = has(
        with(json!({ "routing_number": "325182798" })),
        &v1_1(),
        "/bank_account/routing_number",
        Code::InvalidRoutingNumber,
    );
    assert!(m.contains("check digit"), "{m}");
    has(
        with(json!({ "routing_number": "32518279" })),
        &v1_1(),
        "/bank_account/routing_number",
        Code::InvalidRoutingNumber,
    );
    has(
        with(json!({ "routing_number": 325182797 })),
        &v1_1(),
        "/bank_account/routing_number",
        Code::InvalidType,
    );
    has(
        with(json!({ "routing_number": "3251-8279" })),
        &v1_1(),
        "/bank_account/routing_number",
        Code::InvalidCharacters,
    );
    has(
        with(json!({ "account_number": "123" })),
        &v1_1(),
        "/bank_account/account_number",
        Code::OutOfRange,
    );
    has(
        with(json!({ "account_number": "1".repeat(18) })),
        &v1_1(),
        "/bank_account/account_number",
        Code::OutOfRange,
    );
    has(
        with(json!({ "type": "money market" })),
        &v1_1(),
        "/bank_account/type",
        Code::UnknownValue,
    );
    has(
        with(json!({ "type": "Checking" })),
        &v1_1(),
        "/bank_account/type",
        Code::UnknownValue,
    );
    has(
        with(json!({ "name": null })),
        &v1_1(),
        "/bank_account/name",
        Code::Required,
    );
    has(
        with(json!({ "name": "  " })),
        &v1_1(),
        "/bank_account/name",
        Code::Required,
    );
    has(
        with(json!({ "type": null })),
        &v1_1(),
        "/bank_account/type",
        Code::Required,
    );
    has(
        with(json!({ "bank_code": "1" })),
        &v1_1(),
        "/bank_account/bank_code",
        Code::UnknownField,
    );
    has(
        json!({ "amount": 1, "bank_account": "325182797" }),
        &v1_1(),
        "/bank_account",
        Code::InvalidType,
    );
}

#[test]
fn every_issue_is_reported_at_once() {
    let found = issues(
        json!({
            "amount": 0, "colour": "red", "description": 5, "meta": { "a": {} },
            "appears_on_statement_as": "a,b", "destination_uri": "x"
        }),
        &v1(),
    );
    let paths: Vec<&str> = found.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/colour",
            "/amount",
            "/description",
            "/meta/a",
            "/appears_on_statement_as",
            "/destination_uri"
        ]
    );
    let e = validate_credit(&json!([1234]), &v1()).unwrap_err();
    assert_eq!(e.issues[0].code, Code::InvalidType);
}

// ---- options, through the api ----

#[test]
fn options_are_checked_and_bad_options_throw() {
    let ok = answer(&api::validate_credit(
        r#"{"amount":"250"}"#,
        r#"{"version":"1","minAmount":"100","maxAmount":1000,"fee":30}"#,
    ));
    assert_eq!(ok["value"]["ok"], true);
    assert_eq!(ok["value"]["credit"]["fee"], 30);
    assert_eq!(ok["value"]["credit"]["state"], "pending");
    let refused = answer(&api::validate_credit(
        r#"{"amount":5000}"#,
        r#"{"maxAmount":1000}"#,
    ));
    assert_eq!(refused["value"]["ok"], false);
    assert_eq!(refused["value"]["issues"][0]["code"], "out_of_range");
    for (options, path, code) in [
        (r#"{"version":"2"}"#, "/version", "unknown_value"),
        (r#"{"version":1.1}"#, "/version", "unknown_value"),
        (r#"{"minAmount":0}"#, "/minAmount", "not_positive"),
        (r#"{"maxAmount":1.5}"#, "/maxAmount", "not_integer"),
        (
            r#"{"minAmount":10,"maxAmount":5}"#,
            "/maxAmount",
            "out_of_range",
        ),
        (
            r#"{"maxAmount":9007199254740992}"#,
            "/maxAmount",
            "out_of_range",
        ),
        (r#"{"fee":-1}"#, "/fee", "negative"),
        (r#"{"currency":"USD"}"#, "/currency", "unknown_field"),
        ("[]", "", "invalid_type"),
    ] {
        let e = answer(&api::validate_credit(r#"{"amount":1}"#, options));
        assert_eq!(e["error"]["code"], "invalid_option", "{options}");
        assert_eq!(e["error"]["issues"][0]["path"], path, "{options}");
        assert_eq!(e["error"]["issues"][0]["code"], code, "{options}");
    }
    assert_eq!(
        answer(&api::validate_credit(r#"{"amount":1}"#, "null"))["value"]["credit"]["version"],
        "1.1"
    );
}
