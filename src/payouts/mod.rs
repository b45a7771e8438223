//! Payouts: credits to a bank account (request, options, schedule, transitions) and list pages.

pub mod credit;
pub mod list;
