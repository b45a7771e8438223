//! Credits — payouts to a bank account, as in Balanced's API v1 and v1.1: request validation with
//! the fee, the status machine, and the ACH schedule on the Federal Reserve's calendar.
//!
//! The fee: neither seed document states a fee rule; every credit they show carries `"fee": 25`
//! (cents). So the fee is an option of [`CreditOptions`] with that default, [`DEFAULT_FEE`].

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{report_unknown_fields, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::money::amount;
use crate::time::calendar::{add_business_days, is_business_day, next_business_day, Date};
use crate::time::pacific::{pacific_instant, pacific_local, Instant};

/// The fields of a credit request (`bank_account` is v1.1's "credit a new bank account").
pub const CREDIT_FIELDS: &[&str] = &[
    "amount",
    "description",
    "meta",
    "appears_on_statement_as",
    "destination_uri",
    "bank_account",
];
/// The fields of new bank-account details.
pub const BANK_ACCOUNT_FIELDS: &[&str] = &["name", "routing_number", "account_number", "type"];
/// The options of `validateCredit`.
pub const CREDIT_OPTIONS: &[&str] = &["version", "minAmount", "maxAmount", "fee"];

/// The fee every credit in the seed documents shows, in cents (no rule is documented).
pub const DEFAULT_FEE: u64 = 25;
/// Largest integer a JS number holds exactly: the default maximum amount and the bound of every
/// integer option, so amounts come back to JS exact.
pub const MAX_SAFE_INTEGER: u64 = 9_007_199_254_740_991;
/// `appears_on_statement_as` limits: v1's documented 22, v1.1's 14 for bank credits.
pub const MAX_DESCRIPTOR_V1: usize = 22;
pub const MAX_DESCRIPTOR_V1_1: usize = 14;
/// The special characters the v1 document allows on a statement, besides ASCII letters and digits,
/// exactly as it lists them (the space included; `,` and `/` are not among them).
pub const DESCRIPTOR_SPECIALS: &str = ".<>(){}[]+&!$*;-%_?:#@~='\" ^\\`|";
pub const MAX_DESCRIPTION_LEN: usize = 1024;
pub const MAX_URI_LEN: usize = 1024;
pub const MAX_META_KEYS: usize = 100;
pub const MAX_META_KEY_LEN: usize = 255;
pub const MAX_META_VALUE_LEN: usize = 4096;
pub const MAX_NAME_LEN: usize = 255;
/// ACH account numbers: the NACHA field holds at most 17 characters.
pub const MIN_ACCOUNT_NUMBER_LEN: usize = 4;
pub const MAX_ACCOUNT_NUMBER_LEN: usize = 17;

/// Batches leave at 3 pm Pacific; a credit created at 15:00:00 or later waits for the next one.
pub const CUTOFF_SECS: i64 = 15 * 3_600;
/// Money is expected at 9:00 am Pacific on the business day after submission.
pub const AVAILABLE_SECS: i64 = 9 * 3_600;
/// Banks may reject up to this many business days after the money should be available.
pub const FAILURE_WINDOW_DAYS: u32 = 3;

/// The API version whose rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CreditVersion")
)]
pub enum Version {
    #[serde(rename = "1")]
    V1,
    /// The default: the later API.
    #[default]
    #[serde(rename = "1.1")]
    V1_1,
}

impl Version {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "1" => Some(Version::V1),
            "1.1" => Some(Version::V1_1),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "1",
            Version::V1_1 => "1.1",
        }
    }
    /// The statuses of this version: the first pending, then success, then failure.
    pub fn statuses(self) -> [&'static str; 3] {
        match self {
            Version::V1 => ["pending", "cleared", "rejected"],
            Version::V1_1 => ["pending", "succeeded", "failed"],
        }
    }
    /// The name of the status field: v1 `state`, v1.1 `status`.
    pub fn status_field(self) -> &'static str {
        match self {
            Version::V1 => "state",
            Version::V1_1 => "status",
        }
    }
    pub fn max_descriptor(self) -> usize {
        match self {
            Version::V1 => MAX_DESCRIPTOR_V1,
            Version::V1_1 => MAX_DESCRIPTOR_V1_1,
        }
    }
}

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
    bank_account: Option<Option<BankAccountInput>>,
}

#[cfg(all(test, feature = "ts"))]
#[test]
fn credit_request_type_has_exactly_the_request_fields() {
    use ts_rs::TS;
    let decl = CreditRequest::decl(&ts_rs::Config::default());
    for field in CREDIT_FIELDS {
        assert!(decl.contains(&format!("{field}")), "{field} in {decl}");
    }
    let decl = BankAccountInput::decl(&ts_rs::Config::default());
    for field in BANK_ACCOUNT_FIELDS {
        assert!(decl.contains(&format!("{field}:")), "{field} in {decl}");
    }
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

/// The merchant's settings a request is judged against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditOptions {
    pub version: Version,
    /// Smallest amount, in cents (at least 1).
    pub min_amount: u64,
    /// Largest amount, in cents.
    pub max_amount: u64,
    pub fee: u64,
}

impl Default for CreditOptions {
    fn default() -> Self {
        Self {
            version: Version::default(),
            min_amount: 1,
            max_amount: MAX_SAFE_INTEGER,
            fee: DEFAULT_FEE,
        }
    }
}

impl CreditOptions {
    /// Reads `{ version?, minAmount?, maxAmount?, fee? }` (or null); problems throw `invalid_option`.
    pub fn from_value(options: &Value) -> Result<Self, Error> {
        let root = Path::root();
        let mut issues = Issues::new();
        let mut out = Self::default();
        if let Some(map) = option_map(options, CREDIT_OPTIONS, &mut issues) {
            if let Some(v) = version_option(map, &mut issues) {
                out.version = v;
            }
            let int = |key: &str, min: u64, issues: &mut Issues| -> Option<u64> {
                let value = map.get(key).filter(|v| !v.is_null())?;
                match integer(value, min, MAX_SAFE_INTEGER) {
                    Ok(n) => Some(n),
                    Err((code, message)) => {
                        issues.push(&root.key(key), code, format!("{key}: {message}"));
                        None
                    }
                }
            };
            if let Some(n) = int("minAmount", 1, &mut issues) {
                out.min_amount = n;
            }
            if let Some(n) = int("maxAmount", 1, &mut issues) {
                out.max_amount = n;
            }
            if let Some(n) = int("fee", 0, &mut issues) {
                out.fee = n;
            }
            if issues.is_empty() && out.min_amount > out.max_amount {
                issues.push(
                    &root.key("maxAmount"),
                    Code::OutOfRange,
                    format!(
                        "maxAmount {} is below minAmount {}",
                        out.max_amount, out.min_amount
                    ),
                );
            }
        }
        finish_options(issues, out)
    }
}

/// The options object (null: none), its unknown keys reported.
pub fn option_map<'a>(
    options: &'a Value,
    known: &[&str],
    issues: &mut Issues,
) -> Option<&'a Map<String, Value>> {
    match options {
        Value::Null => None,
        Value::Object(map) if amount::js_tag(options).is_none() => {
            report_unknown_fields(map, known, "the options", &Path::root(), issues);
            Some(map)
        }
        other => {
            issues.push(
                &Path::root(),
                Code::InvalidType,
                format!(
                    "options must be an object, got {}",
                    amount::type_name(other)
                ),
            );
            None
        }
    }
}

/// `version`: `"1"` or `"1.1"`.
pub fn version_option(map: &Map<String, Value>, issues: &mut Issues) -> Option<Version> {
    let value = map.get("version").filter(|v| !v.is_null())?;
    let parsed = value.as_str().and_then(Version::parse);
    if parsed.is_none() {
        issues.push(
            &Path::root().key("version"),
            Code::UnknownValue,
            format!("version is \"1\" or \"1.1\", got {}", shown_value(value)),
        );
    }
    parsed
}

pub fn finish_options<T>(issues: Issues, value: T) -> Result<T, Error> {
    if issues.is_empty() {
        Ok(value)
    } else {
        Err(Error::invalid_option(issues.into_vec()))
    }
}

/// `"abc"` for a short string, else the value's type.
fn shown_value(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{:?}", s.chars().take(24).collect::<String>()),
        other => amount::type_name(other),
    }
}

/// A whole number from a JSON number or a string of digits, within `min..=max`.
pub fn integer(value: &Value, min: u64, max: u64) -> Result<u64, (Code, String)> {
    let d = amount::parse(value).map_err(|e| (e.code, e.message))?;
    let d = d.normalize();
    if d.scale() != 0 {
        return Err((
            Code::NotInteger,
            format!("{d} is not a whole number of cents"),
        ));
    }
    let n = d.mantissa();
    if n < 1 && min >= 1 {
        return Err((
            Code::NotPositive,
            format!("must be at least {min}, got {n}"),
        ));
    }
    if n < i128::from(min) {
        return Err((
            if n < 0 {
                Code::Negative
            } else {
                Code::OutOfRange
            },
            format!("must be at least {min}, got {n}"),
        ));
    }
    if n > i128::from(max) {
        return Err((Code::OutOfRange, format!("must be at most {max}, got {n}")));
    }
    u64::try_from(n).map_err(|_| (Code::OutOfRange, format!("{n} is out of range")))
}

/// Validates a credit request against the merchant's options: the normalised, pending credit with
/// its fee, or every issue at once.
pub fn validate_credit(request: &Value, options: &CreditOptions) -> Result<Credit, Error> {
    let root = Path::root();
    let mut issues = Issues::new();
    let map = match request {
        Value::Object(map) if amount::js_tag(request).is_none() => map,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!(
                    "a credit request is an object such as {{ \"amount\": 1234 }}, got {}",
                    amount::type_name(other)
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
        Value::Object(map) if amount::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!(
                    "meta must be an object of string values, got {}",
                    amount::type_name(other)
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
            Value::Object(_) | Value::Array(_) if amount::js_tag(v).is_none() => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta is a single-level map: values must be strings, got {} (nested values are not allowed)",
                        amount::type_name(v)
                    ),
                );
            }
            other => {
                issues.push(
                    &at,
                    Code::InvalidType,
                    format!(
                        "meta values must be strings, got {}",
                        amount::type_name(other)
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
fn read_descriptor(
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
                amount::type_name(value)
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
            format!("{what} must be a string, got {}", amount::type_name(value)),
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

/// New bank-account details: name, routing number, account number and type, each checked.
fn read_bank_account(value: &Value, path: &Path, issues: &mut Issues) -> Option<BankAccountView> {
    let map = match value {
        Value::Object(map) if amount::js_tag(value).is_none() => map,
        other => {
            issues.push(
                path,
                Code::InvalidType,
                format!(
                    "bank_account must be an object {{ name, routing_number, account_number, type }}, got {}",
                    amount::type_name(other)
                ),
            );
            return None;
        }
    };
    let before = issues.len();
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
        match text_field(map, "name", MAX_NAME_LEN, path, issues) {
            Some(n) if n.trim().is_empty() => {
                issues.push(&path.key("name"), Code::Required, "name must not be blank");
                None
            }
            n => n,
        }
    } else {
        None
    };

    let routing_number = if required("routing_number", issues) {
        digit_string(map, "routing_number", path, issues).and_then(|r| {
            if r.len() != 9 {
                issues.push(
                    &path.key("routing_number"),
                    Code::InvalidRoutingNumber,
                    format!("a routing number has 9 digits, got {}", r.len()),
                );
                None
            } else if !aba_check_digit_ok(&r) {
                issues.push(
                    &path.key("routing_number"),
                    Code::InvalidRoutingNumber,
                    format!("{r} is not a routing number: its ABA check digit does not match"),
                );
                None
            } else {
                Some(r)
            }
        })
    } else {
        None
    };

    let account_number = if required("account_number", issues) {
        digit_string(map, "account_number", path, issues).and_then(|a| {
            if (MIN_ACCOUNT_NUMBER_LEN..=MAX_ACCOUNT_NUMBER_LEN).contains(&a.len()) {
                Some(a)
            } else {
                issues.push(
                    &path.key("account_number"),
                    Code::OutOfRange,
                    format!(
                        "an account number has {MIN_ACCOUNT_NUMBER_LEN} to \
                         {MAX_ACCOUNT_NUMBER_LEN} digits, got {}",
                        a.len()
                    ),
                );
                None
            }
        })
    } else {
        None
    };

    let account_type = if required("type", issues) {
        match map.get("type").and_then(Value::as_str) {
            Some("checking") => Some(BankAccountType::Checking),
            Some("savings") => Some(BankAccountType::Savings),
            _ => {
                let got = map.get("type").map(shown_value).unwrap_or_default();
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

    if issues.len() != before {
        return None;
    }
    let account_number = account_number?;
    let last_four: String = account_number
        .get(account_number.len().saturating_sub(4)..)
        .unwrap_or_default()
        .to_owned();
    Some(BankAccountView {
        name: name?,
        routing_number: routing_number?,
        last_four,
        account_type: account_type?,
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
            let shown: String = s.chars().take(24).collect();
            issues.push(
                &path.key(key),
                Code::InvalidCharacters,
                format!("{key} must be digits only, got {shown:?}"),
            );
            None
        }
        Some(other) => {
            issues.push(
                &path.key(key),
                Code::InvalidType,
                format!(
                    "{key} must be a string of digits (a number would lose leading zeros), got {}",
                    amount::type_name(other)
                ),
            );
            None
        }
        None => None,
    }
}

/// When a credit moves: submitted in a 3 pm Pacific batch, expected at 9:00 am Pacific the
/// business day after, and open to a bank's rejection until three business days after that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub submitted_at: Instant,
    pub available_at: Instant,
    pub failure_deadline: Instant,
}

/// The schedule as returned: ISO 8601 in Pacific time, each with its offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CreditSchedule {
    pub submitted_at: String,
    pub available_at: String,
    pub failure_deadline: String,
}

/// The schedule of a credit created at `created`. A credit created before 15:00:00 Pacific on a
/// business day goes in that day's batch; at 15:00:00 exactly or later (or on any other day), in
/// the next business day's. The same in both versions.
pub fn schedule(created: Instant) -> Option<Schedule> {
    let (date, secs) = pacific_local(created);
    let submit_day: Date = if is_business_day(date) && secs < CUTOFF_SECS {
        date
    } else {
        next_business_day(date)?
    };
    let available_day = next_business_day(submit_day)?;
    let deadline_day = add_business_days(available_day, FAILURE_WINDOW_DAYS)?;
    Some(Schedule {
        submitted_at: pacific_instant(submit_day, CUTOFF_SECS)?,
        available_at: pacific_instant(available_day, AVAILABLE_SECS)?,
        failure_deadline: pacific_instant(deadline_day, AVAILABLE_SECS)?,
    })
}

/// [`schedule`] of ISO 8601 text, as ISO 8601 text in Pacific time.
pub fn credit_schedule(created_at: &str) -> Result<CreditSchedule, Error> {
    let created = Instant::parse_field(created_at, &Path::root(), "createdAt")?;
    let beyond = || {
        Error::single(
            &Path::root(),
            Code::OutOfRange,
            "the schedule of this credit runs beyond the year 9999",
        )
    };
    let s = schedule(created).ok_or_else(beyond)?;
    Ok(CreditSchedule {
        submitted_at: s.submitted_at.format_pacific().ok_or_else(beyond)?,
        available_at: s.available_at.format_pacific().ok_or_else(beyond)?,
        failure_deadline: s.failure_deadline.format_pacific().ok_or_else(beyond)?,
    })
}

/// Moves a credit to `to`, keeping every other field as it was. v1: `pending → cleared | rejected`;
/// v1.1: `pending → succeeded | failed`. A bank's rejection after success (`cleared → rejected`,
/// `succeeded → failed`) is accepted up to the failure deadline, judged at `at` against the
/// schedule of the credit's `created_at`; after it, the seed notes, a non-compliant bank may still
/// reject, but this ledger refuses it (`failure_window_closed`) so it is handled by a person.
/// Every other move is refused (`invalid_transition`).
pub fn transition_credit(credit: &Value, to: &Value, at: Option<Instant>) -> Result<Value, Error> {
    let root = Path::root();
    let map = match credit {
        Value::Object(map) if amount::js_tag(credit).is_none() => map,
        other => {
            return Err(Error::single(
                &root,
                Code::InvalidType,
                format!("a credit is an object, got {}", amount::type_name(other)),
            ))
        }
    };
    let version = match map.get("version") {
        Some(v) => v.as_str().and_then(Version::parse).ok_or_else(|| {
            Error::single(
                &root.key("version"),
                Code::UnknownValue,
                format!("version is \"1\" or \"1.1\", got {}", shown_value(v)),
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
                        shown_value(v)
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
                    amount::type_name(other)
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
                amount::type_name(to)
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
