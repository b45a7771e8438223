//! Shapes of the payouts arguments: instants, dates, bank accounts, credit requests, credits and
//! their statuses, options, and list pages.

use arbitrary::{Result, Unstructured};

use crate::*;

pub(crate) const INSTANTS: &[&str] = &[
    "2012-10-31T16:40:12.425960Z",
    "2026-11-23T10:00:00Z",
    "2026-11-23T10:00:00+01:00",
    "2026-11-27T23:59:59-08:00",
    "2026-03-08T02:30:00-08:00",
    "2026-11-01T01:30:00-07:00",
    "2026-12-31T23:00:00-05:00",
    "2024-02-29T12:00:00+14:00",
    "2026-07-04T00:00:00-12:00",
    "2026-11-23T10:00:00.123+05:30",
];

/// An ISO 8601 instant with an offset: a known one, or one built from parts (now and then broken).
pub fn instant(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    if u.arbitrary()? {
        return one_of(u, INSTANTS);
    }
    let year = if rarely(u, 8)? {
        u.int_in_range(0..=9999)?
    } else {
        u.int_in_range(1990..=2040)?
    };
    let (month, day) = (u.int_in_range(1..=12u32)?, u.int_in_range(1..=31u32)?);
    let (h, m, s) = (
        u.int_in_range(0..=23u32)?,
        u.int_in_range(0..=59u32)?,
        u.int_in_range(0..=59u32)?,
    );
    let frac = match u.int_in_range(0..=3)? {
        0 => format!(".{}", u.int_in_range(0..=999_999u32)?),
        _ => String::new(),
    };
    let offset = match u.int_in_range(0..=3)? {
        0 => "Z".to_string(),
        1 => "-08:00".into(),
        2 => "-07:00".into(),
        _ => {
            let h: i32 = u.int_in_range(-14..=14)?;
            format!(
                "{}{:02}:{:02}",
                if h < 0 { '-' } else { '+' },
                h.abs(),
                *u.choose(&[0, 30, 45])?
            )
        }
    };
    let offset = if rarely(u, 16)? {
        String::new()
    } else {
        offset
    };
    Ok(Json::Str(format!(
        "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{frac}{offset}"
    )))
}

/// A `YYYY-MM-DD` date, around the US federal holidays now and then.
pub fn date(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    if rarely(u, 6)? {
        return one_of(
            u,
            &[
                "2026-11-26",
                "2026-12-25",
                "2027-07-05",
                "2026-02-29",
                "0000-01-01",
                "9999-12-31",
                "2026-1-1",
                "2026-11-23T00:00:00Z",
            ],
        );
    }
    let year = if rarely(u, 8)? {
        u.int_in_range(0..=9999)?
    } else {
        u.int_in_range(1990..=2060)?
    };
    let (month, day) = (u.int_in_range(1..=12u32)?, u.int_in_range(1..=31u32)?);
    Ok(Json::Str(format!("{year:04}-{month:02}-{day:02}")))
}

pub fn bank_account(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        (
            "name",
            text_of(u, &["Fit Finlay", "Johann Bernoulli", ""])?,
            14,
        ),
        (
            "routing_number",
            text_of(
                u,
                &[
                    "325182797",
                    "011000015",
                    "121000358",
                    "325182798",
                    "32518279",
                ],
            )?,
            14,
        ),
        (
            "account_number",
            text_of(u, &["4444", "9900000001", "0", "12345678901234567890"])?,
            14,
        ),
        ("type", one_of(u, &["checking", "savings", "CHECKING"])?, 12),
    ];
    shaped(u, depth + 1, fields)
}

pub(crate) fn meta(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut fields = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        let k = text_of(u, &["my-id", "order", "x"])?;
        let Json::Str(k) = k else { continue };
        let v = if rarely(u, 6)? {
            value(u, depth + 1)?
        } else {
            text_of(u, &["0987654321", "", "abc"])?
        };
        fields.push((k, v));
    }
    Ok(Json::Object(fields))
}

/// A credit request: `{ amount, description?, meta?, appears_on_statement_as?, destination_uri?,
/// bank_account? }`.
pub fn credit_request(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let amount = if u.ratio(3, 4)? {
        integer(u)?
    } else {
        amount(u)?
    };
    let fields = vec![
        ("amount", amount, 15),
        ("description", text_of(u, &["my new description", ""])?, 5),
        ("meta", meta(u, depth + 1)?, 5),
        (
            "appears_on_statement_as",
            text_of(u, &["Fit Finlay", "ACME*ORDER 1", "a\u{e9}b", "<>"])?,
            5,
        ),
        (
            "destination_uri",
            text_of(
                u,
                &[
                    "/v1/bank_accounts/BA1",
                    "/v1/marketplaces/MP1/bank_accounts/BA2",
                    "/v1/bank_accounts/BA2rvRdkxZ1w1B8cVSSAkgpm",
                    "x",
                ],
            )?,
            3,
        ),
        ("bank_account", bank_account(u, depth + 1)?, 5),
    ];
    shaped(u, depth, fields)
}

pub fn credit_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 4)? {
        return Ok(Json::Null);
    }
    let fields = vec![
        ("version", one_of(u, &["1", "1.1"])?, 12),
        ("minAmount", integer(u)?, 3),
        ("maxAmount", integer(u)?, 3),
        ("fee", integer(u)?, 3),
    ];
    shaped(u, depth, fields)
}

pub(crate) const CREDIT_STATES: &[&str] =
    &["pending", "succeeded", "failed", "cleared", "rejected"];

pub(crate) const V1_STATES: &[&str] = &["pending", "pending", "cleared", "rejected"];

pub(crate) const V11_STATES: &[&str] = &["pending", "pending", "succeeded", "failed"];

/// A credit as `validateCredit` answers it (v1 `state` or v1.1 `status`), some fields bent.
pub fn credit(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let v11 = u.arbitrary::<bool>()?;
    let mut fields = vec![
        (
            "version",
            Json::Str((if v11 { "1.1" } else { "1" }).into()),
            13,
        ),
        (
            if v11 { "status" } else { "state" },
            one_of(u, if v11 { V11_STATES } else { V1_STATES })?,
            16,
        ),
        ("amount", integer(u)?, 16),
        ("fee", integer(u)?, 15),
        ("description", Json::Null, 12),
        ("meta", meta(u, depth + 1)?, 12),
        ("appears_on_statement_as", Json::Null, 12),
        ("destination_uri", Json::Null, 12),
        ("bank_account", Json::Null, 12),
    ];
    if u.ratio(1, 3)? {
        fields.push(("created_at", instant(u, depth + 1)?, 15));
    }
    shaped(u, depth, fields)
}

pub fn credit_status(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, CREDIT_STATES)
}

pub fn at_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 4)? {
        return Ok(Json::Null);
    }
    let fields = vec![("at", instant(u, depth + 1)?, 12)];
    shaped(u, depth, fields)
}

pub fn version_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 3)? {
        return Ok(Json::Null);
    }
    let fields = vec![("version", one_of(u, &["1", "1.1"])?, 12)];
    shaped(u, depth, fields)
}

/// Items of a list page: objects with a `created_at`, in any order.
pub fn list_items(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let n = u.int_in_range(0..=12)?;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        if u.is_empty() {
            break;
        }
        let fields = vec![
            ("id", Json::Str(format!("CR{i}")), 12),
            ("created_at", instant(u, depth + 2)?, 16),
            ("amount", integer(u)?, 8),
        ];
        out.push(if rarely(u, 12)? {
            value(u, depth + 1)?
        } else {
            shaped(u, depth + 1, fields)?
        });
    }
    Ok(Json::Array(out))
}

pub fn list_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let small = |u: &mut Unstructured| -> Result<Json> {
        Ok(if rarely(u, 6)? {
            integer(u)?
        } else {
            Json::Number(u.int_in_range(1u32..=15)?.to_string())
        })
    };
    let fields = vec![
        ("limit", small(u)?, 8),
        ("offset", small(u)?, 8),
        (
            "uri",
            text_of(
                u,
                &[
                    "/v1/marketplaces/TEST-MP2ujo21OwDxvn5lSWsLKana/credits",
                    "/v1/credits",
                ],
            )?,
            15,
        ),
    ];
    shaped(u, depth, fields)
}

/// Options of `createCredit`: `validateCredit`'s, a time, a seed, a marketplace, now and then
/// given ids, a customer and a stored destination (good values: `field` bends them often enough).
pub fn create_options(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 16)? {
        return Ok(Json::Null);
    }
    let destination = vec![
        ("id", one_of(u, &["BA2rvRdkxZ1w1B8cVSSAkgpm"])?, 15),
        ("name", one_of(u, &["Fit Finlay"])?, 15),
        ("routing_number", one_of(u, &["325182797"])?, 15),
        ("last_four", one_of(u, &["1234"])?, 15),
        ("created_at", instant(u, depth + 2)?, 15),
    ];
    let fields = vec![
        ("version", one_of(u, &["1", "1.1"])?, 15),
        ("now", instant(u, depth + 1)?, 15),
        (
            "seed",
            one_of(u, &["a", "seed", "0123456789abcdef0123456789abcdef"])?,
            15,
        ),
        (
            "marketplace",
            one_of(u, &["TEST-MP2roQeM4oBkR8Kw4GVeNT2Q", "MP1"])?,
            14,
        ),
        ("id", one_of(u, &["CR2rFsIqLsc63vwNkv2BKlmY"])?, 2),
        ("transaction_number", one_of(u, &["CR560-489-3182"])?, 2),
        ("customer", one_of(u, &["CU2rwa8Bc4OYTFpJINYC3Izi"])?, 2),
        ("destination", shaped(u, depth + 1, destination)?, 8),
        ("fee", integer(u)?, 2),
    ];
    shaped(u, depth, fields)
}
