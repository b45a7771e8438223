//! The public functions as text in, text out: each argument a JSON document, each answer a JSON
//! envelope `{"value": …}` or `{"error": {code, message, issues}}`. Each function chains its
//! domain's read (JSON into typed values, every issue with its path), rules (typed values only)
//! and write. The wasm binding is a thin wrapper over this module; native Rust callers,
//! benchmarks and fuzzers use it directly.

mod account;
mod cash_balance;
mod credits;
pub mod fast_item;
mod held;
#[cfg(feature = "ts")]
mod inputs;
mod items;
#[cfg(feature = "ts")]
mod js_limits;
mod ledger;
mod read;
mod refusals;
mod write;
pub use crate::checkout::columns::{Columns, Scales};
pub use crate::ledger::settle_all::Customers;
pub use account::account_balance;
pub use cash_balance::{
    add_cash_payment, apply_cash_transaction, apply_cash_transaction_in, can_delete_customer,
    cash_balance, reconcile_cash_balance, CashReconcileResult, CashTransactionResult,
    MAX_CASH_INPUT,
};
pub use credits::{
    create_credit, credit_schedule, is_business_day, list_page, transition_credit, validate_credit,
    MAX_CREDIT_INPUT, MAX_LIST_INPUT,
};
pub use held::{is_held, Given};
pub use items::{
    item_totals, item_totals_batch, item_totals_columns, validate_item, validate_item_parts,
    validate_items,
};
pub use ledger::{
    charge_balance, charge_balance_in, fund_balance, fund_balance_in, preview_settlement,
    preview_settlement_in, preview_settlements, preview_settlements_batch,
    preview_settlements_columns, replay_journal, replay_journal_in, settle_balance,
    settle_balance_in, settlement_target, MAX_CUSTOMERS_INPUT, MAX_CUSTOMER_INPUT,
    MAX_ENTRIES_INPUT,
};
pub use read::{currency, currency_option, parse_arg, MAX_DEPTH, MAX_ITEMS_INPUT};
pub use refusals::{item_totals_refusal, preview_settlements_refusal, validate_item_refusal};
pub use write::Form;
