//! `api::settle_balance` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code; a customer it answers is a valid input of the next call;
//! the answer the JS bridge asks for (sharing the customer's elements) is the same once put back;
//! the customer it keeps for the JS bridge, named by its handle, answers a settlement as the
//! answered customer's own text does.
#![no_main]

use balance_ledger::api::{self, Form};
use balance_ledger_fuzz::{check, same_when_held, same_when_put_back, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg, Arg)| {
    let (customer, outcome, options) = (args.0.text(), args.1.text(), args.2.text());
    let text = api::settle_balance(&customer, &outcome, &options);
    let answer = check(&text);
    let shared = api::settle_balance_in(Form::Shared, &customer, &outcome, &options);
    same_when_put_back(&text, &shared, &customer);
    let held = api::settle_balance_in(Form::Held, &customer, &outcome, &options);
    same_when_held(&text, &shared, &held, |form, given| {
        api::settle_balance_in(form, given, &outcome, &options)
    });
    if let Some(customer) = answer.pointer("/value/customer") {
        let next = check(&api::preview_settlement(&customer.to_string(), &options));
        assert!(
            next.get("value").is_some(),
            "settled customer is not readable: {next}"
        );
    }
});
