//! The journal is the truth: every operation is applied to a customer by [`Customer::apply`],
//! which changes the state and writes the entry that says so; [`replay_journal`] folds entries
//! onto an initial customer through that very function and checks each entry comes out exactly
//! as written. So folding a customer's entries always gives the state the calls returned.

use serde_json::Value;
use std::rc::Rc;

use crate::checkout::item::{self, Item, ItemView};
use crate::input::fields::{text_checked, Field};
use crate::input::issue::{Code, Error, Issues, Path};
use crate::input::json;
use crate::ledger::customer::{read_customer, Customer, CustomerView, Status, MAX_VERSION};
use crate::ledger::idempotency::{self, KeyRecord};
use crate::ledger::journal::{read_entry, EntryKind, LastPayment, LedgerEntry, ENTRY_FIELDS};
use crate::money::amount;
use crate::money::read::amount_text;
use crate::money::rounding::{rescale, Rounding};
use crate::time::stamp::Stamp;

/// Most entries one `replayJournal` call folds.
pub const MAX_REPLAY_ENTRIES: usize = 100_000;

/// One operation, with what it needs beyond the state.
#[derive(Debug, Clone)]
pub enum Operation {
    /// Items join the balance (the charge rules apply: status, item count, hard limit).
    Charge { items: Vec<Item> },
    /// An order of `amount` (minor units, `items` items) was authorised, or failed.
    Fund {
        amount: i128,
        success: bool,
        order: String,
        items: u32,
    },
    /// The unsettled items were paid by order `order` (funds first), or the payment failed.
    Settle {
        success: bool,
        order: String,
        /// The balance's gross in minor units when the caller has it (a settlement plan sums it
        /// once for both outcomes), else summed here.
        gross: Option<i128>,
    },
}

/// What an operation changes, decided (and checked) before anything changes.
enum Change {
    Charge(Vec<Item>),
    Paid { total: i128, clear: bool },
    Failed,
}

/// When an operation happens, and its idempotency key with the request's fingerprint.
#[derive(Debug, Clone)]
pub struct Call {
    pub now: Stamp,
    pub now_text: String,
    pub keyed: Option<(String, String)>,
}

fn overflow(what: &str) -> Error {
    Error::new(Code::Overflow, format!("{what} overflow"))
}

impl Customer {
    /// Whether what the customer owes has reached the soft limit or the hard limit's margin.
    pub fn settlement_due(&self, unsettled: i128) -> bool {
        let due = unsettled.saturating_sub(self.total).max(0);
        self.limit.is_some_and(|l| {
            l.soft.is_some_and(|s| due >= s)
                || matches!((l.hard, l.margin), (Some(h), Some(m)) if due >= h.saturating_sub(m))
        })
    }

    /// Retry times after a failure at `now`, from the schedule.
    pub fn retries(&self, now: Stamp) -> Result<Vec<String>, Error> {
        self.schedule
            .iter()
            .flatten()
            .map(|d| {
                now.plus_days(i64::from(*d))
                    .and_then(Stamp::format)
                    .ok_or_else(|| {
                        Error::new(Code::Overflow, "a retry date is beyond the calendar")
                    })
            })
            .collect()
    }

    /// The charge rules: a chargeable status, room on the balance, the hard limit. Answers what
    /// the balance owes once the items are on it.
    fn check_charge(&self, items: &[Item], gross: i128) -> Result<i128, Error> {
        if !self.status.chargeable() {
            return Err(Error::new(
                Code::CustomerNotChargeable,
                // The id as given: lowercasing the whole message changed it ("C1" read "c1").
                format!(
                    "customer {} is {} and cannot be charged",
                    self.id,
                    self.status.as_str()
                ),
            ));
        }
        let before = self.unsettled()?;
        let after = before
            .checked_add(gross)
            .ok_or_else(|| overflow("the balance would"))?;
        if self.balance.len().saturating_add(items.len()) > item::MAX_ITEMS {
            return Err(Error::single(
                &Path::root().key("body"),
                Code::TooManyItems,
                format!(
                    "the balance would hold more than {} unsettled items: settle it first",
                    item::MAX_ITEMS
                ),
            ));
        }
        if let Some(hard) = self.limit.and_then(|l| l.hard) {
            let due_before = before.saturating_sub(self.total).max(0);
            let due_after = after.saturating_sub(self.total).max(0);
            if due_after > hard {
                return Err(Error::new(
                    Code::LimitExceeded,
                    format!(
                        "charging {} {cur} would make {} {cur} due, above the hard limit of {} {cur} ({} {cur} due now)",
                        self.money(gross),
                        self.money(due_after),
                        self.money(hard),
                        self.money(due_before),
                        cur = self.currency
                    ),
                ));
            }
        }
        Ok(after)
    }

    /// Applies one operation: the state changes, the version grows by one, the key (if any) is
    /// remembered, and the entry saying all that is returned. On an error the customer is left
    /// as it was (every check runs before the first change).
    pub fn apply(&mut self, op: Operation, call: &Call) -> Result<LedgerEntry, Error> {
        let version = self
            .version
            .checked_add(1)
            .filter(|v| *v <= MAX_VERSION)
            .ok_or_else(|| overflow("the version would"))?;
        // Every check and every fallible step runs before the first change, so an error leaves
        // the customer as it was without a copy of it to fall back to.
        let (kind, amount, items, charged, order, retries, unsettled, change) = match op {
            Operation::Charge { items } => {
                let (_, sum) = item::sum_lines(&items, self.scale(), &Path::root().key("body"))?;
                let unsettled = self.check_charge(&items, sum.gross)?;
                let charged = items.iter().map(|i| i.view(self.scale())).collect();
                (
                    EntryKind::Charge,
                    sum.gross,
                    sum.count,
                    Some(charged),
                    None,
                    None,
                    unsettled,
                    Change::Charge(items),
                )
            }
            Operation::Fund {
                amount,
                success,
                order,
                items,
            } => {
                let unsettled = self.unsettled()?;
                if success {
                    let total = self
                        .total
                        .checked_add(amount)
                        .ok_or_else(|| overflow("the funds would"))?;
                    (
                        EntryKind::Fund,
                        amount,
                        items,
                        None,
                        Some(order),
                        None,
                        unsettled,
                        Change::Paid {
                            total,
                            clear: false,
                        },
                    )
                } else {
                    let retries = Some(self.retries(call.now)?);
                    (
                        EntryKind::FundFailed,
                        amount,
                        items,
                        None,
                        Some(order),
                        retries,
                        unsettled,
                        Change::Failed,
                    )
                }
            }
            Operation::Settle {
                success,
                order,
                gross,
            } => {
                if self.balance.is_empty() {
                    return Err(Error::new(
                        Code::JournalMismatch,
                        "a settlement of an empty balance changes nothing and writes no entry",
                    ));
                }
                let gross = match gross {
                    Some(gross) => gross,
                    None => self.unsettled()?,
                };
                // Funds pay at most what the items cost; what is left of them stays on the balance.
                let applied = self.total.min(gross).max(0);
                let amount = gross - applied;
                let items = u32::try_from(self.balance.len()).unwrap_or(u32::MAX);
                if success {
                    let total = self.total - applied;
                    (
                        EntryKind::Settlement,
                        amount,
                        items,
                        None,
                        Some(order),
                        None,
                        0,
                        Change::Paid { total, clear: true },
                    )
                } else {
                    let retries = Some(self.retries(call.now)?);
                    (
                        EntryKind::SettlementFailed,
                        amount,
                        items,
                        None,
                        Some(order),
                        retries,
                        gross,
                        Change::Failed,
                    )
                }
            }
        };
        match change {
            Change::Charge(items) => self.balance.extend(items),
            Change::Paid { total, clear } => {
                if clear {
                    self.balance.clear();
                }
                self.total = total;
                self.activate();
            }
            Change::Failed => self.status = Status::Pending,
        }
        let (idempotency_key, fingerprint) = call.keyed.clone().unzip();
        let entry = LedgerEntry {
            id: format!("{}/{version}", self.id),
            version,
            kind,
            at: call.now_text.clone(),
            currency: self.currency,
            amount: self.money(amount),
            items: Some(items),
            charged,
            order,
            idempotency_key,
            fingerprint,
            retries,
            total_after: self.money(self.total),
            unsettled_after: self.money(unsettled),
            settlement_due: self.settlement_due(unsettled),
        };
        self.version = version;
        if matches!(kind, EntryKind::Fund | EntryKind::Settlement) && amount > 0 {
            let paid = LastPayment {
                at: call.now,
                at_text: call.now_text.clone(),
                amount,
            };
            self.last_payment = LastPayment::latest(self.last_payment.take(), Some(paid));
        }
        match &call.keyed {
            Some((key, fingerprint)) => idempotency::remember(
                &mut self.keys,
                KeyRecord {
                    key: key.as_str().into(),
                    fingerprint: Some(fingerprint.as_str().into()),
                    at: call.now_text.as_str().into(),
                    versions: vec![version],
                    origin: None,
                },
                call.now,
            ),
            None => idempotency::forget_expired(&mut self.keys, call.now),
        }
        Ok(entry)
    }

    /// A paid (or funded) pending or new customer becomes active.
    fn activate(&mut self) {
        if matches!(self.status, Status::Pending | Status::Created) {
            self.status = Status::Active;
        }
    }
}

/// A refusal of the fold at `path` (the error carries `journal_mismatch` itself).
fn mismatch(path: &Path, message: impl Into<String>) -> Error {
    let mut e = Error::single(path, Code::JournalMismatch, message);
    e.code = Code::JournalMismatch;
    e
}

/// More entries than one call folds.
pub fn too_many_entries() -> Error {
    Error::single(
        &Path::root().key("entries"),
        Code::TooManyItems,
        format!("at most {MAX_REPLAY_ENTRIES} entries are folded in one call"),
    )
}

/// `replayJournal(customer, entries)`: the state that folding `entries` (oldest first) onto
/// `customer` gives. Each entry is re-applied by the rules that wrote it and must come out
/// exactly as given: a gap, a duplicate or a changed amount is refused (`journal_mismatch`).
pub fn replay_journal(customer: &Value, entries: &Value) -> Result<CustomerView, Error> {
    replay_customer(
        read_customer(customer, &Path::root().key("customer"))?,
        entries,
    )
}

/// [`replay_journal`] onto a customer already read.
pub fn replay_customer(c: Customer, entries: &Value) -> Result<CustomerView, Error> {
    let path = Path::root().key("entries");
    let list = match entries {
        Value::Array(list) if list.len() <= MAX_REPLAY_ENTRIES => list,
        Value::Array(_) => return Err(too_many_entries()),
        other => {
            return Err(Error::single(
                &path,
                Code::InvalidType,
                format!(
                    "entries must be an array of journal entries, got {}",
                    json::type_name(other)
                ),
            ))
        }
    };
    let read = list.iter().enumerate().map(|(i, value)| {
        let mut issues = Issues::new();
        let entry = read_entry(value, &path.index(i), &mut issues);
        issues
            .finish(entry)?
            .ok_or_else(|| Error::invalid(Vec::new()))
    });
    replay(c, read)
}

/// [`replay_customer`] of entries read straight from their texts
/// (`ledger::call_text::read_entries_text`): the same answer.
pub fn replay_entries(c: Customer, entries: Vec<LedgerEntry>) -> Result<CustomerView, Error> {
    replay(c, entries.into_iter().map(Ok))
}

/// Folds each entry read (or stops at its reading's error) onto `c`, in order.
fn replay(
    mut c: Customer,
    entries: impl Iterator<Item = Result<LedgerEntry, Error>>,
) -> Result<CustomerView, Error> {
    let path = Path::root().key("entries");
    for (i, entry) in entries.enumerate() {
        fold_one(&mut c, &entry?, &path.index(i))?;
    }
    Ok(c.into_view())
}

/// A charge entry's item read back from its view by the rules [`item::read_item`] applies to the
/// view written as JSON (every field a string, so only the text, amount and item rules can
/// refuse), with the same issues, and no `Value` on the way.
fn charged_item(view: &ItemView, path: &Path, issues: &mut Issues) -> Option<Item> {
    let before = issues.len();
    let text = |s: &Option<Rc<str>>, key, max_len, issues: &mut Issues| match s {
        Some(s) if text_checked(s, key, max_len, path, issues) => Some(Rc::clone(s)),
        _ => None,
    };
    let number = text(&view.number, "number", item::MAX_NUMBER_LEN, issues);
    let name = text(&view.name, "name", item::MAX_NAME_LEN, issues);
    let unit = text(&view.unit, "unit", item::MAX_UNIT_LEN, issues);

    let amount = |s: Option<&str>, key, bounds, issues: &mut Issues| match s {
        Some(s) => amount_text(s, key, bounds, path, issues),
        None => Field::Absent,
    };
    let price = amount(Some(&view.price), "price", item::PRICE_BOUNDS, issues);
    let quantity = amount(
        Some(&view.quantity),
        "quantity",
        item::QUANTITY_BOUNDS,
        issues,
    );
    let vat = amount(view.vat.as_deref(), "vat", item::PRICE_BOUNDS, issues);
    let rebate = amount(view.rebate.as_deref(), "rebate", item::PRICE_BOUNDS, issues);

    item::item_of(
        [number, name, unit],
        [price, quantity, vat, rebate],
        true,
        path,
        issues,
        before,
    )
}

/// Re-applies one entry to `c`.
fn fold_one(c: &mut Customer, entry: &LedgerEntry, at: &Path) -> Result<(), Error> {
    let expected = c.version.saturating_add(1);
    if entry.version != expected {
        return Err(mismatch(
            &at.key("version"),
            format!(
                "entry version {} after a state at version {}: the next entry is version {expected} (an entry is missing or repeated)",
                entry.version, c.version
            ),
        ));
    }
    let now = Stamp::parse(&entry.at).ok_or_else(|| {
        Error::single(
            &at.key("at"),
            Code::InvalidDateTime,
            "at must be an ISO 8601 time with an offset",
        )
    })?;
    let order = || entry.order.clone().unwrap_or_default();
    let op = match entry.kind {
        EntryKind::Charge => {
            let mut issues = Issues::new();
            let items: Vec<Item> = entry
                .charged
                .iter()
                .flatten()
                .enumerate()
                .filter_map(|(j, view)| {
                    charged_item(view, &at.key("charged").index(j), &mut issues)
                })
                .collect();
            Operation::Charge {
                items: issues.finish(items)?,
            }
        }
        EntryKind::Fund | EntryKind::FundFailed => Operation::Fund {
            amount: minor(&entry.amount, c.scale()).ok_or_else(|| {
                mismatch(
                    &at.key("amount"),
                    "amount is not an amount of the customer's currency",
                )
            })?,
            success: entry.kind == EntryKind::Fund,
            order: order(),
            items: entry.items.unwrap_or(0),
        },
        EntryKind::Settlement | EntryKind::SettlementFailed => Operation::Settle {
            success: entry.kind == EntryKind::Settlement,
            order: order(),
            gross: None,
        },
    };
    let keyed = match (&entry.idempotency_key, &entry.fingerprint) {
        (Some(k), Some(f)) => Some((k.clone(), f.clone())),
        (None, None) => None,
        _ => {
            return Err(mismatch(
                at,
                "entries: an entry carries an idempotency key and its fingerprint, or neither",
            ))
        }
    };
    let call = Call {
        now,
        now_text: entry.at.clone(),
        keyed,
    };
    let produced = c.apply(op, &call).map_err(|e| {
        mismatch(
            at,
            format!("entries: the entry does not apply: {}", e.message),
        )
    })?;
    if produced != *entry {
        let (name, expected) = first_difference(&produced, entry);
        // The value as JSON, as the caller wrote the entry (a Value always writes).
        let expected = crate::input::writer::to_string(&expected).unwrap_or_default();
        return Err(mismatch(
            &at.key(name),
            format!(
                "the rules give another entry here ({name} {expected}): the entry does not follow from the state"
            ),
        ));
    }
    Ok(())
}

/// An amount text in minor units of `scale`, exactly.
fn minor(text: &str, scale: u32) -> Option<i128> {
    let d = amount::parse(&Value::String(text.to_owned())).ok()?;
    rescale(d.mantissa(), d.scale(), scale, Rounding::Exact)
}

/// The first field in which two entries differ (as written), with the value the rules give there.
fn first_difference(produced: &LedgerEntry, given: &LedgerEntry) -> (&'static str, Value) {
    let (a, b) = (written(produced), written(given));
    ENTRY_FIELDS
        .iter()
        .copied()
        .find(|f| a.get(f) != b.get(f))
        .map_or(("", Value::Null), |f| {
            (f, a.get(f).cloned().unwrap_or(Value::Null))
        })
}

/// The entry as its JSON text reads back (the same value `serde_json::to_value` gives, without
/// serde_json's value serialiser in the wasm; only a refused replay takes this path).
fn written(e: &LedgerEntry) -> Value {
    crate::input::writer::to_string(e)
        .ok()
        .and_then(|t| crate::input::reader::parse(&t).ok())
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A charged item read back from its view answers what the item reader answers for the view
    /// written as JSON, issues and all, on views with every kind of field a text can hold.
    #[test]
    fn a_charged_item_reads_as_its_view_written_as_json() {
        let texts: [Option<&str>; 8] = [
            None,
            Some("A-1"),
            Some(""),
            Some("Kaffe \"500 g\" ☕"),
            Some("bell\u{7}"),
            Some(&"x".repeat(33)),
            Some(&"y".repeat(65)),
            Some(&"z".repeat(257)),
        ];
        let amounts = [
            "119.60",
            "0",
            "2",
            "0.50",
            "-1",
            "-0",
            "abc",
            "",
            " 1",
            "1e3",
            "1.",
            ".5",
            "1.0000001",
            "1000000000",
            "1000000001",
            "1000000000001",
            "NaN",
            "01.5",
        ];
        let optional = |i: usize| (i < amounts.len()).then(|| amounts[i].to_owned());
        // A seeded walk over the combinations (all of them are ~9 million).
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let path = Path::root().key("entries").index(3).key("charged").index(1);
        let (mut read, mut refused) = (0, 0);
        for _ in 0..40_000 {
            // Half of the prices and quantities from the valid first four.
            let wide = [next(2), next(2)].map(|w| 4 + w * (amounts.len() - 4));
            let view = ItemView {
                number: texts[next(texts.len())].map(Rc::from),
                name: texts[next(texts.len())].map(Rc::from),
                price: amounts[next(wide[0])].to_owned(),
                quantity: amounts[next(wide[1])].to_owned(),
                unit: texts[next(texts.len())].map(Rc::from),
                vat: optional(next(amounts.len() * 2)),
                rebate: optional(next(amounts.len() * 2)),
            };
            let mut issues = Issues::new();
            let typed = charged_item(&view, &path, &mut issues);
            let typed = issues.finish(typed);
            let value = serde_json::to_value(&view).unwrap();
            let mut issues = Issues::new();
            let general = item::read_item(&value, &path, &mut issues);
            assert_eq!(typed, issues.finish(general), "{value}");
            match typed {
                Ok(Some(_)) => read += 1,
                _ => refused += 1,
            }
        }
        // Both kinds of answer were compared, many times.
        assert!(
            read > 1_000 && refused > 1_000,
            "{read} read, {refused} refused"
        );
    }
}
