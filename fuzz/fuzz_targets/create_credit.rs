//! `api::create_credit` on credit requests and its options (shaped, any value, any text): every
//! answer is a well-formed envelope with a known code; a resource it makes can fail at once (v1
//! calls it rejected), at its own created_at, and stays a credit.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, CreateOptionsArg, CreditRequestArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|args: (CreditRequestArg, CreateOptionsArg)| {
    let answer = check(&api::create_credit(&args.0.text(), &args.1.text()));
    if let Some(credit) = answer.get("value") {
        let failed = if credit.get("state").is_some() {
            "\"rejected\""
        } else {
            "\"failed\""
        };
        let options = serde_json::json!({ "at": credit["created_at"] }).to_string();
        let next = check(&api::transition_credit(
            &credit.to_string(),
            failed,
            &options,
        ));
        assert!(
            next.get("value").is_some(),
            "a created credit is not a credit: {credit} → {next}"
        );
    }
});
