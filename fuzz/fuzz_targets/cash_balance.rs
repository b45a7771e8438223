//! `api::cash_balance` on customer ids, transaction logs and settings (shaped, any value, any
//! text): every answer is a well-formed envelope with a known code.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{
    check, keys_escaped, CashSettingsArg, CashTransactionsArg, CustomerIdArg,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    |args: (CustomerIdArg, CashTransactionsArg, CashSettingsArg)| {
        let (customer, transactions, settings) = (args.0.text(), args.1.text(), args.2.text());
        let text = api::cash_balance(&customer, &transactions, &settings);
        // The typed transactions reader answers as the general reader does (every key escaped:
        // the general path).
        if let Some(escaped) = keys_escaped(&transactions) {
            assert_eq!(
                text,
                api::cash_balance(&customer, &escaped, &settings),
                "{transactions}"
            );
        }
        let answer = check(&text);
        if let Some(cb) = answer.get("value") {
            // The folded object is what canDeleteCustomer also reads.
            check(&api::can_delete_customer(&cb.to_string()));
        }
    }
);
