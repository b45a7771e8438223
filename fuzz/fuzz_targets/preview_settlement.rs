//! `api::preview_settlement` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code, and settling with the same input does exactly what the
//! preview showed, both ways; the answers the JS bridge asks for (sharing the customer's elements)
//! are the same once put back.
#![no_main]

use balance_ledger::api::{self, Form};
use balance_ledger_fuzz::{check, same_when_put_back, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg)| {
    let (customer, options) = (args.0.text(), args.1.text());
    let whole = api::preview_settlement(&customer, &options);
    let shared = api::preview_settlement_in(Form::Shared, &customer, &options);
    same_when_put_back(&whole, &shared, &customer);
    let preview = check(&whole);
    let Some(preview) = preview.get("value") else {
        return;
    };
    for name in ["success", "failure"] {
        let outcome = format!("{name:?}");
        let whole = api::settle_balance(&customer, &outcome, &options);
        let shared = api::settle_balance_in(Form::Shared, &customer, &outcome, &options);
        same_when_put_back(&whole, &shared, &customer);
        let settled = check(&whole);
        let settled = &settled["value"];
        assert_eq!(
            settled["customer"], preview["after"][name],
            "{outcome}: {settled}"
        );
        assert_eq!(settled["order"], preview["order"], "{outcome}: {settled}");
    }
});
