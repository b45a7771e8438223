//! `api::preview_settlements_batch` on columns of arbitrary numbers (counts, funds and item columns:
//! integers mostly, any `f64` now and then), a scale and a currency: every answer is a well-formed
//! envelope with a known code, and what it accepts it answers exactly as `api::preview_settlements`
//! answers for the same customers written as JSON.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use balance_ledger::api;
use balance_ledger::Customers;
use balance_ledger::{Columns, Scales};
use balance_ledger_fuzz::{check, column_cell, scaled_decimal, CurrencyArg, ScaleArg};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Debug)]
struct Input {
    counts: Vec<f64>,
    funds: Option<Vec<f64>>,
    price: Vec<f64>,
    quantity: Option<Vec<f64>>,
    vat: Option<Vec<f64>>,
    rebate: Option<Vec<f64>>,
    scale: ScaleArg,
    currency: CurrencyArg,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let customers = u.int_in_range(0..=6)?;
        let mut counts = Vec::new();
        for _ in 0..customers {
            // Now and then a count that is not one.
            counts.push(if u.ratio(1, 16)? {
                column_cell(u)?
            } else {
                f64::from(u.int_in_range(0u32..=3)?)
            });
        }
        // Mostly as many rows as the counts say.
        let rows = if u.ratio(1, 16)? {
            u.int_in_range(0..=12)?
        } else {
            counts
                .iter()
                .fold(0usize, |n, c| n.saturating_add(*c as usize))
                .min(24)
        };
        let column = |u: &mut Unstructured| -> Result<Vec<f64>> {
            (0..rows).map(|_| column_cell(u)).collect()
        };
        let price = column(u)?;
        let opt = |u: &mut Unstructured| -> Result<Option<Vec<f64>>> {
            Ok(if u.arbitrary()? {
                Some(column(u)?)
            } else {
                None
            })
        };
        let (quantity, vat, rebate) = (opt(u)?, opt(u)?, opt(u)?);
        let funds = if u.arbitrary()? {
            Some(
                (0..customers)
                    .map(|_| column_cell(u))
                    .collect::<Result<Vec<f64>>>()?,
            )
        } else {
            None
        };
        Ok(Input {
            counts,
            funds,
            price,
            quantity,
            vat,
            rebate,
            scale: ScaleArg::arbitrary(u)?,
            currency: CurrencyArg::arbitrary(u)?,
        })
    }
}

fuzz_target!(|input: Input| {
    let customers = Customers {
        counts: &input.counts,
        funds: input.funds.as_deref(),
        items: Columns {
            price: &input.price,
            quantity: input.quantity.as_deref(),
            vat: input.vat.as_deref(),
            rebate: input.rebate.as_deref(),
        },
    };
    let currency = input.currency.text();
    let scale_text = input.scale.text();
    let answer = check(&api::preview_settlements_batch(
        customers,
        &scale_text,
        &currency,
    ));
    let Some(batch) = answer.get("value") else {
        return;
    };
    // Accepted: write the same customers as JSON and settle them all.
    // The currency as the call read it (a code, or options such as {"currency": "SEK"}).
    let c = api::currency_option(
        &serde_json::from_str::<Value>(&currency).expect("currency was read"),
        true,
    )
    .ok()
    .flatten()
    .expect("currency was accepted");
    let scale: Value = serde_json::from_str(&scale_text).unwrap_or(Value::Null);
    let scales = Scales::read(&scale, c).expect("scales were accepted");
    let mut rows = 0..;
    let mut customers = Vec::new();
    for (i, count) in input.counts.iter().enumerate() {
        let mut balance = Vec::new();
        for row in rows.by_ref().take(*count as usize) {
            let mut item = serde_json::Map::new();
            item.insert(
                "price".into(),
                scaled_decimal(input.price[row], scales.price).into(),
            );
            let cols = [
                ("quantity", &input.quantity, scales.quantity),
                ("vat", &input.vat, scales.vat),
                ("rebate", &input.rebate, scales.rebate),
            ];
            for (k, col, scale) in cols {
                if let Some(v) = col.as_ref().and_then(|c| c.get(row)) {
                    item.insert(k.into(), scaled_decimal(*v, scale).into());
                }
            }
            balance.push(Value::Object(item));
        }
        let funds = input.funds.as_ref().map_or(0.0, |f| f[i]);
        customers.push(json!({
            "id": format!("c{i}"),
            "currency": c.code(),
            "balance": balance,
            "total": scaled_decimal(funds, c.minor_units()),
        }));
    }
    let all = check(&api::preview_settlements(
        &Value::Array(customers).to_string(),
        r#"{"detail":"summary","now":"2026-01-15T12:00:00Z"}"#,
    ));
    let amounts: Vec<Value> = all["value"]["results"]
        .as_array()
        .map(|r| r.iter().map(|r| r["amount"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        batch["amounts"],
        Value::Array(amounts),
        "batch and JSON settle-all differ: {input:?} → {answer} vs {all}"
    );
    assert_eq!(batch["updated"], all["value"]["updated"]);
});
