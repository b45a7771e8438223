//! itemTotals over item objects read by serde-wasm-bindgen into typed structs, then the same
//! columns and batch core as the package's object path: the benchmark's comparison row.

use balance_ledger::{item_totals_batch, Columns, Currency, Scales};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ItemIn {
    number: Option<String>,
    name: Option<String>,
    price: f64,
    quantity: Option<f64>,
    unit: Option<String>,
    vat: Option<f64>,
    rebate: Option<f64>,
}

/// The scaled integer of `x` at `scale` digits when it reads exactly so (the bridge's rule).
fn scaled(x: f64, scale: u32) -> Option<f64> {
    let p = 10f64.powi(scale as i32);
    let m = (x * p).round();
    (m / p == x && m.abs() < 9_007_199_254_740_991.0).then_some(m)
}

#[wasm_bindgen(js_name = itemTotalsSwb)]
pub fn item_totals_swb(items: JsValue, currency: &str) -> Result<String, JsError> {
    let items: Vec<ItemIn> = serde_wasm_bindgen::from_value(items)?;
    let currency = Currency::parse(currency).ok_or_else(|| JsError::new("currency"))?;
    // The benchmark's scales: öre, quantities to 3 digits, VAT and rebate to 4.
    let scales = Scales { price: 2, quantity: 3, vat: 4, rebate: 4 };
    let n = items.len();
    let (mut p, mut q, mut v, mut r) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for (i, it) in items.iter().enumerate() {
        let cell = |x: f64, s: u32| scaled(x, s).ok_or_else(|| JsError::new("not exact"));
        if let (Some(a), Some(b), Some(c), Some(d)) = (p.get_mut(i), q.get_mut(i), v.get_mut(i), r.get_mut(i)) {
            *a = cell(it.price, 2)?;
            *b = cell(it.quantity.unwrap_or(1.0), 3)?;
            *c = cell(it.vat.unwrap_or(0.0), 4)?;
            *d = cell(it.rebate.unwrap_or(0.0), 4)?;
        }
    }
    let columns = Columns { price: &p, quantity: Some(&q), vat: Some(&v), rebate: Some(&r) };
    let totals = item_totals_batch(columns, scales, currency).map_err(|e| JsError::new(&e.message))?;
    Ok(format!(
        "{{\"count\":{},\"net\":\"{}\",\"rebate\":\"{}\",\"vat\":\"{}\",\"gross\":\"{}\"}}",
        totals.count, totals.net, totals.rebate, totals.vat, totals.gross
    ))
}
