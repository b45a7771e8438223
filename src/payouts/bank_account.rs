//! A bank account to credit: new account details as a v1.1 request gives them (name, ABA routing
//! number with its check digit, account number, type), read field by field into typed fields,
//! then judged by their rules; only the last four digits of the number are kept.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Issues, Path};
use crate::input::json;

/// The fields of new bank-account details.
pub const BANK_ACCOUNT_FIELDS: &[&str] = &["name", "routing_number", "account_number", "type"];
pub const MAX_NAME_LEN: usize = 255;

/// ACH account numbers: the NACHA field holds at most 17 characters.
pub const MIN_ACCOUNT_NUMBER_LEN: usize = 4;
pub const MAX_ACCOUNT_NUMBER_LEN: usize = 17;

/// `checking` or `savings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum BankAccountType {
    Checking,
    Savings,
}

/// New bank-account details as given in a request (the TypeScript input type; the core reads JSON
/// field by field).
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct BankAccountInput {
    name: String,
    /// 9 digits, as a string (leading zeros matter).
    routing_number: String,
    account_number: String,
    #[ts(rename = "type")]
    account_type: BankAccountType,
}

/// Validated bank-account details. The full account number is not echoed back: only its last four
/// digits, as the seeds' `destination.last_four`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BankAccountView {
    pub name: String,
    pub routing_number: String,
    pub last_four: String,
    #[serde(rename = "type")]
    pub account_type: BankAccountType,
}

/// The ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10.
pub fn aba_check_digit_ok(routing: &str) -> bool {
    let digits: Vec<u32> = routing.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 9 || routing.len() != 9 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .zip([3, 7, 1].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    sum % 10 == 0
}

/// New bank-account details as read: each field typed, or `None` when it is missing or was not
/// of its type (the read reported it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankAccountFields {
    pub name: Option<String>,
    /// ASCII digits, any number of them (the rules count them).
    pub routing_number: Option<String>,
    pub account_number: Option<String>,
    pub account_type: Option<BankAccountType>,
}

/// Reads new bank-account details: an object of known fields, each present and of its type (the
/// numbers strings of digits). `None` when it is not an object.
pub fn read_bank_account(
    value: &Value,
    path: &Path,
    issues: &mut Issues,
) -> Option<BankAccountFields> {
    let map = match value {
        Value::Object(map) if json::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!(
                    "bank_account must be an object {{ name, routing_number, account_number, type }}, got {}",
                    json::type_name(other)
                ),
            );
            return None;
        }
    };
    report_unknown_fields(map, BANK_ACCOUNT_FIELDS, "bank_account", path, issues);
    let required = |key: &str, issues: &mut Issues| -> bool {
        if map.get(key).is_none_or(Value::is_null) {
            issues.push(&path.key(key), Code::Required, format!("{key} is required"));
            false
        } else {
            true
        }
    };
    let name = if required("name", issues) {
        text_field(map, "name", MAX_NAME_LEN, path, issues)
    } else {
        None
    };
    let routing_number = if required("routing_number", issues) {
        digit_string(map, "routing_number", path, issues)
    } else {
        None
    };
    let account_number = if required("account_number", issues) {
        digit_string(map, "account_number", path, issues)
    } else {
        None
    };
    let account_type = if required("type", issues) {
        match map.get("type").and_then(Value::as_str) {
            Some("checking") => Some(BankAccountType::Checking),
            Some("savings") => Some(BankAccountType::Savings),
            _ => {
                let got = map.get("type").map(json::shown_value).unwrap_or_default();
                issues.push(
                    &path.key("type"),
                    Code::UnknownValue,
                    format!("type is \"checking\" or \"savings\", got {got}"),
                );
                None
            }
        }
    } else {
        None
    };
    Some(BankAccountFields {
        name,
        routing_number,
        account_number,
        account_type,
    })
}

/// The rules of new details: a name that is not blank, a routing number of 9 digits whose ABA
/// check digit matches, an account number of 4 to 17 digits. The view keeps only the number's last
/// four digits; `None` when a field is missing or breaks a rule (every break reported).
pub fn check_bank_account(
    fields: &BankAccountFields,
    path: &Path,
    issues: &mut Issues,
) -> Option<BankAccountView> {
    let name = fields.name.as_ref().filter(|n| {
        let blank = n.trim().is_empty();
        if blank {
            issues.push(&path.key("name"), Code::Required, "name must not be blank");
        }
        !blank
    });
    let routing_number = fields.routing_number.as_ref().filter(|r| {
        if r.len() != 9 {
            issues.push(
                &path.key("routing_number"),
                Code::InvalidRoutingNumber,
                format!("a routing number has 9 digits, got {}", r.len()),
            );
            false
        } else if !aba_check_digit_ok(r) {
            issues.push(
                &path.key("routing_number"),
                Code::InvalidRoutingNumber,
                format!("{r} is not a routing number: its ABA check digit does not match"),
            );
            false
        } else {
            true
        }
    });
    let account_number = fields.account_number.as_ref().filter(|a| {
        let ok = (MIN_ACCOUNT_NUMBER_LEN..=MAX_ACCOUNT_NUMBER_LEN).contains(&a.len());
        if !ok {
            issues.push(
                &path.key("account_number"),
                Code::OutOfRange,
                format!(
                    "an account number has {MIN_ACCOUNT_NUMBER_LEN} to \
                     {MAX_ACCOUNT_NUMBER_LEN} digits, got {}",
                    a.len()
                ),
            );
        }
        ok
    });
    let (name, routing_number, account_number, account_type) = (
        name?,
        routing_number?,
        account_number?,
        fields.account_type?,
    );
    let last_four: String = account_number
        .get(account_number.len().saturating_sub(4)..)
        .unwrap_or_default()
        .to_owned();
    Some(BankAccountView {
        name: name.clone(),
        routing_number: routing_number.clone(),
        last_four,
        account_type,
    })
}

/// A string of ASCII digits (numbers refused: a leading zero would be lost).
fn digit_string(
    map: &Map<String, Value>,
    key: &str,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    match map.get(key) {
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(s.clone())
        }
        Some(Value::String(s)) => {
            let shown = json::head(s, 24);
            issues.push(
                &path.key(key),
                Code::InvalidCharacters,
                format!("{key} must be digits only, got {}", json::quoted(shown)),
            );
            None
        }
        Some(other) => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!(
                    "{key} must be a string of digits (a number would lose leading zeros), got {}",
                    json::type_name(other)
                ),
            );
            None
        }
        None => None,
    }
}
