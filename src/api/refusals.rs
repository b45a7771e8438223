//! The object paths' refusals (js/bridge.js `OBJECT_PATHS`): when the core refuses what the bridge
//! read from plain objects (a negative price, a rebate above the price, vat without a price, a zero
//! quantity, an amount past its bound, an unknown currency, funds finer than the currency, an
//! unknown option…), the same crossing answers the general path's own answer, so the bridge need
//! not encode the call as JSON and run it again.
//!
//! `itemTotals` and the keystroke of `validateItems`: the columns' checked rows with the general
//! path's paths and decimals ([`object_issues`]): the same bounds and item rules, in the same
//! order, on the decimals the general path reads from `JSON.stringify`'s text of the numbers the
//! bridge read exactly (trailing zeros stripped either way); the currency first, as the general
//! path reads it first. The rest of an item the bridge checked by the core's own rules (keys, text
//! fields), so nothing of it is an issue; a missing quantity, vat or rebate is 1 or 0 in a column
//! that exists, which no rule tells from a missing field.
//!
//! The summary settle-all: the general `previewSettlements` over the JSON text of what the bridge
//! read, each amount written as that decimal; ids are the customers' indexes, which the bridge
//! replaces with their own (unique, and checked by the core's rule, an id is in no issue);
//! statuses, versions and empty key lists, checked by the bridge, are in no issue and change no
//! summary, so they are left out, as are the values of missing fields (quantity 1, vat, rebate
//! and total 0), which keeps the text within the bridge's bound of the caller's own.
//! Tests: tests/refusals.rs and tests/fast_item.rs natively, tests/js/objects.test.mjs through the
//! package.

use crate::api::fast_item::ABSENT;
use crate::api::read::currency_code;
use crate::api::write::{answer, Validation};
use crate::checkout::columns::{object_issues, Columns, Paths, Scales, MAX_SCALE};
use crate::checkout::item::{Totals, ValidItems};
use crate::input::issue::Error;
use crate::ledger::settle_all::Customers;
use crate::money::rounding::write_scaled;

/// `itemTotals` over the columns the bridge read (js/objects.js `itemColumns`) when
/// `itemTotalsColumns` answered `""`: the general path's error, or `""` when there is none to give
/// (for what the bridge never sends). `single`: the body was one item object, not an array.
pub fn item_totals_refusal(
    columns: Columns,
    scales: [u32; 4],
    currency: u32,
    single: bool,
) -> String {
    let paths = if single { Paths::Item } else { Paths::Items };
    let refused = (currency != 0).then(|| refusal(columns, scales, currency, paths));
    refused
        .flatten()
        .map_or_else(String::new, |e| answer::<Totals>(Err(e)))
}

/// One-item `validateItems` over the amounts the bridge read (js/keystroke.js), as
/// [`crate::api::fast_item::validate_parts`] takes them, when it answered `None`: the general
/// path's answer (`{ ok: false, issues }`, or the error of an unknown currency), or `None` when the
/// general path accepts the item (an amount past 2^53 − 1 units comes here).
pub fn validate_item_refusal(amounts: [(f64, u32); 4], currency: u32) -> Option<String> {
    let [(p, pk), (q, qk), (v, vk), (r, rk)] = amounts;
    let (p, q, v, r) = ([p], [q], [v], [r]);
    let present = |k: u32| k != ABSENT;
    let columns = Columns {
        price: if present(pk) { &p } else { &[] },
        quantity: present(qk).then_some(&q),
        vat: present(vk).then_some(&v),
        rebate: present(rk).then_some(&r),
    };
    let scale = |k: u32| if present(k) { k } else { 0 };
    let scales = [scale(pk), scale(qk), scale(vk), scale(rk)];
    let e = refusal(columns, scales, currency, Paths::Item)?;
    // Issues are `{ ok: false, issues }`; the currency's error stays an error.
    Some(answer(Validation::<ValidItems>::from_result(Err(e))))
}

/// The general path's error for the rows: the currency's (packed; 0: none), which it reads first,
/// else the rows' issues; `None` when there is none, or for what the bridge never sends (a scale
/// above 6, a cell that is not a safe integer, a currency not three capital letters).
fn refusal(columns: Columns, scales: [u32; 4], currency: u32, paths: Paths) -> Option<Error> {
    let scales = scales_of(scales).filter(|_| whole(columns))?;
    if currency != 0 {
        if let Err(e) = currency_code(std::str::from_utf8(&letters(currency)?).ok()?) {
            return Some(e);
        }
    }
    object_issues(columns, scales, paths).err()
}

/// The three capital letters the bridge packed into `c` (js/objects.js `packedCode`).
fn letters(c: u32) -> Option<[u8; 3]> {
    let [zero, a, b, c] = c.to_be_bytes();
    let letters = [a, b, c];
    (zero == 0 && letters.iter().all(u8::is_ascii_uppercase)).then_some(letters)
}

/// The scales the bridge passes (0 to 6), as [`Scales`].
fn scales_of(scales: [u32; 4]) -> Option<Scales> {
    let [price, quantity, vat, rebate] = scales;
    scales.iter().all(|&k| k <= MAX_SCALE).then_some(Scales {
        price,
        quantity,
        vat,
        rebate,
    })
}

/// Summary `previewSettlements` over the columns the bridge read (js/settlements.js) when
/// `previewSettlementsColumns` answered `""`: the general path's answer over the same customers,
/// their ids written as their indexes (`"0"`, `"1"`…) for the bridge to put the caller's back (an
/// id is in no issue of a customer the bridge reads: unique, and checked by the core's rule). The
/// general path's error for options it refuses. `""` when the options ask for full detail (the
/// general path's own work, not a refusal), or for what the bridge never sends. The currency is the
/// JSON text of the customers' common currency string, as the bridge passes it.
pub fn preview_settlements_refusal(
    customers: Customers,
    funds_scale: u32,
    scale: &str,
    currency: &str,
    options: &str,
) -> String {
    use crate::api::read::parse_arg;
    let full = parse_arg(options, 4096)
        .and_then(|o| crate::ledger::charge::read_options(&o))
        .is_ok_and(|o| !o.detail_summary);
    let scales = parse_arg(scale, 4096).ok().and_then(|v| {
        let k = |key: &str| {
            v.get(key)
                .and_then(serde_json::Value::as_u64)
                .and_then(|k| u32::try_from(k).ok())
                .filter(|&k| k <= MAX_SCALE)
        };
        Some([k("price")?, k("quantity")?, k("vat")?, k("rebate")?])
    });
    let is_text = parse_arg(currency, 64).is_ok_and(|c| c.is_string());
    let (Some(scales), true, false) = (scales, is_text && funds_scale <= MAX_SCALE, full) else {
        return String::new();
    };
    book(customers, funds_scale, scales, currency)
        .map(|book| crate::api::ledger::preview_settlements(&book, options))
        .unwrap_or_default()
}

/// The customers as `[{ id, currency, total?, balance? }]`, ids their indexes.
fn book(c: Customers, funds_scale: u32, scales: [u32; 4], currency: &str) -> Option<String> {
    let rows = c.items.price.len();
    let mut out = String::with_capacity(rows.saturating_mul(24) + c.counts.len() * 40);
    out.push('[');
    let mut row = 0usize;
    for (i, &count) in c.counts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":\"");
        out.push_str(itoa::Buffer::new().format(i));
        out.push_str("\",\"currency\":");
        out.push_str(currency);
        let total = match c.funds {
            Some(f) => safe(*f.get(i)?)?,
            None => 0,
        };
        if total != 0 {
            write_amount(&mut out, ",\"total\":", total, funds_scale)?;
        }
        let count = usize::try_from(safe(count)?).ok()?;
        if count > 0 {
            out.push_str(",\"balance\":[");
            for r in row..row.checked_add(count)? {
                if r > row {
                    out.push(',');
                }
                write_row(&mut out, c.items, scales, r)?;
            }
            out.push(']');
            row += count;
        }
        out.push('}');
    }
    out.push(']');
    (row == rows).then_some(out)
}

const KEYS: [&str; 4] = ["\"price\":", "\"quantity\":", "\"vat\":", "\"rebate\":"];

/// Row `row` of the item columns as an item object: each amount but the price left out when its
/// column or cell is absent, or when it is the value of its missing field (quantity 1, vat and
/// rebate 0). `None` for a cell that is not a safe integer, or a scale above 6.
fn write_row(out: &mut String, columns: Columns, scales: [u32; 4], row: usize) -> Option<()> {
    let cols = [
        Some(columns.price),
        columns.quantity,
        columns.vat,
        columns.rebate,
    ];
    let mut sep = "{";
    for (i, ((column, key), k)) in cols.into_iter().zip(KEYS).zip(scales).enumerate() {
        let Some(&cell) = column.and_then(|c| c.get(row)) else {
            continue;
        };
        let (m, k) = stripped(safe(cell)?, k);
        if i == 0 || (i == 1 && (m, k) != (1, 0)) || (i > 1 && m != 0) {
            out.push_str(sep);
            sep = ",";
            write_amount(out, key, m, k)?;
        }
    }
    out.push_str(if sep == "{" { "{}" } else { "}" });
    Some(())
}

/// `key` (quoted, with its colon) and the decimal `m·10^-k` as its shortest text (what
/// `String(x)` writes of the double it was read from: no trailing zeros, `-0` as `0`).
fn write_amount(out: &mut String, key: &str, m: i64, k: u32) -> Option<()> {
    if k > MAX_SCALE {
        return None;
    }
    let (m, k) = stripped(m, k);
    out.push_str(key);
    write_scaled(out, i128::from(m), k);
    Some(())
}

fn stripped(mut m: i64, mut k: u32) -> (i64, u32) {
    while k > 0 && m % 10 == 0 {
        m /= 10;
        k -= 1;
    }
    (m, k)
}

/// Every cell a safe integer, as the bridge sends them (a column's own refusal of one is not the
/// general path's).
fn whole(c: Columns) -> bool {
    [Some(c.price), c.quantity, c.vat, c.rebate]
        .iter()
        .flatten()
        .all(|column| column.iter().all(|&cell| safe(cell).is_some()))
}

/// A cell's integer: whole and at most 2^53 − 1 in magnitude, as the bridge sends every cell.
fn safe(cell: f64) -> Option<i64> {
    // NaN and the infinities have no zero fraction.
    (cell.fract() == 0.0 && cell.abs() < 9_007_199_254_740_992.0).then_some(cell as i64)
}
