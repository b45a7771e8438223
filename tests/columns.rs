#![cfg(not(target_arch = "wasm32"))]
//! Items as columns (`itemTotalsBatch`): the same totals as the same items written as JSON, and a
//! coded issue at `/<column>/<row>` for every value that is not a whole number in range.

use balance_ledger::api;
use balance_ledger::item_totals;
use balance_ledger::item_totals_batch;
use balance_ledger::{Code, Currency};
use balance_ledger::{Columns, Scales, MAX_ROWS};
use serde_json::{json, Value};

fn sek() -> Currency {
    Currency::parse("SEK").unwrap()
}

const SCALES: Scales = Scales {
    price: 2,
    quantity: 3,
    vat: 4,
    rebate: 4,
};

fn cols<'a>(p: &'a [f64], q: &'a [f64], v: &'a [f64], r: &'a [f64]) -> Columns<'a> {
    Columns {
        price: p,
        quantity: Some(q),
        vat: Some(v),
        rebate: Some(r),
    }
}

fn issues(c: Columns, scales: Scales) -> Vec<(String, Code)> {
    match item_totals_batch(c, scales, sek()) {
        Ok(t) => panic!("expected issues, got {t:?}"),
        Err(e) => e.issues.into_iter().map(|i| (i.path, i.code)).collect(),
    }
}

#[test]
fn columns_total_exactly_like_the_same_items_as_json() {
    let p = [11960.0, 1.0, 99999.0, 5.0];
    let q = [2000.0, 1500.0, 333.0, 1.0];
    let v = [299000.0, 25.0, 1199988.0, 3.0];
    let r = [0.0, 0.0, 99999.0, 5.0];
    let batch = item_totals_batch(cols(&p, &q, &v, &r), SCALES, sek()).unwrap();
    let body = json!([
        { "price": "119.60", "quantity": "2", "vat": "29.9" },
        { "price": "0.01", "quantity": "1.5", "vat": "0.0025" },
        { "price": "999.99", "quantity": "0.333", "vat": "119.9988", "rebate": "9.9999" },
        { "price": "0.05", "quantity": "0.001", "vat": "0.0003", "rebate": "0.0005" },
    ]);
    assert_eq!(batch, item_totals(&body, sek()).unwrap());
    assert_eq!(batch.gross, "668.65"); // 299.00 + 0.02 + (333.00 − 3.33 + 39.96) + 0.00
}

#[test]
fn absent_columns_mean_quantity_one_no_vat_no_rebate() {
    let c = Columns {
        price: &[1250.0, 1.0],
        quantity: None,
        vat: None,
        rebate: None,
    };
    let t = item_totals_batch(c, Scales::minor_units(sek()), sek()).unwrap();
    assert_eq!(
        (t.count, t.gross.as_str(), t.vat.as_str()),
        (2, "12.51", "0.00")
    );
}

#[test]
fn every_bad_value_is_reported_at_its_column_and_row() {
    let p = [1.5, f64::NAN, 1e16, -1.0, 100.0, 100.0];
    let q = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0];
    let v = [0.0, 0.0, 0.0, 0.0, 0.0, f64::INFINITY];
    let r = [0.0, 0.0, 0.0, 0.0, 0.0, 200.0];
    let s = Scales {
        price: 0,
        quantity: 0,
        vat: 0,
        rebate: 0,
    };
    assert_eq!(
        issues(cols(&p, &q, &v, &r), s),
        vec![
            ("/price/0".into(), Code::NotInteger),
            ("/price/1".into(), Code::NotFinite),
            ("/price/2".into(), Code::OutOfRange),
            ("/price/3".into(), Code::Negative),
            ("/quantity/4".into(), Code::NotPositive),
            ("/vat/5".into(), Code::NotFinite),
            ("/rebate/5".into(), Code::RebateExceedsPrice),
        ]
    );
}

#[test]
fn the_field_bounds_apply_at_any_scale() {
    // 10^12 + 1 at scale 0 is beyond the largest price; 2^53 − 1 is fine as an integer but not as
    // a quantity (10^9 at most).
    let p = [1_000_000_000_001.0];
    let q = [9_007_199_254_740_991.0];
    let s = Scales {
        price: 0,
        quantity: 0,
        vat: 0,
        rebate: 0,
    };
    let c = Columns {
        price: &p,
        quantity: Some(&q),
        vat: None,
        rebate: None,
    };
    assert_eq!(
        issues(c, s),
        vec![
            ("/price/0".into(), Code::OutOfRange),
            ("/quantity/0".into(), Code::OutOfRange)
        ]
    );
}

#[test]
fn columns_of_other_lengths_and_empty_or_huge_inputs_are_refused() {
    let c = Columns {
        price: &[1.0, 2.0],
        quantity: Some(&[1.0]),
        vat: Some(&[1.0, 2.0, 3.0]),
        rebate: None,
    };
    assert_eq!(
        issues(c, SCALES),
        vec![
            ("/quantity".into(), Code::LengthMismatch),
            ("/vat".into(), Code::LengthMismatch)
        ]
    );
    let empty = Columns {
        price: &[],
        quantity: None,
        vat: None,
        rebate: None,
    };
    assert_eq!(issues(empty, SCALES), vec![("/price".into(), Code::Empty)]);
    let huge = vec![1.0; MAX_ROWS + 1];
    let c = Columns {
        price: &huge,
        quantity: None,
        vat: None,
        rebate: None,
    };
    assert_eq!(
        issues(c, SCALES),
        vec![("/price".into(), Code::TooManyItems)]
    );
}

#[test]
fn the_api_reads_scales_and_currency_as_json() {
    let c = Columns {
        price: &[11960.0],
        quantity: Some(&[2.0]),
        vat: Some(&[2990.0]),
        rebate: None,
    };
    let answer: Value =
        serde_json::from_str(&api::item_totals_batch(c, r#"{"vat":2}"#, r#""752""#)).unwrap();
    assert_eq!(answer["value"]["gross"], "299.00");
    let bad = |scale: &str, currency: &str| -> Value {
        serde_json::from_str(&api::item_totals_batch(c, scale, currency)).unwrap()
    };
    assert_eq!(bad("null", r#""XXX""#)["error"]["code"], "unknown_currency");
    let e = bad(r#"{"vat":7,"price":"2","tax":1}"#, r#""SEK""#);
    let found: Vec<(&str, &str)> = e["error"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["path"].as_str().unwrap(), i["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("/scale/tax", "unknown_field"),
            ("/scale/price", "invalid_type"),
            ("/scale/vat", "out_of_range")
        ]
    );
    assert_eq!(
        bad("[1]", r#""SEK""#)["error"]["issues"][0]["path"],
        "/scale"
    );
}

#[test]
fn the_object_paths_read_answers_the_compact_totals_or_nothing() {
    // itemTotalsColumns: scales as numbers, the currency's letters packed (js/objects.js packedCode).
    let pack = |code: &str| code.bytes().fold(0u32, |p, b| (p << 8) | u32::from(b));
    let c = Columns {
        price: &[11960.0, 999.0],
        quantity: Some(&[2000.0, 1500.0]),
        vat: Some(&[299000.0, 0.0]),
        rebate: None,
    };
    let t = item_totals_batch(
        c,
        Scales {
            price: 2,
            quantity: 3,
            vat: 4,
            rebate: 0,
        },
        sek(),
    )
    .unwrap();
    let read = api::item_totals_columns(c, [2, 3, 4, 0], pack("SEK"));
    assert_eq!(
        read,
        format!("{},{},{},{},{}", t.count, t.net, t.rebate, t.vat, t.gross)
    );
    assert_eq!(read, "2,254.19,0.00,59.80,313.99");
    // Anything else is "": the general path answers it (errors included).
    for (scales, currency) in [
        ([7, 3, 4, 0], pack("SEK")),
        ([2, 3, 4, 0], pack("sek")),
        ([2, 3, 4, 0], pack("QQQ")),
        ([2, 3, 4, 0], 0),
        ([2, 3, 4, 0], 1 << 24 | pack("SEK")),
    ] {
        assert_eq!(
            api::item_totals_columns(c, scales, currency),
            "",
            "{scales:?} {currency}"
        );
    }
    let refused = Columns {
        price: &[-1.0],
        quantity: None,
        vat: None,
        rebate: None,
    };
    assert_eq!(
        api::item_totals_columns(refused, [2, 0, 0, 0], pack("SEK")),
        ""
    );
}

#[test]
fn overflow_of_the_total_is_an_error_not_a_wrong_sum() {
    // i128 holds far more than 4 million rows of the largest line: no overflow is reachable, but the
    // largest amounts still total exactly.
    let p = vec![1e12 * 100.0; 1000];
    let q = vec![1e9; 1000];
    let c = Columns {
        price: &p,
        quantity: Some(&q),
        vat: None,
        rebate: None,
    };
    let t = item_totals_batch(c, Scales::minor_units(sek()), sek()).unwrap();
    assert_eq!(t.gross, "1000000000000000000000000.00");
}

mod agreement {
    //! Most rows of a bulk call take a fast path straight from the integers; any row it does not
    //! accept takes the general one. Either way the answer must be the JSON path's, to the öre.
    use super::*;
    use proptest::prelude::*;

    /// An integer cell: mostly ordinary, sometimes zero, negative or beyond every bound.
    fn cell() -> impl Strategy<Value = i64> {
        prop_oneof![
            6 => 0i64..2_000_000,
            1 => Just(0i64),
            1 => -1000i64..0,
            1 => prop_oneof![Just(9_007_199_254_740_991i64), Just(1_000_000_000_000_000), Just(1_000_000_000_000_001)],
            // The edge of the tight loop's cells (checkout/fast_sum.rs) and the quantity bound.
            1 => prop_oneof![Just((1i64 << 31) - 1), Just(1i64 << 31), Just(1_000_000_000), Just(1_000_000_001)],
        ]
    }

    fn text(v: i64, scale: u32) -> String {
        let d = rust_decimal::Decimal::new(v, scale);
        d.to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

        #[test]
        fn columns_answer_what_json_answers(
            rows in prop::collection::vec((cell(), cell(), cell(), cell()), 1..12),
            scales in (0u32..=6, 0u32..=6, 0u32..=6, 0u32..=6),
            absent in (any::<bool>(), any::<bool>(), any::<bool>()),
            code in prop::sample::select(vec!["SEK", "JPY", "BHD", "CLF"]),
        ) {
            let currency = Currency::parse(code).unwrap();
            let scales = Scales { price: scales.0, quantity: scales.1, vat: scales.2, rebate: scales.3 };
            let col = |f: fn(&(i64, i64, i64, i64)) -> i64| rows.iter().map(|r| f(r) as f64).collect::<Vec<f64>>();
            let (p, q, v, r) = (col(|r| r.0), col(|r| r.1), col(|r| r.2), col(|r| r.3));
            let c = Columns {
                price: &p,
                quantity: (!absent.0).then_some(&q[..]),
                vat: (!absent.1).then_some(&v[..]),
                rebate: (!absent.2).then_some(&r[..]),
            };
            let body: Vec<Value> = rows.iter().map(|row| {
                let mut item = serde_json::Map::new();
                item.insert("price".into(), json!(text(row.0, scales.price)));
                if !absent.0 { item.insert("quantity".into(), json!(text(row.1, scales.quantity))); }
                if !absent.1 { item.insert("vat".into(), json!(text(row.2, scales.vat))); }
                if !absent.2 { item.insert("rebate".into(), json!(text(row.3, scales.rebate))); }
                Value::Object(item)
            }).collect();
            let batch = item_totals_batch(c, scales, currency);
            let json = item_totals(&Value::Array(body), currency);
            match (batch, json) {
                (Ok(b), Ok(j)) => prop_assert_eq!(b, j),
                (Err(b), Err(j)) => {
                    let codes = |e: balance_ledger::Error| {
                        let mut c: Vec<Code> = e.issues.iter().map(|i| i.code).collect();
                        if c.is_empty() { c.push(e.code); }
                        c.sort_by_key(|c| c.as_str());
                        c
                    };
                    prop_assert_eq!(codes(b), codes(j));
                }
                (b, j) => prop_assert!(false, "columns {:?} but JSON {:?}", b, j),
            }
        }
    }
}
