//! The merchant's options a credit request is judged against: the API version whose rules apply,
//! the amount bounds and the fee.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{finish_options, option_map};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::money::read::integer;

/// `appears_on_statement_as` limits: v1's documented 22, v1.1's 14 for bank credits.
pub const MAX_DESCRIPTOR_V1: usize = 22;
pub const MAX_DESCRIPTOR_V1_1: usize = 14;
/// The options of `validateCredit`.
pub const CREDIT_OPTIONS: &[&str] = &["version", "minAmount", "maxAmount", "fee"];
/// The fee every credit in the seed documents shows, in cents (no rule is documented).
pub const DEFAULT_FEE: u64 = 25;
/// The default maximum amount and the bound of every integer option, so amounts come back to JS
/// exact.
const MAX_SAFE: u64 = json::MAX_SAFE_INTEGER.unsigned_abs();
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
            max_amount: MAX_SAFE,
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
                match integer(value, min, MAX_SAFE) {
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

/// `version`: `"1"` or `"1.1"`.
pub fn version_option(map: &Map<String, Value>, issues: &mut Issues) -> Option<Version> {
    let value = map.get("version").filter(|v| !v.is_null())?;
    let parsed = value.as_str().and_then(Version::parse);
    if parsed.is_none() {
        issues.push(
            &Path::root().key("version"),
            Code::UnknownValue,
            format!(
                "version is \"1\" or \"1.1\", got {}",
                json::shown_value(value)
            ),
        );
    }
    parsed
}
