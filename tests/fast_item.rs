#![cfg(not(target_arch = "wasm32"))]
//! The keystroke path of `validateItems` (one item the bridge read into scaled integers) answers
//! what the general path answers, and is taken for the items a widget sends.

use balance_ledger::api;
use proptest::prelude::*;

// ---- the keystroke path over numbers the bridge read from an item object (js/objects.js)

#[path = "support/js_text.rs"]
mod js_text;
use js_text::js_text;

/// The general path's answer rebuilt from a compact answer, as the bridge builds it.
fn expected_of(compact: &str, currency: Option<&str>) -> serde_json::Value {
    let p: Vec<&str> = compact.split(',').collect();
    assert_eq!(p.len(), 8, "{compact}");
    let mut item = serde_json::Map::new();
    item.insert("price".into(), p[0].into());
    item.insert("quantity".into(), p[1].into());
    if !p[2].is_empty() {
        item.insert("vat".into(), p[2].into());
    }
    if !p[3].is_empty() {
        item.insert("rebate".into(), p[3].into());
    }
    serde_json::json!({ "value": {
        "ok": true,
        "items": [item],
        "lines": [{ "net": p[4], "rebate": p[5], "vat": p[6], "amount": p[7] }],
        "totals": { "currency": currency, "count": 1, "net": p[4], "rebate": p[5], "vat": p[6], "gross": p[7] },
    }})
}

fn pack(code: &str) -> u32 {
    code.bytes().fold(0, |a, b| (a << 8) | u32::from(b))
}

/// The scaled call and the general call on the same item; when the scaled path answers, the
/// general one says the same. Returns whether the scaled path answered.
fn agree(amounts: [Option<(i64, u32)>; 4], currency: Option<&str>) -> bool {
    let args = amounts.map(|a| a.map_or((0.0, api::fast_item::ABSENT), |(m, k)| (m as f64, k)));
    let compact = api::validate_item(args, currency.map_or(0, pack));
    let mut body = serde_json::Map::new();
    for (key, a) in ["price", "quantity", "vat", "rebate"].iter().zip(amounts) {
        if let Some((m, k)) = a {
            let n: serde_json::Value = serde_json::from_str(&js_text(m, k)).unwrap();
            body.insert((*key).into(), n);
        }
    }
    let options = currency.map_or("null".to_owned(), |c| format!(r#"{{"currency":"{c}"}}"#));
    let general: serde_json::Value = serde_json::from_str(&api::validate_items(
        &serde_json::Value::Object(body.clone()).to_string(),
        &options,
    ))
    .unwrap();
    if compact.is_empty() {
        // The object path answers a refusal itself, with the general path's bytes; what it leaves
        // to the general path (None) the general path accepts.
        let general_text = api::validate_items(
            &serde_json::Value::Object(body.clone()).to_string(),
            &options,
        );
        match api::validate_item_refusal(args, currency.map_or(0, pack)) {
            Some(refusal) => assert_eq!(refusal, general_text, "{body:?} {options}"),
            None => assert_eq!(
                general["value"]["ok"], true,
                "{body:?} {options}: {general}"
            ),
        }
        return false;
    }
    assert_eq!(
        general,
        expected_of(&compact, currency),
        "{body:?} {options}"
    );
    // The same key order as the general path writes.
    assert_eq!(
        general.to_string(),
        expected_of(&compact, currency).to_string()
    );
    true
}

#[test]
fn one_scaled_item_answers_like_the_general_path() {
    assert!(agree(
        [Some((1196, 1)), Some((2, 0)), Some((299, 1)), None],
        Some("SEK")
    ));
    assert!(agree(
        [Some((1005, 3)), None, Some((25, 2)), Some((5, 3))],
        None
    ));
    assert!(agree(
        [Some((0, 0)), Some((1, 3)), None, Some((0, 0))],
        Some("JPY")
    ));
    assert!(agree([Some((1, 6)), Some((1, 6)), None, None], Some("BHD")));
    // Problems and doubts: the general path answers.
    assert!(!agree([Some((-1, 0)), None, None, None], None));
    assert!(!agree([None, None, Some((1, 0)), None], None));
    assert!(!agree([Some((1, 0)), None, None, Some((2, 0))], None));
    assert!(!agree([Some((1, 0)), Some((0, 0)), None, None], None));
    assert!(!agree([Some((1, 0)), None, None, None], Some("XXX")));
    assert!(!agree(
        [Some((1_000_000_000_001, 0)), None, None, None],
        None
    ));
    assert!(api::validate_item([(1.5, 0), (0.0, 255), (0.0, 255), (0.0, 255)], 0).is_empty());
    assert!(api::validate_item([(1.0, 7), (0.0, 255), (0.0, 255), (0.0, 255)], 0).is_empty());
    assert!(api::validate_item([(f64::NAN, 0), (0.0, 255), (0.0, 255), (0.0, 255)], 0).is_empty());
    assert!(
        api::validate_item([(1.0, 0), (0.0, 255), (0.0, 255), (0.0, 255)], pack("sek")).is_empty()
    );
}

#[test]
fn a_refused_item_is_answered_with_the_general_paths_bytes() {
    let refused = |amounts: [Option<(i64, u32)>; 4], currency: Option<&str>| {
        let args = amounts.map(|a| a.map_or((0.0, api::fast_item::ABSENT), |(m, k)| (m as f64, k)));
        assert!(api::validate_item(args, currency.map_or(0, pack)).is_empty());
        let text = api::validate_item_refusal(args, currency.map_or(0, pack)).unwrap();
        assert!(!agree(amounts, currency));
        text
    };
    // A negative price, vat without a price, a rebate above the price, a zero quantity, an
    // amount past its bound, an unknown currency (an error, not { ok: false }).
    let cases = [
        (
            [Some((-150, 2)), None, None, None],
            None,
            "/price",
            "negative",
        ),
        (
            [None, None, Some((1, 0)), None],
            Some("SEK"),
            "/price",
            "required",
        ),
        (
            [Some((15, 1)), None, None, Some((16, 1))],
            None,
            "/rebate",
            "rebate_exceeds_price",
        ),
        (
            [Some((1, 0)), Some((0, 0)), None, None],
            Some("JPY"),
            "/quantity",
            "not_positive",
        ),
        (
            [Some((1_000_000_000_001, 0)), None, None, None],
            None,
            "/price",
            "out_of_range",
        ),
        (
            [Some((1, 0)), Some((10_000_000_001, 1)), None, None],
            None,
            "/quantity",
            "out_of_range",
        ),
    ];
    for (amounts, currency, path, code) in cases {
        let answer: serde_json::Value = serde_json::from_str(&refused(amounts, currency)).unwrap();
        assert_eq!(answer["value"]["ok"], false, "{answer}");
        assert_eq!(answer["value"]["issues"][0]["path"], path, "{answer}");
        assert_eq!(answer["value"]["issues"][0]["code"], code, "{answer}");
    }
    let vat_alone = refused([None, None, Some((1, 0)), None], None);
    assert!(vat_alone.contains("vat_without_price"), "{vat_alone}");
    let unknown = refused([Some((1, 0)), None, None, None], Some("XXY"));
    assert!(
        unknown.starts_with(r#"{"error":{"code":"unknown_currency""#),
        "{unknown}"
    );
    // Accepted by the general path (a line past what a JS number holds): left to it.
    let args = [
        (1e12, 0),
        (1e9, 0),
        (0.0, api::fast_item::ABSENT),
        (0.0, api::fast_item::ABSENT),
    ];
    assert_eq!(api::validate_item_refusal(args, pack("SEK")), None);
    // What the bridge never sends: left to the general path.
    let args = [(1.5, 0), (0.0, 255), (0.0, 255), (0.0, 255)];
    assert_eq!(api::validate_item_refusal(args, 0), None);
    let args = [(-1.0, 7), (0.0, 255), (0.0, 255), (0.0, 255)];
    assert_eq!(api::validate_item_refusal(args, 0), None);
    assert_eq!(
        api::validate_item_refusal([(-1.0, 0); 4], pack("sek")),
        None
    );
}

/// Amounts mostly refused: negative, zero, past the bounds, rebates above small prices.
fn refused_amount() -> impl Strategy<Value = Option<(i64, u32)>> {
    prop_oneof![
        1 => Just(None),
        2 => (-1_000_000i64..1, 0u32..=6).prop_map(Some),
        1 => (999_999_999_990i64..1_000_000_000_010, 0u32..=1).prop_map(Some),
        2 => (0i64..100, 0u32..=2).prop_map(Some),
    ]
    .prop_map(|a| a.map(|(m, k)| strip(m, k)))
}

fn scaled_amount() -> impl Strategy<Value = Option<(i64, u32)>> {
    prop_oneof![
        1 => Just(None),
        6 => (-10i64..1_000_000_000, 0u32..=6).prop_map(Some),
        1 => (-(1i64 << 52) + 1..(1i64 << 52), 0u32..=6).prop_map(Some),
    ]
    .prop_map(|a| a.map(|(m, k)| strip(m, k)))
}

/// As the bridge reads a double: no trailing zeros.
fn strip(mut m: i64, mut k: u32) -> (i64, u32) {
    while k > 0 && m % 10 == 0 {
        m /= 10;
        k -= 1;
    }
    (m, k)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn scaled_items_answer_what_the_general_path_answers(
        amounts in [scaled_amount(), scaled_amount(), scaled_amount(), scaled_amount()],
        currency in prop_oneof![Just(None), Just(Some("SEK")), Just(Some("JPY")), Just(Some("BHD")), Just(Some("XXX"))],
    ) {
        agree(amounts, currency);
    }

    #[test]
    fn refused_items_answer_the_general_paths_bytes(
        amounts in [refused_amount(), refused_amount(), refused_amount(), refused_amount()],
        currency in prop_oneof![Just(None), Just(Some("SEK")), Just(Some("JPY")), Just(Some("BHD")), Just(Some("XXY"))],
    ) {
        // `agree` compares a refusal's answer with the general path's, byte for byte.
        agree(amounts, currency);
    }
}
