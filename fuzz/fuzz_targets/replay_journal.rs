//! `api::replay_journal` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code; a customer it answers is a valid input of the next call,
//! and folding no more entries onto it gives it back unchanged.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, keys_escaped, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (customer, entries) = (args.0.text(), args.1.text());
    let text = api::replay_journal(&customer, &entries);
    // The typed entries reader answers as the general reader does (every key escaped: the
    // general path).
    if let Some(escaped) = keys_escaped(&entries) {
        assert_eq!(text, api::replay_journal(&customer, &escaped), "{entries}");
    }
    let answer = check(&text);
    if let Some(customer) = answer.pointer("/value") {
        let again = check(&api::replay_journal(&customer.to_string(), "[]"));
        assert_eq!(
            again.pointer("/value"),
            Some(customer),
            "a folded customer does not read back as itself: {again}"
        );
    }
});
