//! Credits — payouts to a bank account, as in Balanced's API v1 and v1.1: the request, validated
//! against the merchant's options into a pending credit with its fee.
//!
//! The fee: neither seed document states a fee rule; every credit they show carries `"fee": 25`
//! (cents). So the fee is an option of [`CreditOptions`] with that default, [`DEFAULT_FEE`].

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::money::read::integer;
use crate::payouts::bank_account::{read_bank_account, BankAccountView};
use crate::payouts::options::CreditOptions;
use crate::payouts::options::Version;

/// The fields of a credit request (`bank_account` is v1.1's "credit a new bank account").
pub const CREDIT_FIELDS: &[&str] = &[
    "amount",
    "description",
    "meta",
    "appears_on_statement_as",
    "destination_uri",
    "bank_account",
];

/// The special characters the v1 document allows on a statement, besides ASCII letters and digits,
/// exactly as it lists them (the space included; `,` and `/` are not among them).
pub const DESCRIPTOR_SPECIALS: &str = ".<>(){}[]+&!$*;-%_?:#@~='\" ^\\`|";
pub const MAX_DESCRIPTION_LEN: usize = 1024;
pub const MAX_URI_LEN: usize = 1024;
pub const MAX_META_KEYS: usize = 100;
pub const MAX_META_KEY_LEN: usize = 255;
pub const MAX_META_VALUE_LEN: usize = 4096;

/// A v1 credit's `state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CreditStateV1")
)]
#[serde(rename_all = "lowercase")]
pub enum StateV1 {
    Pending,
    Cleared,
    Rejected,
}

/// A v1.1 credit's `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CreditStatusV1_1")
)]
#[serde(rename_all = "lowercase")]
pub enum StatusV1_1 {
    Pending,
    Succeeded,
    Failed,
}

/// A credit request as a caller writes it.
#[cfg(feature = "ts")]
#[derive(ts_rs::TS)]
#[ts(export)]
#[allow(dead_code)]
pub struct CreditRequest {
    /// USD cents: an integer, or a string of digits.
    #[ts(type = "number | string")]
    amount: String,
    #[ts(optional)]
    description: Option<Option<String>>,
    #[ts(optional, type = "Record<string, string> | null")]
    meta: Option<String>,
    #[ts(optional)]
    appears_on_statement_as: Option<Option<String>>,
    #[ts(optional)]
    destination_uri: Option<Option<String>>,
    #[ts(optional)]
    bank_account: Option<Option<crate::payouts::bank_account::BankAccountInput>>,
}

#[cfg(all(test, feature = "ts"))]
#[test]
fn credit_request_type_has_exactly_the_request_fields() {
    use ts_rs::TS;
    let decl = CreditRequest::decl(&ts_rs::Config::default());
    for field in CREDIT_FIELDS {
        assert!(decl.contains(field), "{field} in {decl}");
    }
    use crate::payouts::bank_account::{BankAccountInput, BANK_ACCOUNT_FIELDS};
    let decl = BankAccountInput::decl(&ts_rs::Config::default());
    for field in BANK_ACCOUNT_FIELDS {
        assert!(decl.contains(&format!("{field}:")), "{field} in {decl}");
    }
}

/// What every valid credit carries, whatever its version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CreditDetails {
    /// USD cents.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount: u64,
    /// Balanced's fee for the credit, in cents.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub fee: u64,
    pub description: Option<String>,
    /// Every key as given (`"__proto__"` included), in the order given.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub meta: Map<String, Value>,
    pub appears_on_statement_as: Option<String>,
    pub destination_uri: Option<String>,
    pub bank_account: Option<BankAccountView>,
}

/// A valid credit, pending, in its version's shape: v1 has `state`, v1.1 `status`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "version")]
pub enum Credit {
    #[serde(rename = "1")]
    V1 {
        state: StateV1,
        #[serde(flatten)]
        details: CreditDetails,
    },
    #[serde(rename = "1.1")]
    V1_1 {
        status: StatusV1_1,
        #[serde(flatten)]
        details: CreditDetails,
    },
}

impl Credit {
    pub fn details(&self) -> &CreditDetails {
        match self {
            Credit::V1 { details, .. } | Credit::V1_1 { details, .. } => details,
        }
    }
}

/// The answer of a valid request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ValidCredit {
    pub credit: Credit,
}

/// Validates a credit request against the merchant's options: the normalised, pending credit with
/// its fee, or every issue at once.
pub fn validate_credit(request: &Value, options: &CreditOptions) -> Result<Credit, Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    let map = match request {
        Value::Object(map) if json::js_tag(request).is_none() => map,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!(
                    "a credit request is an object such as {{ \"amount\": 1234 }}, got {}",
                    json::type_name(other)
                ),
            ))
        }
    };
    report_unknown_fields(map, CREDIT_FIELDS, "a credit request", &root, &mut issues);
    let present = |key: &str| map.get(key).filter(|v| !v.is_null());

    let amount = match present("amount") {
        None => {
            issues.push(
                &root.key("amount"),
                Code::Required,
                "amount is required: USD cents, an integer such as 1234",
            );
            None
        }
        Some(v) => match integer(v, 1, u64::MAX) {
            Err((code, message)) => {
                issues.push(&root.key("amount"), code, format!("amount: {message}"));
                None
            }
            Ok(n) if n < options.min_amount => {
                issues.push(
                    &root.key("amount"),
                    Code::OutOfRange,
                    format!(
                        "amount {n} is below your minimum credit amount of {} cents",
                        options.min_amount
                    ),
                );
                None
            }
            Ok(n) if n > options.max_amount => {
                issues.push(
                    &root.key("amount"),
                    Code::OutOfRange,
                    format!(
                        "amount {n} is above your maximum credit amount of {} cents",
                        options.max_amount
                    ),
                );
                None
            }
            Ok(n) => Some(n),
        },
    };

    let description = match present("description") {
        None => None,
        Some(_) => text_field(map, "description", MAX_DESCRIPTION_LEN, &root, &mut issues),
    };
    let meta = match present("meta") {
        None => Map::new(),
        Some(v) => read_meta(v, &root.key("meta"), &mut issues),
    };
    let descriptor = match present("appears_on_statement_as") {
        None => None,
        Some(v) => read_descriptor(
            v,
            options.version,
            &root.key("appears_on_statement_as"),
            &mut issues,
        ),
    };
    let destination_uri = match present("destination_uri") {
        None => None,
        Some(v) => read_uri(
            v,
            "destination_uri",
            &root.key("destination_uri"),
            &mut issues,
        ),
    };
    let bank_account = match present("bank_account") {
        None => None,
        Some(v) => {
            if present("destination_uri").is_some() {
                issues.push(
                    &root.key("bank_account"),
                    Code::ConflictingFields,
                    "give either destination_uri (an existing bank account) or bank_account \
                     (new details), not both",
                );
            }
            read_bank_account(v, &root.key("bank_account"), &mut issues)
        }
    };

    issues.finish(())?;
    let details = CreditDetails {
        amount: amount.unwrap_or_default(),
        fee: options.fee,
        description,
        meta,
        appears_on_statement_as: descriptor,
        destination_uri,
        bank_account,
    };
    Ok(match options.version {
        Version::V1 => Credit::V1 {
            state: StateV1::Pending,
            details,
        },
        Version::V1_1 => Credit::V1_1 {
            status: StatusV1_1::Pending,
            details,
        },
    })
}

/// `meta`: a single-level map of string keys to string values; every key is kept.
fn read_meta(value: &Value, path: &Path, issues: &mut Issues) -> Map<String, Value> {
    let map = match value {
        Value::Object(map) if json::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!(
                    "meta must be an object of string values, got {}",
                    json::type_name(other)
                ),
            );
            return Map::new();
        }
    };
    if map.len() > MAX_META_KEYS {
        issues.push(
            path,
            Code::TooManyItems,
            format!(
                "meta has {} keys, more than the {MAX_META_KEYS} allowed",
                map.len()
            ),
        );
        return Map::new();
    }
    let mut out = Map::new();
    for (key, v) in map {
        let at = path.key(key);
        if key.chars().take(MAX_META_KEY_LEN + 1).count() > MAX_META_KEY_LEN {
            issues.push(
                &at,
                Code::TooLong,
                format!("meta keys are at most {MAX_META_KEY_LEN} characters"),
            );
            continue;
        }
        match v {
            Value::String(s)
                if s.chars().take(MAX_META_VALUE_LEN + 1).count() > MAX_META_VALUE_LEN =>
            {
                issues.push(
                    &at,
                    Code::TooLong,
                    format!("meta values are at most {MAX_META_VALUE_LEN} characters"),
                );
            }
            Value::String(_) => {
                out.insert(key.clone(), v.clone());
            }
            Value::Object(_) | Value::Array(_) if json::js_tag(v).is_none() => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta is a single-level map: values must be strings, got {} (nested values are not allowed)",
                        json::type_name(v)
                    ),
                );
            }
            other => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta values must be strings, got {}",
                        json::type_name(other)
                    ),
                );
            }
        }
    }
    out
}

/// Whether the v1 document allows a character on a bank statement.
pub fn descriptor_allows(c: char) -> bool {
    c.is_ascii_alphanumeric() || DESCRIPTOR_SPECIALS.contains(c)
}

/// How a character is named in a message: `"," (U+002C)`, or only its code point when it would
/// not show (`U+0009`, `U+00A0`, `U+200B`). Decided without Unicode's letter tables, which would
/// add kilobytes to the wasm for a message.
fn name_char(c: char) -> String {
    let invisible = matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    );
    if c.is_control() || c.is_whitespace() || invisible {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("\"{c}\" (U+{:04X})", u32::from(c))
    }
}

/// `appears_on_statement_as`: at most the version's length, from the v1 character set only.
pub fn read_descriptor(
    value: &Value,
    version: Version,
    path: &Path,
    issues: &mut Issues,
) -> Option<String> {
    let Value::String(s) = value else {
        issues.push(
            path,
            Code::InvalidType,
            format!(
                "appears_on_statement_as must be a string, got {}",
                json::type_name(value)
            ),
        );
        return None;
    };
    let max = version.max_descriptor();
    let mut ok = true;
    let len = s.chars().take(max + 1).count();
    if len > max {
        let limit = match version {
            Version::V1 => format!("{max} characters"),
            Version::V1_1 => format!("{max} characters on a bank credit (v1.1)"),
        };
        issues.push(
            path,
            Code::TooLong,
            format!("appears_on_statement_as is longer than {limit}"),
        );
        ok = false;
    }
    let mut bad: Vec<(usize, char)> = Vec::new();
    for (i, c) in s.chars().enumerate() {
        if !descriptor_allows(c) && !bad.iter().any(|(_, b)| *b == c) {
            bad.push((i, c));
            if bad.len() == 5 {
                break;
            }
        }
    }
    if let Some((i, c)) = bad.first() {
        let others: Vec<String> = bad.iter().skip(1).map(|(_, c)| name_char(*c)).collect();
        let also = if others.is_empty() {
            String::new()
        } else {
            format!(" (also {})", others.join(", "))
        };
        issues.push(
            path,
            Code::InvalidCharacters,
            format!(
                "appears_on_statement_as may not contain {} at position {}{also}; allowed are \
                 ASCII letters, digits, the space and {}",
                name_char(*c),
                i + 1,
                DESCRIPTOR_SPECIALS.replace(' ', "")
            ),
        );
        ok = false;
    }
    ok.then(|| s.clone())
}

/// A URI of the API: a path starting with `/`, printable ASCII without spaces.
fn read_uri(value: &Value, what: &str, path: &Path, issues: &mut Issues) -> Option<String> {
    let Value::String(s) = value else {
        issues.push(
            path,
            Code::InvalidType,
            format!("{what} must be a string, got {}", json::type_name(value)),
        );
        return None;
    };
    if s.len() > MAX_URI_LEN {
        issues.push(
            path,
            Code::TooLong,
            format!("{what} is longer than {MAX_URI_LEN} characters"),
        );
        return None;
    }
    if !s.starts_with('/') || !s.bytes().all(|b| b.is_ascii_graphic()) {
        let shown: String = s.chars().take(40).collect();
        issues.push(
            path,
            Code::InvalidUri,
            format!(
                "{what} must be a URI path of the API such as \
                 \"/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm\", got {shown:?}"
            ),
        );
        return None;
    }
    Some(s.clone())
}
