//! The customer-balance functions: charge, fund, settle (preview, apply, settle all), and whom a
//! settlement may name. Issue paths point into `{ customer, body, order, outcome, options }`.

use crate::api::items::required_currency;
use crate::api::read::{parse_arg, top_level_elements, MAX_ITEMS_INPUT};
use crate::api::write::{answer, answer_in, Form};
use crate::checkout::columns::Scales;
use crate::input::issue::{Error, Path};
use crate::ledger::charge;
use crate::ledger::customer::{read_customer, Customer};
use crate::ledger::customer_text::read_customer_text;
use crate::ledger::operation;
use crate::ledger::settle_all::{self, Customers};
use crate::ledger::settlement;
use crate::money::rounding::{rescale, Rounding};
use serde_json::Value;

/// Largest customer or order argument (a customer of an earlier version carried its journal).
pub const MAX_CUSTOMER_INPUT: usize = 16 << 20;
/// Largest `replayJournal` entries argument (100,000 entries of a few hundred bytes fit).
pub const MAX_ENTRIES_INPUT: usize = 128 << 20;
/// Largest settle-all argument (100,000 customers of 10 items fit).
pub const MAX_CUSTOMERS_INPUT: usize = 256 << 20;
const MAX_SMALL: usize = 4096;

/// A customer argument: read straight from its text when it is a valid customer
/// ([`read_customer_text`]), else parsed, to be read with every issue at its path. Read first,
/// as every ledger call reads its customer first: the answers are those of the general reader.
pub enum CustomerArg {
    Read(Box<Customer>),
    Parsed(Value),
}

impl CustomerArg {
    pub fn new(text: &str) -> Result<Self, Error> {
        if text.len() <= MAX_CUSTOMER_INPUT {
            if let Some(c) = read_customer_text(text) {
                return Ok(CustomerArg::Read(Box::new(c)));
            }
        }
        parse_arg(text, MAX_CUSTOMER_INPUT).map(CustomerArg::Parsed)
    }

    pub fn read(self) -> Result<Customer, Error> {
        match self {
            CustomerArg::Read(c) => Ok(*c),
            CustomerArg::Parsed(v) => read_customer(&v, &Path::root().key("customer")),
        }
    }
}

/// `chargeBalance(customer, body, options)`.
pub fn charge_balance(customer: &str, body: &str, options: &str) -> String {
    charge_balance_in(Form::Whole, customer, body, options)
}

/// [`charge_balance`] answered in `form`.
pub fn charge_balance_in(form: Form, customer: &str, body: &str, options: &str) -> String {
    answer_in(
        form,
        customer,
        (|| {
            let customer = CustomerArg::new(customer)?;
            let body = parse_arg(body, MAX_ITEMS_INPUT)?;
            let options = parse_arg(options, MAX_SMALL)?;
            charge::charge_customer(customer.read()?, &body, &options)
        })(),
    )
}

/// `fundBalance(customer, order, outcome, options)`.
pub fn fund_balance(customer: &str, order: &str, outcome: &str, options: &str) -> String {
    fund_balance_in(Form::Whole, customer, order, outcome, options)
}

/// [`fund_balance`] answered in `form`.
pub fn fund_balance_in(
    form: Form,
    customer: &str,
    order: &str,
    outcome: &str,
    options: &str,
) -> String {
    answer_in(
        form,
        customer,
        (|| {
            let customer = CustomerArg::new(customer)?;
            let order = parse_arg(order, MAX_ITEMS_INPUT)?;
            let outcome = parse_arg(outcome, MAX_SMALL)?;
            let options = parse_arg(options, MAX_SMALL)?;
            charge::fund_customer(customer.read()?, &order, &outcome, &options)
        })(),
    )
}

/// `replayJournal(customer, entries)`.
pub fn replay_journal(customer: &str, entries: &str) -> String {
    replay_journal_in(Form::Whole, customer, entries)
}

/// [`replay_journal`] answered in `form`.
pub fn replay_journal_in(form: Form, customer: &str, entries: &str) -> String {
    answer_in(
        form,
        customer,
        (|| {
            if top_level_elements(entries) > operation::MAX_REPLAY_ENTRIES {
                return Err(operation::too_many_entries());
            }
            let customer = CustomerArg::new(customer)?;
            let entries = parse_arg(entries, MAX_ENTRIES_INPUT)?;
            operation::replay_customer(customer.read()?, &entries)
        })(),
    )
}

/// `previewSettlement(customer, options)`.
pub fn preview_settlement(customer: &str, options: &str) -> String {
    preview_settlement_in(Form::Whole, customer, options)
}

/// [`preview_settlement`] answered in `form`.
pub fn preview_settlement_in(form: Form, customer: &str, options: &str) -> String {
    answer_in(
        form,
        customer,
        (|| {
            let customer = CustomerArg::new(customer)?;
            let options = parse_arg(options, MAX_SMALL)?;
            settlement::preview_customer(customer.read()?, &options)
        })(),
    )
}

/// `settleBalance(customer, outcome, options)`.
pub fn settle_balance(customer: &str, outcome: &str, options: &str) -> String {
    settle_balance_in(Form::Whole, customer, outcome, options)
}

/// [`settle_balance`] answered in `form`.
pub fn settle_balance_in(form: Form, customer: &str, outcome: &str, options: &str) -> String {
    answer_in(
        form,
        customer,
        (|| {
            let customer = CustomerArg::new(customer)?;
            let outcome = parse_arg(outcome, MAX_SMALL)?;
            let options = parse_arg(options, MAX_SMALL)?;
            settlement::settle_customer(customer.read()?, &outcome, &options)
        })(),
    )
}

/// `previewSettlements(customers, options)`.
pub fn preview_settlements(customers: &str, options: &str) -> String {
    answer((|| {
        if top_level_elements(customers) > settlement::MAX_CUSTOMERS {
            return Err(settlement::too_many_customers());
        }
        settlement::preview_settlements(
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
        settle_all::preview_settlements_batch(customers, scales, currency)
    })())
}

/// The object path of `previewSettlements` with `detail: "summary"`: plain customer objects read
/// by the bridge (js/objects.js) into the columns of `previewSettlementsBatch`, the funds as
/// mantissas at `funds_scale`. The options are read as the general path reads them; the answer is
/// `previewSettlementsBatch`'s, or `""` for anything else (options without `detail: "summary"`, a
/// refused column, funds not exact in minor units): the bridge then takes the general path, which
/// reports whatever is wrong.
pub fn preview_settlements_columns(
    customers: Customers,
    funds_scale: u32,
    scale: &str,
    currency: &str,
    options: &str,
) -> String {
    let read = || -> Option<String> {
        let opts = charge::read_options(&parse_arg(options, MAX_SMALL).ok()?).ok()?;
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
        let amounts = settle_all::preview_settlements_batch(customers, scales, currency).ok()?;
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
