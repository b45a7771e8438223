//! Payouts: credits to a bank account (the request read, its rules and the pending credit, the
//! bank account, the statement descriptor, the merchant's options, the schedule, the status
//! machine), the credit resources of each version with their ids, and list pages.

pub mod bank_account;
pub mod create;
pub mod credit;
pub mod descriptor;
pub mod ids;
pub mod list;
pub mod options;
pub mod request;
pub mod resource;
pub mod schedule;
pub mod transition;
