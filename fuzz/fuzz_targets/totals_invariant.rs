//! For item bodies built to be (mostly) valid: the api's totals are the sums of its lines, each
//! line is `net − rebate + vat`, `itemTotals` agrees with `validateItems` (totals or issues), and
//! amounts written as JSON numbers or as strings give the same answer.
#![no_main]

use std::str::FromStr;

use arbitrary::{Arbitrary, Result, Unstructured};
use balance_ledger::api;
use balance_ledger_fuzz::check;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use serde_json::Value;

const CURRENCIES: &[&str] = &["SEK", "JPY", "BHD", "EUR", "CLF", "752"];

#[derive(Debug)]
struct Case {
    items: Vec<Spec>,
    currency: &'static str,
    one_item_bare: bool,
}

#[derive(Debug)]
struct Spec {
    price: String,
    quantity: Option<String>,
    vat: Option<String>,
    rebate: Option<String>,
}

/// `mantissa / 10^scale` as text.
fn scaled(mantissa: u64, scale: u32) -> String {
    Decimal::from_i128_with_scale(i128::from(mantissa), scale).to_string()
}

fn amount(u: &mut Unstructured, max_units: u64) -> Result<(u64, u32)> {
    let scale = u.int_in_range(0..=6)?;
    let max = max_units.saturating_mul(10u64.pow(scale));
    let m = match u.int_in_range(0..=2)? {
        0 => u.int_in_range(0..=1000)?,
        1 => u.int_in_range(0..=max.min(100_000_000))?,
        _ => u.int_in_range(0..=max)?,
    };
    Ok((m, scale))
}

impl<'a> Arbitrary<'a> for Spec {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let (p, ps) = amount(u, 1_000_000_000_000)?;
        let quantity = if u.arbitrary()? {
            let (q, qs) = amount(u, 1_000_000_000)?;
            Some(scaled(q.max(1), qs))
        } else {
            None
        };
        let vat = if u.arbitrary()? {
            let (v, vs) = amount(u, 1_000_000_000_000)?;
            Some(scaled(v, vs))
        } else {
            None
        };
        let rebate = if u.arbitrary()? {
            Some(scaled(u.int_in_range(0..=p)?, ps))
        } else {
            None
        };
        Ok(Spec {
            price: scaled(p, ps),
            quantity,
            vat,
            rebate,
        })
    }
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let n = u.int_in_range(1..=12)?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(Spec::arbitrary(u)?);
        }
        Ok(Case {
            items,
            currency: u.choose(CURRENCIES)?,
            one_item_bare: u.arbitrary()?,
        })
    }
}

fn body(case: &Case, as_numbers: bool) -> String {
    let amount = |s: &str| {
        if as_numbers {
            s.to_string()
        } else {
            format!("{s:?}")
        }
    };
    let items: Vec<String> = case
        .items
        .iter()
        .map(|s| {
            let mut fields = vec![format!("\"price\":{}", amount(&s.price))];
            for (name, v) in [
                ("quantity", &s.quantity),
                ("vat", &s.vat),
                ("rebate", &s.rebate),
            ] {
                if let Some(v) = v {
                    fields.push(format!("\"{name}\":{}", amount(v)));
                }
            }
            format!("{{{}}}", fields.join(","))
        })
        .collect();
    match items.as_slice() {
        [one] if case.one_item_bare => one.clone(),
        _ => format!("[{}]", items.join(",")),
    }
}

/// An answered amount in units of 10^-12 (lines have at most 12 decimals: 6 of a price or VAT
/// times 6 of a quantity). Exact i128 arithmetic: a 28-digit Decimal would round big unrounded lines.
fn dec(v: &Value) -> i128 {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("amount is a string: {v}"));
    let (sign, digits) = s.strip_prefix('-').map_or((1, s), |rest| (-1, rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    assert!(frac.len() <= 12, "amount {s:?} has at most 12 decimals");
    let text = format!("{int}{frac:0<12}");
    sign * i128::from_str(&text).unwrap_or_else(|e| panic!("amount {s:?} is a decimal: {e}"))
}

/// Checks one `validateItems` value: lines add up to the totals.
fn check_sums(valid: &Value, count: usize) {
    let lines = valid["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), count);
    let totals = &valid["totals"];
    assert_eq!(totals["count"].as_u64(), Some(count as u64));
    let mut sum = [0i128; 4];
    for line in lines {
        let (net, rebate, vat, amount) = (
            dec(&line["net"]),
            dec(&line["rebate"]),
            dec(&line["vat"]),
            dec(&line["amount"]),
        );
        assert_eq!(amount, net - rebate + vat, "line {line}");
        for (s, x) in sum.iter_mut().zip([net, rebate, vat, amount]) {
            *s += x;
        }
    }
    let want = [
        dec(&totals["net"]),
        dec(&totals["rebate"]),
        dec(&totals["vat"]),
        dec(&totals["gross"]),
    ];
    assert_eq!(sum, want, "totals {totals} are the sums of lines {lines:?}");
}

fuzz_target!(|case: Case| {
    let text = body(&case, true);
    let options = format!("{{\"currency\":{:?}}}", case.currency);
    let validated = api::validate_items(&text, &options);
    // The same amounts as strings give the very same answer.
    assert_eq!(
        validated,
        api::validate_items(&body(&case, false), &options)
    );
    let validated = check(&validated);
    let totals = check(&api::item_totals(&text, &format!("{:?}", case.currency)));
    let value = &validated["value"];
    if value["ok"] == Value::Bool(true) {
        check_sums(value, case.items.len());
        assert_eq!(
            totals["value"], value["totals"],
            "itemTotals agrees with validateItems"
        );
    } else if value["ok"] == Value::Bool(false) {
        assert_eq!(totals["error"]["code"], "invalid_input");
        assert_eq!(totals["error"]["issues"], value["issues"]);
    } else {
        // A whole-input error (too large, overflow …) is the same from both functions.
        assert_eq!(totals["error"]["code"], validated["error"]["code"]);
    }
    // Without a currency nothing is rounded, and the lines still add up.
    let unrounded = check(&api::validate_items(&text, "null"));
    if unrounded["value"]["ok"] == Value::Bool(true) {
        check_sums(&unrounded["value"], case.items.len());
    }
});
