//! The keystroke path of `validateItems`: one plain item object, read by the JS bridge
//! (js/keystroke.js) into scaled integers, checked and its line computed on integers, its answer
//! the eight amounts as scaled integers ([`validate_parts`]), which the wasm binding hands to the
//! bridge as numbers and the bridge writes into the general path's object (or, for the tests and
//! the fuzz target, [`validate_scaled`]'s compact text of them). Anything in any doubt answers
//! `None`, and the general path reads the input and says what is wrong. A
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
/// of an item every rule accepts (the text of [`validate_parts`], which is what the bridge gets),
/// or `None` for anything else, and the general path says what is
/// wrong. Integers only, no `Decimal`s and no views (this runs on every keystroke): the field
/// bounds and the item rules on scaled integers as the columns' fast path checks them (price
/// present, zero or more; quantity more than zero; vat and rebate zero or more; rebate at most the
/// price), the line from the shared `Line::compute`, amounts written by the shared
/// `write_scaled` as `crate::checkout::item::valid_items` writes them. Tests check it answers
/// what the general path answers.
pub fn validate_scaled(amounts: [(f64, u32); 4], currency: u32) -> Option<String> {
    let parts = validate_parts(amounts, currency)?;
    // One string, each amount appended (no string per amount).
    let mut out = String::with_capacity(96);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some((m, k)) = *part {
            write_scaled(&mut out, m, k);
        }
    }
    Some(out)
}

/// The amounts of [`validate_scaled`]'s answer before they are written: price, quantity, vat,
/// rebate (absent: `None`), then the line's net, rebate, vat and amount, each as the scaled integer
/// and scale `write_scaled` writes it with (already at least `format_decimal`'s digits after the
/// point). The wasm binding hands these to the bridge as numbers (src/wasm.rs `validateItem`).
pub fn validate_parts(amounts: [(f64, u32); 4], currency: u32) -> Option<[Option<(i128, u32)>; 8]> {
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
    // As `format_decimal` writes a normalised amount: at least `min` digits after the point.
    let at_least = |(m, k): (i128, u32), min: u32| -> Option<(i128, u32)> {
        let scale = k.max(min);
        Some((rescale(m, k, scale, Rounding::Exact)?, scale))
    };
    let given = |a: Option<(i128, u32)>| match a {
        Some(a) => at_least(a, min_scale).map(Some),
        None => Some(None),
    };
    Some([
        Some(at_least(price, min_scale)?),
        Some(at_least(quantity.unwrap_or((1, 0)), 0)?),
        given(vat)?,
        given(rebate)?,
        Some((line.net, line_scale)),
        Some((line.rebate, line_scale)),
        Some((line.vat, line_scale)),
        Some((line.amount, line_scale)),
    ])
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
