#![cfg(not(target_arch = "wasm32"))]
//! Settle-all over columns (`previewSettlementsBatch`): each customer's amount is the `amount` the
//! JSON settle-all answers for the same customer, and every bad value is a coded issue at
//! `/<column>/<row>`.

use balance_ledger::{api, Code, Currency};
use balance_ledger::{preview_settlements, preview_settlements_batch, Customers};
use balance_ledger::{Columns, Scales};
use proptest::prelude::*;
use serde_json::{json, Value};

fn sek() -> Currency {
    Currency::parse("SEK").unwrap()
}

const SCALES: Scales = Scales {
    price: 2,
    quantity: 0,
    vat: 4,
    rebate: 2,
};

fn customers<'a>(counts: &'a [f64], funds: &'a [f64], p: &'a [f64], v: &'a [f64]) -> Customers<'a> {
    Customers {
        counts,
        funds: Some(funds),
        items: Columns {
            price: p,
            quantity: None,
            vat: Some(v),
            rebate: None,
        },
    }
}

fn issues(c: Customers) -> Vec<(String, Code)> {
    match preview_settlements_batch(c, SCALES, sek()) {
        Ok(a) => panic!("expected issues, got {a:?}"),
        Err(e) => e.issues.into_iter().map(|i| (i.path, i.code)).collect(),
    }
}

#[test]
fn amounts_are_the_items_less_the_funds_that_pay_them() {
    // Customer 0: 119.60 + 29.90 VAT and 10.00 + 2.50, 50.00 of funds; customer 1: nothing;
    // customer 2: 1.00 + 0.25 with 5.00 of funds, which pay all of it.
    let a = preview_settlements_batch(
        customers(
            &[2.0, 0.0, 1.0],
            &[5000.0, 700.0, 500.0],
            &[11960.0, 1000.0, 100.0],
            &[299000.0, 25000.0, 2500.0],
        ),
        SCALES,
        sek(),
    )
    .unwrap();
    assert_eq!(a.amounts, ["112.00", "0.00", "0.00"]); // 149.50 + 12.50 − 50.00
    assert_eq!((a.updated, a.total.as_str()), (2, "112.00"));
    assert_eq!(a.currency, sek());
}

#[test]
fn no_items_at_all_is_a_valid_run() {
    let a = preview_settlements_batch(customers(&[0.0, 0.0], &[1.0, 0.0], &[], &[]), SCALES, sek())
        .unwrap();
    assert_eq!(
        (a.updated, a.amounts.len(), a.total.as_str()),
        (0, 2, "0.00")
    );
}

#[test]
fn every_bad_value_is_reported_at_its_column_and_row() {
    assert_eq!(
        issues(customers(
            &[1.0, -1.0, 0.5],
            &[0.0, 0.0, 0.0],
            &[1.0],
            &[0.0]
        )),
        [
            ("/counts/1".to_string(), Code::OutOfRange),
            ("/counts/2".to_string(), Code::NotInteger)
        ]
    );
    assert_eq!(
        issues(customers(&[1.0, 1.0], &[0.0, 0.0], &[1.0], &[0.0])),
        [("/counts".to_string(), Code::LengthMismatch)]
    );
    assert_eq!(
        issues(customers(&[10_001.0], &[0.0], &[1.0], &[0.0])),
        [("/counts/0".to_string(), Code::OutOfRange)]
    );
    assert_eq!(
        issues(customers(&[1.0], &[0.0, 1.0], &[1.0], &[0.0])),
        [("/funds".to_string(), Code::LengthMismatch)]
    );
    assert_eq!(
        issues(customers(&[1.0, 0.0], &[-1.0, 1e20], &[1.0], &[0.0])),
        [
            ("/funds/0".to_string(), Code::Negative),
            ("/funds/1".to_string(), Code::OutOfRange)
        ]
    );
    // Items: the row is the row of the columns, whichever customer it belongs to.
    assert_eq!(
        issues(customers(
            &[1.0, 2.0],
            &[0.0; 2],
            &[1.0, -5.0, f64::NAN],
            &[0.0; 3]
        )),
        [
            ("/price/1".to_string(), Code::Negative),
            ("/price/2".to_string(), Code::NotFinite)
        ]
    );
    let short = Customers {
        items: Columns {
            quantity: Some(&[1.0]),
            ..customers(&[2.0], &[0.0], &[1.0, 2.0], &[0.0, 0.0]).items
        },
        ..customers(&[2.0], &[0.0], &[1.0, 2.0], &[0.0, 0.0])
    };
    assert_eq!(
        issues(short),
        [("/quantity".to_string(), Code::LengthMismatch)]
    );
}

#[test]
fn the_api_reads_scales_and_currency_as_json() {
    let c = customers(&[1.0], &[0.0], &[1250.0], &[0.0]);
    let answer: Value =
        serde_json::from_str(&api::preview_settlements_batch(c, "null", "\"JPY\"")).unwrap();
    assert_eq!(answer["value"]["amounts"], json!(["1250"]));
    let answer: Value =
        serde_json::from_str(&api::preview_settlements_batch(c, "null", "\"XXX\"")).unwrap();
    assert_eq!(answer["error"]["code"], "unknown_currency");
    let answer: Value = serde_json::from_str(&api::preview_settlements_batch(
        c,
        r#"{"price":9}"#,
        "\"SEK\"",
    ))
    .unwrap();
    assert_eq!(answer["error"]["issues"][0]["path"], "/scale/price");
}

/// A customer's unsettled items as scaled integers: price (öre), quantity, vat (scale 4), rebate (öre).
type Row = (i64, i64, i64, i64);

fn row() -> impl Strategy<Value = Row> {
    (0i64..5_000_000, 1i64..20, 0i64..20_000_000, 0i64..100)
        .prop_map(|(p, q, v, r)| (p, q, v, r.min(p)))
}

fn decimal(n: i64, scale: u32) -> String {
    rust_decimal::Decimal::new(n, scale).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// The batch answers, customer by customer, the `amount` of the JSON settle-all.
    #[test]
    fn amounts_equal_the_json_settle_all(
        book in prop::collection::vec((prop::collection::vec(row(), 0..6), 0i64..3_000_000), 1..20),
    ) {
        let mut counts = Vec::new();
        let mut funds = Vec::new();
        let (mut p, mut q, mut v, mut r) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut json_customers = Vec::new();
        for (i, (items, f)) in book.iter().enumerate() {
            counts.push(items.len() as f64);
            funds.push(*f as f64);
            let mut balance = Vec::new();
            for &(pi, qi, vi, ri) in items {
                p.push(pi as f64);
                q.push(qi as f64);
                v.push(vi as f64);
                r.push(ri as f64);
                balance.push(json!({
                    "price": decimal(pi, 2), "quantity": qi, "vat": decimal(vi, 4), "rebate": decimal(ri, 2)
                }));
            }
            json_customers.push(json!({
                "id": format!("c{i}"), "currency": "SEK", "balance": balance, "total": decimal(*f, 2)
            }));
        }
        let c = Customers {
            counts: &counts,
            funds: Some(&funds),
            items: Columns { price: &p, quantity: Some(&q), vat: Some(&v), rebate: Some(&r) },
        };
        let batch = preview_settlements_batch(c, SCALES, sek()).unwrap();
        let all = preview_settlements(
            &Value::Array(json_customers),
            &json!({ "detail": "summary", "now": "2026-01-15T12:00:00Z" }),
        )
        .unwrap();
        let all = serde_json::to_value(all).unwrap();
        let amounts: Vec<&str> = all["results"].as_array().unwrap().iter().map(|r| r["amount"].as_str().unwrap()).collect();
        prop_assert_eq!(&batch.amounts, &amounts);
        prop_assert_eq!(u64::from(batch.updated), all["updated"].as_u64().unwrap());
        let total: i128 = batch.amounts.iter().map(|a| a.replace('.', "").parse::<i128>().unwrap()).sum();
        prop_assert_eq!(batch.total.replace('.', "").parse::<i128>().unwrap(), total);
    }
}

/// The object path's core (`api::preview_settlements_columns`, fed by js/objects.js): funds as
/// mantissas at one scale, the options read as `previewSettlements` reads them; `""` whenever the
/// general path must answer.
#[test]
fn the_object_paths_core_answers_the_batch_amounts_or_nothing() {
    let counts = [2.0, 0.0, 1.0];
    let price = [11960.0, 1000.0, 100.0];
    let vat = [299000.0, 25000.0, 2500.0];
    // Funds 50, 7, 5 SEK at scale 1 (500, 70, 50).
    let funds = [500.0, 70.0, 50.0];
    let read = |funds: &[f64], funds_scale: u32, options: &str| {
        api::preview_settlements_columns(
            customers(&counts, funds, &price, &vat),
            funds_scale,
            r#"{"price":2,"quantity":0,"vat":4,"rebate":2}"#,
            "\"SEK\"",
            options,
        )
    };
    let summary = r#"{"detail":"summary","now":"2026-01-15T12:00:00Z"}"#;
    let answer: Value = serde_json::from_str(&read(&funds, 1, summary)).unwrap();
    assert_eq!(
        answer["value"]["amounts"],
        json!(["112.00", "0.00", "0.00"])
    );
    assert_eq!(answer["value"]["updated"], json!(2));
    // Anything the general path must answer: full detail, bad options, funds finer than öre,
    // negative funds, a refused column.
    for (funds, scale, options) in [
        (&funds[..], 1, r#"{"now":"2026-01-15T12:00:00Z"}"#),
        (
            &funds[..],
            1,
            r#"{"detail":"full","now":"2026-01-15T12:00:00Z"}"#,
        ),
        (&funds[..], 1, r#"{"detail":"summary"}"#),
        (
            &funds[..],
            1,
            r#"{"detail":"summary","now":"2026-01-15T12:00:00Z","x":1}"#,
        ),
        (&[5.0, 0.0, 0.0][..], 3, summary),
        (&[-5.0, 0.0, 0.0][..], 0, summary),
        (&[0.5, 0.0, 0.0][..], 0, summary),
    ] {
        assert_eq!(
            read(funds, scale, options),
            "",
            "{funds:?} {scale} {options}"
        );
    }
    assert_eq!(
        api::preview_settlements_columns(
            customers(&counts, &funds, &[11960.5, 1000.0, 100.0], &vat),
            1,
            "null",
            "\"SEK\"",
            summary
        ),
        ""
    );
}
