//! Settle-all over columns: what settling each of many customers will charge, for a nightly run
//! over a whole book. The customers' unsettled items arrive as item columns (see
//! [`crate::checkout::columns`]), customer after customer, with `counts` saying how many rows each customer
//! has and `funds` what each has on its balance, both in whole numbers of minor units.
//!
//! The amount of each customer is the one [`crate::ledger::settlement::plan`] computes for the same customer
//! given as JSON (the `amount` of `previewSettlements`): the rounded lines of its items, summed, less
//! the funds that pay part of them (never more than the items cost). Nothing else of a customer is
//! read, so nothing else is needed; the JSON form stays the one that writes orders and journals.

use serde::Serialize;

use crate::checkout::columns::{check_lengths, integer, Columns, Rows, Scales, MAX_ROWS};
use crate::checkout::item::MAX_ITEMS;
use crate::input::issue::{Code, Error, Issues, Path};
use crate::ledger::customer::FUNDS_BOUNDS;
use crate::money::amount::{check_bounds, scaled_decimal};
use crate::money::currency::Currency;
use crate::money::read::push_amount;
use crate::money::rounding::format_scaled;

/// The customers of a bulk settle-all: rows of `items` per customer, funds per customer.
#[derive(Debug, Clone, Copy)]
pub struct Customers<'a> {
    /// Rows of the item columns each customer has, in order (0 for a customer with none).
    pub counts: &'a [f64],
    /// Funds on each customer's balance, in minor units (absent: none).
    pub funds: Option<&'a [f64]>,
    pub items: Columns<'a>,
}

/// What settling every customer will charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SettlementAmounts {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub currency: Currency,
    /// Customers whose balance would be settled (they have unsettled items).
    pub updated: u32,
    /// What the payment of each customer will charge, in the order of `counts`.
    pub amounts: Vec<String>,
    /// What all the payments charge together.
    pub total: String,
}

/// The amounts of settling each customer; every problem of any column is reported, each at
/// `/<column>/<row>`, and then nothing is computed.
pub fn preview_settlements_batch(
    customers: Customers,
    scales: Scales,
    currency: Currency,
) -> Result<SettlementAmounts, Error> {
    let n = customers.counts.len();
    if n > MAX_ROWS {
        return Err(Error::single(
            &Path::root().key("counts"),
            Code::TooManyItems,
            format!("{n} customers is more than the {MAX_ROWS} one call may hold"),
        ));
    }
    check_lengths(customers.items)?;
    let mut issues = Issues::new();
    let counts = read_counts(customers.counts, customers.items.price.len(), &mut issues);
    let funds = read_funds(customers.funds, n, currency, &mut issues);
    if !issues.is_empty() {
        return Err(Error::invalid(issues.into_vec()));
    }

    let rows = Rows::new(customers.items, scales, currency);
    let scale = currency.minor_units();
    let mut amounts = Vec::with_capacity(n);
    let (mut start, mut updated, mut total) = (0usize, 0u32, 0i128);
    for (i, count) in counts.into_iter().enumerate() {
        let end = start.saturating_add(count);
        let gross = rows.sum(start..end, &mut issues)?.gross;
        start = end;
        if !issues.is_empty() {
            continue; // keep checking every row, stop computing
        }
        // Funds pay at most what the items cost; what is left of them stays on the balance.
        let applied = funds.get(i).copied().unwrap_or(0).min(gross).max(0);
        let amount = gross - applied;
        updated += u32::from(count > 0);
        total = total
            .checked_add(amount)
            .ok_or_else(|| Error::new(Code::Overflow, "the total of the payments overflows"))?;
        amounts.push(format_scaled(amount, scale));
    }
    issues.finish(SettlementAmounts {
        currency,
        updated,
        amounts,
        total: format_scaled(total, scale),
    })
}

/// Each customer's rows: a whole number from 0 to [`MAX_ITEMS`] (a balance's limit); together they
/// must be the rows of the item columns.
fn read_counts(counts: &[f64], rows: usize, issues: &mut Issues) -> Vec<usize> {
    let path = Path::root().key("counts");
    let mut out = Vec::with_capacity(counts.len());
    let mut sum = 0usize;
    for (i, &c) in counts.iter().enumerate() {
        match integer(c).map(usize::try_from) {
            Ok(Ok(c)) if c <= MAX_ITEMS => {
                sum = sum.saturating_add(c);
                out.push(c);
            }
            Ok(_) => issues.push(
                &path.index(i),
                Code::OutOfRange,
                format!("a customer has 0 to {MAX_ITEMS} unsettled items"),
            ),
            Err(e) => push_amount(issues, &path.index(i), "counts", e),
        }
    }
    if issues.is_empty() && sum != rows {
        issues.push(
            &path,
            Code::LengthMismatch,
            format!("the counts add up to {sum} rows, the item columns have {rows}"),
        );
    }
    out
}

/// Each customer's funds in minor units: whole numbers of zero or more, within the bounds of a
/// customer's `total`.
fn read_funds(
    funds: Option<&[f64]>,
    n: usize,
    currency: Currency,
    issues: &mut Issues,
) -> Vec<i128> {
    let Some(funds) = funds else {
        return Vec::new();
    };
    let path = Path::root().key("funds");
    if funds.len() != n {
        issues.push(
            &path,
            Code::LengthMismatch,
            format!("funds has {} rows, counts has {n}", funds.len()),
        );
        return Vec::new();
    }
    let scale = currency.minor_units();
    let mut out = Vec::with_capacity(n);
    for (i, &f) in funds.iter().enumerate() {
        let checked = integer(f).and_then(|minor| {
            check_bounds(scaled_decimal(minor, scale)?, FUNDS_BOUNDS).map(|()| minor)
        });
        match checked {
            Ok(minor) if minor < 0 => {
                issues.push(&path.index(i), Code::Negative, "funds must be zero or more")
            }
            Ok(minor) => out.push(i128::from(minor)),
            Err(e) => push_amount(issues, &path.index(i), "funds", e),
        }
    }
    out
}
