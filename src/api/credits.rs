//! The credit functions: `validateCredit`, `createCredit`, `transitionCredit`, `creditSchedule`, `listPage` and
//! `isBusinessDay`.

use serde_json::Value;

use crate::api::read::{parse_arg, top_level_elements};
use crate::api::write::{answer, Validation};
use crate::input::fields::{finish_options, option_map};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::payouts::create::{self, CreateOptions};
use crate::payouts::credit::{self, ValidCredit};
use crate::payouts::list::{self, ListOptions};
use crate::payouts::options::{version_option, CreditOptions};
use crate::payouts::schedule;
use crate::payouts::transition::{self, TransitionOptions};
use crate::time::calendar::{self, Date};

/// Largest credit request or credit (a request with a full `meta`).
pub const MAX_CREDIT_INPUT: usize = 1 << 20;
/// Largest list of items `listPage` reads.
pub const MAX_LIST_INPUT: usize = 32 << 20;
/// Largest options object or date argument.
const MAX_SMALL_INPUT: usize = 4096;

/// `validateCredit(request, { version?, minAmount?, maxAmount?, fee? })`:
/// `{ ok: true, credit }` or `{ ok: false, issues }`; bad options throw `invalid_option`.
pub fn validate_credit(request: &str, options: &str) -> String {
    answer((|| {
        let options = CreditOptions::from_value(&parse_arg(options, MAX_SMALL_INPUT)?)?;
        let request = parse_arg(request, MAX_CREDIT_INPUT)?;
        Validation::from_result(
            credit::validate_credit(&request, &options).map(|credit| ValidCredit { credit }),
        )
    })())
}

/// `transitionCredit(credit, status, { at?, version?, failure_reason_code?, failure_reason? })`:
/// the credit in its new status.
pub fn transition_credit(credit: &str, status: &str, options: &str) -> String {
    answer((|| {
        let options = TransitionOptions::from_value(&parse_arg(options, MAX_SMALL_INPUT)?)?;
        let credit = parse_arg(credit, MAX_CREDIT_INPUT)?;
        let status = parse_arg(status, MAX_SMALL_INPUT)?;
        transition::transition_credit(&credit, &status, &options)
    })())
}

/// `createCredit(request, { version, now, id?, transaction_number?, seed?, … })`: the credit
/// resource of its version.
pub fn create_credit(request: &str, options: &str) -> String {
    answer((|| {
        let options = CreateOptions::from_value(&parse_arg(options, MAX_SMALL_INPUT)?)?;
        let request = parse_arg(request, MAX_CREDIT_INPUT)?;
        create::create_credit(&request, &options)
    })())
}

/// `creditSchedule(createdAt, { version? })`: `{ submitted_at, available_at, failure_deadline }`.
pub fn credit_schedule(created_at: &str, options: &str) -> String {
    answer((|| {
        let options = parse_arg(options, MAX_SMALL_INPUT)?;
        let mut issues = Issues::new();
        if let Some(map) = option_map(&options, &["version"], &mut issues) {
            // Both versions share the schedule; the version is still checked.
            let _ = version_option(map, &mut issues);
        }
        finish_options(issues, ())?;
        match parse_arg(created_at, MAX_SMALL_INPUT)? {
            Value::String(s) => schedule::credit_schedule(&s),
            other => Err(not_a_string("createdAt", &other)),
        }
    })())
}

/// `listPage(items, { limit?, offset?, uri })`: the v1 list envelope.
pub fn list_page(items: &str, options: &str) -> String {
    answer((|| {
        let options = ListOptions::from_value(&parse_arg(options, MAX_SMALL_INPUT)?)?;
        // Counted before parsing: a million-element list is refused without building it.
        let len = top_level_elements(items);
        if len > list::MAX_LIST_ITEMS {
            return Err(list::too_many_items(len));
        }
        let items = parse_arg(items, MAX_LIST_INPUT)?;
        list::list_page(&items, &options)
    })())
}

/// `isBusinessDay("YYYY-MM-DD")`: whether the Fed is open that day.
pub fn is_business_day(date: &str) -> String {
    answer((|| match parse_arg(date, MAX_SMALL_INPUT)? {
        Value::String(s) => {
            Date::parse_field(&s, &Path::root(), "date").map(calendar::is_business_day)
        }
        other => Err(not_a_string("date", &other)),
    })())
}

fn not_a_string(what: &str, value: &Value) -> Error {
    Error::single(
        &Path::root(),
        Code::InvalidType,
        format!(
            "{what} must be a string, got {}",
            crate::input::json::type_name(value)
        ),
    )
}
