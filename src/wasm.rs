//! The WebAssembly binding: the only module that knows wasm-bindgen. Every function takes and
//! returns JSON text (one crossing each way; see `js/bridge.js`), so JS values are read by
//! `JSON.stringify`, objects are built by `JSON.parse`, and user keys such as `"__proto__"` stay data.

use wasm_bindgen::prelude::*;

use crate::api;
use crate::api::fast_item::ABSENT;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering::Relaxed};

/// The allocator: talc rather than Rust's default dlmalloc, for speed and size (a state call
/// allocates and frees a few hundred small strings and vectors).
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(js_name = validateItems)]
pub fn validate_items(body: &str, options: &str) -> String {
    api::validate_items(body, options)
}

/// The keystroke path over one item object, read by the bridge (js/keystroke.js): each amount's
/// mantissa and scale (255: absent), the currency's letters packed (0: none). Numbers cross as
/// numbers both ways: the answer's eight amounts go into [`KEYSTROKE`] and the bridge writes them,
/// so no text is copied in or out (wasm-bindgen's string return, its decoding and the free of the
/// string were a fifth of a keystroke's time). Answers 1, 2 (refused: see [`refused`]) or 0
/// (the general path).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = validateItem)]
pub fn validate_item(
    price: f64,
    price_scale: u32,
    quantity: f64,
    quantity_scale: u32,
    vat: f64,
    vat_scale: u32,
    rebate: f64,
    rebate_scale: u32,
    currency: u32,
) -> u32 {
    let amounts = [
        (price, price_scale),
        (quantity, quantity_scale),
        (vat, vat_scale),
        (rebate, rebate_scale),
    ];
    let Some(parts) = api::validate_item_parts(amounts, currency) else {
        return refused(api::validate_item_refusal(amounts, currency));
    };
    for (i, part) in parts.into_iter().enumerate() {
        let (m, k) = part.unwrap_or((0, ABSENT));
        // A JS number holds an integer exactly up to 2^53 - 1; beyond, the general path.
        let Some(m) = i64::try_from(m).ok().filter(|m| m.unsigned_abs() < 1 << 53) else {
            return 0;
        };
        keep(2 * i, m as f64);
        keep(2 * i + 1, f64::from(k));
    }
    1
}

fn keep(at: usize, value: f64) {
    if let Some(cell) = KEYSTROKE.get(at) {
        cell.store(value.to_bits(), Relaxed);
    }
}

/// [`validate_item`]'s answer 2 for an item the core refuses: its answer (the general path's
/// `{ ok: false, issues }`, or an error) put in [`REFUSAL`] as text, its address and length in
/// bytes in [`KEYSTROKE`]'s first two cells; 0 (the general path) when the general path accepts
/// the item (an amount a JS number cannot hold), or for a text longer than the buffer (a refused
/// item's issues take a few hundred bytes).
fn refused(text: Option<String>) -> u32 {
    let Some(text) = text.filter(|t| t.len() <= REFUSAL.len()) else {
        return 0;
    };
    for (cell, byte) in REFUSAL.iter().zip(text.bytes()) {
        cell.store(byte, Relaxed);
    }
    keep(0, REFUSAL.as_ptr() as usize as f64);
    keep(1, text.len() as f64);
    2
}

/// A refused keystroke's answer as UTF-8 bytes, for the bridge to read (zeros: no file space).
static REFUSAL: [AtomicU8; 4096] = [const { AtomicU8::new(0) }; 4096];

/// The last keystroke's answer, read by the bridge from wasm memory: for each of the eight amounts
/// (price, quantity, vat, rebate, the line's net, rebate, vat and amount) its mantissa, then its
/// scale ([`ABSENT`]: absent), as `f64` bits. Atomics only to be a safe static: on wasm32 without
/// threads they are plain loads and stores, with an `f64`'s size and alignment.
static KEYSTROKE: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];

/// Where [`validate_item`] writes its answer (16 `f64`s) in wasm memory; it does not move.
#[wasm_bindgen(js_name = keystrokeAnswer)]
pub fn keystroke_answer() -> *const f64 {
    KEYSTROKE.as_ptr().cast::<f64>()
}

#[wasm_bindgen(js_name = itemTotals)]
pub fn item_totals(body: &str, currency: &str) -> String {
    api::item_totals(body, currency)
}

/// The item columns of a call: wasm-bindgen copies each present column in as a `Vec`.
fn columns<'a>(
    price: &'a [f64],
    quantity: &'a Option<Vec<f64>>,
    vat: &'a Option<Vec<f64>>,
    rebate: &'a Option<Vec<f64>>,
) -> crate::checkout::columns::Columns<'a> {
    crate::checkout::columns::Columns {
        price,
        quantity: quantity.as_deref(),
        vat: vat.as_deref(),
        rebate: rebate.as_deref(),
    }
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
    api::item_totals_batch(columns(price, &quantity, &vat, &rebate), scale, currency)
}

/// The object path of `itemTotals` (js/bridge.js): the columns the bridge read from plain item
/// objects, their scales, the currency's letters packed, whether the body was one object; the
/// compact totals or the general path's error (see [`api::item_totals_refusal`]).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = itemTotalsColumns)]
pub fn item_totals_columns(
    price: &[f64],
    quantity: Option<Vec<f64>>,
    vat: Option<Vec<f64>>,
    rebate: Option<Vec<f64>>,
    price_scale: u32,
    quantity_scale: u32,
    vat_scale: u32,
    rebate_scale: u32,
    currency: u32,
    single: bool,
) -> String {
    let columns = columns(price, &quantity, &vat, &rebate);
    let scales = [price_scale, quantity_scale, vat_scale, rebate_scale];
    let totals = api::item_totals_columns(columns, scales, currency);
    if totals.is_empty() {
        return api::item_totals_refusal(columns, scales, currency, single);
    }
    totals
}

/// Every other function: the ledger, settlement, the account view, credits, lists and the cash
/// balance. Without the `full` feature the module exports the checkout functions above only (the
/// package's smaller `balance-ledger/checkout` entry).
#[cfg(feature = "full")]
mod full {
    use wasm_bindgen::prelude::*;

    use crate::api;

    use crate::api::Form;

    /// The form the bridge asks for: sharing the customer argument's unchanged elements (a cash
    /// state's remembered transactions) when it holds them as plain data (js/bridge.js
    /// `unshare`), and keeping the customer (or state) answered when `hold`; whole otherwise.
    fn form(shared: bool, hold: bool) -> Form {
        match (shared, hold) {
            (false, _) => Form::Whole,
            (true, false) => Form::Shared,
            (true, true) => Form::Held,
        }
    }

    /// The customer (or cash state) argument: its text, or when `held` is not 0 the value the
    /// bridge holds by that handle (`api::held`; a JS number, exact up to 2^53).
    fn given(customer: &str, held: f64) -> api::Given<'_> {
        if held > 0.0 {
            api::Given::Held(held as u64)
        } else {
            api::Given::Text(customer)
        }
    }

    /// Whether the value of handle `held` is still kept (checked before a call passes it).
    #[wasm_bindgen(js_name = isHeld)]
    pub fn is_held(held: f64) -> bool {
        api::is_held(held as u64)
    }

    #[wasm_bindgen(js_name = chargeBalance)]
    pub fn charge_balance(
        customer: &str,
        body: &str,
        options: &str,
        shared: bool,
        held: f64,
        hold: bool,
    ) -> String {
        api::charge_balance_in(form(shared, hold), given(customer, held), body, options)
    }

    #[wasm_bindgen(js_name = fundBalance)]
    pub fn fund_balance(
        customer: &str,
        order: &str,
        outcome: &str,
        options: &str,
        shared: bool,
        held: f64,
        hold: bool,
    ) -> String {
        let given = given(customer, held);
        api::fund_balance_in(form(shared, hold), given, order, outcome, options)
    }

    #[wasm_bindgen(js_name = replayJournal)]
    pub fn replay_journal(customer: &str, entries: &str, shared: bool, held: f64) -> String {
        api::replay_journal_in(form(shared, false), given(customer, held), entries)
    }

    #[wasm_bindgen(js_name = previewSettlement)]
    pub fn preview_settlement(customer: &str, options: &str, shared: bool, held: f64) -> String {
        api::preview_settlement_in(form(shared, false), given(customer, held), options)
    }

    #[wasm_bindgen(js_name = settleBalance)]
    pub fn settle_balance(
        customer: &str,
        outcome: &str,
        options: &str,
        shared: bool,
        held: f64,
        hold: bool,
    ) -> String {
        let given = given(customer, held);
        api::settle_balance_in(form(shared, hold), given, outcome, options)
    }

    #[wasm_bindgen(js_name = previewSettlements)]
    pub fn preview_settlements(customers: &str, options: &str) -> String {
        api::preview_settlements(customers, options)
    }

    /// The settle-all columns as the batch core reads them (both settle-all bindings pass them).
    fn customers<'a>(
        counts: &'a [f64],
        funds: &'a Option<Vec<f64>>,
        price: &'a [f64],
        quantity: &'a Option<Vec<f64>>,
        vat: &'a Option<Vec<f64>>,
        rebate: &'a Option<Vec<f64>>,
    ) -> crate::ledger::settle_all::Customers<'a> {
        crate::ledger::settle_all::Customers {
            counts,
            funds: funds.as_deref(),
            items: super::columns(price, quantity, vat, rebate),
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = previewSettlementsBatch)]
    pub fn preview_settlements_batch(
        counts: &[f64],
        funds: Option<Vec<f64>>,
        price: &[f64],
        quantity: Option<Vec<f64>>,
        vat: Option<Vec<f64>>,
        rebate: Option<Vec<f64>>,
        scale: &str,
        currency: &str,
    ) -> String {
        let customers = customers(counts, &funds, price, &quantity, &vat, &rebate);
        api::preview_settlements_batch(customers, scale, currency)
    }

    /// The object path of a summary settle-all (js/objects.js): the customers read by the bridge
    /// into the columns above, the funds at `funds_scale`, the options as text. `""`: take the
    /// general path (see [`api::preview_settlements_refusal`] for refusals).
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = previewSettlementsColumns)]
    pub fn preview_settlements_columns(
        counts: &[f64],
        funds: Option<Vec<f64>>,
        price: &[f64],
        quantity: Option<Vec<f64>>,
        vat: Option<Vec<f64>>,
        rebate: Option<Vec<f64>>,
        scale: &str,
        funds_scale: u32,
        currency: &str,
        options: &str,
    ) -> String {
        let customers = customers(counts, &funds, price, &quantity, &vat, &rebate);
        let amounts =
            api::preview_settlements_columns(customers, funds_scale, scale, currency, options);
        if amounts.is_empty() {
            return api::preview_settlements_refusal(
                customers,
                funds_scale,
                scale,
                currency,
                options,
            );
        }
        amounts
    }

    #[wasm_bindgen(js_name = settlementTarget)]
    pub fn settlement_target(key_kind: &str, customer_id: &str) -> String {
        api::settlement_target(key_kind, customer_id)
    }

    #[wasm_bindgen(js_name = accountBalance)]
    pub fn account_balance(customer: &str, extras: &str) -> String {
        api::account_balance(customer, extras)
    }

    #[wasm_bindgen(js_name = applyCashTransaction)]
    pub fn apply_cash_transaction(
        state: &str,
        transaction: &str,
        shared: bool,
        held: f64,
        hold: bool,
    ) -> String {
        api::apply_cash_transaction_in(form(shared, hold), given(state, held), transaction)
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

    #[wasm_bindgen(js_name = validateCredit)]
    pub fn validate_credit(request: &str, options: &str) -> String {
        api::validate_credit(request, options)
    }

    #[wasm_bindgen(js_name = createCredit)]
    pub fn create_credit(request: &str, options: &str) -> String {
        api::create_credit(request, options)
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
}
