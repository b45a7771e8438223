#![cfg(not(target_arch = "wasm32"))]
//! Every rule of DESIGN section 2 (items) and section 1 (money), against the core natively.

use balance_ledger::api;
use balance_ledger::{item_totals, validate_items, MAX_ITEMS};
use balance_ledger::{Code, Currency};
use serde_json::{json, Value};

fn sek() -> Currency {
    Currency::parse("SEK").unwrap()
}

/// The (path, code) pairs of a refused body.
fn issues(body: Value) -> Vec<(String, Code)> {
    match validate_items(&body, Some(sek())) {
        Ok(v) => panic!("expected issues, got {v:?}"),
        Err(e) => e.issues.into_iter().map(|i| (i.path, i.code)).collect(),
    }
}

fn has(body: Value, path: &str, code: Code) {
    let found = issues(body.clone());
    assert!(
        found.iter().any(|(p, c)| p == path && *c == code),
        "{body} should report {code:?} at {path:?}, got {found:?}"
    );
}

fn totals(body: Value, currency: &str) -> Value {
    let t = item_totals(&body, Currency::parse(currency).unwrap()).unwrap();
    serde_json::to_value(t).unwrap()
}

#[test]
fn golden_seed_example() {
    let t = totals(json!({ "price": 119.6, "vat": 29.9, "quantity": 2 }), "SEK");
    assert_eq!(
        t,
        json!({ "currency": "SEK", "count": 1, "net": "239.20", "rebate": "0.00", "vat": "59.80", "gross": "299.00" })
    );
}

#[test]
fn three_body_forms() {
    assert_eq!(totals(json!(12.5), "SEK")["gross"], "12.50");
    assert_eq!(totals(json!("12.5"), "SEK")["gross"], "12.50");
    assert_eq!(totals(json!({ "price": 10 }), "SEK")["gross"], "10.00");
    let t = totals(
        json!([{ "price": 10 }, { "price": 2.5, "quantity": 4 }]),
        "SEK",
    );
    assert_eq!(
        (t["count"].clone(), t["gross"].clone()),
        (json!(2), json!("20.00"))
    );
}

#[test]
fn bare_charge_must_be_strictly_positive() {
    has(json!(0), "", Code::NotPositive);
    has(json!(-5), "", Code::NotPositive);
    has(json!("0.00"), "", Code::NotPositive);
}

#[test]
fn other_bodies_are_refused() {
    has(json!(null), "", Code::InvalidBody);
    has(json!(true), "", Code::InvalidBody);
    has(json!([]), "", Code::Empty);
    has(json!([1]), "/0", Code::InvalidType);
    has(json!("12,50"), "", Code::InvalidDecimal);
}

#[test]
fn price_required_and_not_negative() {
    has(json!({ "quantity": 1 }), "/price", Code::Required);
    has(json!({ "price": -0.01 }), "/price", Code::Negative);
    assert_eq!(totals(json!({ "price": 0 }), "SEK")["gross"], "0.00");
}

#[test]
fn quantity_positive_fractional_allowed_defaults_to_one() {
    has(
        json!({ "price": 1, "quantity": 0 }),
        "/quantity",
        Code::NotPositive,
    );
    has(
        json!({ "price": 1, "quantity": -1 }),
        "/quantity",
        Code::NotPositive,
    );
    assert_eq!(
        totals(json!({ "price": 10, "quantity": 0.25 }), "SEK")["gross"],
        "2.50"
    );
    assert_eq!(totals(json!({ "price": 10 }), "SEK")["net"], "10.00");
}

#[test]
fn vat_is_per_unit_not_negative_and_needs_price() {
    assert_eq!(
        totals(json!({ "price": 100, "vat": 25, "quantity": 3 }), "SEK")["vat"],
        "75.00"
    );
    has(json!({ "price": 1, "vat": -1 }), "/vat", Code::Negative);
    has(json!({ "vat": 1 }), "/vat", Code::VatWithoutPrice);
}

#[test]
fn rebate_is_per_unit_between_zero_and_price() {
    let t = totals(
        json!({ "price": 100, "rebate": 10, "vat": 22.5, "quantity": 2 }),
        "SEK",
    );
    assert_eq!(t["rebate"], "20.00");
    assert_eq!(t["gross"], "225.00"); // (100 - 10 + 22.5) * 2
    has(
        json!({ "price": 10, "rebate": 10.01 }),
        "/rebate",
        Code::RebateExceedsPrice,
    );
    has(
        json!({ "price": 10, "rebate": -1 }),
        "/rebate",
        Code::Negative,
    );
    assert_eq!(
        totals(json!({ "price": 10, "rebate": 10 }), "SEK")["gross"],
        "0.00"
    );
}

#[test]
fn strings_have_sane_lengths_and_types() {
    has(
        json!({ "price": 1, "name": "x".repeat(257) }),
        "/name",
        Code::TooLong,
    );
    has(
        json!({ "price": 1, "number": "x".repeat(65) }),
        "/number",
        Code::TooLong,
    );
    has(
        json!({ "price": 1, "unit": "x".repeat(33) }),
        "/unit",
        Code::TooLong,
    );
    has(json!({ "price": 1, "name": 5 }), "/name", Code::InvalidType);
    has(
        json!({ "price": 1, "name": "a\u{0}b" }),
        "/name",
        Code::InvalidCharacters,
    );
    // Characters, not bytes: 256 four-byte characters are fine.
    assert!(validate_items(&json!({ "price": 1, "name": "😀".repeat(256) }), None).is_ok());
}

#[test]
fn unknown_fields_are_reported_with_escaped_pointers() {
    has(
        json!({ "price": 1, "colour": "red" }),
        "/colour",
        Code::UnknownField,
    );
    has(
        json!([{ "price": 1 }, { "price": 1, "a/b": 1 }]),
        "/1/a~1b",
        Code::UnknownField,
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = issues(json!([
        { "price": "12,50", "quantity": 0 },
        { "price": 1 },
        { "vat": -1, "extra": true }
    ]));
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    for p in ["/0/price", "/0/quantity", "/2/extra", "/2/price", "/2/vat"] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
}

#[test]
fn limits_refuse_hostile_input() {
    let many: Vec<Value> = (0..=MAX_ITEMS).map(|_| json!({ "price": 1 })).collect();
    has(Value::Array(many), "", Code::TooManyItems);
    has(
        json!({ "price": "1000000000000.01" }),
        "/price",
        Code::OutOfRange,
    );
    has(json!({ "price": "1e999" }), "/price", Code::OutOfRange);
    has(json!({ "price": "0.0000001" }), "/price", Code::TooPrecise);
    has(
        json!({ "price": 1, "quantity": 1e10 }),
        "/quantity",
        Code::OutOfRange,
    );
}

#[test]
fn amount_errors_have_their_own_codes() {
    has(json!({ "price": "" }), "/price", Code::EmptyAmount);
    has(json!({ "price": "NaN" }), "/price", Code::NotFinite);
    has(json!({ "price": "1e" }), "/price", Code::InvalidDecimal);
    has(json!({ "price": null }), "/price", Code::InvalidType);
    has(json!({ "price": [1] }), "/price", Code::InvalidType);
}

#[test]
fn rounding_is_per_line_half_away_from_zero() {
    // 0.125 * 1 = 0.125 -> 0.13 (half away from zero), per line, then summed: 0.26, never 0.25.
    let t = totals(json!([{ "price": 0.125 }, { "price": 0.125 }]), "SEK");
    assert_eq!(t["gross"], "0.26");
    // Unit prices may carry more digits than the currency: 1.2345 * 3 = 3.7035 -> 3.70.
    assert_eq!(
        totals(json!({ "price": "1.2345", "quantity": 3 }), "SEK")["gross"],
        "3.70"
    );
    // The currency's own minor unit: JPY 0, BHD 3.
    assert_eq!(totals(json!({ "price": 99.5 }), "JPY")["gross"], "100");
    assert_eq!(
        totals(json!({ "price": "1.2345" }), "BHD")["gross"],
        "1.235"
    );
    assert_eq!(
        totals(json!({ "price": "1.2345" }), "CLF")["gross"],
        "1.2345"
    );
}

#[test]
fn a_receipt_adds_up() {
    let v = validate_items(
        &json!([{ "price": "0.333", "vat": "0.083", "rebate": "0.01", "quantity": 3 }, { "price": 9.99 }]),
        Some(sek()),
    )
    .unwrap();
    let v = serde_json::to_value(v).unwrap();
    let cents = |s: &Value| s.as_str().unwrap().replace('.', "").parse::<i64>().unwrap();
    let lines = v["lines"].as_array().unwrap();
    for l in lines {
        assert_eq!(
            cents(&l["amount"]),
            cents(&l["net"]) - cents(&l["rebate"]) + cents(&l["vat"])
        );
    }
    let sum: i64 = lines.iter().map(|l| cents(&l["amount"])).sum();
    assert_eq!(cents(&v["totals"]["gross"]), sum);
    assert_eq!(
        cents(&v["totals"]["gross"]),
        cents(&v["totals"]["net"]) - cents(&v["totals"]["rebate"]) + cents(&v["totals"]["vat"])
    );
}

#[test]
fn validated_items_are_normalised() {
    let v = validate_items(
        &json!({ "number": "A1", "price": 119.6, "quantity": "2.000", "vat": "29.9", "unit": "pcs" }),
        Some(sek()),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(&v.items).unwrap(),
        json!([{ "number": "A1", "price": "119.60", "quantity": "2", "unit": "pcs", "vat": "29.90" }])
    );
    // Feeding the normalised items back gives the same totals.
    let again = validate_items(&serde_json::to_value(&v.items).unwrap(), Some(sek())).unwrap();
    assert_eq!(again.totals, v.totals);
}

#[test]
fn without_a_currency_nothing_is_rounded() {
    let v = validate_items(&json!({ "price": "0.125", "quantity": 3 }), None).unwrap();
    assert_eq!(v.totals.gross, "0.375");
    assert_eq!(v.totals.currency, None);
}

#[test]
fn currencies_are_iso_4217() {
    let answer = |c: &str| api::item_totals("1", c);
    assert!(answer("\"SEK\"").contains("\"gross\":\"1.00\""));
    assert!(answer("\"752\"").contains("\"currency\":\"SEK\""));
    assert!(answer("\"XYZ\"").contains("\"unknown_currency\""));
    assert!(answer("null").contains("\"unknown_currency\""));
}

#[test]
fn a_currency_of_the_wrong_type_is_named_as_the_currency() {
    let message = |c: &str| {
        let answer: Value = serde_json::from_str(&api::item_totals("1", c)).unwrap_or_default();
        assert_eq!(answer["error"]["code"], "unknown_currency", "{c}: {answer}");
        answer["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        message("752"),
        "the currency must be an ISO 4217 code such as \"SEK\", got the number 752 (a numeric code is written as text: \"752\")"
    );
    assert!(message("true").ends_with("got a boolean"));
    assert!(message("[\"SEK\"]").ends_with("got an array"));
    assert_eq!(message("null"), "a currency is required");
    // The options form still names the options.
    assert!(message(r#"{"currency":7}"#).contains("a currency is an ISO 4217 code"));
}

#[test]
fn api_envelope_and_input_guards() {
    let ok = api::validate_items(r#"{"price":1}"#, "null");
    assert!(ok.starts_with(r#"{"value":{"ok":true"#), "{ok}");
    let bad = api::validate_items(r#"{"price":-1}"#, "null");
    assert!(
        bad.starts_with(r#"{"value":{"ok":false,"issues":[{"path":"/price","code":"negative""#),
        "{bad}"
    );
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(api::validate_items(&deep, "null").contains("\"input_too_deep\""));
    let huge = format!("\"{}\"", "1".repeat(api::MAX_ITEMS_INPUT));
    assert!(api::item_totals(&huge, "\"SEK\"").contains("\"input_too_large\""));
}
