//! The customer balance ledger: the customer, charging and funding, settlement (one customer or
//! all), and the account view.

pub mod account;
pub mod charge;
pub mod customer;
pub mod journal;
pub mod settle_all;
pub mod settlement;
