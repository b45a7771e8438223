//! What the credit request tests share: the options of each version, a valid request's credit,
//! a refused one's issues, the status machine with only `at`, the api's answer as a value.

use balance_ledger::{
    validate_credit, Code, CreditOptions, Error, Instant, TransitionOptions, Version,
};
use serde_json::Value;

/// The status machine with only `at` given, as these tests judge it.
pub fn transition_credit(credit: &Value, to: &Value, at: Option<Instant>) -> Result<Value, Error> {
    let options = TransitionOptions {
        at,
        ..TransitionOptions::default()
    };
    balance_ledger::transition_credit(credit, to, &options)
}

pub fn v1() -> CreditOptions {
    CreditOptions {
        version: Version::V1,
        ..CreditOptions::default()
    }
}

pub fn v1_1() -> CreditOptions {
    CreditOptions::default()
}

pub fn valid(request: Value, options: &CreditOptions) -> Value {
    match validate_credit(&request, options) {
        Ok(c) => serde_json::to_value(c).unwrap(),
        Err(e) => panic!("{request} should be valid, got {e:?}"),
    }
}

pub fn issues(request: Value, options: &CreditOptions) -> Vec<(String, Code, String)> {
    match validate_credit(&request, options) {
        Ok(c) => panic!("{request} should be refused, got {c:?}"),
        Err(e) => {
            assert_eq!(e.code, Code::InvalidInput);
            e.issues
                .into_iter()
                .map(|i| (i.path, i.code, i.message))
                .collect()
        }
    }
}

pub fn has(request: Value, options: &CreditOptions, path: &str, code: Code) -> String {
    let found = issues(request.clone(), options);
    found
        .iter()
        .find(|(p, c, _)| p == path && *c == code)
        .map(|(_, _, m)| m.clone())
        .unwrap_or_else(|| panic!("{request} should report {code:?} at {path:?}, got {found:?}"))
}

pub fn answer(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
