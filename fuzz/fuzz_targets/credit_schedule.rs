//! `api::credit_schedule` on instants and `{ version }` (shaped, any value, any text): every answer
//! is a well-formed envelope with a known code, and a schedule runs forward: submitted at or after
//! creation, available after submission, the failure deadline after availability.
#![no_main]

use balance_ledger::api;
use balance_ledger::Instant;
use balance_ledger_fuzz::{check, InstantArg, VersionOptionsArg};
use libfuzzer_sys::fuzz_target;

fn at(v: &serde_json::Value, field: &str) -> Instant {
    let text = v[field].as_str().unwrap_or_default();
    Instant::parse(text).unwrap_or_else(|| panic!("{field} is not an instant: {v}"))
}

fuzz_target!(|args: (InstantArg, VersionOptionsArg)| {
    let created = args.0.text();
    let answer = check(&api::credit_schedule(&created, &args.1.text()));
    if let Some(s) = answer.get("value") {
        let created: String = serde_json::from_str(&created).expect("created is a string");
        let created = Instant::parse(&created).expect("an accepted created_at parses");
        let (submitted, available, deadline) = (
            at(s, "submitted_at"),
            at(s, "available_at"),
            at(s, "failure_deadline"),
        );
        assert!(
            submitted >= created,
            "submitted before created: {created:?} {s}"
        );
        assert!(available > submitted, "available before submitted: {s}");
        assert!(deadline > available, "deadline before available: {s}");
    }
});
