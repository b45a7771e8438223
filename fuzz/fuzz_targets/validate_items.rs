//! `api::validate_items` on structured JSON-like arguments and raw text: every answer is a well-formed
//! envelope with a known code, never a panic or an internal error. (The keystroke path, which must
//! answer as this does, has its own target: validate_item.)
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (body, options) = (args.0.text(), args.1.text());
    check(&api::validate_items(&body, &options));
});
