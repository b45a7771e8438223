//! `createCredit`: a request, read and judged as `validateCredit` does (and by the rules only a
//! resource has), made into the credit resource of its version, pending, with its id, transaction
//! number and schedule.

use serde_json::{Map, Value};

use crate::input::fields::{finish_options, option_map, text_field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::payouts::bank_account::{aba_check_digit_ok, BankAccountView, MAX_NAME_LEN};
use crate::payouts::credit::{apply_rules, pending, Credit, CreditDetails};
use crate::payouts::descriptor::check_descriptor;
use crate::payouts::ids::{is_id, is_transaction_number, Draw, MAX_SEED_LEN};
use crate::payouts::options::{CreditOptions, CREDIT_OPTIONS};
use crate::payouts::request::{read_request, read_string, Request};
use crate::payouts::resource::{
    utc, CreditResource, CreditResourceV1, CreditResourceV1_1, DestinationV1, LinksV1_1,
    EXT_AVAILABLE_AT, EXT_FAILURE_DEADLINE, EXT_FEE, EXT_PREFIX, EXT_SUBMITTED_AT,
};
use crate::payouts::schedule::credit_schedule_at;
use crate::time::pacific::Instant;

/// The options of `createCredit`: `validateCredit`'s, and what the resource needs besides.
pub const CREATE_OPTIONS: &[&str] = &[
    "version",
    "minAmount",
    "maxAmount",
    "fee",
    "now",
    "id",
    "transaction_number",
    "seed",
    "marketplace",
    "customer",
    "destination",
    "appearsOnStatementAs",
];
/// The fields of a stored bank account given as `options.destination`.
pub const DESTINATION_FIELDS: &[&str] = &[
    "id",
    "name",
    "bank_name",
    "routing_number",
    "last_four",
    "created_at",
];
/// What a v1.1 credit's statement shows when neither the request nor the options say: the 1.1
/// schema requires a string, and no default is documented (this ledger's choice).
pub const DEFAULT_STATEMENT: &str = "PAYOUT";
/// Funding destinations the 1.1 schema's `links.destination` names: cards, bank accounts and
/// external accounts.
pub const DESTINATION_PREFIXES: &[&str] = &["BA", "CC", "AT"];
const MAX_MARKETPLACE_LEN: usize = 64;

/// A bank account the caller holds, named by the credit (`options.destination`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBankAccount {
    pub id: String,
    pub name: String,
    pub bank_name: Option<String>,
    pub routing_number: String,
    pub last_four: String,
    pub created_at: Instant,
}

/// The options, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateOptions {
    pub credit: CreditOptions,
    pub now: Instant,
    pub id: Option<String>,
    pub transaction_number: Option<String>,
    pub seed: Option<String>,
    pub marketplace: Option<String>,
    pub customer: Option<String>,
    pub destination: Option<StoredBankAccount>,
    pub statement: Option<String>,
}

impl CreateOptions {
    /// Reads the options; `version` and `now` are required. Problems throw `invalid_option`.
    pub fn from_value(options: &Value) -> Result<Self, Error> {
        let root = Path::root();
        let mut issues = Issues::new();
        let empty = Map::new();
        let map = option_map(options, CREATE_OPTIONS, &mut issues).unwrap_or(&empty);
        // validateCredit's options, read by its own reader.
        let credit_part: Map<String, Value> = map
            .iter()
            .filter(|(k, _)| CREDIT_OPTIONS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let credit = match CreditOptions::from_value(&Value::Object(credit_part)) {
            Ok(c) => Some(c),
            Err(e) => {
                issues.extend(e.issues);
                None
            }
        };
        let present = |key: &str| map.get(key).filter(|v| !v.is_null());
        if present("version").is_none() {
            issues.push(
                &root.key("version"),
                Code::Required,
                "version is required: \"1\" or \"1.1\", the shape of the resource",
            );
        }
        let now = match present("now") {
            None => {
                issues.push(
                    &root.key("now"),
                    Code::Required,
                    "now, the credit's created_at (ISO 8601 with an offset), is required",
                );
                None
            }
            Some(Value::String(s)) => match Instant::parse_field(s, &root.key("now"), "now") {
                Ok(t) => Some(t),
                Err(e) => {
                    push_all(&mut issues, e);
                    None
                }
            },
            Some(other) => {
                issues.push(
                    &root.key("now"),
                    Code::InvalidType,
                    format!("now must be a string, got {}", json::type_name(other)),
                );
                None
            }
        };
        let string = |key: &str, max: usize, issues: &mut Issues| -> Option<String> {
            present(key)?;
            text_field(map, key, max, &root, issues)
        };
        let id = string("id", 64, &mut issues).filter(|id| {
            let ok = is_id(id, &["CR"]);
            if !ok {
                issues.push(
                    &root.key("id"),
                    Code::InvalidCharacters,
                    "id is CR and 16 to 32 ASCII letters or digits, as CR2rFsIqLsc63vwNkv2BKlmY",
                );
            }
            ok
        });
        let transaction_number = string("transaction_number", 64, &mut issues).filter(|t| {
            let ok = is_transaction_number(t);
            if !ok {
                issues.push(
                    &root.key("transaction_number"),
                    Code::InvalidCharacters,
                    "transaction_number is CR###-###-#### (digits), as CR560-489-3182",
                );
            }
            ok
        });
        let seed = string("seed", MAX_SEED_LEN, &mut issues).filter(|s| {
            if s.is_empty() {
                issues.push(&root.key("seed"), Code::Empty, "seed must not be empty");
            }
            !s.is_empty()
        });
        let marketplace = string("marketplace", MAX_MARKETPLACE_LEN, &mut issues).filter(|m| {
            let ok = !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !ok {
                issues.push(
                    &root.key("marketplace"),
                    Code::InvalidCharacters,
                    "marketplace is an id of ASCII letters, digits and -, as TEST-MP2roQeM4oBkR8Kw4GVeNT2Q",
                );
            }
            ok
        });
        let customer = string("customer", 64, &mut issues).filter(|c| {
            let ok = is_id(c, &["CU", "AC"]);
            if !ok {
                issues.push(
                    &root.key("customer"),
                    Code::InvalidCharacters,
                    "customer is CU (or AC) and 16 to 32 ASCII letters or digits",
                );
            }
            ok
        });
        let destination = present("destination")
            .and_then(|v| read_destination(v, &root.key("destination"), &mut issues));
        let version = credit.map(|c| c.version).unwrap_or_default();
        let statement = present("appearsOnStatementAs").and_then(|v| {
            let at = root.key("appearsOnStatementAs");
            read_string(v, "appears_on_statement_as", &at, &mut issues)
                .filter(|s| check_descriptor(s, version, &at, &mut issues))
        });
        let (Some(credit), Some(now)) = (credit, now) else {
            return Err(Error::invalid_option(issues.into_vec()));
        };
        finish_options(
            issues,
            Self {
                credit,
                now,
                id,
                transaction_number,
                seed,
                marketplace,
                customer,
                destination,
                statement,
            },
        )
    }
}

fn push_all(issues: &mut Issues, e: Error) {
    issues.extend(e.issues);
}

/// `options.destination`: `{ id, name, bank_name?, routing_number, last_four, created_at }`.
fn read_destination(value: &Value, path: &Path, issues: &mut Issues) -> Option<StoredBankAccount> {
    let map = crate::input::fields::object(value, "destination", path, issues)?;
    let before = issues.len();
    crate::input::fields::report_unknown_fields(
        map,
        DESTINATION_FIELDS,
        "destination",
        path,
        issues,
    );
    let id = crate::input::fields::id_field(map, "id", 64, path, issues);
    if let Some(id) = &id {
        if !is_id(id, DESTINATION_PREFIXES) {
            issues.push(
                &path.key("id"),
                Code::InvalidCharacters,
                "destination.id is BA (or CC, AT) and 16 to 32 ASCII letters or digits",
            );
        }
    }
    let name = crate::input::fields::id_field(map, "name", MAX_NAME_LEN, path, issues);
    let bank_name = match map.get("bank_name") {
        None | Some(Value::Null) => None,
        Some(_) => text_field(map, "bank_name", MAX_NAME_LEN, path, issues),
    };
    let digits = |key: &str, len: usize, issues: &mut Issues| -> Option<String> {
        let s = crate::input::fields::id_field(map, key, 64, path, issues)?;
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            Some(s)
        } else {
            issues.push(
                &path.key(key),
                Code::InvalidCharacters,
                format!("destination.{key} is {len} digits"),
            );
            None
        }
    };
    let routing_number = digits("routing_number", 9, issues).filter(|r| {
        let ok = aba_check_digit_ok(r);
        if !ok {
            issues.push(
                &path.key("routing_number"),
                Code::InvalidRoutingNumber,
                format!("{r} is not a routing number: its ABA check digit does not match"),
            );
        }
        ok
    });
    let last_four = digits("last_four", 4, issues);
    let created_at =
        crate::input::fields::id_field(map, "created_at", 64, path, issues).and_then(|s| {
            match Instant::parse_field(&s, &path.key("created_at"), "created_at") {
                Ok(t) => Some(t),
                Err(e) => {
                    push_all(issues, e);
                    None
                }
            }
        });
    if issues.len() != before {
        return None;
    }
    Some(StoredBankAccount {
        id: id?,
        name: name?,
        bank_name,
        routing_number: routing_number?,
        last_four: last_four?,
        created_at: created_at?,
    })
}

/// Where the money goes, as the request and the options name it.
enum Target<'a> {
    /// New details (`bank_account`): a bank account id is made for them.
    New(&'a BankAccountView),
    /// A URI and the id it ends in, with the stored account when the caller gave it.
    Uri(&'a str, String, Option<&'a StoredBankAccount>),
    /// The stored account alone (the nested endpoint of a bank account).
    Stored(&'a StoredBankAccount),
}

/// The rules of the request that only a resource has: its `meta` keys leave this ledger's prefix
/// free, and its `destination_uri` ends in a funding destination's id.
fn resource_issues(request: &Request, issues: &mut Issues) {
    let root = Path::root();
    if let Some(meta) = &request.meta {
        for key in meta.keys().filter(|k| k.starts_with(EXT_PREFIX)) {
            issues.push(
                &root.key("meta").key(key),
                Code::ConflictingFields,
                format!(
                    "meta keys beginning {} are this ledger's own",
                    crate::input::json::quoted(EXT_PREFIX)
                ),
            );
        }
    }
    if let Some(uri) = &request.destination_uri {
        let last = last_segment(uri);
        if uri.starts_with('/') && !is_id(last, DESTINATION_PREFIXES) {
            issues.push(
                &root.key("destination_uri"),
                Code::InvalidUri,
                "destination_uri ends in the id of a bank account (BA…), as \
                 /v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm",
            );
        }
    }
}

/// The credit resource of a request: read and judged as `validateCredit` does, then by the
/// resource's own rules (their issues after the others, every issue at once), then pending, with
/// its id, transaction number and the schedule of `now`.
pub fn create_credit(request: &Value, options: &CreateOptions) -> Result<CreditResource, Error> {
    let mut issues = Issues::new();
    let request = read_request(request, &mut issues)?;
    let mut extra = Issues::new();
    resource_issues(&request, &mut extra);
    let credit = match apply_rules(request, &options.credit, issues) {
        Ok(details) if extra.is_empty() => pending(details, options.credit.version),
        Ok(_) => return Err(Error::invalid(extra.into_vec())),
        Err(issues) => {
            let mut all = issues.into_vec();
            all.extend(extra.into_vec());
            return Err(Error::invalid(all));
        }
    };
    let details = credit.details();
    let target = target(details, options)?;

    let mut draw = options.seed.as_deref().map(Draw::from_seed);
    let mut drawn = |what: &str, make: &dyn Fn(&mut Draw) -> String| -> Result<String, Error> {
        match draw.as_mut() {
            Some(d) => Ok(make(d)),
            None => {
                let mut issues = Issues::new();
                issues.push(
                    &Path::root().key("seed"),
                    Code::Required,
                    format!("seed is required to make the credit's {what} (or give it)"),
                );
                Err(Error::invalid_option(issues.into_vec()))
            }
        }
    };
    let id = match &options.id {
        Some(id) => id.clone(),
        None => drawn("id", &|d| d.id("CR"))?,
    };
    let transaction_number = match &options.transaction_number {
        Some(t) => t.clone(),
        None => drawn("transaction_number", &|d| d.transaction_number())?,
    };
    let destination_id = match &target {
        Target::New(_) => drawn("bank account id", &|d| d.id("BA"))?,
        Target::Uri(_, id, _) => id.clone(),
        Target::Stored(s) => s.id.clone(),
    };

    let beyond = || {
        Error::single(
            &Path::root().key("now"),
            Code::OutOfRange,
            "the schedule of this credit runs beyond the year 9999",
        )
    };
    let s = credit_schedule_at(options.now).ok_or_else(beyond)?;
    let created_at = utc(options.now).ok_or_else(beyond)?;
    let available_at = utc(s.available_at).ok_or_else(beyond)?;
    let mut meta = details.meta.clone();
    meta.insert(
        EXT_SUBMITTED_AT.to_owned(),
        Value::String(utc(s.submitted_at).ok_or_else(beyond)?),
    );
    meta.insert(
        EXT_FAILURE_DEADLINE.to_owned(),
        Value::String(utc(s.failure_deadline).ok_or_else(beyond)?),
    );

    Ok(match credit {
        Credit::V1 { state, .. } => {
            // The v1 document's paths name the marketplace; a ledger of one merchant has none.
            let base = match &options.marketplace {
                Some(m) => format!("/v1/marketplaces/{m}"),
                None => "/v1".to_owned(),
            };
            let destination = destination_v1(&target, destination_id, &base, &created_at)?;
            CreditResource::V1(CreditResourceV1 {
                uri: format!("{base}/credits/{id}"),
                id,
                amount: details.amount,
                fee: details.fee,
                state,
                created_at,
                available_at,
                transaction_number,
                description: details.description.clone(),
                appears_on_statement_as: details.appears_on_statement_as.clone(),
                meta,
                destination,
            })
        }
        Credit::V1_1 { status, .. } => {
            meta.insert(EXT_AVAILABLE_AT.to_owned(), Value::String(available_at));
            meta.insert(EXT_FEE.to_owned(), Value::String(details.fee.to_string()));
            CreditResource::V1_1(CreditResourceV1_1 {
                href: format!("/credits/{id}"),
                id,
                updated_at: created_at.clone(),
                created_at,
                amount: details.amount,
                currency: "USD",
                appears_on_statement_as: details
                    .appears_on_statement_as
                    .clone()
                    .or_else(|| options.statement.clone())
                    .unwrap_or_else(|| DEFAULT_STATEMENT.to_owned()),
                description: details.description.clone(),
                status,
                failure_reason_code: None,
                failure_reason: None,
                transaction_number,
                meta,
                links: LinksV1_1 {
                    customer: options.customer.clone(),
                    destination: destination_id,
                    order: None,
                },
            })
        }
    })
}

/// Where the credit goes: the request's new details or URI, or the stored account of the options.
fn target<'a>(details: &'a CreditDetails, options: &'a CreateOptions) -> Result<Target<'a>, Error> {
    let root = Path::root();
    let stored = options.destination.as_ref();
    if let Some(new) = &details.bank_account {
        if stored.is_some() {
            return Err(Error::single(
                &root.key("bank_account"),
                Code::ConflictingFields,
                "bank_account gives new details, options.destination a stored account: give one",
            ));
        }
        return Ok(Target::New(new));
    }
    if let Some(uri) = &details.destination_uri {
        let id = last_segment(uri).to_owned();
        if let Some(s) = stored.filter(|s| s.id != id) {
            return Err(Error::single(
                &root.key("destination_uri"),
                Code::ConflictingFields,
                format!(
                    "destination_uri names {id}, options.destination is {}",
                    s.id
                ),
            ));
        }
        return Ok(Target::Uri(uri, id, stored));
    }
    match stored {
        Some(s) => Ok(Target::Stored(s)),
        None => Err(Error::single(
            &root.key("destination_uri"),
            Code::Required,
            "a credit needs a destination: destination_uri or bank_account (or the bank account \
             as options.destination)",
        )),
    }
}

/// A v1 credit's `destination` object: from new details, or from the stored account.
fn destination_v1(
    target: &Target,
    id: String,
    base: &str,
    created_at: &str,
) -> Result<DestinationV1, Error> {
    let own_uri = format!("{base}/bank_accounts/{id}");
    let from_stored = |s: &StoredBankAccount, uri: String| -> Result<DestinationV1, Error> {
        Ok(DestinationV1 {
            id: s.id.clone(),
            uri,
            name: s.name.clone(),
            bank_name: s.bank_name.clone(),
            routing_number: s.routing_number.clone(),
            last_four: s.last_four.clone(),
            is_valid: true,
            created_at: utc(s.created_at).ok_or_else(|| {
                Error::single(
                    &Path::root().key("destination").key("created_at"),
                    Code::OutOfRange,
                    "destination.created_at is beyond the year 9999",
                )
            })?,
            meta: Map::new(),
        })
    };
    match target {
        Target::New(v) => Ok(DestinationV1 {
            uri: own_uri,
            id,
            name: v.name.clone(),
            bank_name: None,
            routing_number: v.routing_number.clone(),
            last_four: v.last_four.clone(),
            is_valid: true,
            created_at: created_at.to_owned(),
            meta: Map::new(),
        }),
        Target::Uri(uri, _, Some(s)) => from_stored(s, (*uri).to_owned()),
        Target::Stored(s) => from_stored(s, own_uri),
        Target::Uri(_, _, None) => {
            let mut issues = Issues::new();
            issues.push(
                &Path::root().key("destination"),
                Code::Required,
                "a v1 credit shows its bank account's name and routing number: give the account \
                 named by destination_uri as options.destination",
            );
            Err(Error::invalid_option(issues.into_vec()))
        }
    }
}
/// A URI's last `/`-segment (the whole text without a `/`), as `rsplit('/').next()` gives it: on
/// bytes, since the reverse split searcher was 0.7 KB of the wasm for these two calls.
fn last_segment(uri: &str) -> &str {
    match uri.bytes().rposition(|b| b == b'/') {
        Some(i) => uri.get(i + 1..).unwrap_or_default(),
        None => uri,
    }
}

#[cfg(test)]
mod tests {
    use super::last_segment;

    #[test]
    fn last_segment_is_rsplits_first() {
        for uri in [
            "",
            "/",
            "a",
            "/a",
            "a/",
            "/v1/bank_accounts/BA1",
            "//x//",
            "é/ü",
            "/ä",
        ] {
            assert_eq!(
                last_segment(uri),
                uri.rsplit('/').next().unwrap_or_default(),
                "{uri}"
            );
        }
    }
}
