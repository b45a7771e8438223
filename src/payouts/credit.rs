//! `validateCredit`: a credit request, read (`payouts::request`), judged by the rules against the
//! merchant's options (amount bounds, the statement descriptor, the destination's URI, new bank
//! details), and written as the pending credit of its version with its fee.
//!
//! The fee: neither seed document states a fee rule; every credit they show carries `"fee": 25`
//! (cents). So the fee is an option of [`CreditOptions`] with that default
//! (`payouts::options::DEFAULT_FEE`).

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::issue::{Code, Error, Issues, Path};
use crate::payouts::bank_account::{check_bank_account, BankAccountView};
use crate::payouts::descriptor::check_descriptor;
use crate::payouts::options::{CreditOptions, Version};
use crate::payouts::request::{field_order, read_request, Request, MAX_URI_LEN};

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
/// its fee, or every issue at once (read → rules → write).
pub fn validate_credit(request: &Value, options: &CreditOptions) -> Result<Credit, Error> {
    let mut issues = Issues::new();
    let request = read_request(request, &mut issues)?;
    let details =
        apply_rules(request, options, issues).map_err(|i| Error::invalid(i.into_vec()))?;
    Ok(pending(details, options.version))
}

/// The rules on a typed request: its details, or the read's issues and the rules' together in the
/// request's field order.
pub fn apply_rules(
    request: Request,
    options: &CreditOptions,
    read: Issues,
) -> Result<CreditDetails, Issues> {
    let root = Path::root();
    let mut broken = Issues::new();
    let amount = request
        .amount
        .filter(|n| check_amount(*n, options, &root.key("amount"), &mut broken));
    let descriptor = request.appears_on_statement_as.filter(|s| {
        check_descriptor(
            s,
            options.version,
            &root.key("appears_on_statement_as"),
            &mut broken,
        )
    });
    let destination_uri = request.destination_uri.filter(|s| {
        check_uri(
            s,
            "destination_uri",
            &root.key("destination_uri"),
            &mut broken,
        )
    });
    let bank_account = request
        .bank_account
        .and_then(|b| check_bank_account(&b, &root.key("bank_account"), &mut broken));
    let issues = read.merge_by_key(broken, |i| field_order(&i.path));
    match amount {
        Some(amount) if issues.is_empty() => Ok(CreditDetails {
            amount,
            fee: options.fee,
            description: request.description,
            meta: request.meta.unwrap_or_default(),
            appears_on_statement_as: descriptor,
            destination_uri,
            bank_account,
        }),
        _ => Err(issues),
    }
}

/// The merchant's bounds: `min_amount ≤ amount ≤ max_amount`.
fn check_amount(n: u64, options: &CreditOptions, path: &Path, issues: &mut Issues) -> bool {
    if n < options.min_amount {
        issues.push(
            path,
            Code::OutOfRange,
            format!(
                "amount {n} is below your minimum credit amount of {} cents",
                options.min_amount
            ),
        );
        false
    } else if n > options.max_amount {
        issues.push(
            path,
            Code::OutOfRange,
            format!(
                "amount {n} is above your maximum credit amount of {} cents",
                options.max_amount
            ),
        );
        false
    } else {
        true
    }
}

/// A URI of the API: a path starting with `/`, printable ASCII without spaces, of bounded length.
fn check_uri(s: &str, what: &str, path: &Path, issues: &mut Issues) -> bool {
    if s.len() > MAX_URI_LEN {
        issues.push(
            path,
            Code::TooLong,
            format!("{what} is longer than {MAX_URI_LEN} characters"),
        );
        return false;
    }
    if !s.starts_with('/') || !s.bytes().all(|b| b.is_ascii_graphic()) {
        let shown = crate::input::json::head(s, 40);
        issues.push(
            path,
            Code::InvalidUri,
            format!(
                "{what} must be a URI path of the API such as \
                 \"/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm\", got {}",
                crate::input::json::quoted(shown)
            ),
        );
        return false;
    }
    true
}

/// The pending credit of `version`.
pub fn pending(details: CreditDetails, version: Version) -> Credit {
    match version {
        Version::V1 => Credit::V1 {
            state: StateV1::Pending,
            details,
        },
        Version::V1_1 => Credit::V1_1 {
            status: StatusV1_1::Pending,
            details,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Read issues (types, unknown fields) and rule issues (bounds, descriptor, URI, bank details)
    /// come out in the request's field order, as one pass over it would meet them.
    #[test]
    fn read_and_rule_issues_interleave_in_field_order() {
        let request = json!({
            "bank_account": {
                "type": "x", "account_number": 12, "routing_number": "123456789",
                "name": " ", "extra": 1
            },
            "destination_uri": "nope",
            "appears_on_statement_as": "a,bcdefghijklmnopqrstuvwxyz",
            "description": 5,
            "amount": 5,
        });
        let options = CreditOptions {
            min_amount: 10,
            ..CreditOptions::default()
        };
        let found: Vec<(String, Code)> = match validate_credit(&request, &options) {
            Ok(c) => vec![(format!("{c:?}"), Code::InternalError)],
            Err(e) => e.issues.into_iter().map(|i| (i.path, i.code)).collect(),
        };
        let expected = [
            ("/amount", Code::OutOfRange),
            ("/description", Code::InvalidType),
            ("/appears_on_statement_as", Code::TooLong),
            ("/appears_on_statement_as", Code::InvalidCharacters),
            ("/destination_uri", Code::InvalidUri),
            ("/bank_account", Code::ConflictingFields),
            ("/bank_account/extra", Code::UnknownField),
            ("/bank_account/name", Code::Required),
            ("/bank_account/routing_number", Code::InvalidRoutingNumber),
            ("/bank_account/account_number", Code::InvalidType),
            ("/bank_account/type", Code::UnknownValue),
        ];
        let expected: Vec<(String, Code)> = expected
            .iter()
            .map(|(p, c)| ((*p).to_owned(), *c))
            .collect();
        assert_eq!(found, expected);
    }

    /// The rules see typed values only: a request read cleanly but out of the merchant's bounds
    /// is refused by them alone.
    #[test]
    fn the_rules_judge_the_typed_request() {
        let request = Request {
            amount: Some(100),
            ..Request::default()
        };
        let options = CreditOptions {
            max_amount: 99,
            ..CreditOptions::default()
        };
        let issues = match apply_rules(request.clone(), &options, Issues::new()) {
            Ok(d) => panic!("refused, got {d:?}"),
            Err(i) => i.into_vec(),
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(issues.first().map(|i| i.code), Some(Code::OutOfRange));
        match apply_rules(request, &CreditOptions::default(), Issues::new()) {
            Ok(d) => assert_eq!((d.amount, d.fee), (100, 25)),
            Err(i) => panic!("valid, got {:?}", i.into_vec()),
        }
    }
}
