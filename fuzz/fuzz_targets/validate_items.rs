//! `api::validate_items` on structured JSON-like arguments and raw text: every answer is a well-formed
//! envelope with a known code, never a panic or an internal error; and it is byte for byte the
//! general path's answer (one valid item takes a fast path that must never answer differently).
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (body, options) = (args.0.text(), args.1.text());
    let answer = api::validate_items(&body, &options);
    check(&answer);
    assert_eq!(
        answer,
        api::validate_items_general(&body, &options),
        "the fast path answered differently: {body} {options}"
    );
});
