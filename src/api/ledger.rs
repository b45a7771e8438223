//! The customer-balance functions: charge, fund, settle (preview, apply, settle all), and whom a
//! settlement may name. Issue paths point into `{ customer, body, order, outcome, options }`.

use crate::api::held::{self, held_answer, Given, Kept};
use crate::api::items::required_currency;
use crate::api::read::{parse_arg, top_level_elements, MAX_ITEMS_INPUT};
use crate::api::write::{answer, answer_sized, Form};
use crate::checkout::columns::Scales;
use crate::input::issue::{Error, Path};
use crate::input::shared::{self, spans_of, Spans};
use crate::ledger::call_text::{
    read_body_text, read_entries_text, read_options_text, read_order_text, read_outcome_text,
};
use crate::ledger::canonical;
use crate::ledger::charge;
use crate::ledger::customer::{read_customer, Customer, Keep};
use crate::ledger::customer_text::{read_customer_text, read_customers_text};
use crate::ledger::operation;
use crate::ledger::settle_all::{self, Customers};
use crate::ledger::settlement;
use crate::money::rounding::{rescale, Rounding};
use serde::Serialize;
use serde_json::Value;

/// Largest customer or order argument (a customer of an earlier version carried its journal).
pub const MAX_CUSTOMER_INPUT: usize = 16 << 20;
/// Largest `replayJournal` entries argument (100,000 entries of a few hundred bytes fit).
pub const MAX_ENTRIES_INPUT: usize = 128 << 20;
/// Largest settle-all argument (100,000 customers of 10 items fit).
pub const MAX_CUSTOMERS_INPUT: usize = 256 << 20;
const MAX_SMALL: usize = 4096;

/// A customer argument: read straight from its text when it is a valid customer
/// ([`read_customer_text`]), else parsed, to be read with every issue at its path (or a held
/// customer). Read first, as every ledger call reads its customer first: the answers are those of
/// the general reader.
pub struct CustomerArg<'a> {
    read: Read,
    text: &'a str,
    /// The answer shares the argument's unchanged elements (`input::shared`): the customer's
    /// elements written as the answers write them are marked when it is read.
    shared: bool,
}

enum Read {
    /// Read, with where its elements are in the text.
    Typed(Box<Customer>, Spans),
    Parsed(Value),
    /// Held by the bridge, its elements marked if shared.
    Held(Box<Customer>),
}

impl<'a> CustomerArg<'a> {
    pub fn new(given: Given<'a>, form: Form) -> Result<Self, Error> {
        let shared = form != Form::Whole;
        let text = match given {
            Given::Text(text) => text,
            Given::Held(handle) => {
                let c = held::customer(handle, shared).ok_or_else(held::gone)?;
                return Ok(CustomerArg {
                    read: Read::Held(Box::new(c)),
                    text: "",
                    shared: false,
                });
            }
        };
        let read = match (text.len() <= MAX_CUSTOMER_INPUT)
            .then(|| read_customer_text(text))
            .flatten()
        {
            Some((c, spans)) => Read::Typed(Box::new(c), spans),
            None => Read::Parsed(parse_arg(text, MAX_CUSTOMER_INPUT)?),
        };
        Ok(CustomerArg { read, text, shared })
    }

    pub fn read(self) -> Result<Customer, Error> {
        let (mut c, spans) = match self.read {
            Read::Typed(c, spans) => (*c, Some(spans)),
            Read::Parsed(v) => (read_customer(&v, &Path::root().key("customer"))?, None),
            Read::Held(c) => return Ok(*c),
        };
        if self.shared {
            // The general reader's customer: its elements looked for in the text.
            let spans = spans.unwrap_or_else(|| spans_of(self.text));
            canonical::mark(&mut c, self.text, &spans);
        }
        Ok(c)
    }
}

/// A customer call answered in `form`: its customer argument read first (its elements marked for
/// a shared answer), then `call` with it and where to leave the customer it answers; in the
/// `Held` form that customer is kept and its handle written as the envelope's `held`.
fn customer_call<T: Serialize>(
    form: Form,
    customer: Given,
    call: impl FnOnce(Result<CustomerArg, Error>, Keep) -> Result<T, Error>,
) -> String {
    let arg = CustomerArg::new(customer, form);
    let mut kept = None;
    let keep = (form == Form::Held).then_some(&mut kept);
    let result = call(arg, keep);
    let answer = match form {
        Form::Whole => answer_sized(result, capacity(customer)),
        Form::Shared | Form::Held => shared::packed(|| answer_sized(result, capacity(customer))),
    };
    held_answer(answer, kept.map(Kept::Customer), customer)
}

/// The bytes to start a customer call's answer with: the customer's own and 1 KB for the
/// envelope and the entries (a held customer's answer is the shared form's: small).
fn capacity(customer: Given) -> usize {
    match customer {
        Given::Text(text) => text.len().saturating_add(1024),
        Given::Held(_) => 1024,
    }
}

/// An argument other than the customer: read straight from its text by a typed reader of
/// `ledger::call_text` when it is valid, else parsed, to be read with every issue at its path (as
/// [`CustomerArg`]: the answers are those of the general reader).
pub enum Arg<T> {
    Read(T),
    Parsed(Value),
}

impl<T> Arg<T> {
    pub fn new(
        text: &str,
        max_len: usize,
        typed: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Self, Error> {
        if text.len() <= max_len {
            if let Some(t) = typed(text) {
                return Ok(Arg::Read(t));
            }
        }
        parse_arg(text, max_len).map(Arg::Parsed)
    }

    pub fn read(self, general: impl FnOnce(&Value) -> Result<T, Error>) -> Result<T, Error> {
        match self {
            Arg::Read(t) => Ok(t),
            Arg::Parsed(v) => general(&v),
        }
    }
}

/// `chargeBalance(customer, body, options)`.
pub fn charge_balance(customer: &str, body: &str, options: &str) -> String {
    charge_balance_in(Form::Whole, customer, body, options)
}

/// [`charge_balance`] answered in `form`.
pub fn charge_balance_in<'a>(
    form: Form,
    customer: impl Into<Given<'a>>,
    body: &str,
    options: &str,
) -> String {
    customer_call(form, customer.into(), |arg, keep| {
        let customer = arg?;
        let body = Arg::new(body, MAX_ITEMS_INPUT, read_body_text)?;
        let options = Arg::new(options, MAX_SMALL, read_options_text)?;
        let c = customer.read()?;
        let opts = options.read(charge::read_options)?;
        charge::charge_items(c, &opts, body.read(charge::read_charge_body)?, keep)
    })
}

/// `fundBalance(customer, order, outcome, options)`.
pub fn fund_balance(customer: &str, order: &str, outcome: &str, options: &str) -> String {
    fund_balance_in(Form::Whole, customer, order, outcome, options)
}

/// [`fund_balance`] answered in `form`.
pub fn fund_balance_in<'a>(
    form: Form,
    customer: impl Into<Given<'a>>,
    order: &str,
    outcome: &str,
    options: &str,
) -> String {
    customer_call(form, customer.into(), |arg, keep| {
        let customer = arg?;
        let order_arg = Arg::new(order, MAX_ITEMS_INPUT, read_order_text)?;
        let outcome = Arg::new(outcome, MAX_SMALL, read_outcome_text)?;
        let options = Arg::new(options, MAX_SMALL, read_options_text)?;
        let c = customer.read()?;
        let opts = options.read(charge::read_options)?;
        let success = outcome.read(|v| charge::read_outcome(v, &Path::root().key("outcome")))?;
        let path = Path::root().key("order");
        let (number, items) = match order_arg {
            Arg::Read(o) if o.currency == c.currency && o.customer == c.id => (o.number, o.items),
            // Another customer's order: the general reader says what does not match.
            Arg::Read(_) => charge::read_order(&c, &parse_arg(order, MAX_ITEMS_INPUT)?, &path)?,
            Arg::Parsed(v) => charge::read_order(&c, &v, &path)?,
        };
        charge::fund_order(c, &opts, success, number, items, keep)
    })
}

/// `replayJournal(customer, entries)`.
pub fn replay_journal(customer: &str, entries: &str) -> String {
    replay_journal_in(Form::Whole, customer, entries)
}

/// [`replay_journal`] answered in `form`.
pub fn replay_journal_in<'a>(form: Form, customer: impl Into<Given<'a>>, entries: &str) -> String {
    customer_call(form, customer.into(), |arg, _| {
        if top_level_elements(entries) > operation::MAX_REPLAY_ENTRIES {
            return Err(operation::too_many_entries());
        }
        let customer = arg?;
        // Read straight from the text when every entry is valid (the same answers).
        if entries.len() <= MAX_ENTRIES_INPUT {
            if let Some(list) = read_entries_text(entries) {
                return operation::replay_entries(customer.read()?, list);
            }
        }
        let entries = parse_arg(entries, MAX_ENTRIES_INPUT)?;
        operation::replay_customer(customer.read()?, &entries)
    })
}

/// `previewSettlement(customer, options)`.
pub fn preview_settlement(customer: &str, options: &str) -> String {
    preview_settlement_in(Form::Whole, customer, options)
}

/// [`preview_settlement`] answered in `form`.
pub fn preview_settlement_in<'a>(
    form: Form,
    customer: impl Into<Given<'a>>,
    options: &str,
) -> String {
    customer_call(form, customer.into(), |arg, _| {
        let customer = arg?;
        let options = Arg::new(options, MAX_SMALL, read_options_text)?;
        let c = customer.read()?;
        settlement::preview_with(c, &options.read(charge::read_options)?)
    })
}

/// `settleBalance(customer, outcome, options)`.
pub fn settle_balance(customer: &str, outcome: &str, options: &str) -> String {
    settle_balance_in(Form::Whole, customer, outcome, options)
}

/// [`settle_balance`] answered in `form`.
pub fn settle_balance_in<'a>(
    form: Form,
    customer: impl Into<Given<'a>>,
    outcome: &str,
    options: &str,
) -> String {
    customer_call(form, customer.into(), |arg, keep| {
        let customer = arg?;
        let outcome = Arg::new(outcome, MAX_SMALL, read_outcome_text)?;
        let options = Arg::new(options, MAX_SMALL, read_options_text)?;
        let c = customer.read()?;
        let success = outcome.read(|v| charge::read_outcome(v, &Path::root().key("outcome")))?;
        settlement::settle_with(c, success, &options.read(charge::read_options)?, keep)
    })
}

/// `previewSettlements(customers, options)`.
pub fn preview_settlements(customers: &str, options: &str) -> String {
    answer((|| {
        if top_level_elements(customers) > settlement::MAX_CUSTOMERS {
            return Err(settlement::too_many_customers());
        }
        // Read straight from the texts when every customer and the options are valid, else
        // parsed and read with every issue at its path (the same answers either way).
        if customers.len() <= MAX_CUSTOMERS_INPUT && options.len() <= MAX_SMALL {
            if let Some(opts) = read_options_text(options) {
                if let Some(list) = read_customers_text(customers) {
                    return Ok(settlement::preview_settlements_of(list, &opts));
                }
            }
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
