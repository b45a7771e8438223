//! Writing answers: each a JSON envelope `{"value": …}` or `{"error": {code, message, issues}}`,
//! and the `{ ok, … }` answer of the `validate…` functions.

use serde::Serialize;

use crate::input::issue::{Code, Error, Issue};

/// Writes the answer envelope.
pub fn answer<T: Serialize>(result: Result<T, Error>) -> String {
    #[derive(Serialize)]
    enum Envelope<T> {
        #[serde(rename = "value")]
        Value(T),
        #[serde(rename = "error")]
        Error(Error),
    }
    let envelope = match result {
        Ok(v) => Envelope::Value(v),
        Err(e) => Envelope::Error(e),
    };
    // Writing these types cannot fail (string keys, no custom serialisers); if it ever did, the
    // caller still gets a coded envelope.
    serde_json::to_string(&envelope).unwrap_or_else(|_| {
        r#"{"error":{"code":"internal_error","message":"the answer could not be written","issues":[]}}"#
            .to_owned()
    })
}

/// The answer of a `validate…` function: `{ ok: true, …value }` or `{ ok: false, issues }`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Validation<T> {
    Valid {
        ok: bool,
        #[serde(flatten)]
        value: T,
    },
    Invalid {
        ok: bool,
        issues: Vec<Issue>,
    },
}

impl<T> Validation<T> {
    /// Turns input problems into `{ ok: false, issues }`; other errors stay errors.
    pub fn from_result(result: Result<T, Error>) -> Result<Self, Error> {
        match result {
            Ok(value) => Ok(Validation::Valid { ok: true, value }),
            Err(e) if e.code == Code::InvalidInput => Ok(Validation::Invalid {
                ok: false,
                issues: e.issues,
            }),
            Err(e) => Err(e),
        }
    }
}
