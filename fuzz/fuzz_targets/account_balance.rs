//! `api::account_balance` on customers and IVR extras (shaped, any value, any text): every answer
//! is a well-formed envelope with a known code.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, AccountExtrasArg, CustomerArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (CustomerArg, AccountExtrasArg)| {
    check(&api::account_balance(&args.0.text(), &args.1.text()));
});
