#![cfg(not(target_arch = "wasm32"))]
//! The core's JSON reader (src/input/reader.rs, behind `api::parse_arg`) reads exactly what
//! serde_json reads, into the same values (numbers' text, key order, repeated keys, escapes), and
//! refuses exactly what it refuses.

use balance_ledger::api::parse_arg;
use proptest::prelude::*;
use serde_json::Value;

fn same(text: &str) {
    let ours = parse_arg(text, usize::MAX);
    let theirs: Result<Value, _> = serde_json::from_str(text);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{text:?}");
            assert_eq!(a.to_string(), b.to_string(), "{text:?}");
        }
        (Err(e), Err(_)) => assert_eq!(e.code, balance_ledger::Code::UnreadableInput, "{text:?}"),
        (a, b) => panic!("{text:?}: ours {a:?}, serde_json {b:?}"),
    }
}

#[test]
fn the_cases_serde_json_reads_and_refuses() {
    for text in [
        "null",
        "true",
        "false",
        " 1 ",
        "-0",
        "0",
        "01",
        "1.",
        ".5",
        "1.5e3",
        "1E+2",
        "1e-2",
        "-",
        "--1",
        "1e",
        "1.5E",
        "123456789012345678901234567890.123456789",
        "[]",
        "{}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" : 1 , \"b\":[ 2 ,3 ]}",
        "{\"a\":1,\"a\":2,\"b\":3}",
        "{\"b\":1,\"a\":2}",
        "\"\\u00e9\\n\\t\\\"\\\\\\/\"",
        "\"\\ud83c\\udf55\"",
        "\"\\ud83c\"",
        "\"\\udf55\"",
        "\"\\ud83cx\"",
        "\"\\ud83c\\u0041\"",
        "\"\\x\"",
        "\"\\u12\"",
        "\"a\u{1}b\"",
        "\"tab\there\"",
        "\"é€🍕\"",
        "tru",
        "nul",
        "nullx",
        "[1] 2",
        "{\"a\"}",
        "{1:2}",
        "",
        "   ",
        "\u{feff}1",
        "[\"\\u0000\"]",
        "\"\\uDEAD\"",
        "\"\\uD800\\uDC00\"",
        "\"\\uDBFF\\uDFFF\"",
        "1 ",
        "\n[\r1\t]\n",
        "{\"\\u0000js\":\"undefined\"}",
        "[1e999]",
        "-1.0e-0",
        "0.0",
        "[-]",
        "[true false]",
        "{\"a\":1 \"b\":2}",
        "[0e0]",
        "{ \"a\":[0e0] }",
        "0e0",
        "0E0",
        "-0e-0",
        "0.0E+00",
        "0e",
        "00e0",
        "[0e0,1E1]",
    ] {
        same(text);
    }
}

fn json() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
        "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,8})?([eE][+-]?[0-9]{1,3})?",
        "\"([a-z é€🍕]|\\\\[\"\\\\/bfnrt]|\\\\u[0-9a-fA-F]{4})*\"",
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|v| format!("[{}]", v.join(" , "))),
            prop::collection::vec(("[a-c]{1,2}", inner), 0..6).prop_map(|v| {
                let members: Vec<String> = v.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{ {} }}", members.join(","))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn generated_json_reads_as_serde_json_reads_it(text in json()) {
        same(&text);
    }

    #[test]
    fn damaged_json_is_refused_or_read_as_serde_json_does(text in json(), at in any::<prop::sample::Index>(), cut in 0usize..3, insert in "[\\[\\]{},:\"\\\\0-9a-z\\- ]{0,2}") {
        let chars: Vec<char> = text.chars().collect();
        let i = at.index(chars.len() + 1);
        let mut damaged: String = chars[..i].iter().collect();
        damaged.push_str(&insert);
        damaged.extend(chars[(i + cut).min(chars.len())..].iter());
        same(&damaged);
    }
}
