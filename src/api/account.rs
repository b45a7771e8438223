//! `accountBalance(customer, extras)`: the IVR view.

use crate::api::ledger::MAX_CUSTOMER_INPUT;
use crate::api::read::parse_arg;
use crate::api::write::answer;
use crate::ledger::account;

pub fn account_balance(customer: &str, extras: &str) -> String {
    answer((|| {
        account::account_balance(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(extras, 4096)?,
        )
    })())
}
