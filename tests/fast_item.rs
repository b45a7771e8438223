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
