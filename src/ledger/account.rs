//! The account-balance view an IVR reads while a caller waits (seed: ivr-account-balance.md):
//! what is due and the last payment, derived from the customer ledger.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::checkout::item::PRICE_BOUNDS;
use crate::input::fields::{report_unknown_fields, text_field, Field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::ledger::customer::{read_customer, Customer};
use crate::money::read::amount_field;
use crate::money::rounding::{rescale, Money, Rounding};

pub const EXTRA_FIELDS: &[&str] = &["request_tracking_id", "billing_name", "ivr_fee"];

/// `{ type: "total", amount }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BalanceLine {
    #[serde(rename = "type")]
    #[cfg_attr(feature = "ts", ts(type = "\"total\""))]
    pub kind: String,
    pub amount: String,
}

/// The seed's response, amounts as decimal strings with the currency's digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AccountBalance {
    pub request_tracking_id: String,
    pub billing_name: Option<String>,
    pub ivr_fee: Option<String>,
    /// The amount of the latest payment (a funded order or a settlement that charged something).
    pub last_payment_amount: Option<String>,
    /// Its date, `YYYY-MM-DD`, in the offset the entry was written with.
    pub last_payment_date: Option<String>,
    /// What is due: unsettled items less funds (negative when the funds exceed the items).
    pub balance: Vec<BalanceLine>,
}

/// `accountBalance(customer, extras)`.
pub fn account_balance(customer: &Value, extras: &Value) -> Result<AccountBalance, Error> {
    account_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        extras,
    )
}

/// [`account_balance`] of a customer already read.
pub fn account_customer(c: Customer, extras: &Value) -> Result<AccountBalance, Error> {
    let extras = read_extras(extras, &c)?;
    view(&c, extras)
}

/// What the IVR passes through: its request's tracking id, the billing name and its fee (in the
/// customer's currency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extras {
    pub request_tracking_id: String,
    pub billing_name: Option<String>,
    pub ivr_fee: Option<Money>,
}

/// Reads the extras (null: none but the required tracking id), every problem at its path.
pub fn read_extras(extras: &Value, c: &Customer) -> Result<Extras, Error> {
    let path = Path::root().key("extras");
    let empty = Map::new();
    let map = match extras {
        Value::Object(m) if json::js_tag(extras).is_none() => m,
        Value::Null => &empty,
        other => {
            return Err(Error::single(
                &path,
                Code::InvalidType,
                format!("extras must be an object, got {}", json::type_name(other)),
            ))
        }
    };
    let mut issues = Issues::new();
    report_unknown_fields(map, EXTRA_FIELDS, "extras", &path, &mut issues);
    let tracking = text_field(map, "request_tracking_id", 128, &path, &mut issues);
    if !map.contains_key("request_tracking_id") {
        issues.push(
            &path.key("request_tracking_id"),
            Code::Required,
            "request_tracking_id is required (the IVR's Request-Tracking-Id)",
        );
    }
    let billing_name = text_field(map, "billing_name", 256, &path, &mut issues);
    let fee = match amount_field(map, "ivr_fee", PRICE_BOUNDS, &path, &mut issues) {
        Field::Value(d) if d.is_sign_negative() && !d.is_zero() => {
            issues.push(
                &path.key("ivr_fee"),
                Code::Negative,
                "ivr_fee must be zero or more",
            );
            None
        }
        Field::Value(d) => match rescale(d.mantissa(), d.scale(), c.scale(), Rounding::Exact) {
            Some(minor) => Some(Money {
                minor,
                currency: c.currency,
            }),
            None => {
                issues.push(
                    &path.key("ivr_fee"),
                    Code::TooPrecise,
                    format!("ivr_fee has more digits than {} has", c.currency),
                );
                None
            }
        },
        _ => None,
    };
    let (tracking, billing_name, ivr_fee) = issues.finish((tracking, billing_name, fee))?;
    Ok(Extras {
        request_tracking_id: tracking.unwrap_or_default(),
        billing_name,
        ivr_fee,
    })
}

/// The view: what is due (unsettled items less funds) and the last payment.
pub fn view(c: &Customer, extras: Extras) -> Result<AccountBalance, Error> {
    let due = c
        .unsettled()?
        .checked_sub(c.total)
        .ok_or_else(|| Error::new(Code::Overflow, "the balance overflows"))?;
    // The state keeps the latest payment (a funded order or a settlement that charged more than
    // zero) since it no longer carries the journal.
    let last = c.last_payment.as_ref();
    Ok(AccountBalance {
        request_tracking_id: extras.request_tracking_id,
        billing_name: extras.billing_name,
        ivr_fee: extras.ivr_fee.map(Money::to_decimal_string),
        last_payment_amount: last.map(|p| c.money(p.amount)),
        last_payment_date: last.map(|p| p.at.date()),
        balance: vec![BalanceLine {
            kind: "total".into(),
            amount: c.money(due),
        }],
    })
}
