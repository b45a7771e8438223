#![cfg(not(target_arch = "wasm32"))]
//! Credits (DESIGN section 4, seeds balanced-v1-credits.rst and balanced-v1.1-credits.rst):
//! request validation, the status machines, the ACH schedule.

use balance_ledger::api;
use balance_ledger::Code;
use balance_ledger::Instant;
use balance_ledger::{
    aba_check_digit_ok, credit_schedule, descriptor_allows, validate_credit, CreditOptions, Error,
    TransitionOptions, Version, DESCRIPTOR_SPECIALS,
};
use serde_json::{json, Value};

/// The status machine with only `at` given, as these tests judge it.
fn transition_credit(credit: &Value, to: &Value, at: Option<Instant>) -> Result<Value, Error> {
    let options = TransitionOptions {
        at,
        ..TransitionOptions::default()
    };
    balance_ledger::transition_credit(credit, to, &options)
}

fn v1() -> CreditOptions {
    CreditOptions {
        version: Version::V1,
        ..CreditOptions::default()
    }
}

fn v1_1() -> CreditOptions {
    CreditOptions::default()
}

fn valid(request: Value, options: &CreditOptions) -> Value {
    match validate_credit(&request, options) {
        Ok(c) => serde_json::to_value(c).unwrap(),
        Err(e) => panic!("{request} should be valid, got {e:?}"),
    }
}

fn issues(request: Value, options: &CreditOptions) -> Vec<(String, Code, String)> {
    match validate_credit(&request, options) {
        Ok(c) => panic!("{request} should be refused, got {c:?}"),
        Err(e) => {
            assert_eq!(e.code, Code::InvalidInput);
            e.issues
                .into_iter()
                .map(|i| (i.path, i.code, i.message))
                .collect()
        }
    }
}

fn has(request: Value, options: &CreditOptions, path: &str, code: Code) -> String {
    let found = issues(request.clone(), options);
    found
        .iter()
        .find(|(p, c, _)| p == path && *c == code)
        .map(|(_, _, m)| m.clone())
        .unwrap_or_else(|| panic!("{request} should report {code:?} at {path:?}, got {found:?}"))
}

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

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

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

// ---- the schedule ----

fn schedule(created: &str) -> [String; 3] {
    let s = credit_schedule(created).unwrap();
    [s.submitted_at, s.available_at, s.failure_deadline]
}

#[test]
fn before_the_cutoff_goes_in_the_same_days_batch() {
    assert_eq!(
        schedule("2026-03-06T14:59:59-08:00"),
        [
            "2026-03-06T15:00:00-08:00",
            "2026-03-09T09:00:00-07:00",
            "2026-03-12T09:00:00-07:00"
        ]
    );
    // The same instant written in UTC.
    assert_eq!(
        schedule("2026-03-06T22:59:59Z"),
        schedule("2026-03-06T14:59:59-08:00")
    );
    assert_eq!(
        schedule("2026-03-06T14:59:59.999999-08:00")[0],
        "2026-03-06T15:00:00-08:00"
    );
}

#[test]
fn created_exactly_at_15_00_00_waits_for_the_next_batch() {
    // 15:00:00 is not before the 3 pm cutoff: that batch has left.
    assert_eq!(
        schedule("2026-03-06T15:00:00-08:00"),
        [
            "2026-03-09T15:00:00-07:00",
            "2026-03-10T09:00:00-07:00",
            "2026-03-13T09:00:00-07:00"
        ]
    );
    assert_eq!(
        schedule("2026-03-06T23:00:00Z"),
        schedule("2026-03-06T15:00:00-08:00")
    );
    // In summer time too: 15:00:00 PDT.
    assert_eq!(
        schedule("2026-07-07T15:00:00-07:00")[0],
        "2026-07-08T15:00:00-07:00"
    );
    assert_eq!(
        schedule("2026-07-07T14:59:59-07:00")[0],
        "2026-07-07T15:00:00-07:00"
    );
}

#[test]
fn the_pacific_date_decides_not_the_utc_date() {
    // 01:00Z on Saturday is 17:00 PST on Friday: after Friday's cutoff, so Monday.
    assert_eq!(
        schedule("2026-03-07T01:00:00Z")[0],
        "2026-03-09T15:00:00-07:00"
    );
    // 07:00Z on Monday is still Sunday night in Pacific time: Monday's batch.
    assert_eq!(
        schedule("2026-03-09T06:59:59Z")[0],
        "2026-03-09T15:00:00-07:00"
    );
}

#[test]
fn weekends_and_holidays_push_every_step() {
    // Wednesday after the cutoff → Thanksgiving → Friday's batch; available Monday.
    assert_eq!(
        schedule("2026-11-25T16:00:00-08:00"),
        [
            "2026-11-27T15:00:00-08:00",
            "2026-11-30T09:00:00-08:00",
            "2026-12-03T09:00:00-08:00"
        ]
    );
    // Friday before a Sunday Christmas (observed Monday): Tuesday's batch.
    assert_eq!(
        schedule("2022-12-23T16:00:00-08:00")[0],
        "2022-12-27T15:00:00-08:00"
    );
    // Juneteenth 2026 is a Friday; a Thursday credit after the cutoff waits until Monday.
    assert_eq!(
        schedule("2026-06-18T15:30:00-07:00"),
        [
            "2026-06-22T15:00:00-07:00",
            "2026-06-23T09:00:00-07:00",
            "2026-06-26T09:00:00-07:00"
        ]
    );
    // July 4, 2026 is a Saturday: Friday the 3rd is a business day.
    assert_eq!(
        schedule("2026-07-03T10:00:00-07:00")[0],
        "2026-07-03T15:00:00-07:00"
    );
    // Availability on the day before a holiday moves the deadline past it.
    assert_eq!(
        schedule("2026-11-23T10:00:00-08:00"),
        [
            "2026-11-23T15:00:00-08:00",
            "2026-11-24T09:00:00-08:00",
            "2026-11-30T09:00:00-08:00"
        ]
    );
    // A credit created on Saturday goes in Monday's batch.
    assert_eq!(
        schedule("2026-03-07T09:00:00-08:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
}

#[test]
fn schedules_across_each_dst_switch() {
    // Created on the March switch night (a Sunday), before and after 2:00.
    assert_eq!(
        schedule("2026-03-08T01:59:59-08:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
    assert_eq!(
        schedule("2026-03-08T03:00:00-07:00")[0],
        "2026-03-09T15:00:00-07:00"
    );
    // Submitted in PDT (Friday before the November switch), available in PST.
    assert_eq!(
        schedule("2026-10-30T10:00:00-07:00"),
        [
            "2026-10-30T15:00:00-07:00",
            "2026-11-02T09:00:00-08:00",
            "2026-11-05T09:00:00-08:00"
        ]
    );
    // The repeated hour of November: both 01:30s are Sunday, so Monday's batch.
    assert_eq!(
        schedule("2026-11-01T01:30:00-07:00")[0],
        "2026-11-02T15:00:00-08:00"
    );
    assert_eq!(
        schedule("2026-11-01T01:30:00-08:00")[0],
        "2026-11-02T15:00:00-08:00"
    );
}

#[test]
fn schedule_input_is_checked() {
    for bad in [
        "2026-03-06T14:59:59",
        "2026-03-06",
        "next friday",
        "2026-02-30T10:00:00Z",
    ] {
        let e = credit_schedule(bad).unwrap_err();
        assert_eq!(e.issues[0].code, Code::InvalidDateTime, "{bad}");
    }
    let e = credit_schedule("9999-12-31T16:00:00-08:00").unwrap_err();
    assert_eq!(e.issues[0].code, Code::OutOfRange);
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T14:59:59-08:00""#,
        r#"{"version":"1"}"#,
    ));
    assert_eq!(a["value"]["submitted_at"], "2026-03-06T15:00:00-08:00");
    let a = answer(&api::credit_schedule(
        r#""2026-03-06T14:59:59-08:00""#,
        r#"{"version":"3"}"#,
    ));
    assert_eq!(a["error"]["code"], "invalid_option");
    let a = answer(&api::credit_schedule("1772837999", "null"));
    assert_eq!(a["error"]["issues"][0]["code"], "invalid_type");
}
