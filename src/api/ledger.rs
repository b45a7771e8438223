//! The customer-balance functions: charge, fund, settle (preview, apply, settle all), and whom a
//! settlement may name. Issue paths point into `{ customer, body, order, outcome, options }`.

use crate::api::items::required_currency;
use crate::api::read::{parse_arg, top_level_elements, MAX_ITEMS_INPUT};
use crate::api::write::answer;
use crate::checkout::columns::Scales;
use crate::ledger::charge as ledger;
use crate::ledger::operation as journal;
use crate::ledger::settle_all::{self, Customers};
use crate::ledger::settlement;

/// Largest customer or order argument (a customer of an earlier version carried its journal).
pub const MAX_CUSTOMER_INPUT: usize = 16 << 20;
/// Largest `replayJournal` entries argument (100,000 entries of a few hundred bytes fit).
pub const MAX_ENTRIES_INPUT: usize = 128 << 20;
/// Largest settle-all argument (100,000 customers of 10 items fit).
pub const MAX_CUSTOMERS_INPUT: usize = 256 << 20;
const MAX_SMALL: usize = 4096;

/// `chargeBalance(customer, body, options)`.
pub fn charge_balance(customer: &str, body: &str, options: &str) -> String {
    answer((|| {
        ledger::charge_balance(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(body, MAX_ITEMS_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `fundBalance(customer, order, outcome, options)`.
pub fn fund_balance(customer: &str, order: &str, outcome: &str, options: &str) -> String {
    answer((|| {
        ledger::fund_balance(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(order, MAX_ITEMS_INPUT)?,
            &parse_arg(outcome, MAX_SMALL)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `replayJournal(customer, entries)`.
pub fn replay_journal(customer: &str, entries: &str) -> String {
    answer((|| {
        if top_level_elements(entries) > journal::MAX_REPLAY_ENTRIES {
            return Err(journal::too_many_entries());
        }
        journal::replay_journal(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(entries, MAX_ENTRIES_INPUT)?,
        )
    })())
}

/// `previewSettlement(customer, options)`.
pub fn preview_settlement(customer: &str, options: &str) -> String {
    answer((|| {
        settlement::preview(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `settleBalance(customer, outcome, options)`.
pub fn settle_balance(customer: &str, outcome: &str, options: &str) -> String {
    answer((|| {
        settlement::settle(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(outcome, MAX_SMALL)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `previewSettlements(customers, options)`.
pub fn preview_settlements(customers: &str, options: &str) -> String {
    answer((|| {
        if top_level_elements(customers) > settlement::MAX_CUSTOMERS {
            return Err(settlement::too_many_customers());
        }
        settlement::preview_all(
            &parse_arg(customers, MAX_CUSTOMERS_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `previewSettlementsBatch(columns, currency)`: settle-all over columns; `scale` is the JSON of
/// `columns.scale` (`null` for the defaults).
pub fn preview_settlements_batch(customers: Customers, scale: &str, currency: &str) -> String {
    answer((|| {
        let currency = required_currency(currency)?;
        let scales = Scales::read(&parse_arg(scale, MAX_SMALL)?, currency)?;
        settle_all::preview(customers, scales, currency)
    })())
}

/// `settlementTarget(keyKind, customerId)`.
pub fn settlement_target(key_kind: &str, customer_id: &str) -> String {
    answer((|| {
        settlement::settlement_target(
            &parse_arg(key_kind, MAX_SMALL)?,
            &parse_arg(customer_id, MAX_SMALL)?,
        )
    })())
}
