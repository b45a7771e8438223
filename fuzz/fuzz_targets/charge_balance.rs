//! `api::charge_balance` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code; a customer it answers is a valid input of the next call;
//! the answer the JS bridge asks for (sharing the customer's elements) is the same once put back.
#![no_main]

use balance_ledger::api::{self, Form};
use balance_ledger_fuzz::{check, same_when_put_back, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg, Arg)| {
    let (customer, body, options) = (args.0.text(), args.1.text(), args.2.text());
    let whole = api::charge_balance(&customer, &body, &options);
    let shared = api::charge_balance_in(Form::Shared, &customer, &body, &options);
    same_when_put_back(&whole, &shared, &customer);
    let answer = check(&whole);
    if let Some(customer) = answer.pointer("/value/customer") {
        let next = check(&api::preview_settlement(&customer.to_string(), &options));
        assert!(
            next.get("value").is_some(),
            "charged customer is not readable: {next}"
        );
    }
});
