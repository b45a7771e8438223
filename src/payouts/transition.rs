//! The status machine of a credit: which moves v1 (`state`) and v1.1 (`status`) allow, and when a
//! bank's late rejection is still accepted.

use serde_json::{Map, Value};

use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::payouts::options::Version;
use crate::payouts::schedule::schedule;
use crate::time::pacific::Instant;

/// Moves a credit to `to`, keeping every other field as it was. v1: `pending → cleared | rejected`;
/// v1.1: `pending → succeeded | failed`. A bank's rejection after success (`cleared → rejected`,
/// `succeeded → failed`) is accepted up to the failure deadline, judged at `at` against the
/// schedule of the credit's `created_at`; after it, the seed notes, a non-compliant bank may still
/// reject, but this ledger refuses it (`failure_window_closed`) so it is handled by a person.
/// Every other move is refused (`invalid_transition`).
pub fn transition_credit(credit: &Value, to: &Value, at: Option<Instant>) -> Result<Value, Error> {
    let root = Path::root();
    let map = match credit {
        Value::Object(map) if json::js_tag(credit).is_none() => map,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!("a credit is an object, got {}", json::type_name(other)),
            ))
        }
    };
    let version = match map.get("version") {
        Some(v) => v.as_str().and_then(Version::parse).ok_or_else(|| {
            Error::single(
                &root.key("version"),
                Code::UnknownValue,
                format!("version is \"1\" or \"1.1\", got {}", json::shown_value(v)),
            )
        })?,
        None if map.contains_key("state") => Version::V1,
        None if map.contains_key("status") => Version::V1_1,
        None => {
            return Err(Error::single(
                &root.key("status"),
                Code::Required,
                "a credit has a state (v1) or a status (v1.1)",
            ))
        }
    };
    let field = version.status_field();
    let [pending, success, failure] = version.statuses();
    let from = match map.get(field) {
        None => {
            return Err(Error::single(
                &root.key(field),
                Code::Required,
                format!("a v{} credit has a {field}", version.as_str()),
            ))
        }
        Some(v) => match v.as_str().filter(|s| version.statuses().contains(s)) {
            Some(s) => s,
            None => {
                return Err(Error::single(
                    &root.key(field),
                    Code::UnknownValue,
                    format!(
                        "a v{} credit's {field} is {pending}, {success} or {failure}, got {}",
                        version.as_str(),
                        json::shown_value(v)
                    ),
                ))
            }
        },
    };
    // A created_at that is there must be a time whichever move is asked: the answer is the credit
    // as it will be kept, and a later rejection is judged against it.
    let created_at = match map.get("created_at") {
        None => None,
        Some(Value::String(s)) => Some(Instant::parse_field(
            s,
            &root.key("created_at"),
            "created_at",
        )?),
        Some(other) => {
            return Err(Error::single(
                &root.key("created_at"),
                Code::InvalidType,
                format!(
                    "created_at must be a string, got {}",
                    json::type_name(other)
                ),
            ))
        }
    };
    let Some(to) = to.as_str() else {
        return Err(Error::single(
            &root,
            Code::InvalidType,
            format!(
                "the new {field} must be a string, got {}",
                json::type_name(to)
            ),
        ));
    };
    let refused = |why: String| {
        Err(Error::new(
            Code::InvalidTransition,
            format!(
                "a v{} credit cannot move from {from} to {:?}: {why}",
                version.as_str(),
                to.chars().take(24).collect::<String>()
            ),
        ))
    };
    if !version.statuses().contains(&to) {
        return refused(format!(
            "its {field} is one of {pending}, {success}, {failure}"
        ));
    }
    if from == pending && to != pending {
        return Ok(with_status(map, field, to));
    }
    if from == success && to == failure {
        return late_rejection(map, field, to, created_at, at);
    }
    refused(match from {
        f if f == pending => format!("it is already {pending}"),
        f if f == success => {
            format!("after {success} only a bank's rejection ({failure}) may follow")
        }
        _ => format!("{failure} is final"),
    })
}

fn with_status(map: &Map<String, Value>, field: &str, to: &str) -> Value {
    let mut out = map.clone();
    out.insert(field.to_owned(), Value::String(to.to_owned()));
    Value::Object(out)
}

/// A rejection after success: allowed up to the failure deadline of the credit's schedule.
fn late_rejection(
    map: &Map<String, Value>,
    field: &str,
    to: &str,
    created_at: Option<Instant>,
    at: Option<Instant>,
) -> Result<Value, Error> {
    let root = Path::root();
    let Some(at) = at else {
        let mut issues = Issues::new();
        issues.push(
            &root.key("at"),
            Code::Required,
            "a late rejection needs `at`, the time it arrived, to judge the failure window",
        );
        return Err(Error::invalid_option(issues.into_vec()));
    };
    let Some(created_at) = created_at else {
        return Err(Error::single(
            &root.key("created_at"),
            Code::Required,
            "a late rejection is judged against the credit's created_at, which is missing",
        ));
    };
    let deadline = schedule(created_at).map(|s| s.failure_deadline);
    match deadline {
        Some(deadline) if at <= deadline => Ok(with_status(map, field, to)),
        Some(deadline) => Err(Error::new(
            Code::FailureWindowClosed,
            format!(
                "the failure window of this credit closed at {}; a rejection at {} is too late",
                deadline.format_pacific().unwrap_or_default(),
                at.format_pacific().unwrap_or_default()
            ),
        )),
        None => Err(Error::single(
            &root.key("created_at"),
            Code::OutOfRange,
            "the schedule of this credit runs beyond the year 9999",
        )),
    }
}
