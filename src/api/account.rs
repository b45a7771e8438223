//! `accountBalance(customer, extras)`: the IVR view.

use crate::api::ledger::CustomerArg;
use crate::api::read::parse_arg;
use crate::api::write::{answer, Form};
use crate::ledger::account;

pub fn account_balance(customer: &str, extras: &str) -> String {
    answer((|| {
        let customer = CustomerArg::new(customer.into(), Form::Whole)?;
        let extras = parse_arg(extras, 4096)?;
        account::account_customer(customer.read()?, &extras)
    })())
}
