//! Settling a customer balance (Intergiro's `DELETE customer/<id>/balance`): every unsettled item moves
//! into one order; funds already on the balance pay part (or all) of it as their own negative item;
//! the payment charges the rest. The preview is this very computation with its effects not applied:
//! [`plan`] builds both outcomes, [`preview`] shows them, [`settle`] picks one.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::checkout::item::{self, Item};
use crate::input::issue::{Code, Error, Issue, Path};
use crate::input::json;
use crate::ledger::charge::{order_of, read_options, read_outcome, Options, Order, OrderResult};
use crate::ledger::customer::{read_customer, Customer, CustomerView, Keep};
use crate::ledger::journal::LedgerEntry;
use crate::ledger::operation::Operation;
use crate::money::currency::Currency;

/// The item number and name of the line that funds on the balance pay.
pub const FUNDS_ITEM_NUMBER: &str = "balance";
pub const FUNDS_ITEM_NAME: &str = "Paid from balance";

/// Most customers one settle-all call takes.
pub const MAX_CUSTOMERS: usize = 100_000;

/// Both outcomes of settling one customer.
pub struct Plan {
    pub before: Customer,
    pub order: Option<Order>,
    /// What the payment charges (minor units).
    pub amount: i128,
    pub success: Customer,
    pub failure: Customer,
    pub success_entry: Option<LedgerEntry>,
    pub failure_entry: Option<LedgerEntry>,
}

/// The canonical form of a settle request: the outcome and the order number asked for.
fn settle_canonical(success: bool, number: Option<&str>) -> String {
    crate::input::writer::to_string(&("settleBalance", success, number)).unwrap_or_default()
}

/// Computes the settlement of `c`, both ways: the order, then each outcome applied by
/// [`Customer::apply`] (the path a journal is folded through).
pub fn plan(c: Customer, opts: &Options) -> Result<Plan, Error> {
    if c.balance.is_empty() {
        return Ok(Plan {
            success: c.clone(),
            failure: c.clone(),
            before: c,
            order: None,
            amount: 0,
            success_entry: None,
            failure_entry: None,
        });
    }
    // The balance's lines, computed once: their sum is what the items cost (summed at the path
    // `Customer::unsettled` sums them at, so an overflow is reported as it was), and they are
    // the order's lines.
    let scale = c.scale();
    let (mut lines, mut sum) = item::sum_lines(&c.balance, scale, &Path::root().key("balance"))?;
    let gross = sum.gross;
    // Funds pay at most what the items cost; what is left of them stays on the balance.
    let applied = c.total.min(gross).max(0);
    // The balance's items, borrowed unless the funds add their line (each copy of the items
    // copies their texts).
    let mut items = std::borrow::Cow::Borrowed(c.balance.as_slice());
    if applied > 0 {
        let price = Decimal::try_from_i128_with_scale(-applied, scale)
            .map_err(|_| Error::new(Code::Overflow, "the funds overflow"))?;
        let funds = Item {
            number: Some(FUNDS_ITEM_NUMBER.into()),
            name: Some(FUNDS_ITEM_NAME.into()),
            ..Item::charge(price)
        };
        let path = Path::root().key("customer").key("balance");
        lines.push(sum.add_item(&funds, scale, &path, c.balance.len())?);
        items.to_mut().push(funds);
    }
    let number = opts
        .number
        .clone()
        .unwrap_or_else(|| format!("{}-{}", c.id, c.version.saturating_add(1)));
    let (order, amount) = order_of(&c, number, &items, lines, &sum);
    let outcome = |success: bool| -> Result<(Customer, LedgerEntry), Error> {
        let mut after = c.clone();
        let keyed = opts.keyed(|| settle_canonical(success, opts.number.as_deref()));
        let op = Operation::Settle {
            success,
            order: order.number.clone(),
            gross: Some(gross),
        };
        let entry = after.apply(op, &opts.call(keyed))?;
        Ok((after, entry))
    };
    let (success, se) = outcome(true)?;
    let (failure, fe) = outcome(false)?;
    Ok(Plan {
        before: c,
        order: Some(order),
        amount,
        success_entry: Some(se),
        failure_entry: Some(fe),
        success,
        failure,
    })
}

/// The customer after each outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct After {
    pub success: CustomerView,
    pub failure: CustomerView,
}

/// The entries each outcome writes (none for an empty balance).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct AfterEntries {
    pub success: Vec<LedgerEntry>,
    pub failure: Vec<LedgerEntry>,
}

/// What settling will do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SettlementPreview {
    pub customer: CustomerView,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    /// What the payment will charge.
    pub amount: String,
    /// The order the settlement creates; null when there is nothing to settle.
    pub order: Option<Order>,
    pub after: After,
    /// What `settleBalance` would return as `entries`, for each outcome.
    pub entries: AfterEntries,
}

impl Plan {
    pub fn preview(self) -> SettlementPreview {
        SettlementPreview {
            currency: self.before.currency,
            amount: self.before.money(self.amount),
            customer: self.before.into_view(),
            order: self.order,
            after: After {
                success: self.success.into_view(),
                failure: self.failure.into_view(),
            },
            entries: AfterEntries {
                success: self.success_entry.into_iter().collect(),
                failure: self.failure_entry.into_iter().collect(),
            },
        }
    }
    /// The outcome applied: the customer (left in `keep`), the order and the entry of that
    /// outcome.
    pub fn apply(self, success: bool, keep: Keep) -> OrderResult {
        let (customer, entry) = if success {
            (self.success, self.success_entry)
        } else {
            (self.failure, self.failure_entry)
        };
        OrderResult {
            customer: customer.into_view_kept(keep),
            order: self.order,
            entries: entry.into_iter().collect(),
            replayed: false,
            matched: None,
        }
    }
}

/// `previewSettlement(customer, opts)`.
pub fn preview_settlement(customer: &Value, options: &Value) -> Result<SettlementPreview, Error> {
    preview_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        options,
    )
}

/// [`preview_settlement`] of a customer already read.
pub fn preview_customer(c: Customer, options: &Value) -> Result<SettlementPreview, Error> {
    preview_with(c, &read_options(options)?)
}

/// [`preview_customer`] with its options already read.
pub fn preview_with(c: Customer, opts: &Options) -> Result<SettlementPreview, Error> {
    Ok(plan(c, opts)?.preview())
}

/// `settleBalance(customer, outcome, opts)`: the plan of the preview, with one outcome applied.
pub fn settle_balance(
    customer: &Value,
    outcome: &Value,
    options: &Value,
) -> Result<OrderResult, Error> {
    settle_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        outcome,
        options,
    )
}

/// [`settle_balance`] of a customer already read.
pub fn settle_customer(
    c: Customer,
    outcome: &Value,
    options: &Value,
) -> Result<OrderResult, Error> {
    let success = read_outcome(outcome, &Path::root().key("outcome"))?;
    settle_with(c, success, &read_options(options)?, None)
}

/// [`settle_customer`] with its outcome and options already read (the customer it answers left
/// in `keep`).
pub fn settle_with(
    c: Customer,
    success: bool,
    opts: &Options,
    keep: Keep,
) -> Result<OrderResult, Error> {
    let keyed = opts.keyed(|| settle_canonical(success, opts.number.as_deref()));
    if let Some(matched) = c.seen(opts, keyed.as_ref())? {
        return Ok(OrderResult {
            customer: c.into_view_kept(keep),
            order: None,
            entries: Vec::new(),
            replayed: true,
            matched: Some(matched),
        });
    }
    Ok(plan(c, opts)?.apply(success, keep))
}

/// One customer's part of a settle-all answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(untagged)]
pub enum SettleAllResult {
    Ok {
        #[cfg_attr(feature = "ts", ts(type = "true"))]
        ok: bool,
        id: String,
        /// What the payment will charge.
        amount: String,
        /// The full preview (absent with `detail: "summary"`).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        preview: Option<Box<SettlementPreview>>,
    },
    Failed {
        #[cfg_attr(feature = "ts", ts(type = "false"))]
        ok: bool,
        /// The id, when it could be read.
        id: Option<String>,
        issues: Vec<Issue>,
    },
}

/// The settle-all answer: the seed's counts and each customer's preview or problems.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SettleAll {
    /// Customers whose balance would be settled (they have unsettled items).
    pub updated: u32,
    /// Customers that could not be settled; each result says why.
    pub errors: u32,
    pub results: Vec<SettleAllResult>,
}

/// A settle-all call with more than [`MAX_CUSTOMERS`] customers.
pub fn too_many_customers() -> Error {
    Error::single(
        &Path::root().key("customers"),
        Code::TooManyItems,
        format!("customers: at most {MAX_CUSTOMERS} customers can be settled in one call"),
    )
}

/// `previewSettlements(customers, opts)`: settle "all". One broken customer never stops the others.
pub fn preview_settlements(customers: &Value, options: &Value) -> Result<SettleAll, Error> {
    let opts = read_options(options)?;
    let path = Path::root().key("customers");
    let Value::Array(list) = customers else {
        return Err(Error::single(
            &path,
            Code::InvalidType,
            format!(
                "expected an array of customers, got {}",
                json::type_name(customers)
            ),
        ));
    };
    if list.len() > MAX_CUSTOMERS {
        return Err(too_many_customers());
    }
    let mut read = list.iter().enumerate().map(|(i, value)| {
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        (read_customer(value, &path.index(i)), id)
    });
    Ok(settle_all(&mut read, list.len(), &opts))
}

/// [`preview_settlements`] of customers read straight from their texts
/// (`ledger::customer_text::read_customers_text`): the same answer.
pub fn preview_settlements_of(customers: Vec<Customer>, opts: &Options) -> SettleAll {
    let len = customers.len();
    let mut read = customers.into_iter().map(|c| {
        let id = Some(c.id.clone());
        (Ok(c), id)
    });
    settle_all(&mut read, len, opts)
}

/// The settle-all answer of `len` customers, each read (or its reading's error) with the id it
/// gave. One copy for both readers (`dyn`).
fn settle_all(
    customers: &mut dyn Iterator<Item = (Result<Customer, Error>, Option<String>)>,
    len: usize,
    opts: &Options,
) -> SettleAll {
    let path = Path::root().key("customers");
    // The ids met so far, as keys of serde_json's map (the `IndexMap` already in the wasm; a
    // `HashSet` would bring a second hash table).
    let mut seen = serde_json::Map::with_capacity(len);
    let mut answer = SettleAll {
        updated: 0,
        errors: 0,
        results: Vec::with_capacity(len),
    };
    for (i, (read, id)) in customers.enumerate() {
        let at = path.index(i);
        let result = read.and_then(|c| {
            if seen.insert(c.id.clone(), Value::Null).is_some() {
                return Err(Error::single(
                    &at.key("id"),
                    Code::DuplicateId,
                    format!(
                        "customer {} appears more than once",
                        crate::input::json::quoted(&c.id)
                    ),
                ));
            }
            plan(c, opts)
        });
        answer.results.push(match result {
            Ok(plan) => {
                if plan.order.is_some() {
                    answer.updated += 1;
                }
                SettleAllResult::Ok {
                    ok: true,
                    id: plan.before.id.clone(),
                    amount: plan.before.money(plan.amount),
                    preview: (!opts.detail_summary).then(|| Box::new(plan.preview())),
                }
            }
            Err(e) => {
                answer.errors += 1;
                SettleAllResult::Failed {
                    ok: false,
                    id,
                    issues: if e.issues.is_empty() {
                        vec![Issue {
                            path: at.pointer(),
                            code: e.code,
                            message: e.message,
                        }]
                    } else {
                        e.issues
                    },
                }
            }
        });
    }
    answer
}

/// Whom a settlement call may name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "scope", rename_all = "lowercase")]
pub enum Target {
    /// A customer key settles its own customer.
    Me,
    /// A private key settles one customer.
    Customer { customer: String },
    /// A private key settles every customer.
    All,
}

/// The seed's rule: a customer key may only name `"me"`; a private key names an id or `"all"`.
pub fn settlement_target(key_kind: &Value, customer_id: &Value) -> Result<Target, Error> {
    let id = match customer_id {
        Value::String(s)
            if !s.is_empty() && s.chars().count() <= crate::ledger::customer::MAX_ID_LEN =>
        {
            s
        }
        other => {
            return Err(Error::single(
                &Path::root().key("customerId"),
                Code::InvalidType,
                format!(
                    "a customer id is a non-empty string of at most {} characters, got {}",
                    crate::ledger::customer::MAX_ID_LEN,
                    json::type_name(other)
                ),
            ))
        }
    };
    if id.chars().any(char::is_control) {
        return Err(Error::single(
            &Path::root().key("customerId"),
            Code::InvalidCharacters,
            "a customer id must not contain control characters",
        ));
    }
    match (key_kind.as_str(), id.as_str()) {
        (Some("customer"), "me") => Ok(Target::Me),
        (Some("customer"), _) => Err(Error::new(
            Code::ForbiddenTarget,
            "a customer key may only settle \"me\"",
        )),
        (Some("private"), "me") => Err(Error::new(
            Code::ForbiddenTarget,
            "\"me\" needs a customer key; a private key names a customer id or \"all\"",
        )),
        (Some("private"), "all") => Ok(Target::All),
        (Some("private"), id) => Ok(Target::Customer {
            customer: id.to_owned(),
        }),
        _ => Err(Error::new(
            Code::UnknownKeyKind,
            "the key kind is \"customer\" or \"private\"",
        )),
    }
}
