//! `api::add_cash_payment` on states and open payments (shaped, any value, any text): every answer
//! is a well-formed envelope with a known code; the state it answers is accepted by the next call.
#![no_main]

use balance_ledger::api;
use balance_ledger_fuzz::{
    check, state_refused, without_state_fields, CashPaymentArg, CashStateArg, ReconcileRequestArg,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    |args: (CashStateArg, CashPaymentArg, ReconcileRequestArg)| {
        let answer = check(&api::add_cash_payment(&args.0.text(), &args.1.text()));
        if let Some(state) = answer.pointer("/value/state") {
            let next = check(&api::reconcile_cash_balance(
                &state.to_string(),
                &without_state_fields(args.2.text()),
            ));
            assert!(
                !state_refused(&next),
                "an answered state is refused: {state} → {next}"
            );
        }
    }
);
