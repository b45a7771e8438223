//! balance-ledger: the money rules of a customer balance, exact, for Rust and (through the `wasm`
//! module) for JavaScript.
//!
//! The core modules know nothing of WebAssembly. [`api`] offers every function as JSON text in and
//! out; `wasm` (built for `wasm32` only) exposes that to JS and nothing more.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod account;
pub mod amount;
pub mod api;
pub mod bulk_settlement;
pub mod calendar;
pub mod cash_balance;
pub mod cash_transaction;
pub mod cash_window;
pub mod columns;
pub mod credit;
pub mod currency;
pub mod customer;
pub mod entry;
pub mod fields;
pub mod idempotency;
pub mod issue;
pub mod item;
pub mod journal;
pub mod ledger;
pub mod list;
pub mod migration;
pub mod money;
pub mod pacific;
pub mod reconcile;
pub mod settlement;
pub mod time;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use calendar::Date;
pub use credit::Credit;
pub use currency::Currency;
pub use issue::{Code, Error, Issue};
pub use item::{Item, Totals};
