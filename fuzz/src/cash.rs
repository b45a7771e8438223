//! Shapes of the Stripe cash balance arguments: transactions, settings, payments, reconcile
//! requests and states, and telling a refused state from a refused argument beside it.

use arbitrary::{Result, Unstructured};
use serde_json::Value;

use crate::*;

pub(crate) const CASH_CURRENCIES: &[&str] = &["eur", "eur", "eur", "usd", "jpy", "gbp", "EUR"];

pub(crate) const CASH_TYPES: &[&str] = &[
    "funded",
    "funded",
    "applied_to_payment",
    "unapplied_from_payment",
    "refunded_from_payment",
    "adjusted_for_overdraft",
    "funding_reversed",
    "return_initiated",
    "return_canceled",
];

pub(crate) fn cash_id(u: &mut Unstructured, prefix: &str) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        Json::Str(short(u)?)
    } else {
        Json::Str(format!("{prefix}_{}", u.int_in_range(0u8..=5)?))
    })
}

/// A whole amount in minor units: mostly of the given sign (1 positive, -1 negative, 0 either).
pub(crate) fn cash_amount(u: &mut Unstructured, sign: i64) -> Result<Json> {
    Ok(if rarely(u, 6)? {
        integer(u)?
    } else {
        let n: i64 = u.int_in_range(1..=10000)?;
        let n = match sign {
            0 if u.arbitrary()? => -n,
            -1 => -n,
            _ => n,
        };
        Json::Number(n.to_string())
    })
}

pub(crate) fn created(u: &mut Unstructured) -> Result<Json> {
    Ok(if rarely(u, 8)? {
        integer(u)?
    } else {
        Json::Number(
            u.int_in_range(1_690_829_000u32..=1_690_840_000)?
                .to_string(),
        )
    })
}

pub(crate) fn bank_transfer(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let kind = *u.choose(&[
        "eu_bank_transfer",
        "gb_bank_transfer",
        "jp_bank_transfer",
        "mx_bank_transfer",
        "us_bank_transfer",
    ])?;
    let name = text_of(u, &["Sample GmbH", "Jenny Rosen"])?;
    let detail = match kind {
        "eu_bank_transfer" => vec![
            ("bic", Json::Str("BANKDEAAXXX".into()), 6),
            ("iban_last4", Json::Str("7089".into()), 6),
            ("sender_name", name, 8),
        ],
        "gb_bank_transfer" => vec![
            ("account_number_last4", Json::Str("4242".into()), 6),
            ("sort_code", Json::Str("108800".into()), 6),
            ("sender_name", name, 8),
        ],
        "jp_bank_transfer" => vec![
            ("sender_bank", Json::Str("Sample Bank".into()), 6),
            ("sender_branch", Json::Str("Main".into()), 6),
            ("sender_name", name, 8),
        ],
        "us_bank_transfer" => vec![
            (
                "network",
                one_of(u, &["ach", "domestic_wire_us", "swift"])?,
                8,
            ),
            ("sender_name", name, 8),
        ],
        _ => vec![("sender_name", name, 8)],
    };
    let detail = shaped(u, depth + 2, detail)?;
    let fields = vec![
        ("type", Json::Str(kind.into()), 16),
        ("reference", text_of(u, &["Invoice 28278FC-155", ""])?, 10),
        (kind, detail, 10),
    ];
    shaped(u, depth + 1, fields)
}

/// A Stripe cash balance transaction: `{ id, type, currency, net_amount, created, <type details> }`.
pub fn cash_transaction(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let kind = *u.choose(CASH_TYPES)?;
    let details = match kind {
        "funded" => {
            let bt = bank_transfer(u, depth + 1)?;
            shaped(u, depth + 1, vec![("bank_transfer", bt, 15)])?
        }
        "applied_to_payment" | "unapplied_from_payment" => {
            let pi = cash_id(u, "pi")?;
            shaped(u, depth + 1, vec![("payment_intent", pi, 15)])?
        }
        "refunded_from_payment" => {
            let r = cash_id(u, "re")?;
            shaped(u, depth + 1, vec![("refund", r, 15)])?
        }
        _ => {
            let b = cash_id(u, "txn")?;
            let l = cash_id(u, "ccsbtxn")?;
            shaped(
                u,
                depth + 1,
                vec![
                    ("balance_transaction", b, 15),
                    ("linked_transaction", l, 15),
                ],
            )?
        }
    };
    let adds = matches!(
        kind,
        "funded"
            | "unapplied_from_payment"
            | "refunded_from_payment"
            | "return_canceled"
            | "adjusted_for_overdraft"
    );
    let has_detail = !matches!(
        kind,
        "funding_reversed" | "return_canceled" | "return_initiated"
    );
    let mut fields = vec![
        ("id", cash_id(u, "ccsbtxn")?, 16),
        (
            "object",
            Json::Str("customer_cash_balance_transaction".into()),
            2,
        ),
        ("type", one_of(u, &[kind])?, 16),
        ("currency", one_of(u, CASH_CURRENCIES)?, 16),
        ("net_amount", cash_amount(u, if adds { 1 } else { -1 })?, 16),
        ("created", created(u)?, 16),
        (kind, details, if has_detail { 15 } else { 1 }),
        ("livemode", Json::Bool(false), 1),
        ("customer", one_of(u, &["cus_1", "cus_2"])?, 2),
    ];
    if rarely(u, 4)? {
        fields.push(("ending_balance", cash_amount(u, 0)?, 15));
    }
    shaped(u, depth, fields)
}

pub fn cash_transactions(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        if u.is_empty() {
            break;
        }
        out.push(cash_transaction(u, depth + 1)?);
    }
    Ok(Json::Array(out))
}

pub fn cash_settings(u: &mut Unstructured, depth: u32) -> Result<Json> {
    if rarely(u, 3)? {
        return Ok(Json::Null);
    }
    let modes = &["automatic", "manual", "merchant_default"];
    let fields = vec![
        ("reconciliation_mode", one_of(u, modes)?, 12),
        ("merchant_default", one_of(u, &["automatic", "manual"])?, 4),
        ("using_merchant_default", Json::Bool(u.arbitrary()?), 3),
    ];
    shaped(u, depth, fields)
}

pub fn customer_id(u: &mut Unstructured, _depth: u32) -> Result<Json> {
    one_of(u, &["cus_9s6XKzkNRiz8i3", "cus_1"])
}

pub fn cash_payment(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("id", cash_id(u, "pi")?, 16),
        ("currency", one_of(u, CASH_CURRENCIES)?, 16),
        ("amount_remaining", cash_amount(u, 1)?, 16),
        ("created", created(u)?, 16),
    ];
    shaped(u, depth, fields)
}

pub fn reconcile_request(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let fields = vec![
        ("created", created(u)?, 15),
        ("currency", one_of(u, CASH_CURRENCIES)?, 6),
        ("payment_intent", cash_id(u, "pi")?, 6),
        ("amount", cash_amount(u, 1)?, 5),
    ];
    shaped(u, depth, fields)
}

pub(crate) fn currency_map(u: &mut Unstructured) -> Result<Json> {
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        let Json::Str(c) = one_of(u, CASH_CURRENCIES)? else {
            continue;
        };
        out.push((c.to_lowercase(), cash_amount(u, 1)?));
    }
    Ok(Json::Object(out))
}

/// A cash balance state as `applyCashTransaction` answers it.
pub fn cash_state(u: &mut Unstructured, depth: u32) -> Result<Json> {
    let mut payments = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        payments.push(cash_payment(u, depth + 2)?);
    }
    let mut ids = Vec::new();
    for _ in 0..u.int_in_range(0..=3)? {
        ids.push(cash_id(u, "ccsbtxn")?);
    }
    let fields = vec![
        ("customer", customer_id(u, depth + 1)?, 16),
        ("livemode", Json::Bool(false), 2),
        ("settings", cash_settings(u, depth + 1)?, 6),
        ("available", currency_map(u)?, 8),
        ("overdrafts", Json::Object(Vec::new()), 2),
        ("open_payments", Json::Array(payments), 5),
        ("transaction_ids", Json::Array(ids), 5),
    ];
    shaped(u, depth, fields)
}

/// Fields only a cash balance state has. Not `customer` or `livemode`: a transaction has those too.
pub(crate) const STATE_ONLY: &[&str] = &[
    "/settings",
    "/available",
    "/overdrafts",
    "/open_payments",
    "/transaction_ids",
    "/transaction_count",
    "/recent_transactions",
    "/forgotten_through",
];

/// An argument to pass beside a state when checking the state is accepted: the same text without
/// the state's own fields at its top level, so that an issue under one of those can only be about
/// the state (issue paths of the cash functions are relative to each argument).
pub fn without_state_fields(text: String) -> String {
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(mut map)) => {
            for key in STATE_ONLY {
                map.shift_remove(key.trim_start_matches('/'));
            }
            Value::Object(map).to_string()
        }
        _ => text,
    }
}

/// Whether an answer refuses the cash balance state argument itself (an issue under one of the
/// state's own fields), as opposed to the transaction, payment or request beside it, which must
/// not have those fields (see [`without_state_fields`]).
pub fn state_refused(answer: &Value) -> bool {
    answer
        .pointer("/error/issues")
        .and_then(Value::as_array)
        .is_some_and(|issues| {
            issues.iter().any(|i| {
                let path = i["path"].as_str().unwrap_or_default();
                // The whole first segment: "/settingsX" is another field.
                STATE_ONLY.iter().any(|p| {
                    path.strip_prefix(p)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
            })
        })
}
