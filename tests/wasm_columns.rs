//! Items as columns in wasm32 (Node and headless Chromium): the same totals as the JSON path, and
//! coded issues for values that are not whole numbers in range.
#![cfg(target_arch = "wasm32")]

use balance_ledger::api;
use balance_ledger::Columns;
use serde_json::Value;
use wasm_bindgen_test::*;

fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
fn columns_total_like_json_items() {
    let c = Columns {
        price: &[11960.0, 99999.0],
        quantity: Some(&[2000.0, 333.0]),
        vat: Some(&[299000.0, 1199988.0]),
        rebate: Some(&[0.0, 99999.0]),
    };
    let batch = answer(&api::item_totals_batch(
        c,
        r#"{"quantity":3,"vat":4,"rebate":4}"#,
        "\"SEK\"",
    ));
    let json = answer(&api::item_totals(
        r#"[{"price":119.6,"quantity":2,"vat":29.9},{"price":999.99,"quantity":0.333,"vat":119.9988,"rebate":9.9999}]"#,
        "\"SEK\"",
    ));
    assert_eq!(batch["value"], json["value"]);
    assert_eq!(batch["value"]["gross"], "668.63");
}

#[wasm_bindgen_test]
fn bad_values_get_coded_issues() {
    let c = Columns {
        price: &[0.5, f64::NAN, 2f64.powi(53)],
        quantity: None,
        vat: Some(&[1.0]),
        rebate: None,
    };
    let e = answer(&api::item_totals_batch(c, "null", "\"SEK\""));
    assert_eq!(e["error"]["issues"][0]["code"], "length_mismatch");
    let c = Columns { vat: None, ..c };
    let e = answer(&api::item_totals_batch(c, "null", "\"SEK\""));
    let codes: Vec<&str> = e["error"]["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["not_integer", "not_finite", "out_of_range"]);
}

#[wasm_bindgen_test]
fn settle_all_over_columns_answers_the_json_amounts() {
    let customers = balance_ledger::Customers {
        counts: &[2.0, 0.0],
        funds: Some(&[5000.0, 100.0]),
        items: Columns {
            price: &[11960.0, 99999.0],
            quantity: Some(&[2000.0, 333.0]),
            vat: Some(&[299000.0, 1199988.0]),
            rebate: Some(&[0.0, 99999.0]),
        },
    };
    let batch = answer(&api::preview_settlements_batch(
        customers,
        r#"{"quantity":3,"vat":4,"rebate":4}"#,
        "\"SEK\"",
    ));
    let json = answer(&api::preview_settlements(
        r#"[{"id":"a","currency":"SEK","total":50,"balance":[{"price":119.6,"quantity":2,"vat":29.9},{"price":999.99,"quantity":0.333,"vat":119.9988,"rebate":9.9999}]},{"id":"b","currency":"SEK","total":1}]"#,
        r#"{"detail":"summary","now":"2026-01-15T12:00:00Z"}"#,
    ));
    assert_eq!(
        batch["value"]["amounts"][0],
        json["value"]["results"][0]["amount"]
    );
    assert_eq!(
        batch["value"]["amounts"][1],
        json["value"]["results"][1]["amount"]
    );
    assert_eq!(batch["value"]["amounts"][0], "618.63");
}
