//! The customer-balance functions: charge, fund, settle (preview, apply, settle all), and whom a
//! settlement may name. Issue paths point into `{ customer, body, order, outcome, options }`.

use crate::api::items::required_currency;
use crate::api::read::{parse_arg, top_level_elements, MAX_ITEMS_INPUT};
use crate::api::write::answer;
use crate::checkout::columns::{self, Columns, Scales};
use crate::checkout::item::{MAX_NAME_LEN, MAX_NUMBER_LEN, MAX_UNIT_LEN};
use crate::input::fields::text_rule;
use crate::ledger::charge as ledger;
use crate::ledger::operation as journal;
use crate::ledger::settle_all::{self, Customers};
use crate::ledger::settlement;
use crate::money::rounding::{rescale, Rounding};

/// Largest customer or order argument (a customer of an earlier version carried its journal).
pub const MAX_CUSTOMER_INPUT: usize = 16 << 20;
/// Largest `replayJournal` entries argument (100,000 entries of a few hundred bytes fit).
pub const MAX_ENTRIES_INPUT: usize = 128 << 20;
/// Largest settle-all argument (100,000 customers of 10 items fit).
pub const MAX_CUSTOMERS_INPUT: usize = 256 << 20;
const MAX_SMALL: usize = 4096;

/// `chargeBalance(customer, body, options)`.
pub fn charge_balance(customer: &str, body: &str, options: &str) -> String {
    answer((|| {
        ledger::charge_balance(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(body, MAX_ITEMS_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// What ends each text in [`charge_balance_read`]'s `texts`: a control character, which no text
/// the text rule accepts holds (js/objects.js).
pub const TEXT_END: char = '\u{1f}';
/// Bits of a `present` cell past [`columns::HAS_VAT`] and [`columns::HAS_REBATE`]: the item has a
/// number, a name, a unit (its text is the next in `texts`).
pub const HAS_NUMBER: u8 = 4;
pub const HAS_NAME: u8 = 8;
pub const HAS_UNIT: u8 = 16;

/// The object path of `chargeBalance`: the body's plain item objects read by the bridge
/// (js/objects.js) into item columns at `scales` (price, quantity, vat, rebate), each row's fields
/// in `present` (`columns::HAS_VAT`, `columns::HAS_REBATE`, `HAS_NUMBER`, `HAS_NAME`,
/// `HAS_UNIT`) and the texts it has in `texts`, number, name and unit in that order, each ended
/// by `TEXT_END`. The customer and options are read as the general path reads them; the answer
/// is `chargeBalance`'s for those items written as JSON, or `""` for anything else (a refused row
/// or text, texts that do not match `present`, any problem of the customer, the options or the
/// key): the bridge then takes the general path, which says what is wrong.
pub fn charge_balance_read(
    customer: &str,
    items: Columns,
    scales: [u32; 4],
    present: &[u8],
    texts: &str,
    options: &str,
) -> String {
    let read = || -> Option<String> {
        if scales.iter().any(|&s| s > columns::MAX_SCALE) {
            return None;
        }
        let [price, quantity, vat, rebate] = scales;
        let scales = Scales {
            price,
            quantity,
            vat,
            rebate,
        };
        let mut items = columns::row_items(items, scales, present)?;
        // A text holding TEXT_END would split into more parts than `present` names: refused below.
        let mut parts = texts.split(TEXT_END);
        let mut text = |bits: u8, bit: u8, max_len: usize| -> Option<Option<String>> {
            if bits & bit == 0 {
                return Some(None);
            }
            let part = parts.next()?;
            text_rule(part, max_len)
                .is_none()
                .then(|| Some(part.to_owned()))
        };
        for (item, &bits) in items.iter_mut().zip(present) {
            item.number = text(bits, HAS_NUMBER, MAX_NUMBER_LEN)?;
            item.name = text(bits, HAS_NAME, MAX_NAME_LEN)?;
            item.unit = text(bits, HAS_UNIT, MAX_UNIT_LEN)?;
        }
        // Nothing after the last text's end.
        if parts.next() != Some("") || parts.next().is_some() {
            return None;
        }
        let charged = ledger::charge_items(
            &parse_arg(customer, MAX_CUSTOMER_INPUT).ok()?,
            items,
            &parse_arg(options, MAX_SMALL).ok()?,
        );
        Some(answer(Ok(charged.ok()?)))
    };
    read().unwrap_or_default()
}

/// `fundBalance(customer, order, outcome, options)`.
pub fn fund_balance(customer: &str, order: &str, outcome: &str, options: &str) -> String {
    answer((|| {
        ledger::fund_balance(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(order, MAX_ITEMS_INPUT)?,
            &parse_arg(outcome, MAX_SMALL)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `replayJournal(customer, entries)`.
pub fn replay_journal(customer: &str, entries: &str) -> String {
    answer((|| {
        if top_level_elements(entries) > journal::MAX_REPLAY_ENTRIES {
            return Err(journal::too_many_entries());
        }
        journal::replay_journal(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(entries, MAX_ENTRIES_INPUT)?,
        )
    })())
}

/// `previewSettlement(customer, options)`.
pub fn preview_settlement(customer: &str, options: &str) -> String {
    answer((|| {
        settlement::preview(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `settleBalance(customer, outcome, options)`.
pub fn settle_balance(customer: &str, outcome: &str, options: &str) -> String {
    answer((|| {
        settlement::settle(
            &parse_arg(customer, MAX_CUSTOMER_INPUT)?,
            &parse_arg(outcome, MAX_SMALL)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `previewSettlements(customers, options)`.
pub fn preview_settlements(customers: &str, options: &str) -> String {
    answer((|| {
        if top_level_elements(customers) > settlement::MAX_CUSTOMERS {
            return Err(settlement::too_many_customers());
        }
        settlement::preview_all(
            &parse_arg(customers, MAX_CUSTOMERS_INPUT)?,
            &parse_arg(options, MAX_SMALL)?,
        )
    })())
}

/// `previewSettlementsBatch(columns, currency)`: settle-all over columns; `scale` is the JSON of
/// `columns.scale` (`null` for the defaults).
pub fn preview_settlements_batch(customers: Customers, scale: &str, currency: &str) -> String {
    answer((|| {
        let currency = required_currency(currency)?;
        let scales = Scales::read(&parse_arg(scale, MAX_SMALL)?, currency)?;
        settle_all::preview(customers, scales, currency)
    })())
}

/// The object path of `previewSettlements` with `detail: "summary"`: plain customer objects read
/// by the bridge (js/objects.js) into the columns of `previewSettlementsBatch`, the funds as
/// mantissas at `funds_scale`. The options are read as the general path reads them; the answer is
/// `previewSettlementsBatch`'s, or `""` for anything else (options without `detail: "summary"`, a
/// refused column, funds not exact in minor units): the bridge then takes the general path, which
/// reports whatever is wrong.
pub fn preview_settlements_read(
    customers: Customers,
    funds_scale: u32,
    scale: &str,
    currency: &str,
    options: &str,
) -> String {
    let read = || -> Option<String> {
        let opts = settlement::read_options(&parse_arg(options, MAX_SMALL).ok()?).ok()?;
        if !opts.detail_summary {
            return None;
        }
        let currency = required_currency(currency).ok()?;
        let minor = currency.minor_units();
        // Funds into whole minor units, exactly (a JS number stays exact below 2^53).
        let funds = match customers.funds {
            None => None,
            Some(f) => Some(
                f.iter()
                    .map(|&m| {
                        let m = (m.fract() == 0.0 && m.abs() <= MAX_SAFE).then_some(m as i128)?;
                        let minor = rescale(m, funds_scale, minor, Rounding::Exact)?;
                        // At most 2^53 in magnitude: exactly an f64.
                        (minor.abs() <= MAX_SAFE as i128).then_some(minor as f64)
                    })
                    .collect::<Option<Vec<f64>>>()?,
            ),
        };
        let scales = Scales::read(&parse_arg(scale, MAX_SMALL).ok()?, currency).ok()?;
        let customers = Customers {
            funds: funds.as_deref(),
            ..customers
        };
        let amounts = settle_all::preview(customers, scales, currency).ok()?;
        Some(answer(Ok(amounts)))
    };
    read().unwrap_or_default()
}

/// Largest integer a JS number holds exactly (2^53).
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// `settlementTarget(keyKind, customerId)`.
pub fn settlement_target(key_kind: &str, customer_id: &str) -> String {
    answer((|| {
        settlement::settlement_target(
            &parse_arg(key_kind, MAX_SMALL)?,
            &parse_arg(customer_id, MAX_SMALL)?,
        )
    })())
}
