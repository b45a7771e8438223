#![cfg(not(target_arch = "wasm32"))]
//! The object paths answer their own refusals (src/api/refusals.rs): for items and customers the
//! bridge read into columns and the core refuses, `itemTotalsColumns` and
//! `previewSettlementsColumns` answer, in the same call, the general path's bytes for the same
//! objects written as JSON (random rows, mostly refused). The keystroke's are in tests/fast_item.rs.

use balance_ledger::api;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

#[path = "support/js_text.rs"]
mod js_text;
use js_text::js_text;

fn pack(code: &str) -> u32 {
    code.bytes().fold(0, |a, b| (a << 8) | u32::from(b))
}

/// An item as the bridge reads it: each amount `(mantissa, scale)` (price always there, as the
/// bridge requires of itemTotals), no trailing zeros.
type Row = [Option<(i64, u32)>; 4];

const KEYS: [&str; 4] = ["price", "quantity", "vat", "rebate"];

/// The item as `JSON.stringify` writes it (with a name, which the bridge checks and keeps).
fn item_json(row: &Row) -> Value {
    let mut item = Map::new();
    item.insert("name".into(), "Kaffe 500 g".into());
    for (key, a) in KEYS.iter().zip(row) {
        if let Some((m, k)) = a {
            item.insert(
                (*key).into(),
                serde_json::from_str(&js_text(*m, *k)).unwrap(),
            );
        }
    }
    Value::Object(item)
}

/// The item columns as js/objects.js fills them: each column at its largest scale, a missing
/// quantity 1 and a missing vat or rebate 0 in a column that exists; `None` when a cell would pass
/// 2^53 − 1 (the bridge declines the call).
struct Read {
    columns: [Option<Vec<f64>>; 4],
    scales: [u32; 4],
}

fn read(rows: &[Row]) -> Option<Read> {
    let mut columns: [Option<Vec<f64>>; 4] = Default::default();
    let mut scales = [0; 4];
    for c in 0..4 {
        if c > 0 && rows.iter().all(|r| r[c].is_none()) {
            continue;
        }
        let k = rows
            .iter()
            .filter_map(|r| r[c])
            .map(|a| a.1)
            .max()
            .unwrap_or(0);
        let missing = if c == 1 { 1 } else { 0 };
        let cells = rows.iter().map(|r| {
            let (m, s) = r[c].unwrap_or((missing, 0));
            let v = i128::from(m) * 10i128.pow(k - s);
            (v.unsigned_abs() < 1 << 53).then_some(v as f64)
        });
        columns[c] = Some(cells.collect::<Option<Vec<f64>>>()?);
        scales[c] = k;
    }
    Some(Read { columns, scales })
}

impl Read {
    fn columns(&self) -> api::Columns<'_> {
        let [p, q, v, r] = &self.columns;
        api::Columns {
            price: p.as_deref().unwrap_or(&[]),
            quantity: q.as_deref(),
            vat: v.as_deref(),
            rebate: r.as_deref(),
        }
    }
}

/// itemTotals over the columns: the compact totals, or a refusal that is the general path's bytes.
/// Returns whether the core refused.
fn totals_agree(rows: &[Row], single: bool, currency: &str) -> bool {
    let Some(read) = read(rows) else { return false };
    let fast = api::item_totals_columns(read.columns(), read.scales, pack(currency));
    let body = if single {
        item_json(&rows[0])
    } else {
        Value::Array(rows.iter().map(item_json).collect())
    };
    let general = api::item_totals(&body.to_string(), &format!("\"{currency}\""));
    if !fast.is_empty() {
        assert!(general.starts_with(r#"{"value":"#), "{body} {general}");
        return false;
    }
    let refusal = api::item_totals_refusal(read.columns(), read.scales, pack(currency), single);
    assert_eq!(refusal, general, "{body} {currency}");
    true
}

#[test]
fn refused_items_are_answered_with_the_general_paths_bytes() {
    let ok: Row = [Some((11960, 2)), Some((2, 0)), Some((2990, 2)), None];
    let negative: Row = [Some((-15, 1)), None, None, None];
    let zero: Row = [Some((1, 0)), Some((0, 0)), None, Some((5, 1))];
    let rebate: Row = [Some((150, 2)), None, Some((-1, 0)), Some((151, 2))];
    let big: Row = [
        Some((1_000_000_000_001, 0)),
        Some((1_000_000_001, 0)),
        None,
        None,
    ];
    for (rows, single, currency) in [
        (vec![negative], true, "SEK"),
        (vec![ok, negative, ok, zero, rebate, big], false, "SEK"),
        (vec![rebate], false, "BHD"),
        (vec![ok], false, "XXY"),
        (vec![negative, zero], false, "JPY"),
    ] {
        assert!(totals_agree(&rows, single, currency), "{rows:?}");
    }
    // One object's issues point at its fields, an array's at its items.
    let fine = read(&[ok]).unwrap();
    let refused = read(&[negative]).unwrap();
    let sek = pack("SEK");
    let one = api::item_totals_refusal(refused.columns(), refused.scales, sek, true);
    let many = api::item_totals_refusal(refused.columns(), refused.scales, sek, false);
    assert!(one.contains(r#""path":"/price""#), "{one}");
    assert!(many.contains(r#""path":"/0/price""#), "{many}");
    // Nothing to refuse, or what the bridge never sends: "" (the general path answers).
    assert_eq!(
        api::item_totals_refusal(fine.columns(), fine.scales, sek, false),
        ""
    );
    assert_eq!(
        api::item_totals_refusal(refused.columns(), [7, 0, 0, 0], sek, false),
        ""
    );
    assert_eq!(
        api::item_totals_refusal(refused.columns(), refused.scales, pack("sek"), false),
        ""
    );
    let half = api::Columns {
        price: &[-1.5],
        quantity: None,
        vat: None,
        rebate: None,
    };
    assert_eq!(api::item_totals_refusal(half, [0; 4], sek, false), "");
}

fn amount(refused: bool) -> impl Strategy<Value = (i64, u32)> {
    let range = if refused {
        -200i64..2_000
    } else {
        0i64..2_000_000
    };
    prop_oneof![
        4 => (range, 0u32..=6),
        1 => (999_999_999_990i64..1_000_000_000_010, 0u32..=1),
    ]
    .prop_map(|(mut m, mut k)| {
        while k > 0 && m % 10 == 0 {
            m /= 10;
            k -= 1;
        }
        (m, k)
    })
}

fn row() -> impl Strategy<Value = Row> {
    (
        any::<bool>(),
        amount(false),
        proptest::option::of(amount(true)),
        proptest::option::of(amount(true)),
        proptest::option::of(amount(true)),
    )
        .prop_map(|(bad, price, q, v, r)| {
            let price = if bad { (-price.0, price.1) } else { price };
            [Some(price), q, v, r]
        })
}

/// A customer as the bridge reads it: balance rows and a total.
type Customer = (Vec<Row>, Option<(i64, u32)>);

fn total() -> impl Strategy<Value = Option<(i64, u32)>> {
    proptest::option::of(prop_oneof![
        3 => (0i64..100_000, 0u32..=2),
        1 => (-1_000i64..100_000, 0u32..=6),
    ])
}

/// previewSettlements (summary) over the columns: the batch amounts, or the general path's bytes
/// (ids put back as the bridge puts them back), or "" for full detail.
fn settlements_agree(book: &[Customer], currency: &str, options: &Value) {
    let rows: Vec<Row> = book.iter().flat_map(|c| c.0.clone()).collect();
    let Some(read) = read(&rows) else { return };
    let kf = book
        .iter()
        .filter_map(|c| c.1)
        .map(|t| t.1)
        .max()
        .unwrap_or(0);
    let funds: Option<Vec<f64>> = book
        .iter()
        .map(|c| {
            let (m, k) = c.1.unwrap_or((0, 0));
            let v = i128::from(m) * 10i128.pow(kf - k);
            (v.unsigned_abs() < 1 << 53).then_some(v as f64)
        })
        .collect();
    let Some(funds) = funds else { return };
    let counts: Vec<f64> = book.iter().map(|c| c.0.len() as f64).collect();
    let [kp, kq, kv, kr] = read.scales;
    let scale = format!(r#"{{"price":{kp},"quantity":{kq},"vat":{kv},"rebate":{kr}}}"#);
    let customers = api::Customers {
        counts: &counts,
        funds: Some(&funds),
        items: read.columns(),
    };
    let currency_text = format!("\"{currency}\"");
    let options = options.to_string();
    let fast = api::preview_settlements_columns(customers, kf, &scale, &currency_text, &options);
    if !fast.is_empty() {
        return;
    }
    let json_book: Vec<Value> = book
        .iter()
        .enumerate()
        .map(|(i, (balance, total))| {
            let mut c = json!({ "id": format!("c-{i}"), "currency": currency, "status": "active", "version": 7 });
            if !balance.is_empty() || i % 2 == 0 {
                c["balance"] = Value::Array(balance.iter().map(item_json).collect());
            }
            if let Some((m, k)) = total {
                c["total"] = serde_json::from_str(&js_text(*m, *k)).unwrap();
            }
            c
        })
        .collect();
    let general = api::preview_settlements(&Value::Array(json_book).to_string(), &options);
    let mut refusal =
        api::preview_settlements_refusal(customers, kf, &scale, &currency_text, &options);
    if refusal.is_empty() {
        // Full detail: the general path's own work.
        assert!(!options.contains("summary"), "{options} {general}");
        return;
    }
    // The bridge puts each customer's id in place of its index.
    for i in (0..book.len()).rev() {
        refusal = refusal.replace(&format!(r#""id":"{i}","#), &format!(r#""id":"c-{i}","#));
    }
    assert_eq!(refusal, general, "{book:?} {options}");
}

#[test]
fn refused_customers_and_options_are_answered_with_the_general_paths_bytes() {
    let now = "2026-11-23T10:00:00Z";
    let summary = json!({ "detail": "summary", "now": now });
    let ok: Row = [Some((11960, 2)), Some((2, 0)), None, None];
    let bad: Row = [Some((-1, 0)), Some((0, 0)), None, None];
    let book = vec![
        (vec![ok, ok], Some((50, 0))),
        (vec![bad], None),
        (vec![], Some((1234, 3))),
        (vec![ok], Some((-5, 0))),
    ];
    settlements_agree(&book, "SEK", &summary);
    settlements_agree(&book[..1], "XXY", &summary);
    settlements_agree(
        &book[..1],
        "SEK",
        &json!({ "detail": "summary", "now": now, "x": 1 }),
    );
    settlements_agree(
        &book[..1],
        "SEK",
        &json!({ "detail": "summary", "now": "yesterday" }),
    );
    settlements_agree(&book, "SEK", &json!({ "detail": "full", "now": now }));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn random_refused_rows_answer_the_general_paths_bytes(
        rows in proptest::collection::vec(row(), 1..8),
        single in any::<bool>(),
        currency in prop_oneof![4 => Just("SEK"), 1 => Just("JPY"), 1 => Just("BHD"), 1 => Just("XXY")],
    ) {
        let rows = if single { &rows[..1] } else { &rows[..] };
        totals_agree(rows, single, currency);
    }

    #[test]
    fn random_refused_books_answer_the_general_paths_bytes(
        book in proptest::collection::vec((proptest::collection::vec(row(), 0..4), total()), 1..6),
        currency in prop_oneof![6 => Just("SEK"), 1 => Just("JPY"), 1 => Just("XXY")],
        options in prop_oneof![
            6 => Just(json!({ "detail": "summary", "now": "2026-11-23T10:00:00Z" })),
            1 => Just(json!({ "detail": "summary", "now": "2026-11-23T10:00:00Z", "number": "N-1" })),
            1 => Just(json!({ "detail": "summary" })),
            1 => Just(json!({ "detail": "short", "now": "2026-11-23T10:00:00Z" })),
            1 => Just(json!({ "detail": "full", "now": "2026-11-23T10:00:00Z" })),
        ],
    ) {
        settlements_agree(&book, currency, &options);
    }
}
