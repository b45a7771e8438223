//! `api::transition_credit` on credits, statuses and `{ at }` (shaped, any value, any text): every
//! answer is a well-formed envelope with a known code; a credit it answers is a valid input of the
//! next transition.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{check, AtOptionsArg, CreditArg, CreditStatusArg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    |args: (CreditArg, CreditStatusArg, AtOptionsArg, CreditStatusArg)| {
        let options = args.2.text();
        let answer = check(&api::transition_credit(
            &args.0.text(),
            &args.1.text(),
            &options,
        ));
        if let Some(credit) = answer.get("value") {
            let next = check(&api::transition_credit(
                &credit.to_string(),
                &args.3.text(),
                &options,
            ));
            // The status may be anything, but no issue may point into the credit it answered,
            // except what only a late rejection reads: the credit's created_at (any problem: it is
            // not read before) and the `at` option.
            let issues = next.pointer("/error/issues").and_then(|i| i.as_array());
            let about_status = |i: &serde_json::Value| {
                i["path"] == ""
                    || i["path"] == "/created_at"
                    || (i["code"] == "required" && i["path"] == "/at")
            };
            assert!(
                issues.is_none_or(|i| i.iter().all(about_status)),
                "a transitioned credit is not a credit: {credit} → {next}"
            );
        }
    }
);
