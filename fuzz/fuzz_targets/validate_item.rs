//! `api::validate_item`, the keystroke path over the scaled integers the JS bridge reads from one
//! item object (js/objects.js): never a panic, and whenever it answers, the general path answers
//! the same item (its amounts written as JSON.stringify writes them) with exactly the object the
//! bridge builds from the compact answer.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::js_text;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const CURRENCIES: [Option<&str>; 6] = [
    None,
    Some("SEK"),
    Some("JPY"),
    Some("BHD"),
    Some("CLF"),
    Some("XXX"),
];

fuzz_target!(|input: ([(i64, u8, bool); 4], u8)| {
    let (fields, pick) = input;
    let currency = CURRENCIES[usize::from(pick) % CURRENCIES.len()];
    let mut args = [(0.0, api::fast_item::ABSENT); 4];
    let mut body = Map::new();
    for (i, (key, &(m, k, present))) in ["price", "quantity", "vat", "rebate"]
        .iter()
        .zip(&fields)
        .enumerate()
    {
        // Mantissas as the bridge reads them: below 2^52, scales 0 to 6 (and some beyond).
        let m = m % (1 << 52);
        let k = u32::from(k % 8);
        if !present {
            continue;
        }
        args[i] = (m as f64, k);
        if k <= 6 {
            if let Ok(n) = serde_json::from_str::<Value>(&js_text(m, k)) {
                body.insert((*key).into(), n);
            }
        }
    }
    let packed = currency.map_or(0, |c| c.bytes().fold(0u32, |a, b| (a << 8) | u32::from(b)));
    let compact = api::validate_item(args, packed);
    if compact.is_empty() {
        return;
    }
    // An answer means every amount was a plain decimal of at most 6 digits after the point.
    assert!(
        args.iter()
            .all(|a| a.1 == api::fast_item::ABSENT || a.1 <= 6),
        "{args:?}"
    );
    let options = currency.map_or("null".to_owned(), |c| format!(r#"{{"currency":"{c}"}}"#));
    let general: Value = serde_json::from_str(&api::validate_items(
        &Value::Object(body.clone()).to_string(),
        &options,
    ))
    .unwrap();
    let p: Vec<&str> = compact.split(',').collect();
    assert_eq!(p.len(), 8, "{compact}");
    let mut item = Map::new();
    item.insert("price".into(), p[0].into());
    item.insert("quantity".into(), p[1].into());
    if !p[2].is_empty() {
        item.insert("vat".into(), p[2].into());
    }
    if !p[3].is_empty() {
        item.insert("rebate".into(), p[3].into());
    }
    let expected = json!({ "value": {
        "ok": true,
        "items": [item],
        "lines": [{ "net": p[4], "rebate": p[5], "vat": p[6], "amount": p[7] }],
        "totals": { "currency": currency, "count": 1, "net": p[4], "rebate": p[5], "vat": p[6], "gross": p[7] },
    }});
    assert_eq!(
        general.to_string(),
        expected.to_string(),
        "{args:?} {options}"
    );
});
