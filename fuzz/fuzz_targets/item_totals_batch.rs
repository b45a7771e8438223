//! `api::item_totals_batch` on columns of arbitrary numbers (integers mostly, any `f64` now and
//! then), a scale and a currency: every answer is a well-formed envelope with a known code, and it
//! agrees with `api::item_totals` on the same items written as decimal text.
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use balance_ledger::api;
use balance_ledger::{Columns, Scales};
use balance_ledger_fuzz::{check, column_cell, scaled_decimal, CurrencyArg, ScaleArg};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[derive(Debug)]
struct Input {
    price: Vec<f64>,
    quantity: Option<Vec<f64>>,
    vat: Option<Vec<f64>>,
    rebate: Option<Vec<f64>>,
    scale: ScaleArg,
    currency: CurrencyArg,
}

fn column(u: &mut Unstructured, rows: usize) -> Result<Vec<f64>> {
    // Now and then a column of another length.
    let n = if u.ratio(1, 16)? {
        u.int_in_range(0..=rows + 2)?
    } else {
        rows
    };
    (0..n).map(|_| column_cell(u)).collect()
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let rows = u.int_in_range(0..=12)?;
        let price = column(u, rows)?;
        let opt = |u: &mut Unstructured| -> Result<Option<Vec<f64>>> {
            Ok(if u.arbitrary()? {
                Some(column(u, rows)?)
            } else {
                None
            })
        };
        let (quantity, vat, rebate) = (opt(u)?, opt(u)?, opt(u)?);
        Ok(Input {
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
    let columns = Columns {
        price: &input.price,
        quantity: input.quantity.as_deref(),
        vat: input.vat.as_deref(),
        rebate: input.rebate.as_deref(),
    };
    let currency = input.currency.text();
    let scale_text = input.scale.text();
    let answer = check(&api::item_totals_batch(columns, &scale_text, &currency));
    let Ok(currency_value) = serde_json::from_str::<Value>(&currency) else {
        return;
    };
    let Ok(c) = api::currency(&currency_value) else {
        return;
    };
    let scale: Value = serde_json::from_str(&scale_text).unwrap_or(Value::Null);
    let Ok(scales) = Scales::read(&scale, c) else {
        return;
    };
    // The object path's read (itemTotalsColumns: scales as numbers, the letters packed) answers the
    // batch's totals as compact text, or "" where the batch refuses.
    // (Only where the scale text is JSON: a text that is not is refused by the batch, and null
    // stands for it below.)
    let scale_is_json = serde_json::from_str::<Value>(&scale_text).is_ok();
    if let Some(packed) = packed(&currency_value).filter(|_| scale_is_json) {
        let k = [scales.price, scales.quantity, scales.vat, scales.rebate];
        let read = api::item_totals_columns(columns, k, packed);
        let want = answer.get("value").map_or(String::new(), |t| {
            let s = |key: &str| t[key].as_str().unwrap_or("?").to_owned();
            format!(
                "{},{},{},{},{}",
                t["count"],
                s("net"),
                s("rebate"),
                s("vat"),
                s("gross")
            )
        });
        assert_eq!(read, want, "read and batch differ: {input:?}");
    }
    let Some(batch) = answer.get("value") else {
        return;
    };
    // Accepted: every cell is a safe integer; the scales are read as the batch read them.
    let mut items = Vec::new();
    for (i, p) in input.price.iter().enumerate() {
        let mut item = serde_json::Map::new();
        item.insert("price".into(), scaled_decimal(*p, scales.price).into());
        let cols = [
            ("quantity", &input.quantity, scales.quantity),
            ("vat", &input.vat, scales.vat),
            ("rebate", &input.rebate, scales.rebate),
        ];
        for (k, col, scale) in cols {
            if let Some(v) = col.as_ref().and_then(|c| c.get(i)) {
                item.insert(k.into(), scaled_decimal(*v, scale).into());
            }
        }
        items.push(Value::Object(item));
    }
    let json = check(&api::item_totals(
        &Value::Array(items).to_string(),
        &currency,
    ));
    assert_eq!(
        json.get("value"),
        Some(batch),
        "batch and JSON totals differ: {input:?} → {answer} vs {json}"
    );
});

/// A currency argument of three capital letters, packed as js/objects.js `packedCode` packs it.
fn packed(currency: &Value) -> Option<u32> {
    let code = currency.as_str()?;
    (code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
        .then(|| code.bytes().fold(0u32, |p, b| (p << 8) | u32::from(b)))
}
