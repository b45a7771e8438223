//! The Stripe cash balance: its state, transactions, the balance, and reconciliation of payments.

pub mod reconciliation;
pub mod state;
pub mod transaction;
