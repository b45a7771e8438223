//! `api::validate_credit` on credit requests and options (shaped, any value, any text): every
//! answer is a well-formed envelope with a known code; a credit it accepts is accepted by
//! `transition_credit` as it stands (it can fail).
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, CreditOptionsArg, CreditRequestArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (CreditRequestArg, CreditOptionsArg)| {
    let answer = check(&api::validate_credit(&args.0.text(), &args.1.text()));
    if let Some(credit) = answer.pointer("/value/credit") {
        // A pending credit can always fail (v1 calls it rejected).
        let failed = if credit["version"] == "1" {
            "\"rejected\""
        } else {
            "\"failed\""
        };
        let next = check(&api::transition_credit(&credit.to_string(), failed, "null"));
        assert!(
            next.get("value").is_some(),
            "a validated credit is not a credit: {credit} → {next}"
        );
    }
});
