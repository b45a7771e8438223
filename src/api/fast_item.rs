//! The keystroke path of `validateItems`: one valid item, as `JSON.stringify` writes a plain object
//! (`{"price":119.6,"quantity":2}`: no whitespace, no escapes, no nesting), with `null` or
//! `{"currency":"SEK"}` as options. A checkout widget sends exactly this on every keystroke, and
//! building `serde_json` values and serialising the answer through serde was most of its cost.
//!
//! The fields are read straight from the text and go through the same rules as ever (the same
//! amount grammar and bounds, [`item_amounts`], [`valid_items`]); the answer is written as serde
//! writes it. Anything else — another shape, an escape, an unknown or repeated key, any problem
//! with any field — answers `None`, and the general path reads the input and says what is wrong.
//! A property test checks that whenever this path answers, the general one answers the same bytes.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::checkout::item::{
    item_amounts, valid_items, Item, Line, ValidItems, ITEM_FIELDS, MAX_NAME_LEN, MAX_NUMBER_LEN,
    MAX_UNIT_LEN, PRICE_BOUNDS, QUANTITY_BOUNDS,
};
use crate::input::fields::{text_rule, Field};
use crate::input::issue::{Issues, Path};
use crate::money::amount::{check_bounds, compare_scaled, parse_text, Bounds};
use crate::money::currency::Currency;
use crate::money::rounding::{rescale, write_scaled, Rounding};

/// The answer envelope of `validateItems` for a body of one valid item, or `None`.
pub fn validate_one(body: &str, options: &str) -> Option<String> {
    if body.len() > crate::api::read::MAX_ITEMS_INPUT || options.len() > 1024 {
        return None;
    }
    let currency = match options {
        "null" => None,
        _ => match members(options)?.as_slice() {
            [("currency", Token::Str(code))] => Some(Currency::parse(code)?),
            _ => return None,
        },
    };
    let item = read_item(&members(body)?)?;
    let valid = valid_items(std::slice::from_ref(&item), currency).ok()?;
    Some(write(&valid))
}

/// A member's value: a JSON number's text or a string's contents (without escapes).
#[derive(Clone, Copy)]
enum Token<'a> {
    Number(&'a str),
    Str(&'a str),
}

/// The members of a flat object written without whitespace or escapes, in order.
fn members(text: &str) -> Option<Vec<(&str, Token<'_>)>> {
    let mut rest = text.strip_prefix('{')?;
    let mut out = Vec::with_capacity(ITEM_FIELDS.len());
    if rest == "}" {
        return Some(out);
    }
    loop {
        let (key, after) = string(rest)?;
        rest = after.strip_prefix(':')?;
        let (value, after) = match rest.strip_prefix('"') {
            Some(_) => {
                let (s, after) = string(rest)?;
                (Token::Str(s), after)
            }
            None => {
                let end = rest
                    .bytes()
                    .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .unwrap_or(rest.len());
                let (n, after) = rest.split_at(end);
                (Token::Number(json_number(n)?), after)
            }
        };
        out.push((key, value));
        match after.strip_prefix(',') {
            Some(next) => rest = next,
            None => return (after == "}").then_some(out),
        }
    }
}

/// A string at the start of `text` without escapes or control characters: its contents and the
/// text after its closing quote.
fn string(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('"')?;
    // ASCII bytes, so the split is at a character boundary.
    let end = body
        .bytes()
        .position(|b| b == b'"' || b == b'\\' || b < b' ')?;
    let (contents, after) = body.split_at(end);
    Some((contents, after.strip_prefix('"')?))
}

/// `text` when it is a number by JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn json_number(text: &str) -> Option<&str> {
    fn digits(s: &str) -> (usize, &str) {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (n, s.get(n..).unwrap_or_default())
    }
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (n, mut rest) = digits(unsigned);
    if n == 0 || (n > 1 && unsigned.starts_with('0')) {
        return None;
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        let (n, after) = digits(fraction);
        (n > 0).then_some(())?;
        rest = after;
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let (n, after) = digits(exponent.strip_prefix(['+', '-']).unwrap_or(exponent));
        (n > 0).then_some(())?;
        rest = after;
    }
    rest.is_empty().then_some(text)
}

/// The item of the members when every field is valid and the item rules hold.
fn read_item(members: &[(&str, Token)]) -> Option<Item> {
    let mut seen: Vec<&str> = Vec::with_capacity(members.len());
    let (mut number, mut name, mut unit) = (None, None, None);
    let (mut price, mut quantity, mut vat, mut rebate) =
        (Field::Absent, Field::Absent, Field::Absent, Field::Absent);
    for &(key, value) in members {
        // A repeated key: the general path decides which value counts.
        if seen.contains(&key) {
            return None;
        }
        seen.push(key);
        match key {
            "number" => number = Some(text(value, MAX_NUMBER_LEN)?),
            "name" => name = Some(text(value, MAX_NAME_LEN)?),
            "unit" => unit = Some(text(value, MAX_UNIT_LEN)?),
            "price" => price = Field::Value(amount(value, PRICE_BOUNDS)?),
            "quantity" => quantity = Field::Value(amount(value, QUANTITY_BOUNDS)?),
            "vat" => vat = Field::Value(amount(value, PRICE_BOUNDS)?),
            "rebate" => rebate = Field::Value(amount(value, PRICE_BOUNDS)?),
            _ => return None, // unknown: the general path names it
        }
    }
    let mut issues = Issues::new();
    let has_price = seen.contains(&"price");
    let (price, quantity, vat, rebate) = item_amounts(
        [price, quantity, vat, rebate],
        has_price,
        |k| Path::root().key(k),
        &mut issues,
    )?;
    issues.is_empty().then_some(Item {
        number,
        name,
        price,
        quantity,
        unit,
        vat,
        rebate,
    })
}

/// A text field as `text_field` accepts it: a string that keeps the text rule.
fn text(value: Token, max: usize) -> Option<String> {
    let Token::Str(s) = value else { return None };
    text_rule(s, max).is_none().then(|| s.to_owned())
}

/// An amount as `parse_bounded` reads it from a number or a string.
fn amount(value: Token, bounds: Bounds) -> Option<Decimal> {
    let (Token::Number(t) | Token::Str(t)) = value;
    let d = parse_text(t).ok()?;
    check_bounds(d, bounds).ok()?;
    Some(d)
}

/// `{"value":{"ok":true,…}}` exactly as serde_json writes `Validation::Valid` of `valid`. Every
/// string in it is a decimal, a currency code or a text field without quotes, backslashes or
/// control characters, so none needs escaping.
fn write(valid: &ValidItems) -> String {
    let mut out = String::with_capacity(320);
    let field = |out: &mut String, first: bool, key: &str, value: &str| {
        if !first {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":\"");
        out.push_str(value);
        out.push('"');
    };
    out.push_str(r#"{"value":{"ok":true,"items":["#);
    for (i, item) in valid.items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        let mut first = true;
        for (key, value) in [
            ("number", item.number.as_deref()),
            ("name", item.name.as_deref()),
            ("price", Some(item.price.as_str())),
            ("quantity", Some(item.quantity.as_str())),
            ("unit", item.unit.as_deref()),
            ("vat", item.vat.as_deref()),
            ("rebate", item.rebate.as_deref()),
        ] {
            if let Some(value) = value {
                field(&mut out, first, key, value);
                first = false;
            }
        }
        out.push('}');
    }
    out.push_str(r#"],"lines":["#);
    for (i, line) in valid.lines.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        field(&mut out, true, "net", &line.net);
        field(&mut out, false, "rebate", &line.rebate);
        field(&mut out, false, "vat", &line.vat);
        field(&mut out, false, "amount", &line.amount);
        out.push('}');
    }
    let t = &valid.totals;
    out.push_str(r#"],"totals":{"currency":"#);
    match t.currency {
        Some(c) => {
            out.push('"');
            out.push_str(c.code());
            out.push('"');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"count\":");
    out.push_str(&t.count.to_string());
    field(&mut out, false, "net", &t.net);
    field(&mut out, false, "rebate", &t.rebate);
    field(&mut out, false, "vat", &t.vat);
    field(&mut out, false, "gross", &t.gross);
    out.push_str("}}}");
    out
}

/// Scale of an amount the item does not have, in [`validate_scaled`]'s arguments (js/objects.js
/// `ABSENT`).
pub const ABSENT: u32 = 255;

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
        c if c < 1 << 24 => {
            let letters = [(c >> 16) as u8, (c >> 8) as u8, c as u8];
            if !letters.iter().all(u8::is_ascii_uppercase) {
                return None;
            }
            Some(Currency::parse(std::str::from_utf8(&letters).ok()?)?)
        }
        _ => return None,
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
