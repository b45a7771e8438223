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

pub mod api;
pub mod cash;
pub mod checkout;
pub mod input;
pub mod ledger;
pub mod money;
pub mod payouts;
pub mod time;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use checkout::item::{Item, Totals};
pub use input::issue::{Code, Error, Issue};
pub use money::currency::Currency;
pub use payouts::credit::Credit;
pub use time::calendar::Date;
