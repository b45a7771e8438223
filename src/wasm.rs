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

#[wasm_bindgen(js_name = validateCredit)]
pub fn validate_credit(request: &str, options: &str) -> String {
    api::validate_credit(request, options)
}

#[wasm_bindgen(js_name = transitionCredit)]
pub fn transition_credit(credit: &str, status: &str, options: &str) -> String {
    api::transition_credit(credit, status, options)
}

#[wasm_bindgen(js_name = creditSchedule)]
pub fn credit_schedule(created_at: &str, options: &str) -> String {
    api::credit_schedule(created_at, options)
}

#[wasm_bindgen(js_name = listPage)]
pub fn list_page(items: &str, options: &str) -> String {
    api::list_page(items, options)
}

#[wasm_bindgen(js_name = isBusinessDay)]
pub fn is_business_day(date: &str) -> String {
    api::is_business_day(date)
}

/// Traps on purpose, so tests can prove the package recovers a working instance after a trap.
#[wasm_bindgen(js_name = __trap)]
pub fn trap() {
    core::arch::wasm32::unreachable()
}
