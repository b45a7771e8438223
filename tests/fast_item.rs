#![cfg(not(target_arch = "wasm32"))]
//! The keystroke path of `validateItems` (one valid item as `JSON.stringify` writes it) answers
//! byte for byte what the general path answers, and is taken for the items a widget sends.

use balance_ledger::api::{self, fast_item::validate_one};
use proptest::prelude::*;

#[test]
fn ordinary_items_take_the_fast_path_and_answer_like_the_general_one() {
    for (body, options) in [
        (
            r#"{"price":119.6,"quantity":2,"vat":29.9}"#,
            r#"{"currency":"SEK"}"#,
        ),
        (
            r#"{"number":"A-1","name":"Kaffe ☕ 500 g","price":"59.90","unit":"st"}"#,
            "null",
        ),
        (
            r#"{"price":0,"quantity":0.001,"rebate":0}"#,
            r#"{"currency":"jpy"}"#,
        ),
        (
            r#"{"price":1.005,"vat":0.25,"rebate":0.005}"#,
            r#"{"currency":"752"}"#,
        ),
        (
            r#"{"price":1e2,"quantity":"1.5E-1"}"#,
            r#"{"currency":"BHD"}"#,
        ),
    ] {
        let fast = validate_one(body, options);
        assert!(fast.is_some(), "{body} {options} takes the fast path");
        assert_eq!(
            fast.unwrap(),
            api::validate_items_general(body, options),
            "{body}"
        );
    }
}

#[test]
fn anything_else_goes_the_general_way() {
    for (body, options) in [
        (r#"{"price":"12,50"}"#, "null"), // a problem: the general path names it
        (r#"{"price":1,"price":2}"#, "null"), // a repeated key
        (r#"{"price":1,"tax":2}"#, "null"), // an unknown key
        (r#"{ "price":1}"#, "null"),      // whitespace
        (r#"{"price":1,"name":"a\"b"}"#, "null"), // an escape
        (r#"{"price":01}"#, "null"),      // not JSON
        (r#"[{"price":1}]"#, "null"),     // an array of items
        ("12.5", "null"),                 // a bare charge
        (r#"{"price":1}"#, r#"{"currency":"XXX"}"#), // an unknown currency
        (r#"{"price":1}"#, r#"{"currency":"SEK","x":1}"#), // unknown options
        (r#"{"price":1,"rebate":2}"#, "null"), // a rule broken
        (r#"{"price":1,"name":"\u0085"}"#, "null"), // a control character, unescaped
    ] {
        assert_eq!(validate_one(body, options), None, "{body} {options}");
        assert_eq!(
            api::validate_items(body, options),
            api::validate_items_general(body, options)
        );
    }
}

/// Raw JSON text of a member value: numbers (JSON's and not), strings, and other types.
fn value() -> impl Strategy<Value = String> {
    let digits = || "[0-9]{1,14}";
    prop_oneof![
        4 => (digits(), prop::option::of("[0-9]{0,8}"), any::<bool>())
            .prop_map(|(i, f, neg)| {
                // JSON writes no leading zeros.
                let i = match i.trim_start_matches('0') { "" => "0", t => t };
                format!("{}{i}{}", if neg { "-" } else { "" }, f.map(|f| format!(".{f}")).unwrap_or_default())
            }),
        2 => (digits(), "[eE]", "[-+]?", "[0-9]{1,3}").prop_map(|(i, e, s, x)| format!("{i}{e}{s}{x}")),
        2 => (digits(), prop::option::of("[0-9]{1,7}")).prop_map(|(i, f)| format!("\"{i}{}\"", f.map(|f| format!(".{f}")).unwrap_or_default())),
        1 => prop::sample::select(vec![
            "01", "1.", ".5", "-", "1e", "+1", "0x10", "-0", "0", "0.000", "1e400", "true", "null",
            "[]", "{}", "\"\"", "\" 1\"", "\"12,50\"", "\"1e2\"", "\"١٢\"", "\"-0\"", "1E+2",
        ]).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 åäö☕€-]{0,20}".prop_map(|s| format!("\"{s}\"")),
        1 => prop::sample::select(vec![
            "\"a\\\"b\"", "\"\\u0001\"", "\"\u{7f}\"", "\"\u{85}\"", "\"\\\\\"", "\"x\\ny\"",
        ]).prop_map(str::to_owned),
        1 => "[a-z]{60,300}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn key() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        12 => prop::sample::select(vec!["number", "name", "price", "quantity", "unit", "vat", "rebate"]),
        1 => prop::sample::select(vec!["tax", "Price", "__proto__", ""]),
    ]
}

fn options() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "null",
        r#"{"currency":"SEK"}"#,
        r#"{"currency":"jpy"}"#,
        r#"{"currency":"BHD"}"#,
        r#"{"currency":"CLF"}"#,
        r#"{"currency":"752"}"#,
        r#"{"currency":"XXX"}"#,
        "{}",
        r#"{"currency":null}"#,
        r#""SEK""#,
        r#"{"currency":"SEK","x":1}"#,
        r#"{"currency":" SEK"}"#,
        r#"{ "currency":"SEK"}"#,
    ])
    .prop_map(str::to_owned)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn the_fast_path_answers_exactly_what_the_general_path_answers(
        members in prop::collection::vec((key(), value()), 0..8),
        options in options(),
        wrap in prop::sample::select(vec!["", "", "", "", " ", "["]),
    ) {
        let inner: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let mut body = format!("{{{}}}", inner.join(","));
        match wrap {
            " " => body = format!(" {body}"),
            "[" => body = format!("[{body}]"),
            _ => {}
        }
        prop_assert_eq!(
            api::validate_items(&body, &options),
            api::validate_items_general(&body, &options),
            "{} {}", body, options
        );
    }
}

// ---- the keystroke path over numbers the bridge read from an item object (js/objects.js)

/// The text JSON.stringify writes for the double the bridge read as `m · 10^-k` (its shortest
/// round-trip form: plain digits, no trailing zeros, `0.000001` for 1e-6).
fn js_text(m: i64, k: u32) -> String {
    let digits = m.unsigned_abs().to_string();
    let k = k as usize;
    let text = if k == 0 {
        digits
    } else if digits.len() > k {
        format!(
            "{}.{}",
            &digits[..digits.len() - k],
            &digits[digits.len() - k..]
        )
    } else {
        format!("0.{}{digits}", "0".repeat(k - digits.len()))
    };
    if m < 0 {
        format!("-{text}")
    } else {
        text
    }
}

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
    let general: serde_json::Value = serde_json::from_str(&api::validate_items_general(
        &serde_json::Value::Object(body.clone()).to_string(),
        &options,
    ))
    .unwrap();
    if compact.is_empty() {
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
}
