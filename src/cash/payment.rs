//! An open payment: a Stripe payment intent awaiting funds from the cash balance, as a state keeps
//! it, and reading one (or a state's list of them, oldest first).

use serde::Serialize;
use serde_json::Value;

use crate::cash::transaction::{lower_code, read_currency, MAX_ID_LEN, MAX_TRANSACTIONS};
use crate::input::fields::{id_field, object, report_unknown_fields, required};
use crate::input::issue::{Code, Issues, Path};
use crate::money::read::parse_int;

/// A payment (a Stripe payment intent) awaiting funds from the cash balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "CashOpenPayment")
)]
pub struct OpenPayment {
    /// The payment intent's id.
    pub id: String,
    /// Lower-case currency code.
    pub currency: String,
    /// Minor units still awaited, more than 0.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub amount_remaining: i64,
    /// Seconds since the Unix epoch; orders payments, oldest first.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: i64,
}

const PAYMENT_FIELDS: &[&str] = &["id", "currency", "amount_remaining", "created"];

/// Reads one open payment.
pub fn read_payment(value: &Value, path: &Path, issues: &mut Issues) -> Option<OpenPayment> {
    let map = object(value, "a payment", path, issues)?;
    report_unknown_fields(map, PAYMENT_FIELDS, "a payment", path, issues);
    let id = id_field(map, "id", MAX_ID_LEN, path, issues);
    let currency = required(map, "currency", path, issues)
        .and_then(|v| read_currency(v, &path.key("currency"), issues));
    let amount = required(map, "amount_remaining", path, issues).and_then(|v| {
        parse_int(
            v,
            1,
            "amount_remaining",
            &path.key("amount_remaining"),
            issues,
        )
    });
    let created = required(map, "created", path, issues)
        .and_then(|v| parse_int(v, 0, "created", &path.key("created"), issues));
    Some(OpenPayment {
        id: id?,
        currency: lower_code(currency?),
        amount_remaining: amount?,
        created: created?,
    })
}

/// Reads the open payments of a state, oldest first (a stable sort: equal times keep their order).
pub fn read_payments(value: &Value, path: &Path, issues: &mut Issues) -> Vec<OpenPayment> {
    let Value::Array(list) = value else {
        issues.push(path, Code::InvalidType, "open_payments is an array");
        return Vec::new();
    };
    if list.len() > MAX_TRANSACTIONS {
        issues.push(
            path,
            Code::TooManyItems,
            format!("at most {MAX_TRANSACTIONS} open payments"),
        );
        return Vec::new();
    }
    let mut out: Vec<OpenPayment> = Vec::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        if let Some(p) = read_payment(v, &path.index(i), issues) {
            if out.iter().any(|o| o.id == p.id) {
                issues.push(
                    &path.index(i).key("id"),
                    Code::DuplicatePayment,
                    format!(
                        "payment {} is listed twice",
                        crate::input::json::quoted(&p.id)
                    ),
                );
            } else {
                out.push(p);
            }
        }
    }
    crate::input::order::sort_by_key(&mut out, |p| p.created);
    out
}
