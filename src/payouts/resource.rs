//! A credit as Balanced's API returns it, in each version's shape: v1 as the v1 document's response
//! bodies show it (`uri`, `state`, `fee`, `available_at`, `destination` an object), v1.1 as
//! Balanced's published 1.1 schema (`fixtures/_models/credit.json`) defines it (`href`, `status`,
//! `currency`, `failure_reason…`, `links`; no other field, the schema allows none).
//!
//! What a version has no field for is kept in `meta` under keys beginning `balance_ledger.` (the
//! one open place both versions have): the schedule's submission time and failure deadline (v1.1
//! also `available_at` and the fee; v1 also `updated_at` and the failure reason). Callers' own
//! `meta` keys may not begin so.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::payouts::credit::{StateV1, StatusV1_1};
use crate::time::pacific::Instant;

/// The prefix of the `meta` keys this ledger writes.
pub const EXT_PREFIX: &str = "balance_ledger.";
pub const EXT_SUBMITTED_AT: &str = "balance_ledger.submitted_at";
pub const EXT_AVAILABLE_AT: &str = "balance_ledger.available_at";
pub const EXT_FAILURE_DEADLINE: &str = "balance_ledger.failure_deadline";
pub const EXT_FEE: &str = "balance_ledger.fee";
pub const EXT_UPDATED_AT: &str = "balance_ledger.updated_at";
pub const EXT_FAILURE_REASON_CODE: &str = "balance_ledger.failure_reason_code";
pub const EXT_FAILURE_REASON: &str = "balance_ledger.failure_reason";

/// A v1 credit's `destination`: the bank account, as the v1 document shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CreditDestinationV1")
)]
pub struct DestinationV1 {
    pub id: String,
    pub uri: String,
    pub name: String,
    pub bank_name: Option<String>,
    pub routing_number: String,
    pub last_four: String,
    pub is_valid: bool,
    pub created_at: String,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub meta: Map<String, Value>,
}

/// A v1 credit resource. The v1 document's `account` (the marketplace account object) is not
/// kept by this ledger and not written; `appears_on_statement_as` is written when the request
/// gave one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CreditResourceV1 {
    pub id: String,
    pub uri: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub fee: u64,
    pub state: StateV1,
    pub created_at: String,
    pub available_at: String,
    pub transaction_number: String,
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub appears_on_statement_as: Option<String>,
    /// The caller's keys and this ledger's `balance_ledger.*` keys.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub meta: Map<String, Value>,
    pub destination: DestinationV1,
}

/// A v1.1 credit's `links`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CreditLinksV1_1")
)]
pub struct LinksV1_1 {
    pub customer: Option<String>,
    pub destination: String,
    pub order: Option<String>,
}

/// A v1.1 credit resource: exactly the fields of Balanced's 1.1 schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CreditResourceV1_1 {
    pub id: String,
    pub href: String,
    pub created_at: String,
    pub updated_at: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount: u64,
    #[cfg_attr(feature = "ts", ts(type = "\"USD\""))]
    pub currency: &'static str,
    pub appears_on_statement_as: String,
    pub description: Option<String>,
    pub status: StatusV1_1,
    pub failure_reason_code: Option<String>,
    pub failure_reason: Option<String>,
    pub transaction_number: String,
    /// The caller's keys and this ledger's `balance_ledger.*` keys.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string>"))]
    pub meta: Map<String, Value>,
    pub links: LinksV1_1,
}

/// A credit resource of either version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum CreditResource {
    V1(CreditResourceV1),
    V1_1(CreditResourceV1_1),
}

/// An instant as Balanced writes it: UTC with `Z`, a fraction in microseconds
/// (`2012-10-31T16:40:12.425960Z`; nanoseconds when the instant has them, none when it has none);
/// `None` beyond the year 9999.
pub fn utc(at: Instant) -> Option<String> {
    let whole = Instant::from_secs(at.secs).format(0)?;
    let head = whole.strip_suffix("+00:00")?;
    Some(match at.nanos {
        0 => format!("{head}Z"),
        n if n % 1_000 == 0 => format!("{head}.{:06}Z", n / 1_000),
        n => format!("{head}.{n:09}Z"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_written_in_utc_with_z() {
        let at = Instant::parse("2012-10-31T09:40:12.42596-07:00").unwrap();
        assert_eq!(utc(at).unwrap(), "2012-10-31T16:40:12.425960Z");
        let at = Instant::parse("2012-10-31T16:40:12.1234567Z").unwrap();
        assert_eq!(utc(at).unwrap(), "2012-10-31T16:40:12.123456700Z");
        assert_eq!(
            utc(Instant::parse("2026-03-06T23:00:00Z").unwrap()).unwrap(),
            "2026-03-06T23:00:00Z"
        );
    }
}
