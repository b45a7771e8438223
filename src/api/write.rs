//! Writing answers: each a JSON envelope `{"value": …}` or `{"error": {code, message, issues}}`,
//! and the `{ ok, … }` answer of the `validate…` functions.

use serde::Serialize;

use crate::input::issue::{Code, Error, Issue};
use crate::input::writer::write_after;

/// Writes the answer envelope: `{"value":…}` as serde writes an externally tagged newtype variant
/// ([`answer_sized`] with no size to start from).
pub fn answer<T: Serialize>(result: Result<T, Error>) -> String {
    answer_sized(result, 0)
}

/// How a state call's answer writes the customer it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Every element written (the answer of the `api` functions).
    Whole,
    /// The elements unchanged from the customer argument written as references to it, and an
    /// order's lines packed (`input::shared`): the answer the JS bridge asks for.
    Shared,
    /// Shared, and the customer it returns kept for the bridge (`api::held`), its handle written
    /// as the envelope's `"held"`: what the bridge asks for when it is handed back a customer it
    /// returned.
    Held,
}

/// [`answer`] into a text of `capacity` bytes to start with (an answer about as long as its
/// customer argument grows no copies on the way). The error side is one non-generic function, so
/// each answer type's copy of this function holds only its own value's writing (the error's was
/// inlined into every copy).
pub fn answer_sized<T: Serialize>(result: Result<T, Error>, capacity: usize) -> String {
    match result {
        Ok(v) => match write_after(value_envelope(capacity), &v) {
            Ok(mut text) => {
                text.push('}');
                text
            }
            Err(_) => unwritable(),
        },
        Err(e) => error_envelope(&e),
    }
}

/// The value envelope's opening, in a text of `capacity` bytes.
#[inline(never)]
fn value_envelope(capacity: usize) -> String {
    const OPEN: &str = r#"{"value":"#;
    let mut text = String::with_capacity(capacity.max(OPEN.len() + 1));
    text.push_str(OPEN);
    text
}

#[inline(never)]
fn error_envelope(error: &Error) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        error: &'a Error,
    }
    crate::input::writer::to_string(&Envelope { error }).unwrap_or_else(|_| unwritable())
}

/// Writing these types cannot fail (string keys, no custom serialisers); if it ever did, the
/// caller still gets a coded envelope.
fn unwritable() -> String {
    r#"{"error":{"code":"internal_error","message":"the answer could not be written","issues":[]}}"#
        .to_owned()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The envelope as serde writes the externally tagged enum it used to be.
    #[derive(Serialize)]
    enum Tagged<T> {
        #[serde(rename = "value")]
        Value(T),
        #[serde(rename = "error")]
        Error(Error),
    }

    #[test]
    fn the_envelope_is_what_serde_writes_for_the_tagged_enum() {
        let tagged = |r: Result<serde_json::Value, Error>| {
            serde_json::to_string(&match r {
                Ok(v) => Tagged::Value(v),
                Err(e) => Tagged::Error(e),
            })
            .unwrap()
        };
        let values = [
            r#"{"a":[1,"x",null],"b":{}}"#,
            "[]",
            r#""text""#,
            "12.50",
            "null",
        ];
        for text in values {
            let v = crate::input::reader::parse(text).unwrap();
            assert_eq!(answer(Ok(v.clone())), tagged(Ok(v)));
        }
        let errors = [
            Error::new(Code::UnknownCurrency, "a \"quoted\" message"),
            Error::single(
                &crate::input::issue::Path::root().key("a/b"),
                Code::Required,
                "a/b is required",
            ),
        ];
        for e in errors {
            assert_eq!(answer::<()>(Err(e.clone())), tagged(Err(e)));
        }
    }
}
