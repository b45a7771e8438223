//! The bank transfer details of a Stripe `funded` transaction: the transfer's type and the details
//! of each region (EU, GB, JP, US), read as Stripe's schema defines them. Fields this package does
//! not know are kept as they came.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::input::fields::{kept_unknown_fields, object, required, text_field};
use crate::input::issue::{Code, Issues, Path};

/// Longest free text of a bank transfer (Stripe's own `maxLength`).
pub const MAX_TEXT_LEN: usize = 5000;

/// The funding method used.
// The variants are Stripe's own names of the types (`eu_bank_transfer`, …).
#[allow(clippy::enum_variant_names)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum BankTransferType {
    EuBankTransfer,
    GbBankTransfer,
    JpBankTransfer,
    MxBankTransfer,
    UsBankTransfer,
}

impl BankTransferType {
    const ALL: [BankTransferType; 5] = [
        Self::EuBankTransfer,
        Self::GbBankTransfer,
        Self::JpBankTransfer,
        Self::MxBankTransfer,
        Self::UsBankTransfer,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EuBankTransfer => "eu_bank_transfer",
            Self::GbBankTransfer => "gb_bank_transfer",
            Self::JpBankTransfer => "jp_bank_transfer",
            Self::MxBankTransfer => "mx_bank_transfer",
            Self::UsBankTransfer => "us_bank_transfer",
        }
    }
}

/// Stripe's `bank_transfer`: its `type`, the sender's reference and the details of the one region
/// the type names (Stripe's schema defines none for `mx_bank_transfer`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BankTransfer {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub eu_bank_transfer: Option<EuBankTransfer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub gb_bank_transfer: Option<GbBankTransfer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub jp_bank_transfer: Option<JpBankTransfer>,
    pub reference: Option<String>,
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(rename = "type"))]
    pub kind: BankTransferType,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub us_bank_transfer: Option<UsBankTransfer>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// The sender's details of an `eu_bank_transfer` funding, as Stripe sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EuBankTransfer {
    pub bic: Option<String>,
    pub iban_last4: Option<String>,
    pub sender_name: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// The sender's details of a `gb_bank_transfer` funding, as Stripe sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct GbBankTransfer {
    pub account_number_last4: Option<String>,
    pub sender_name: Option<String>,
    pub sort_code: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// The sender's details of a `jp_bank_transfer` funding, as Stripe sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct JpBankTransfer {
    pub sender_bank: Option<String>,
    pub sender_branch: Option<String>,
    pub sender_name: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// The US network of a funding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum UsNetwork {
    Ach,
    DomesticWireUs,
    Fednow,
    Rtp,
    Swift,
}

/// The network and sender of a `us_bank_transfer` funding, as Stripe sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UsBankTransfer {
    // Not nullable in Stripe's schema: absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub network: Option<UsNetwork>,
    pub sender_name: Option<String>,
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub kept: Map<String, Value>,
}

/// Optional nullable strings of a detail object, in `keys` order.
fn nullable_texts(
    map: &Map<String, Value>,
    keys: &[&str],
    path: &Path,
    issues: &mut Issues,
) -> Vec<Option<String>> {
    keys.iter()
        .map(|k| match map.get(*k) {
            None | Some(Value::Null) => None,
            Some(_) => text_field(map, k, MAX_TEXT_LEN, path, issues),
        })
        .collect()
}

/// The detail object of a region, with its nullable string fields.
fn region<T>(
    map: &Map<String, Value>,
    key: &str,
    fields: &[&str],
    path: &Path,
    issues: &mut Issues,
    build: impl FnOnce(Vec<Option<String>>, Map<String, Value>) -> T,
) -> Option<T> {
    let value = map.get(key)?;
    let path = path.key(key);
    let inner = object(value, key, &path, issues)?;
    let texts = nullable_texts(inner, fields, &path, issues);
    Some(build(
        texts,
        kept_unknown_fields(inner, fields, &path, issues),
    ))
}

pub fn bank_transfer(value: &Value, path: &Path, issues: &mut Issues) -> Option<BankTransfer> {
    const REGIONS: [&str; 4] = [
        "eu_bank_transfer",
        "gb_bank_transfer",
        "jp_bank_transfer",
        "us_bank_transfer",
    ];
    let map = object(value, "bank_transfer", path, issues)?;
    let mut known = vec!["type", "reference"];
    known.extend(REGIONS);
    let kept = kept_unknown_fields(map, &known, path, issues);
    let kind = required(map, "type", path, issues).and_then(|v| {
        let found = v
            .as_str()
            .and_then(|s| BankTransferType::ALL.into_iter().find(|t| t.as_str() == s));
        if found.is_none() {
            issues.push(
                &path.key("type"),
                Code::InvalidType,
                "type must be one of eu_bank_transfer, gb_bank_transfer, jp_bank_transfer, mx_bank_transfer, us_bank_transfer",
            );
        }
        found
    });
    // Only the region the type names may carry details: a GB sender on an EU transfer is a mix-up.
    if let Some(kind) = kind {
        for r in REGIONS {
            if r != kind.as_str() && map.get(r).is_some_and(|v| !v.is_null()) {
                issues.push(
                    &path.key(r),
                    Code::UnknownField,
                    format!("a {} has no {r}", kind.as_str()),
                );
            }
        }
    }
    let reference = nullable_texts(map, &["reference"], path, issues)
        .into_iter()
        .next()
        .flatten();
    let take = |v: &mut Vec<Option<String>>| {
        if v.is_empty() {
            None
        } else {
            v.remove(0)
        }
    };
    let eu = region(
        map,
        "eu_bank_transfer",
        &["bic", "iban_last4", "sender_name"],
        path,
        issues,
        |mut v, kept| EuBankTransfer {
            bic: take(&mut v),
            iban_last4: take(&mut v),
            sender_name: take(&mut v),
            kept,
        },
    );
    let gb = region(
        map,
        "gb_bank_transfer",
        &["account_number_last4", "sender_name", "sort_code"],
        path,
        issues,
        |mut v, kept| GbBankTransfer {
            account_number_last4: take(&mut v),
            sender_name: take(&mut v),
            sort_code: take(&mut v),
            kept,
        },
    );
    let jp = region(
        map,
        "jp_bank_transfer",
        &["sender_bank", "sender_branch", "sender_name"],
        path,
        issues,
        |mut v, kept| JpBankTransfer {
            sender_bank: take(&mut v),
            sender_branch: take(&mut v),
            sender_name: take(&mut v),
            kept,
        },
    );
    let us = match map.get("us_bank_transfer") {
        None => None,
        Some(value) => {
            let path = path.key("us_bank_transfer");
            let inner = object(value, "us_bank_transfer", &path, issues)?;
            let kept = kept_unknown_fields(inner, &["network", "sender_name"], &path, issues);
            let network = match inner.get("network") {
                None => None,
                Some(v) => {
                    let n = match v.as_str() {
                        Some("ach") => Some(UsNetwork::Ach),
                        Some("domestic_wire_us") => Some(UsNetwork::DomesticWireUs),
                        Some("fednow") => Some(UsNetwork::Fednow),
                        Some("rtp") => Some(UsNetwork::Rtp),
                        Some("swift") => Some(UsNetwork::Swift),
                        _ => None,
                    };
                    if n.is_none() {
                        issues.push(
                            &path.key("network"),
                            Code::InvalidType,
                            "network must be one of ach, domestic_wire_us, fednow, rtp, swift",
                        );
                    }
                    n
                }
            };
            let sender_name = nullable_texts(inner, &["sender_name"], &path, issues)
                .into_iter()
                .next()
                .flatten();
            Some(UsBankTransfer {
                network,
                sender_name,
                kept,
            })
        }
    };
    Some(BankTransfer {
        eu_bank_transfer: eu,
        gb_bank_transfer: gb,
        jp_bank_transfer: jp,
        reference,
        kind: kind?,
        us_bank_transfer: us,
        kept,
    })
}
