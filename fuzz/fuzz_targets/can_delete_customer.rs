//! `api::can_delete_customer` on states and `cash_balance` objects (shaped, any value, any text):
//! every answer is a well-formed envelope with a known code, a boolean when it is a value.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, CashStateArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|state: CashStateArg| {
    let answer = check(&api::can_delete_customer(&state.text()));
    if let Some(v) = answer.get("value") {
        assert!(
            v.is_boolean() || v.is_object(),
            "unexpected value: {answer}"
        );
    }
});
