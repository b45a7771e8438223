//! The keystroke path of `validateItems`: one plain item object, read by the JS bridge
//! (js/objects.js) into scaled integers, checked and its line computed on integers, its answer
//! written as compact text from which the bridge builds the general path's object. Anything in
//! any doubt answers `None`, and the general path reads the input and says what is wrong. A
//! property test and a fuzz target check that whenever this path answers, the general one answers
//! the same.
//!
//! (A keystroke path over `JSON.stringify`'s text of one item came before it; with the bridge
//! reading objects it served only bodies the object path declines, for 3.5 KB of the checkout
//! module's gzipped size, and is gone.)

use std::cmp::Ordering;

use crate::checkout::item::{Line, PRICE_BOUNDS, QUANTITY_BOUNDS};
use crate::money::amount::{compare_scaled, Bounds};
use crate::money::currency::Currency;
use crate::money::rounding::{rescale, write_scaled, Rounding};

/// Scale of an amount the item does not have, in [`validate_scaled`]'s arguments (js/objects.js
/// `ABSENT`).
pub const ABSENT: u32 = 255;

/// The currency whose three capital letters the bridge packed into `c` (js/objects.js
/// `packedCode`), or `None`.
pub fn packed_currency(c: u32) -> Option<Currency> {
    if c >= 1 << 24 {
        return None;
    }
    let letters = [(c >> 16) as u8, (c >> 8) as u8, c as u8];
    if !letters.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    Currency::from_letters(letters)
}

/// The keystroke path over numbers the JS bridge read exactly from one plain item object (see
/// js/objects.js): each amount as `(mantissa, scale)` in the order price, quantity, vat, rebate
/// (absent: scale [`ABSENT`]), the currency's three letters packed in an integer (0: none). The
/// bridge has checked the text fields by the text rule and keeps them, so they are not needed here.
///
/// Answers the compact `price,quantity,vat,rebate,net,rebate,vat,amount` (an absent amount empty)
/// of an item every rule accepts, or `None` for anything else, and the general path says what is
/// wrong. Integers only, no `Decimal`s and no views (this runs on every keystroke): the field
/// bounds and the item rules on scaled integers as the columns' fast path checks them (price
/// present, zero or more; quantity more than zero; vat and rebate zero or more; rebate at most the
/// price), the line from the shared [`Line::compute`], amounts written by the shared
/// [`write_scaled`] as [`crate::checkout::item::valid_items`] writes them. Tests check it answers
/// what the general path answers.
pub fn validate_scaled(amounts: [(f64, u32); 4], currency: u32) -> Option<String> {
    let currency = match currency {
        0 => None,
        c => Some(packed_currency(c)?),
    };
    let [price, quantity, vat, rebate] = amounts;
    let price = scaled(price, PRICE_BOUNDS, 0)??;
    let quantity = scaled(quantity, QUANTITY_BOUNDS, 1)?;
    let vat = scaled(vat, PRICE_BOUNDS, 0)?;
    let rebate = scaled(rebate, PRICE_BOUNDS, 0)?;
    if let Some(r) = rebate {
        if compare_scaled(r, price)? == Ordering::Greater {
            return None;
        }
    }
    let unit_scale = [Some(price), vat, rebate]
        .iter()
        .flatten()
        .map(|a| a.1)
        .max()
        .unwrap_or(0);
    let (line_scale, min_scale) = match currency {
        Some(c) => (c.minor_units(), c.minor_units()),
        None => (unit_scale + quantity.map_or(0, |q| q.1), 0),
    };
    let line = Line::compute(price, quantity.unwrap_or((1, 0)), vat, rebate, line_scale)?;
    // One string, each amount appended (no string per amount). As `format_decimal` writes a
    // normalised amount: at least `min` digits after the point.
    let mut out = String::with_capacity(96);
    let amount = |out: &mut String, a: (i128, u32), min: u32| -> Option<()> {
        let scale = a.1.max(min);
        write_scaled(out, rescale(a.0, a.1, scale, Rounding::Exact)?, scale);
        Some(())
    };
    amount(&mut out, price, min_scale)?;
    out.push(',');
    amount(&mut out, quantity.unwrap_or((1, 0)), 0)?;
    for a in [vat, rebate] {
        out.push(',');
        if let Some(a) = a {
            amount(&mut out, a, min_scale)?;
        }
    }
    for part in [line.net, line.rebate, line.vat, line.amount] {
        out.push(',');
        write_scaled(&mut out, part, line_scale);
    }
    Some(out)
}

/// An amount argument as `(mantissa, scale)`, normalised (no trailing zeros, as the general path
/// reads a number's shortest text), within `bounds` and at least `min` (in units of its last
/// digit: 1 for "more than zero"): `Some(None)` when absent, `None` when in any doubt.
fn scaled((m, k): (f64, u32), bounds: Bounds, min: i128) -> Option<Option<(i128, u32)>> {
    if k == ABSENT {
        return Some(None);
    }
    // NaN and the infinities have no zero fraction.
    if k > bounds.max_scale || m.fract() != 0.0 || m.abs() >= 4_503_599_627_370_496.0 {
        return None;
    }
    // Exact: an integral f64 below 2^52 converts without loss (i64: one wasm instruction per
    // step, where i128 takes a routine).
    let (mut m, mut k) = (m as i64, k);
    while k > 0 && m % 10 == 0 {
        m /= 10;
        k -= 1;
    }
    let m = i128::from(m);
    let max = rescale(
        bounds.max_abs.mantissa(),
        bounds.max_abs.scale(),
        k,
        Rounding::Exact,
    )?;
    (m >= min && m <= max).then_some(Some((m, k)))
}
