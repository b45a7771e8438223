//! `api::charge_balance_columns`, the object path of `chargeBalance` (js/objects.js reads plain item
//! objects into columns, their texts into one string): never a panic, and whenever it answers,
//! the general `chargeBalance` of the same items as JSON (amounts written as JSON.stringify writes
//! them) answers the same bytes; whenever the general path charges items the bridge would read,
//! the object path answers.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{align, cell, js_text};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const CUSTOMERS: [&str; 4] = [
    r#"{"id":"c1","currency":"SEK"}"#,
    r#"{"id":"c2","currency":"JPY","status":"active","limit":{"hard":100000}}"#,
    r#"{"id":"c3","currency":"BHD","balance":[{"price":"1.5"}],"total":"1"}"#,
    r#"{"id":"c4","currency":"SEK","status":"suspended"}"#,
];
const TEXTS: [&str; 8] = [
    "",
    "A-1",
    "Kaffe 500 g",
    "st",
    "naïve 🍕",
    "a\u{1}b",
    "\u{1e}",
    "\u{1f}",
];

type Amount = (i64, u8);
type Item = (
    Amount,
    Option<Amount>,
    Option<Amount>,
    Option<Amount>,
    [Option<u8>; 3],
);

fuzz_target!(|input: (Vec<Item>, u8, bool)| {
    let (items, pick, keyed) = input;
    if items.is_empty() || items.len() > 40 {
        return;
    }
    let customer = CUSTOMERS[usize::from(pick) % CUSTOMERS.len()];
    let options = if keyed {
        json!({ "now": "2026-11-23T10:00:00Z", "idempotency_key": "k1" })
    } else {
        json!({ "now": "2026-11-23T10:00:00Z" })
    }
    .to_string();
    let (mut price, mut quantity, mut vat, mut rebate) = (vec![], vec![], vec![], vec![]);
    let (mut any_q, mut any_v, mut any_r) = (false, false, false);
    let mut present = Vec::new();
    let mut texts = String::new();
    let mut body = Vec::new();
    // Whether every text keeps the bridge's text rule (it sends no other).
    let mut plain = true;
    for &(p, q, v, r, t) in &items {
        let mut item = Map::new();
        // The row's fields: vat, rebate, number, name, unit (bits 0 to 4).
        let mut bits = u8::from(v.is_some()) | (u8::from(r.is_some()) << 1);
        for ((bit, key), text) in [(2, "number"), (3, "name"), (4, "unit")].into_iter().zip(t) {
            if let Some(text) = text.map(|i| TEXTS[usize::from(i) % TEXTS.len()]) {
                plain &= !text.chars().any(char::is_control);
                item.insert(key.into(), json!(text));
                texts.push_str(text);
                texts.push('\u{1f}');
                bits |= 1 << bit;
            }
        }
        present.push(bits);
        let mut put = |key: &str, a: (i64, u32)| {
            if a.1 <= 6 {
                if let Ok(n) = serde_json::from_str::<Value>(&js_text(a.0, a.1)) {
                    item.insert(key.into(), n);
                }
            }
        };
        let p = cell(p);
        put("price", p);
        price.push(p);
        quantity.push(q.map_or((1, 0), cell));
        vat.push(v.map_or((0, 0), cell));
        rebate.push(r.map_or((0, 0), cell));
        any_q |= q.is_some();
        any_v |= v.is_some();
        any_r |= r.is_some();
        for (key, a) in [("quantity", q), ("vat", v), ("rebate", r)] {
            if let Some(a) = a {
                put(key, cell(a));
            }
        }
        body.push(Value::Object(item));
    }
    let (Some((price, kp)), Some((quantity, kq)), Some((vat, kv)), Some((rebate, kr))) =
        (align(&price), align(&quantity), align(&vat), align(&rebate))
    else {
        return;
    };
    let columns = api::Columns {
        price: &price,
        quantity: any_q.then_some(&quantity[..]),
        vat: any_v.then_some(&vat[..]),
        rebate: any_r.then_some(&rebate[..]),
    };
    let fast = api::charge_balance_columns(
        customer,
        columns,
        [kp, kq, kv, kr],
        &present,
        &texts,
        &options,
    );
    // A scale of 7 is refused by the object path and written differently as JSON: nothing to
    // compare.
    if [kp, kq, kv, kr].contains(&7) {
        assert_eq!(fast, "");
        return;
    }
    let general = api::charge_balance(customer, &Value::Array(body).to_string(), &options);
    if !plain {
        // Texts the bridge never sends (control characters, TEXT_END among them): refused.
        assert_eq!(fast, "", "{items:?}");
    } else if general.starts_with(r#"{"value""#) {
        assert_eq!(fast, general, "{items:?}");
    } else {
        assert_eq!(fast, "", "{items:?}: the general path answered {general}");
    }
});
