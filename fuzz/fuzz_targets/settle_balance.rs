//! `api::settle_balance` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code; a customer it answers is a valid input of the next call.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg, Arg)| {
    let options = args.2.text();
    let answer = check(&api::settle_balance(
        &args.0.text(),
        &args.1.text(),
        &options,
    ));
    if let Some(customer) = answer.pointer("/value/customer") {
        let next = check(&api::preview_settlement(&customer.to_string(), &options));
        assert!(
            next.get("value").is_some(),
            "settled customer is not readable: {next}"
        );
    }
});
