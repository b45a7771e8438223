//! `api::preview_settlements_columns`, the object path of a summary settle-all (js/objects.js reads
//! plain customers into columns): never a panic, and whenever it answers, the general
//! `previewSettlements` over the same customers as JSON (amounts written as JSON.stringify writes
//! them) answers every customer with the same amount, and no errors.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{align, cell, js_text};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const CURRENCIES: [&str; 5] = ["SEK", "JPY", "BHD", "CLF", "XXX"];

type Item = (
    (i64, u8),
    Option<(i64, u8)>,
    Option<(i64, u8)>,
    Option<(i64, u8)>,
);

/// A customer: its total and its balance's items.
type Customer = ((i64, u8), Vec<Item>);

fuzz_target!(|input: (Vec<Customer>, u8, bool)| {
    let (customers, pick, summary) = input;
    if customers.is_empty() || customers.len() > 50 {
        return;
    }
    let currency = CURRENCIES[usize::from(pick) % CURRENCIES.len()];
    let mut counts = Vec::new();
    let mut funds = Vec::new();
    let (mut price, mut quantity, mut vat, mut rebate) = (vec![], vec![], vec![], vec![]);
    let (mut any_q, mut any_v, mut any_r) = (false, false, false);
    let mut book = Vec::new();
    for (c, (total, items)) in customers.iter().enumerate() {
        let items = &items[..items.len().min(20)];
        counts.push(items.len() as f64);
        // The bridge sends a total's scale from 0 to 6 (the smallest that reads it).
        let total = (total.0 % (1 << 52), u32::from(total.1 % 7));
        funds.push(total);
        let mut balance = Vec::new();
        for &(p, q, v, r) in items {
            let mut item = serde_json::Map::new();
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
            balance.push(Value::Object(item));
        }
        let total =
            serde_json::from_str::<Value>(&js_text(total.0, total.1)).unwrap_or(Value::Null);
        book.push(json!({ "id": format!("c{c}"), "currency": currency, "balance": balance, "total": total }));
    }
    let (
        Some((price, kp)),
        Some((quantity, kq)),
        Some((vat, kv)),
        Some((rebate, kr)),
        Some((funds, kf)),
    ) = (
        align(&price),
        align(&quantity),
        align(&vat),
        align(&rebate),
        align(&funds),
    )
    else {
        return;
    };
    let columns = api::Customers {
        counts: &counts,
        funds: Some(&funds),
        items: api::Columns {
            price: &price,
            quantity: any_q.then_some(&quantity[..]),
            vat: any_v.then_some(&vat[..]),
            rebate: any_r.then_some(&rebate[..]),
        },
    };
    let scale = format!(r#"{{"price":{kp},"quantity":{kq},"vat":{kv},"rebate":{kr}}}"#);
    let now = "2026-11-23T10:00:00Z";
    let options = if summary {
        json!({ "now": now, "detail": "summary" })
    } else {
        json!({ "now": now })
    };
    let fast = api::preview_settlements_columns(
        columns,
        kf,
        &scale,
        &format!("\"{currency}\""),
        &options.to_string(),
    );
    if fast.is_empty() {
        return;
    }
    assert!(summary, "only a summary takes the object path");
    let fast: Value = serde_json::from_str(&fast).unwrap();
    let general: Value = serde_json::from_str(&api::preview_settlements(
        &Value::Array(book.clone()).to_string(),
        &options.to_string(),
    ))
    .unwrap();
    let general = &general["value"];
    assert_eq!(general["errors"], 0, "{book:?}: {general}");
    assert_eq!(general["updated"], fast["value"]["updated"], "{book:?}");
    let amounts: Vec<&Value> = general["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["amount"])
        .collect();
    let fast_amounts: Vec<&Value> = fast["value"]["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(amounts, fast_amounts, "{book:?}");
});
