//! The item functions: `validateItems`, `itemTotals` and its bulk form `itemTotalsBatch`.

use crate::api::fast_item;
use crate::api::read::{currency_option, parse_arg, MAX_ITEMS_INPUT};
use crate::api::write::{answer, Validation};
use crate::checkout::columns::{self, Columns, Scales};
use crate::checkout::item;
use crate::input::issue::{Code, Error};
use crate::money::currency::Currency;
use serde_json::Value;

/// `validateItems(body, { currency? })`: `{ ok: true, items, lines, totals }` or `{ ok: false, issues }`.
pub fn validate_items(body: &str, options: &str) -> String {
    answer(validate_items_value(body, options))
}

/// `validateItems` of one item the JS bridge read into scaled integers (the keystroke path over
/// objects): the compact answer as text (the Rust tests' and fuzz target's form of
/// [`validate_item_parts`]), or `""` when the general path must answer (see
/// [`fast_item::validate_scaled`]).
pub fn validate_item(amounts: [(f64, u32); 4], currency: u32) -> String {
    fast_item::validate_scaled(amounts, currency).unwrap_or_default()
}

/// [`validate_item`]'s answer as the amounts it writes (see [`fast_item::validate_parts`]), for a
/// binding that hands them over as numbers; `None`: the general path answers.
pub fn validate_item_parts(
    amounts: [(f64, u32); 4],
    currency: u32,
) -> Option<[Option<(i128, u32)>; 8]> {
    fast_item::validate_parts(amounts, currency)
}

fn validate_items_value(body: &str, options: &str) -> Result<Validation<item::ValidItems>, Error> {
    let currency = currency_option(&parse_arg(options, 1024)?, false)?;
    let body = parse_arg(body, MAX_ITEMS_INPUT)?;
    Validation::from_result(item::validate_items(&body, currency))
}

/// `itemTotals(body, currency)`: the totals, or an error listing every problem.
pub fn item_totals(body: &str, currency: &str) -> String {
    answer((|| {
        let currency = required_currency(currency)?;
        let body = parse_arg(body, MAX_ITEMS_INPUT)?;
        item::item_totals(&body, currency)
    })())
}

/// `itemTotalsBatch(columns, currency)`: the totals of items given as columns of scaled integers;
/// `scale` is the JSON of `columns.scale` (`null` for the defaults).
pub fn item_totals_batch(columns: Columns, scale: &str, currency: &str) -> String {
    answer((|| {
        let currency = required_currency(currency)?;
        let scales = Scales::read(&parse_arg(scale, 1024)?, currency)?;
        columns::item_totals_batch(columns, scales, currency)
    })())
}

/// `itemTotals` over the columns the JS bridge read from plain item objects (js/objects.js
/// `itemColumns`): the scales as numbers, the currency's letters packed (`packedCode`), so nothing
/// is parsed, and the compact `count,net,rebate,vat,gross` back, so nothing is written as JSON (a
/// call's fixed cost was ~13 µs in Node, most of it those). The same totals as `itemTotalsBatch`;
/// `""` for anything else (a scale above 6, a currency not packed, any problem), and the general
/// path answers, errors included.
pub fn item_totals_columns(
    columns: Columns,
    [price, quantity, vat, rebate]: [u32; 4],
    currency: u32,
) -> String {
    let scales = Scales {
        price,
        quantity,
        vat,
        rebate,
    };
    let fits = [price, quantity, vat, rebate]
        .iter()
        .all(|&k| k <= columns::MAX_SCALE);
    let Some(currency) = fast_item::packed_currency(currency).filter(|_| fits) else {
        return String::new();
    };
    match columns::item_totals_batch(columns, scales, currency) {
        Ok(t) => format!("{},{},{},{},{}", t.count, t.net, t.rebate, t.vat, t.gross),
        Err(_) => String::new(),
    }
}

/// The `currency` parameter: a code (`"SEK"`, `"752"`) or `{ currency }`. Anything else is named as
/// the currency it should be (not as options, which it may also be).
pub(super) fn required_currency(text: &str) -> Result<Currency, Error> {
    let value = parse_arg(text, 1024)?;
    let tag = crate::input::json::js_tag(&value);
    match &value {
        Value::Object(_) if tag.is_none() => {}
        Value::String(_) | Value::Null => {}
        _ if tag == Some("undefined") => {}
        Value::Number(n) => {
            let shown = crate::input::json::head(n.as_str(), 16);
            return Err(Error::new(
                Code::UnknownCurrency,
                format!(
                    "the currency must be an ISO 4217 code such as \"SEK\", got the number {shown} \
                     (a numeric code is written as text: \"{shown}\")"
                ),
            ));
        }
        other => {
            return Err(Error::new(
                Code::UnknownCurrency,
                format!(
                    "the currency must be an ISO 4217 code such as \"SEK\", got {}",
                    crate::input::json::type_name(other)
                ),
            ))
        }
    }
    currency_option(&value, true)?
        .ok_or_else(|| Error::new(Code::UnknownCurrency, "a currency is required"))
}
