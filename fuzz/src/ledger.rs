//! Shapes of the checkout and ledger arguments: items, customers, orders, options, the account
//! view's extras, currencies, and the cells of the batch entries' columns.

use arbitrary::{Result, Unstructured};

use crate::*;

pub fn item(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("number", Json::Str(short(u)?), 6),
        ("name", Json::Str(short(u)?), 6),
        ("price", amount(u)?, 15),
        ("quantity", amount(u)?, 8),
        ("unit", Json::Str(short(u)?), 4),
        ("vat", amount(u)?, 8),
        ("rebate", amount(u)?, 4),
        // Only balance items carry a currency; elsewhere it is an unknown field.
        ("currency", one_of(u, CURRENCIES)?, 1),
    ];
    shaped(u, depth, fields)
}

pub(crate) fn items(u: &mut Unstructured, depth: u32) -> Result<Vec<Json>> {
    let n = u.int_in_range(0..=8)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if u.is_empty() {
            break;
        }
        out.push(if rarely(u, 8)? {
            amount(u)?
        } else {
            item(u, depth + 1)?
        });
    }
    Ok(out)
}

pub(crate) const CURRENCIES: &[&str] = &[
    "SEK", "SEK", "SEK", "JPY", "BHD", "EUR", "752", "sek", "CLF",
];

pub(crate) const STATUSES: &[&str] = &[
    "active",
    "active",
    "created",
    "pending",
    "inactive",
    "suspended",
];

pub(crate) const TIMES: &[&str] = &[
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-02-28T23:59:59-05:00",
    "2024-02-29T00:00:00Z",
];

pub fn customer(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let limit = if u.arbitrary()? {
        amount(u)?
    } else {
        let fields = vec![
            ("hard", amount(u)?, 10),
            ("soft", amount(u)?, 6),
            ("margin", amount(u)?, 4),
        ];
        shaped(u, depth + 1, fields)?
    };
    let mut schedule = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        schedule.push(Json::Number(if rarely(u, 8)? {
            number(u)?
        } else {
            u.int_in_range(1u32..=30)?.to_string()
        }));
    }
    let journal = if rarely(u, 8)? {
        let mut entries = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            entries.push(object(u, depth + 1, KEYS)?);
        }
        entries
    } else {
        Vec::new()
    };
    let fields = vec![
        (
            "id",
            if rarely(u, 8)? {
                Json::Str(short(u)?)
            } else {
                one_of(u, &["c1", "c1", "c2"])?
            },
            15,
        ),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("balance", Json::Array(items(u, depth + 1)?), 12),
        ("total", amount(u)?, 10),
        ("status", one_of(u, STATUSES)?, 12),
        ("limit", limit, 4),
        ("schedule", Json::Array(schedule), 6),
        ("journal", Json::Array(journal), 4),
    ];
    shaped(u, depth, fields)
}

pub fn order(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let payment = vec![
        ("type", Json::Str("customer".into()), 15),
        ("charge", Json::Str("balance".into()), 15),
    ];
    let payment = shaped(u, depth + 1, payment)?;
    let body = if u.arbitrary()? {
        Json::Array(items(u, depth + 1)?)
    } else {
        amount(u)?
    };
    let fields = vec![
        ("number", Json::Str(short(u)?), 15),
        ("items", body, 15),
        ("currency", one_of(u, CURRENCIES)?, 15),
        ("customer", Json::Str("c1".into()), 15),
        ("payment", payment, 15),
    ];
    shaped(u, depth, fields)
}

pub fn options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("now", one_of(u, TIMES)?, 15),
        ("idempotency_key", Json::Str(short(u)?), 6),
        ("number", Json::Str(short(u)?), 4),
        ("detail", one_of(u, &["full", "summary"])?, 4),
        ("currency", one_of(u, CURRENCIES)?, 4),
    ];
    shaped(u, depth, fields)
}

pub fn account_extras(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("request_tracking_id", text_of(u, &["234", "t", ""])?, 12),
        (
            "billing_name",
            text_of(u, &["FAIRPOINT COMMUNICATIONS INC ", ""])?,
            6,
        ),
        ("ivr_fee", amount(u)?, 6),
    ];
    shaped(u, depth, fields)
}

pub fn currency_arg(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, CURRENCIES)
}

/// The `scale` of item columns: `null` (the defaults) or `{ price?, quantity?, vat?, rebate? }`.
pub fn scale(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if u.arbitrary()? {
        return Ok(Json::Null);
    }
    let mut s = || -> Result<Json> {
        Ok(Json::Number(if rarely(u, 8)? {
            number(u)?
        } else {
            u.int_in_range(0u32..=6)?.to_string()
        }))
    };
    let fields = vec![
        ("price", s()?, 6),
        ("quantity", s()?, 6),
        ("vat", s()?, 6),
        ("rebate", s()?, 4),
    ];
    shaped(u, depth, fields)
}

/// A cell of a column of the batch entries: integers mostly, any `f64` now and then.
pub fn column_cell(u: &mut Unstructured) -> Result<f64> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u.arbitrary()?,
        1 => u.arbitrary::<i64>()? as f64,
        2 => *u.choose(&[
            -0.0,
            9_007_199_254_740_991.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_991.0,
            0.5,
            f64::NAN,
            f64::INFINITY,
            1e300,
        ])?,
        3 => f64::from(u.int_in_range(0u32..=3)?),
        _ => f64::from(u.int_in_range(-100i32..=1_000_000)?),
    })
}

/// `n / 10^scale` as decimal text: a column cell written as the JSON entry would take it.
pub fn scaled_decimal(n: f64, scale: u32) -> String {
    let n = n as i64;
    let digits = n.unsigned_abs().to_string();
    let scale = scale as usize;
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (a, b) = digits.split_at(digits.len() - scale);
    let sign = if n < 0 { "-" } else { "" };
    if scale == 0 {
        format!("{sign}{a}")
    } else {
        format!("{sign}{a}.{b}")
    }
}
