//! `api::apply_cash_transaction` on states and Stripe transactions (shaped, any value, any text):
//! every answer is a well-formed envelope with a known code, the same whichever reader (typed or
//! general) read the state and the transaction, and the shared answer (the bridge's) put back
//! is the whole one, as is a call on the state it kept (held, by its handle); the transaction's ending balance is
//! the previous available amount plus its net amount; the state it answers is accepted by the next
//! call.
#![no_main]

use balance_ledger::api::{self, Form};
use balance_ledger_fuzz::{
    check, keys_escaped, same_when_held_from, same_when_put_back_from, state_refused,
    without_state_fields, CashStateArg, CashTransactionArg,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(
    |args: (CashStateArg, CashTransactionArg, CashTransactionArg)| {
        let state = args.0.text();
        let transaction = args.1.text();
        let text = api::apply_cash_transaction(&state, &transaction);
        // The typed state reader answers as the general reader does (every key escaped: the
        // general path).
        if let Some(escaped) = keys_escaped(&state) {
            assert_eq!(
                text,
                api::apply_cash_transaction(&escaped, &transaction),
                "{state}"
            );
        }
        // The typed transaction reader too (the transaction's keys escaped).
        if let Some(escaped) = keys_escaped(&transaction) {
            assert_eq!(
                text,
                api::apply_cash_transaction(&state, &escaped),
                "{transaction}"
            );
        }
        // The answer the bridge asks for, its recent transactions put back: the whole answer.
        let shared = api::apply_cash_transaction_in(Form::Shared, &state, &transaction);
        same_when_put_back_from(&text, &shared, &state, &["recent_transactions"]);
        // The answer when the bridge holds the state it answers (src/api/held.rs): the shared
        // one and a handle; the kept state, named by it, takes the next transaction as its text.
        let held = api::apply_cash_transaction_in(Form::Held, &state, &transaction);
        let next = without_state_fields(args.2.text());
        same_when_held_from(
            &text,
            &shared,
            &held,
            ("state", &["recent_transactions"]),
            |form, given| api::apply_cash_transaction_in(form, given, &next),
        );
        let answer = check(&text);
        let Some(r) = answer.get("value") else { return };
        let t = &r["transaction"];
        let currency = t["currency"].as_str().expect("currency");
        let before: Value = serde_json::from_str(&state).expect("an accepted state is JSON");
        let previous = before
            .pointer(&format!("/available/{currency}"))
            // The core reads a whole number written with an exponent (408.64e10) as that integer.
            .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
            .unwrap_or(0);
        let net = t["net_amount"].as_i64().expect("net_amount");
        let ending = t["ending_balance"].as_i64().expect("ending_balance");
        assert_eq!(ending, previous + net, "ending balance: {state} → {r}");
        let next = check(&api::apply_cash_transaction(&r["state"].to_string(), &next));
        assert!(
            !state_refused(&next),
            "an answered state is refused: {r} → {next}"
        );
        check(&api::can_delete_customer(&r["state"].to_string()));
    }
);
