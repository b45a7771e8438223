//! `api::preview_settlement` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code, and settling with the same input does exactly what the
//! preview showed, both ways.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (customer, options) = (args.0.text(), args.1.text());
    let preview = check(&api::preview_settlement(&customer, &options));
    let Some(preview) = preview.get("value") else {
        return;
    };
    for outcome in ["success", "failure"] {
        let settled = check(&api::settle_balance(
            &customer,
            &format!("{outcome:?}"),
            &options,
        ));
        let settled = &settled["value"];
        assert_eq!(
            settled["customer"], preview["after"][outcome],
            "{outcome}: {settled}"
        );
        assert_eq!(settled["order"], preview["order"], "{outcome}: {settled}");
    }
});
