//! `api::charge_balance` on structured JSON-like arguments and raw text: every answer is a
//! well-formed envelope with a known code, the same whether the typed readers or the general
//! readers read the arguments; a customer it answers is a valid input of the next call; the answer
//! the JS bridge asks for (sharing the customer's elements) is the same once put back, and the
//! customer it keeps for the bridge, named by its handle, answers a charge and a preview as the
//! answered customer's own text does.
#![no_main]

use balance_ledger::api::{self, Form};
use balance_ledger_fuzz::{check, keys_escaped, same_when_held, same_when_put_back, Arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (Arg, Arg, Arg)| {
    let (customer, body, options) = (args.0.text(), args.1.text(), args.2.text());
    let text = api::charge_balance(&customer, &body, &options);
    let shared = api::charge_balance_in(Form::Shared, &customer, &body, &options);
    same_when_put_back(&text, &shared, &customer);
    let held = api::charge_balance_in(Form::Held, &customer, &body, &options);
    same_when_held(&text, &shared, &held, |form, given| {
        api::charge_balance_in(form, given, &body, &options)
    });
    same_when_held(&text, &shared, &held, |form, given| {
        api::preview_settlement_in(form, given, &options)
    });
    // The typed readers answer as the general readers do (every key escaped: the general path).
    if let (Some(c), Some(b), Some(o)) = (
        keys_escaped(&customer),
        keys_escaped(&body),
        keys_escaped(&options),
    ) {
        assert_eq!(
            text,
            api::charge_balance(&c, &b, &o),
            "{customer} {body} {options}"
        );
    }
    let answer = check(&text);
    if let Some(customer) = answer.pointer("/value/customer") {
        let next = check(&api::preview_settlement(&customer.to_string(), &options));
        assert!(
            next.get("value").is_some(),
            "charged customer is not readable: {next}"
        );
    }
});
