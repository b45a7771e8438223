//! The WebAssembly binding: the only module that knows wasm-bindgen. Every function takes and
//! returns JSON text (one crossing each way; see `js/bridge.js`), so JS values are read by
//! `JSON.stringify`, objects are built by `JSON.parse`, and user keys such as `"__proto__"` stay data.

use wasm_bindgen::prelude::*;

use crate::api;

#[wasm_bindgen(js_name = validateItems)]
pub fn validate_items(body: &str, options: &str) -> String {
    api::validate_items(body, options)
}

#[wasm_bindgen(js_name = itemTotals)]
pub fn item_totals(body: &str, currency: &str) -> String {
    api::item_totals(body, currency)
}

/// The bulk form: each column is copied into wasm memory as one block (absent columns are `None`).
#[wasm_bindgen(js_name = itemTotalsBatch)]
pub fn item_totals_batch(
    price: &[f64],
    quantity: Option<Vec<f64>>,
    vat: Option<Vec<f64>>,
    rebate: Option<Vec<f64>>,
    scale: &str,
    currency: &str,
) -> String {
    let columns = crate::columns::Columns {
        price,
        quantity: quantity.as_deref(),
        vat: vat.as_deref(),
        rebate: rebate.as_deref(),
    };
    api::item_totals_batch(columns, scale, currency)
}

#[wasm_bindgen(js_name = chargeBalance)]
pub fn charge_balance(customer: &str, body: &str, options: &str) -> String {
    api::charge_balance(customer, body, options)
}

#[wasm_bindgen(js_name = fundBalance)]
pub fn fund_balance(customer: &str, order: &str, outcome: &str, options: &str) -> String {
    api::fund_balance(customer, order, outcome, options)
}

#[wasm_bindgen(js_name = previewSettlement)]
pub fn preview_settlement(customer: &str, options: &str) -> String {
    api::preview_settlement(customer, options)
}

#[wasm_bindgen(js_name = settleBalance)]
pub fn settle_balance(customer: &str, outcome: &str, options: &str) -> String {
    api::settle_balance(customer, outcome, options)
}

#[wasm_bindgen(js_name = previewSettlements)]
pub fn preview_settlements(customers: &str, options: &str) -> String {
    api::preview_settlements(customers, options)
}

#[wasm_bindgen(js_name = settlementTarget)]
pub fn settlement_target(key_kind: &str, customer_id: &str) -> String {
    api::settlement_target(key_kind, customer_id)
}

/// Traps on purpose, so tests can prove the package recovers a working instance after a trap.
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    core::arch::wasm32::unreachable()
}
