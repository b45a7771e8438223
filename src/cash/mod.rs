//! The Stripe cash balance: its state, transactions, the balance, and reconciliation of payments.

pub mod balance;
pub mod bank_transfer;
pub mod currency_map;
pub mod detail;
pub mod payment;
pub mod reconciliation;
pub mod reference;
pub mod settings;
pub mod state;
pub mod state_text;
pub mod transaction;
pub mod transaction_text;
pub mod transaction_type;
pub mod window;
