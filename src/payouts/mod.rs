//! Payouts: credits to a bank account (the request, the bank account, the merchant's options, the
//! schedule, the status machine), the credit resources of each version with their ids, and list
//! pages.

pub mod bank_account;
pub mod create;
pub mod ids;
pub mod list;
pub mod options;
pub mod request;
pub mod resource;
pub mod schedule;
pub mod transition;
