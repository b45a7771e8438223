//! The status machine of a credit: which moves v1 (`state`) and v1.1 (`status`) allow, and when a
//! bank's late rejection is still accepted.

use serde_json::{Map, Value};

use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::payouts::options::Version;
use crate::payouts::schedule::schedule;
use crate::time::pacific::Instant;

/// Where a credit stands in its version's machine: v1 `pending`, `cleared`, `rejected`; v1.1
/// `pending`, `succeeded`, `failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Pending,
    Success,
    Failure,
}

impl Stage {
    /// The stage a status names in `version`, if it names one.
    pub fn of(version: Version, status: &str) -> Option<Stage> {
        let [pending, success, failure] = version.statuses();
        match status {
            s if s == pending => Some(Stage::Pending),
            s if s == success => Some(Stage::Success),
            s if s == failure => Some(Stage::Failure),
            _ => None,
        }
    }
    /// The status as `version` writes it.
    pub fn name(self, version: Version) -> &'static str {
        let [pending, success, failure] = version.statuses();
        match self {
            Stage::Pending => pending,
            Stage::Success => success,
            Stage::Failure => failure,
        }
    }
}

/// A credit as the status machine reads it. Its other fields pass through unchanged.
#[derive(Debug, Clone)]
pub struct KeptCredit<'a> {
    pub version: Version,
    pub stage: Stage,
    /// When it was created, if it says (a late rejection is judged against it).
    pub created_at: Option<Instant>,
    fields: &'a Map<String, Value>,
}

/// Moves a credit to `to`, keeping every other field as it was. v1: `pending → cleared | rejected`;
/// v1.1: `pending → succeeded | failed`. A bank's rejection after success (`cleared → rejected`,
/// `succeeded → failed`) is accepted up to the failure deadline, judged at `at` against the
/// schedule of the credit's `created_at`; after it, the seed notes, a non-compliant bank may still
/// reject, but this ledger refuses it (`failure_window_closed`) so it is handled by a person.
/// Every other move is refused (`invalid_transition`).
pub fn transition_credit(credit: &Value, to: &Value, at: Option<Instant>) -> Result<Value, Error> {
    let credit = read_credit(credit)?;
    let to = read_status(to, credit.version)?;
    check_transition(&credit, to, at)?;
    Ok(write_credit(&credit, to))
}

/// Reads the fields the machine needs: the version (given, or told by the status field's name),
/// the status, and `created_at`.
pub fn read_credit(credit: &Value) -> Result<KeptCredit<'_>, Error> {
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
    let stage = match map.get(field) {
        None => {
            return Err(Error::single(
                &root.key(field),
                Code::Required,
                format!("a v{} credit has a {field}", version.as_str()),
            ))
        }
        Some(v) => match v.as_str().and_then(|s| Stage::of(version, s)) {
            Some(stage) => stage,
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
    Ok(KeptCredit {
        version,
        stage,
        created_at,
        fields: map,
    })
}

/// The new status: a string (whether it is one of the version's is the machine's to say).
pub fn read_status(to: &Value, version: Version) -> Result<&str, Error> {
    to.as_str().ok_or_else(|| {
        Error::single(
            &Path::root(),
            Code::InvalidType,
            format!(
                "the new {} must be a string, got {}",
                version.status_field(),
                json::type_name(to)
            ),
        )
    })
}

/// The machine: whether `credit` may move to `to` at `at`.
pub fn check_transition(credit: &KeptCredit, to: &str, at: Option<Instant>) -> Result<(), Error> {
    let version = credit.version;
    let field = version.status_field();
    let [pending, success, failure] = version.statuses();
    let from = credit.stage.name(version);
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
    let Some(next) = Stage::of(version, to) else {
        return refused(format!(
            "its {field} is one of {pending}, {success}, {failure}"
        ));
    };
    match (credit.stage, next) {
        (Stage::Pending, Stage::Success | Stage::Failure) => Ok(()),
        (Stage::Success, Stage::Failure) => late_rejection(credit.created_at, at),
        (Stage::Pending, _) => refused(format!("it is already {pending}")),
        (Stage::Success, _) => refused(format!(
            "after {success} only a bank's rejection ({failure}) may follow"
        )),
        (Stage::Failure, _) => refused(format!("{failure} is final")),
    }
}

/// The credit with its new status, every other field as it was.
pub fn write_credit(credit: &KeptCredit, to: &str) -> Value {
    let mut out = credit.fields.clone();
    out.insert(
        credit.version.status_field().to_owned(),
        Value::String(to.to_owned()),
    );
    Value::Object(out)
}

/// A rejection after success: allowed up to the failure deadline of the credit's schedule.
fn late_rejection(created_at: Option<Instant>, at: Option<Instant>) -> Result<(), Error> {
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
        Some(deadline) if at <= deadline => Ok(()),
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
