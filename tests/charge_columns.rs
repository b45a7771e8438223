#![cfg(not(target_arch = "wasm32"))]
//! The object path of `chargeBalance` (the bridge reads plain item objects into columns, their
//! texts into one string): whenever the general path charges the same items written as JSON, the
//! object path answers the same bytes, and it answers nothing else.

use balance_ledger::api;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

#[path = "support/js_text.rs"]
mod js_text;
use js_text::js_text;

const END: char = '\u{1f}';

/// One item as the bridge sees it: `(mantissa, scale)` amounts (no trailing zeros) and texts.
#[derive(Debug, Clone)]
struct Item {
    price: (i64, u32),
    quantity: Option<(i64, u32)>,
    vat: Option<(i64, u32)>,
    rebate: Option<(i64, u32)>,
    number: Option<String>,
    name: Option<String>,
    unit: Option<String>,
}

/// A column brought to its largest scale as the bridge does (None: a value would pass 2^53 − 1).
fn align(cells: &[(i64, u32)]) -> Option<(Vec<f64>, u32)> {
    let scale = cells.iter().map(|c| c.1).max().unwrap_or(0);
    cells
        .iter()
        .map(|&(m, k)| {
            let v = i128::from(m) * 10i128.pow(scale - k);
            (v.abs() < 1 << 53).then_some(v as f64)
        })
        .collect::<Option<Vec<f64>>>()
        .map(|c| (c, scale))
}

fn body(items: &[Item]) -> Value {
    let items = items.iter().map(|i| {
        let mut o = Map::new();
        let mut text = |k: &str, t: &Option<String>| {
            if let Some(t) = t {
                o.insert(k.into(), json!(t));
            }
        };
        text("number", &i.number);
        text("name", &i.name);
        text("unit", &i.unit);
        for (k, a) in [
            ("price", Some(i.price)),
            ("quantity", i.quantity),
            ("vat", i.vat),
            ("rebate", i.rebate),
        ] {
            if let Some((m, s)) = a {
                o.insert(k.into(), serde_json::from_str(&js_text(m, s)).unwrap());
            }
        }
        Value::Object(o)
    });
    Value::Array(items.collect())
}

/// The object path's answer to charging `items`, or None when the bridge would not take it (a
/// value past 2^53 once aligned, a text its text rule refuses).
fn object_path(customer: &str, items: &[Item], options: &str) -> Option<String> {
    let texts_ok = items
        .iter()
        .all(|i| text_ok(&i.number, 64) && text_ok(&i.name, 256) && text_ok(&i.unit, 32));
    if !texts_ok {
        return None;
    }
    core_path(customer, items, options)
}

/// The core's answer to the columns and texts the bridge would send for `items`.
fn core_path(customer: &str, items: &[Item], options: &str) -> Option<String> {
    let cells = |f: fn(&Item) -> Option<(i64, u32)>, absent| {
        items
            .iter()
            .map(|i| f(i).unwrap_or(absent))
            .collect::<Vec<_>>()
    };
    let (price, kp) = align(&cells(|i| Some(i.price), (0, 0)))?;
    let (quantity, kq) = align(&cells(|i| i.quantity, (1, 0)))?;
    let (vat, kv) = align(&cells(|i| i.vat, (0, 0)))?;
    let (rebate, kr) = align(&cells(|i| i.rebate, (0, 0)))?;
    let any = |f: fn(&Item) -> bool| items.iter().any(f);
    // Each row's fields (vat, rebate, number, name, unit: bits 0 to 4) and the texts it has.
    let present: Vec<u8> = items
        .iter()
        .map(|i| {
            [
                i.vat.is_some(),
                i.rebate.is_some(),
                i.number.is_some(),
                i.name.is_some(),
                i.unit.is_some(),
            ]
            .iter()
            .enumerate()
            .map(|(bit, &has)| u8::from(has) << bit)
            .sum()
        })
        .collect();
    let mut texts = String::new();
    for t in items
        .iter()
        .flat_map(|i| [&i.number, &i.name, &i.unit])
        .flatten()
    {
        texts.push_str(t);
        texts.push(END);
    }
    let columns = api::Columns {
        price: &price,
        quantity: any(|i| i.quantity.is_some()).then_some(&quantity[..]),
        vat: any(|i| i.vat.is_some()).then_some(&vat[..]),
        rebate: any(|i| i.rebate.is_some()).then_some(&rebate[..]),
    };
    Some(api::charge_balance_columns(
        customer,
        columns,
        [kp, kq, kv, kr],
        &present,
        &texts,
        options,
    ))
}

/// A text the bridge passes on (its text rule: within the length, no control character).
fn text_ok(t: &Option<String>, max: usize) -> bool {
    t.as_ref()
        .is_none_or(|t| t.encode_utf16().count() <= max && !t.chars().any(char::is_control))
}

fn agree(customer: &str, items: &[Item], options: &str) {
    let Some(fast) = object_path(customer, items, options) else {
        return;
    };
    let general = api::charge_balance(customer, &body(items).to_string(), options);
    if general.starts_with(r#"{"value""#) {
        assert_eq!(fast, general, "{items:?}");
    } else {
        assert_eq!(fast, "", "{items:?}: the general path answered {general}");
    }
}

const CUSTOMERS: &[&str] = &[
    r#"{"id":"c1","currency":"SEK"}"#,
    r#"{"id":"c2","currency":"SEK","status":"active","balance":[{"name":"Kaffe","price":"12.50","quantity":"2"}],"total":"10.00","limit":{"hard":1000000000}}"#,
    r#"{"id":"c3","currency":"JPY"}"#,
    r#"{"id":"c4","currency":"BHD","limit":{"hard":10}}"#,
    r#"{"id":"c5","currency":"SEK","status":"inactive"}"#,
];
const OPTIONS: &[&str] = &[
    r#"{"now":"2026-11-23T10:00:00Z"}"#,
    r#"{"now":"2026-11-23T10:00:00Z","idempotency_key":"k1"}"#,
    r#"{"now":"yesterday"}"#,
];

#[test]
fn a_cart_charged_through_columns_is_the_json_charge() {
    let item = |price, quantity, vat, name: &str| Item {
        price,
        quantity,
        vat,
        rebate: None,
        number: Some("A-100231".into()),
        name: Some(name.into()),
        unit: Some("st".into()),
    };
    let cart = [
        item((1196, 1), Some((2, 0)), Some((299, 1)), "Kaffe 500 g"),
        item((1250, 2), Some((1500, 3)), Some((125, 2)), "Äpplen"),
        Item {
            rebate: Some((5, 1)),
            number: None,
            unit: None,
            ..item((1, 0), None, None, "")
        },
    ];
    for customer in CUSTOMERS {
        for options in OPTIONS {
            agree(customer, &cart, options);
        }
    }
    let fast = object_path(CUSTOMERS[0], &cart, OPTIONS[1]).unwrap();
    assert!(
        fast.contains(r#""name":"Äpplen","price":"12.50","quantity":"1.5""#),
        "{fast}"
    );
    // Texts the text rule refuses (the bridge sends none), a present bit without its column, a
    // missing text, one too many: nothing.
    for bad in ["a\u{1}b", "x\u{1f}", "\u{85}", &"y".repeat(257)] {
        let control = [Item {
            name: Some(bad.into()),
            ..cart[0].clone()
        }];
        assert_eq!(
            core_path(CUSTOMERS[0], &control, OPTIONS[0]).unwrap(),
            "",
            "{bad:?}"
        );
    }
    let columns = api::Columns {
        price: &[100.0],
        quantity: None,
        vat: None,
        rebate: None,
    };
    let read = |present: &[u8], texts: &str| {
        api::charge_balance_columns(
            CUSTOMERS[0],
            columns,
            [2, 0, 0, 0],
            present,
            texts,
            OPTIONS[0],
        )
    };
    assert!(read(&[0], "").starts_with(r#"{"value""#));
    assert!(read(&[8], "Kaffe\u{1f}").contains(r#""name":"Kaffe","price":"1.00""#));
    assert_eq!(read(&[1], ""), "");
    assert_eq!(read(&[8], ""), "");
    assert_eq!(read(&[8], "Kaffe\u{1f}x"), "");
    assert_eq!(read(&[8], "Kaffe\u{1f}\u{1f}"), "");
    assert_eq!(read(&[0], "Kaffe\u{1f}"), "");
    assert_eq!(read(&[0, 0], ""), "");
    assert_eq!(
        api::charge_balance_columns(CUSTOMERS[0], columns, [7, 0, 0, 0], &[0], "", OPTIONS[0]),
        ""
    );
}

fn amount() -> impl Strategy<Value = (i64, u32)> {
    prop_oneof![
        // Mostly what carts hold, then refusals: negatives, past the bounds, too precise.
        40 => (0i64..10_000_000, 0u32..=6),
        1 => (-10i64..0, 0u32..=6),
        1 => (-(1i64 << 52) + 1..(1i64 << 52), 0u32..=7),
    ]
    .prop_map(|(mut m, mut k)| {
        while k > 0 && m % 10 == 0 {
            m /= 10;
            k -= 1;
        }
        (m, k)
    })
}

fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        12 => Just(None),
        4 => Just(Some(String::new())),
        60 => "[A-Za-z0-9 åäö,.-]{1,20}".prop_map(Some),
        1 => prop_oneof![
            Just("a\u{0}b".to_string()), Just("\u{85}".to_string()), Just("\u{1f}".to_string()),
            Just("\u{1e}".to_string()), Just("x".repeat(65)), Just("🍕".repeat(20)), Just("y".repeat(257)),
        ].prop_map(Some),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    (
        amount(),
        proptest::option::of(amount()),
        proptest::option::weighted(0.7, amount()),
        proptest::option::weighted(0.2, amount()),
        (text(), text(), text()),
    )
        .prop_map(
            |(price, quantity, vat, rebate, (number, name, unit))| Item {
                price,
                quantity,
                vat,
                rebate,
                number,
                name,
                unit,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn charges_through_columns_answer_what_the_json_charge_answers(
        items in proptest::collection::vec(item(), 1..8),
        // Mostly customers and options that charge, so most cases compare answers.
        customer in prop_oneof![4 => 0..2usize, 1 => 0..CUSTOMERS.len()],
        options in prop_oneof![4 => 0..2usize, 1 => 0..OPTIONS.len()],
    ) {
        agree(CUSTOMERS[customer], &items, OPTIONS[options]);
    }
}
