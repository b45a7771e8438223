//! The status machine of a credit: which moves v1 (`state`) and v1.1 (`status`) allow, and when a
//! bank's late rejection is still accepted.

use serde_json::{Map, Value};

use crate::input::fields::{finish_options, option_map, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::payouts::options::{version_option, Version};
use crate::payouts::resource::{utc, EXT_FAILURE_REASON, EXT_FAILURE_REASON_CODE, EXT_UPDATED_AT};
use crate::payouts::schedule::credit_schedule_at;
use crate::time::pacific::Instant;

/// The options of `transitionCredit`.
pub const TRANSITION_OPTIONS: &[&str] = &["at", "version", "failure_reason_code", "failure_reason"];
/// Longest failure reason kept (Balanced's are a code and a sentence).
pub const MAX_REASON_LEN: usize = 1024;

/// `{ at?, version?, failure_reason_code?, failure_reason? }`, read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitionOptions {
    /// When the change arrived: a resource's `updated_at`, and what a late rejection is judged at.
    pub at: Option<Instant>,
    /// The version the caller expects the credit to be of.
    pub version: Option<Version>,
    pub failure_reason_code: Option<String>,
    pub failure_reason: Option<String>,
}

impl TransitionOptions {
    /// Reads the options; problems throw `invalid_option`.
    pub fn from_value(options: &Value) -> Result<Self, Error> {
        let root = Path::root();
        let mut issues = Issues::new();
        let mut out = Self::default();
        if let Some(map) = option_map(options, TRANSITION_OPTIONS, &mut issues) {
            match map.get("at") {
                None | Some(Value::Null) => {}
                Some(Value::String(s)) => match Instant::parse(s) {
                    Some(t) => out.at = Some(t),
                    None => issues.push(
                        &root.key("at"),
                        Code::InvalidDateTime,
                        "at must be an ISO 8601 date-time with an offset",
                    ),
                },
                Some(other) => issues.push(
                    &root.key("at"),
                    Code::InvalidType,
                    format!("at must be a string, got {}", json::type_name(other)),
                ),
            }
            out.version = version_option(map, &mut issues);
            for key in ["failure_reason_code", "failure_reason"] {
                if map.get(key).is_some_and(|v| !v.is_null()) {
                    let text = text_field(map, key, MAX_REASON_LEN, &root, &mut issues);
                    if key == "failure_reason_code" {
                        out.failure_reason_code = text;
                    } else {
                        out.failure_reason = text;
                    }
                }
            }
        }
        finish_options(issues, out)
    }
}

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
    /// A resource of `createCredit` (it has an `id`): its `updated_at` moves with its status.
    pub resource: bool,
    fields: &'a Map<String, Value>,
}

/// Moves a credit to `to`, keeping every other field as it was. v1: `pending → cleared | rejected`;
/// v1.1: `pending → succeeded | failed`. A bank's rejection after success (`cleared → rejected`,
/// `succeeded → failed`) is accepted up to the failure deadline, judged at `at` against the
/// schedule of the credit's `created_at`; after it, the seed notes, a non-compliant bank may still
/// reject, but this ledger refuses it (`failure_window_closed`) so it is handled by a person.
/// Every other move is refused (`invalid_transition`).
///
/// On a resource the change also sets `updated_at` to `at` (required there), and a move to failure
/// writes the failure reason options (v1.1 `failure_reason_code` / `failure_reason`; v1, which has
/// no such fields, in `meta`'s `balance_ledger.*` keys, with `updated_at`).
pub fn transition_credit(
    credit: &Value,
    to: &Value,
    options: &TransitionOptions,
) -> Result<Value, Error> {
    let credit = read_credit(credit)?;
    let to = read_status(to, credit.version)?;
    check_options(&credit, to, options)?;
    check_transition(&credit, to, options.at)?;
    check_at(&credit, options.at)?;
    Ok(write_credit(&credit, to, options))
}

/// The options against the credit: its own version, failure reasons only with a move to failure.
pub fn check_options(
    credit: &KeptCredit,
    to: &str,
    options: &TransitionOptions,
) -> Result<(), Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    if let Some(v) = options.version.filter(|v| *v != credit.version) {
        issues.push(
            &root.key("version"),
            Code::ConflictingFields,
            format!(
                "version {} was given, but this is a v{} credit (it has a {})",
                v.as_str(),
                credit.version.as_str(),
                credit.version.status_field()
            ),
        );
    }
    let reason = options.failure_reason_code.is_some() || options.failure_reason.is_some();
    if reason && Stage::of(credit.version, to) != Some(Stage::Failure) {
        issues.push(
            &root.key("failure_reason_code"),
            Code::ConflictingFields,
            format!(
                "a failure reason goes with a move to {}",
                Stage::Failure.name(credit.version)
            ),
        );
    }
    finish_options(issues, ())
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
        resource: map.contains_key("id"),
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

/// `at` on a resource: required (it is the new `updated_at`), not before the credit was created.
pub fn check_at(credit: &KeptCredit, at: Option<Instant>) -> Result<(), Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    match (at, credit.created_at) {
        (None, _) if credit.resource => issues.push(
            &root.key("at"),
            Code::Required,
            "at, the time of the change, is required: it is the credit's updated_at",
        ),
        (Some(at), Some(created)) if credit.resource && at < created => issues.push(
            &root.key("at"),
            Code::OutOfRange,
            "at is before the credit's created_at",
        ),
        _ => {}
    }
    finish_options(issues, ())
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
                "a v{} credit cannot move from {from} to {}: {why}",
                version.as_str(),
                json::quoted(json::head(to, 24))
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

/// The credit with its new status (and a resource's `updated_at`, the failure reasons given),
/// every other field as it was.
pub fn write_credit(credit: &KeptCredit, to: &str, options: &TransitionOptions) -> Value {
    let mut out = credit.fields.clone();
    out.insert(
        credit.version.status_field().to_owned(),
        Value::String(to.to_owned()),
    );
    let updated = options.at.filter(|_| credit.resource).and_then(utc);
    let reasons = [
        (
            "failure_reason_code",
            EXT_FAILURE_REASON_CODE,
            &options.failure_reason_code,
        ),
        (
            "failure_reason",
            EXT_FAILURE_REASON,
            &options.failure_reason,
        ),
    ];
    match credit.version {
        Version::V1_1 => {
            if let Some(t) = updated {
                out.insert("updated_at".to_owned(), Value::String(t));
            }
            for (field, _, value) in reasons {
                if let Some(v) = value {
                    out.insert(field.to_owned(), Value::String(v.clone()));
                }
            }
        }
        Version::V1 => {
            let mut meta = match out.get("meta") {
                Some(Value::Object(m)) => m.clone(),
                _ => Map::new(),
            };
            if let Some(t) = updated {
                meta.insert(EXT_UPDATED_AT.to_owned(), Value::String(t));
            }
            for (_, key, value) in reasons {
                if let Some(v) = value {
                    meta.insert(key.to_owned(), Value::String(v.clone()));
                }
            }
            if !meta.is_empty() || out.contains_key("meta") {
                out.insert("meta".to_owned(), Value::Object(meta));
            }
        }
    }
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
    let deadline = credit_schedule_at(created_at).map(|s| s.failure_deadline);
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
