//! `api::preview_settlements` on structured JSON-like arguments and raw text: every answer is a well-formed
//! envelope with a known code, never a panic or an internal error.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, keys_escaped, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (customers, options) = (args.0.text(), args.1.text());
    let text = api::preview_settlements(&customers, &options);
    // The typed customers and options readers answer as the general readers do (keys escaped).
    if let Some(escaped) = keys_escaped(&customers) {
        assert_eq!(
            text,
            api::preview_settlements(&escaped, &options),
            "{customers}"
        );
    }
    if let Some(escaped) = keys_escaped(&options) {
        assert_eq!(
            text,
            api::preview_settlements(&customers, &escaped),
            "{options}"
        );
    }
    check(&text);
});
