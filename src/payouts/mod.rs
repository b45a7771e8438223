//! Payouts: credits to a bank account (the request, the bank account, the merchant's options, the
//! schedule, the status machine) and list pages.

pub mod bank_account;
pub mod list;
pub mod options;
pub mod request;
pub mod schedule;
pub mod transition;
