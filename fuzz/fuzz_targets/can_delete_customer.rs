//! `api::can_delete_customer` on states and `cash_balance` objects (shaped, any value, any text):
//! every answer is a well-formed envelope with a known code, a boolean when it is a value.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, keys_escaped, CashStateArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|state: CashStateArg| {
    let state = state.text();
    let text = api::can_delete_customer(&state);
    // The typed state reader answers as the general reader does (keys escaped).
    if let Some(escaped) = keys_escaped(&state) {
        assert_eq!(text, api::can_delete_customer(&escaped), "{state}");
    }
    let answer = check(&text);
    if let Some(v) = answer.get("value") {
        assert!(
            v.is_boolean() || v.is_object(),
            "unexpected value: {answer}"
        );
    }
});
