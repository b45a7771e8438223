//! `api::preview_settlements` on structured JSON-like arguments and raw text: every answer is a well-formed
//! envelope with a known code, never a panic or an internal error.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    check(&api::preview_settlements(&args.0.text(), &args.1.text()));
});
