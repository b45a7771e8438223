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

#[wasm_bindgen(js_name = applyCashTransaction)]
pub fn apply_cash_transaction(state: &str, transaction: &str) -> String {
    api::apply_cash_transaction(state, transaction)
}

#[wasm_bindgen(js_name = cashBalance)]
pub fn cash_balance(customer: &str, transactions: &str, settings: &str) -> String {
    api::cash_balance(customer, transactions, settings)
}

#[wasm_bindgen(js_name = addCashPayment)]
pub fn add_cash_payment(state: &str, payment: &str) -> String {
    api::add_cash_payment(state, payment)
}

#[wasm_bindgen(js_name = reconcileCashBalance)]
pub fn reconcile_cash_balance(state: &str, request: &str) -> String {
    api::reconcile_cash_balance(state, request)
}

#[wasm_bindgen(js_name = canDeleteCustomer)]
pub fn can_delete_customer(state: &str) -> String {
    api::can_delete_customer(state)
}

/// Traps on purpose, so tests can prove the package recovers a working instance after a trap.
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    core::arch::wasm32::unreachable()
}
