//! The customer balance ledger: the customer, charging and funding, settlement (one customer or
//! all), the account view; each operation applied by one function that writes its journal entry,
//! the journal folded back into the state, Stripe-style idempotency keys, and the migration of
//! customers that carried their journal; and which elements of a customer argument an answer
//! may share with it.

pub mod account;
pub mod call_text;
pub mod canonical;
pub mod charge;
pub mod customer;
pub mod customer_text;
pub mod idempotency;
pub mod journal;
pub mod migration;
pub mod operation;
pub mod settle_all;
pub mod settlement;
