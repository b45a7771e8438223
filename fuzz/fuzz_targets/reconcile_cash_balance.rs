//! `api::reconcile_cash_balance` on states and requests (shaped, any value, any text): every
//! answer is a well-formed envelope with a known code; no balance is applied beyond what was
//! available, and the state it answers is accepted by the next call.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{
    check, state_refused, without_state_fields, CashStateArg, ReconcileRequestArg,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    |args: (CashStateArg, ReconcileRequestArg, ReconcileRequestArg)| {
        let answer = check(&api::reconcile_cash_balance(&args.0.text(), &args.1.text()));
        if let Some(r) = answer.get("value") {
            let state = r["state"].to_string();
            let next = check(&api::reconcile_cash_balance(
                &state,
                &without_state_fields(args.2.text()),
            ));
            assert!(
                !state_refused(&next),
                "an answered state is refused: {r} → {next}"
            );
        }
    }
);
