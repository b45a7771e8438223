//! The check every answer must pass: a well-formed envelope whose error, if any, has a known code
//! and says something.

use serde_json::Value;

/// Whether a code is one the core declares (its own list, so this cannot drift).
pub fn known_code(code: &str) -> bool {
    balance_ledger::Code::ALL.iter().any(|c| c.as_str() == code)
}

/// Checks an answer envelope and returns it: `{"value": …}`, or `{"error": {code, message,
/// issues}}` with a known code other than `internal_error`, a message, and issues that each have a
/// JSON Pointer path, a known code and a message. Panics (a finding) otherwise.
pub fn check(answer: &str) -> Value {
    let v: Value = match serde_json::from_str(answer) {
        Ok(v) => v,
        Err(e) => panic!("answer is not JSON ({e}): {answer}"),
    };
    let Some(map) = v.as_object() else {
        panic!("answer is not an object: {answer}")
    };
    assert_eq!(map.len(), 1, "envelope has one key: {answer}");
    if let Some(err) = map.get("error") {
        let code = err["code"].as_str().unwrap_or_default();
        assert!(known_code(code), "unknown code {code:?}: {answer}");
        assert_ne!(code, "internal_error", "internal error: {answer}");
        assert!(
            !err["message"].as_str().unwrap_or_default().is_empty(),
            "error without message: {answer}"
        );
        let issues = err["issues"].as_array().expect("issues is an array");
        for issue in issues {
            let path = issue["path"].as_str().expect("issue path");
            assert!(
                path.is_empty() || path.starts_with('/'),
                "path is a JSON pointer: {answer}"
            );
            let code = issue["code"].as_str().unwrap_or_default();
            assert!(known_code(code), "unknown issue code {code:?}: {answer}");
            assert!(
                !issue["message"].as_str().unwrap_or_default().is_empty(),
                "issue without message: {answer}"
            );
        }
    } else {
        assert!(
            map.contains_key("value"),
            "envelope is value or error: {answer}"
        );
    }
    v
}
