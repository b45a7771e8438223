#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the item core: exact totals, number/string equivalence, no panic on any input.

use balance_ledger::{api, Currency};
use balance_ledger::{item_totals, validate_items};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cents(s: &str) -> i128 {
    s.replace('.', "").parse().unwrap()
}

/// `m / 10^scale` as exact decimal text with `scale` digits after the point.
fn scaled(m: u64, scale: u32) -> String {
    rust_decimal::Decimal::new(i64::try_from(m).unwrap(), scale).to_string()
}

/// Amounts with 0..=4 decimals up to 10^6, as exact text.
fn amount() -> impl Strategy<Value = String> {
    (0u64..100_000_000, 0u32..=4).prop_map(|(m, scale)| scaled(m, scale))
}

fn item() -> impl Strategy<Value = Value> {
    (
        amount(),
        1u32..1000,
        0u32..=3,
        proptest::option::of(amount()),
        proptest::bool::ANY,
    )
        .prop_map(|(price, q, qscale, vat, rebate)| {
            let mut m = serde_json::Map::new();
            m.insert("price".into(), json!(price.clone()));
            m.insert("quantity".into(), json!(scaled(u64::from(q), qscale)));
            if let Some(v) = vat {
                m.insert("vat".into(), json!(v));
            }
            if rebate {
                m.insert("rebate".into(), json!(price)); // rebate == price is allowed
            }
            Value::Object(m)
        })
}

/// JSON-shaped values of any kind, a few levels deep, with the field names items use.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(|i| json!(i)),
        "\\PC{0,12}".prop_map(Value::String),
        "-?[0-9]{0,40}(\\.[0-9]{0,40})?(e[+-]?[0-9]{1,5})?".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("price".to_string()),
                        Just("quantity".to_string()),
                        Just("vat".to_string()),
                        Just("rebate".to_string()),
                        Just("name".to_string()),
                        "\\PC{0,6}"
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Totals are the sums of the rounded lines, and each line adds up.
    #[test]
    fn totals_equal_the_sum_of_rounded_lines(items in prop::collection::vec(item(), 1..20), code in prop::sample::select(vec!["SEK", "JPY", "BHD", "CLF"])) {
        let currency = Currency::parse(code).unwrap();
        let v = validate_items(&Value::Array(items.clone()), Some(currency)).unwrap();
        let mut sum = [0i128; 4];
        for l in &v.lines {
            prop_assert_eq!(cents(&l.amount), cents(&l.net) - cents(&l.rebate) + cents(&l.vat));
            sum[0] += cents(&l.net);
            sum[1] += cents(&l.rebate);
            sum[2] += cents(&l.vat);
            sum[3] += cents(&l.amount);
        }
        prop_assert_eq!(sum, [cents(&v.totals.net), cents(&v.totals.rebate), cents(&v.totals.vat), cents(&v.totals.gross)]);
        // Every amount has exactly the currency's minor digits.
        let digits = v.totals.gross.split('.').nth(1).map_or(0, str::len) as u32;
        prop_assert_eq!(digits, currency.minor_units());
        // itemTotals agrees with validateItems.
        prop_assert_eq!(item_totals(&Value::Array(items), currency).unwrap(), v.totals);
    }

    /// A JS number (shortest round-trip text, as JSON.stringify writes it) and its decimal string
    /// give identical results.
    #[test]
    fn number_and_decimal_string_agree(price in 0f64..1e9, qty in 0.001f64..1e4) {
        let as_numbers = format!(r#"{{"price":{price},"quantity":{qty}}}"#);
        let as_strings = format!(r#"{{"price":"{price}","quantity":"{qty}"}}"#);
        prop_assert_eq!(api::item_totals(&as_numbers, "\"EUR\""), api::item_totals(&as_strings, "\"EUR\""));
        prop_assert_eq!(api::validate_items(&as_numbers, "{}"), api::validate_items(&as_strings, "{}"));
    }

    /// Arbitrary JSON-shaped input never panics, and always answers with a value or a coded error.
    #[test]
    fn arbitrary_json_never_panics(body in any_json()) {
        let text = body.to_string();
        let a = api::validate_items(&text, r#"{"currency":"SEK"}"#);
        let b = api::item_totals(&text, "\"JPY\"");
        for out in [a, b] {
            let v: Value = serde_json::from_str(&out).unwrap();
            prop_assert!(v.get("value").is_some() || v["error"]["code"].is_string(), "{}", out);
        }
    }

    /// Arbitrary text (not even JSON) never panics.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
        let out = api::validate_items(&text, &text);
        prop_assert!(out.starts_with("{\""), "{}", out);
    }
}
