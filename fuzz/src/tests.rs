//! The generators reach the functions' valid paths, not only their refusals.

use crate::*;
use arbitrary::{Result, Unstructured};
use serde_json::Value;

/// The generator must reach the functions' valid paths, not only their refusals.
#[test]
fn structured_inputs_are_often_enough_valid() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut bytes = vec![0u8; 512];
    let (mut values, mut total) = (0, 0);
    let mut codes = std::collections::BTreeMap::new();
    for _ in 0..5000 {
        for b in bytes.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        let mut u = Unstructured::new(&bytes);
        draw_chaos(&mut u).unwrap();
        let Ok(customer) = super::customer(&mut u, 0) else {
            continue;
        };
        let Ok(body) = super::item(&mut u, 0) else {
            continue;
        };
        let answer = check(&balance_ledger::api::charge_balance(
            &customer.text(),
            &body.text(),
            r#"{"now":"2026-11-23T10:00:00Z"}"#,
        ));
        total += 1;
        values += usize::from(answer.get("value").is_some());
        if let Some(code) = answer.pointer("/error/issues/0/code") {
            *codes.entry(code.to_string()).or_insert(0) += 1;
        }
    }
    eprintln!("{values} of {total} charges valid; first issues: {codes:?}");
    assert!(values * 20 >= total, "{values} of {total} valid");
}

/// The same for the credit, list and cash balance generators: each reaches its valid path.
#[test]
fn shaped_arguments_are_often_enough_valid() {
    use balance_ledger::api;
    type Case = (&'static str, fn(&mut Unstructured) -> Result<String>);
    fn t(u: &mut Unstructured, f: fn(&mut Unstructured, u32) -> Result<Json>) -> Result<String> {
        draw_chaos(u)?;
        Ok(f(u, 0)?.text())
    }
    let cases: Vec<Case> = vec![
        ("validate_credit", |u| {
            let (r, o) = (t(u, credit_request)?, t(u, credit_options)?);
            Ok(api::validate_credit(&r, &o))
        }),
        ("create_credit", |u| {
            let (r, o) = (t(u, credit_request)?, t(u, create_options)?);
            Ok(api::create_credit(&r, &o))
        }),
        ("transition_credit", |u| {
            let (c, s, o) = (t(u, credit)?, t(u, credit_status)?, t(u, at_options)?);
            Ok(api::transition_credit(&c, &s, &o))
        }),
        ("credit_schedule", |u| {
            let (c, o) = (t(u, instant)?, t(u, version_options)?);
            Ok(api::credit_schedule(&c, &o))
        }),
        ("list_page", |u| {
            let (i, o) = (t(u, list_items)?, t(u, list_options)?);
            Ok(api::list_page(&i, &o))
        }),
        ("is_business_day", |u| {
            Ok(api::is_business_day(&t(u, date)?))
        }),
        ("apply_cash_transaction", |u| {
            let (s, x) = (t(u, cash_state)?, t(u, cash_transaction)?);
            Ok(api::apply_cash_transaction(&s, &x))
        }),
        ("cash_balance", |u| {
            let (c, x, s) = (
                t(u, customer_id)?,
                t(u, cash_transactions)?,
                t(u, cash_settings)?,
            );
            Ok(api::cash_balance(&c, &x, &s))
        }),
        ("add_cash_payment", |u| {
            let (s, p) = (t(u, cash_state)?, t(u, cash_payment)?);
            Ok(api::add_cash_payment(&s, &p))
        }),
        ("reconcile_cash_balance", |u| {
            let (s, r) = (t(u, cash_state)?, t(u, reconcile_request)?);
            Ok(api::reconcile_cash_balance(&s, &r))
        }),
        ("can_delete_customer", |u| {
            Ok(api::can_delete_customer(&t(u, cash_state)?))
        }),
        ("account_balance", |u| {
            let (c, x) = (t(u, customer)?, t(u, account_extras)?);
            Ok(api::account_balance(&c, &x))
        }),
    ];
    let mut low = Vec::new();
    for (name, call) in cases {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut bytes = vec![0u8; 512];
        let (mut values, mut total) = (0, 0);
        let mut codes = std::collections::BTreeMap::new();
        for _ in 0..2000 {
            for b in bytes.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            let Ok(answer) = call(&mut Unstructured::new(&bytes)) else {
                continue;
            };
            let answer = check(&answer);
            total += 1;
            values += usize::from(answer.get("value").is_some());
            let code = answer
                .pointer("/error/issues/0")
                .map(|i| format!("{}{}", i["path"], i["code"]))
                .or(answer.pointer("/error/code").map(Value::to_string));
            if let Some(code) = code {
                *codes.entry(code).or_insert(0) += 1;
            }
        }
        eprintln!("{name}: {values} of {total} valid; first issues: {codes:?}");
        if values * 20 < total {
            low.push(name);
        }
    }
    assert!(low.is_empty(), "under 5% valid: {low:?}");
}

#[test]
fn escaped_keys_read_as_the_same_json() {
    let text = r#"{"a": {"b\"c": "x:y", "é🍕": [":"]}, "d\u0000" :["e"]}"#;
    let escaped = keys_escaped(text).unwrap();
    assert_eq!(
        escaped,
        r#"{"\u0061": {"\u0062\"\u0063": "x:y", "\u00e9\ud83c\udf55": [":"]}, "\u0064\u0000" :["e"]}"#
    );
    let read = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(read(&escaped), read(text));
    assert_eq!(keys_escaped("{"), None);
}
