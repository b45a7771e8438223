//! Customers and cash balance states the JS bridge holds between calls. The loop a host writes,
//! `c = chargeBalance(c, item).customer` (or `s = applyCashTransaction(s, tx).state`), hands back
//! the very object the last call returned; the bridge then checks it against its private copy of
//! what it returned (js/bridge.js `same`) and, when nothing changed, passes the handle of the value
//! kept here instead of its JSON text: the call neither stringifies, copies nor reads it. A handle
//! names one value of one instance; the last [`MAX_HELD`] used are kept, so a handle may be gone
//! (`is_held` says so first). Handles count up and are never given twice (2^53 of them: a JS
//! number holds each exactly), so an old handle can never name a newer value.

use std::cell::RefCell;

use crate::cash::state::CashBalanceState;
use crate::input::shared::Origin;
use crate::ledger::customer::Customer;

/// Values kept at once: the least recently used goes first, except that an answer to a call on a
/// kept value replaces that value's earlier answer when nobody handed it back (a host calling
/// again and again with one returned value, dropping the answers, uses one place for them instead
/// of pushing every other value out).
const MAX_HELD: usize = 8;
/// Largest value kept (a customer's unsettled items and remembered keys, a state's remembered
/// transactions and open payments); a larger one is read from its text each call, as before.
const MAX_HELD_ELEMENTS: usize = 2_000;
/// The last handle given: 2^53, the largest integer a JS number holds exactly.
const MAX_HANDLE: u64 = 1 << 53;

/// Where a state call's customer (or cash balance state) comes from: its JSON text, or the value
/// the bridge holds by its handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given<'a> {
    Text(&'a str),
    Held(u64),
}

impl<'a> From<&'a str> for Given<'a> {
    fn from(text: &'a str) -> Self {
        Given::Text(text)
    }
}

impl<'a> From<&'a String> for Given<'a> {
    fn from(text: &'a String) -> Self {
        Given::Text(text)
    }
}

/// A value kept: what a state call answered.
pub enum Kept {
    Customer(Customer),
    Cash(CashBalanceState),
}

impl Kept {
    fn elements(&self) -> usize {
        match self {
            Kept::Customer(c) => c.balance.len().saturating_add(c.keys.len()),
            Kept::Cash(s) => s
                .transactions
                .recent
                .len()
                .saturating_add(s.open_payments.len()),
        }
    }
}

/// Marks (or unmarks, `marked` false) every shareable element as the one at its index of an
/// array of its count: the bridge's copy holds them there (`input::shared`).
fn origins(count: usize, marked: bool) -> impl Iterator<Item = Option<Origin>> {
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    (0..count).map(move |index| marked.then_some(Origin { index, count }))
}

fn mark_customer(c: &mut Customer, marked: bool) {
    let (items, records) = (
        origins(c.balance.len(), marked),
        origins(c.keys.len(), marked),
    );
    for (item, origin) in c.balance.iter_mut().zip(items) {
        item.origin = origin;
    }
    for (record, origin) in c.keys.iter_mut().zip(records) {
        record.origin = origin;
    }
}

fn mark_cash(s: &mut CashBalanceState, marked: bool) {
    let recent = origins(s.transactions.recent.len(), marked);
    for (r, origin) in s.transactions.recent.iter_mut().zip(recent) {
        r.origin = origin;
    }
}

struct Slot {
    handle: u64,
    used: u64,
    /// The handle of the kept value whose call answered this one (0: a value read from text).
    from: u64,
    /// Whether a call was given it back (its handle passed).
    handed_back: bool,
    kept: Kept,
}

struct Held {
    slots: Vec<Slot>,
    /// The last handle given (0 is none) and the clock of uses.
    handle: u64,
    clock: u64,
}

thread_local! {
    static HELD: RefCell<Held> = const {
        RefCell::new(Held {
            slots: Vec::new(),
            handle: 0,
            clock: 0,
        })
    };
}

/// Whether `handle` names a value still kept.
pub fn is_held(handle: u64) -> bool {
    HELD.with(|h| h.borrow().slots.iter().any(|s| s.handle == handle))
}

/// What `copy` takes from the value `handle` names (a copy of it, if it is of its kind), the
/// value then used last.
fn kept<T>(handle: u64, copy: impl FnOnce(&Kept) -> Option<T>) -> Option<T> {
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        h.clock = h.clock.wrapping_add(1);
        let clock = h.clock;
        let slot = h.slots.iter_mut().find(|s| s.handle == handle)?;
        slot.used = clock;
        slot.handed_back = true;
        copy(&slot.kept)
    })
}

/// A copy of the customer `handle` names, its elements marked as the argument's own at their
/// indexes when `shared` (the bridge's object holds them there: `input::shared`); `None` when
/// gone or not a customer.
pub fn customer(handle: u64, shared: bool) -> Option<Customer> {
    let mut c = kept(handle, |k| match k {
        Kept::Customer(c) => Some(c.clone()),
        Kept::Cash(_) => None,
    })?;
    if shared {
        mark_customer(&mut c, true);
    }
    Some(c)
}

/// A copy of the cash balance state `handle` names, marked as [`customer`] marks a customer.
pub fn cash_state(handle: u64, shared: bool) -> Option<CashBalanceState> {
    let mut s = kept(handle, |k| match k {
        Kept::Cash(s) => Some(s.clone()),
        Kept::Customer(_) => None,
    })?;
    if shared {
        mark_cash(&mut s, true);
    }
    Some(s)
}

/// Keeps `kept` (the value an answer returns, to a call given `from`) and gives its handle, or
/// `None` when it is too large to keep (or every handle was given).
pub fn hold(mut kept: Kept, from: Given) -> Option<u64> {
    let from = match from {
        Given::Held(handle) => handle,
        Given::Text(_) => 0,
    };
    if kept.elements() > MAX_HELD_ELEMENTS {
        return None;
    }
    match &mut kept {
        Kept::Customer(c) => mark_customer(c, false),
        Kept::Cash(s) => mark_cash(s, false),
    }
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        h.clock = h.clock.wrapping_add(1);
        h.handle = h.handle.checked_add(1).filter(|&n| n <= MAX_HANDLE)?;
        let slot = Slot {
            handle: h.handle,
            used: h.clock,
            from,
            handed_back: false,
            kept,
        };
        let superseded = h
            .slots
            .iter_mut()
            .find(|s| from != 0 && s.from == from && !s.handed_back);
        if let Some(s) = superseded {
            *s = slot;
        } else if h.slots.len() < MAX_HELD {
            h.slots.push(slot);
        } else if let Some(oldest) = h.slots.iter_mut().min_by_key(|s| s.used) {
            *oldest = slot;
        }
        Some(h.handle)
    })
}

/// The answer with the handle of the value it returns, kept ([`hold`]), as its envelope's
/// `"held"`: `{"value":…}` becomes `{"value":…,"held":handle}`. One copy for every call (not
/// generic).
#[inline(never)]
pub fn held_answer(mut answer: String, kept: Option<Kept>, from: Given) -> String {
    if let Some(handle) = kept.and_then(|k| hold(k, from)) {
        answer.pop();
        answer.push_str(",\"held\":");
        answer.push_str(itoa::Buffer::new().format(handle));
        answer.push('}');
    }
    answer
}

/// The error of a handle no longer kept (the bridge checks [`is_held`] first, so only a caller of
/// the `api` functions meets it).
pub fn gone() -> crate::input::issue::Error {
    crate::input::issue::Error::new(
        crate::input::issue::Code::InternalError,
        "the value the bridge held is gone; pass it again",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::customer_text::read_customer_text;

    fn customer(id: &str, items: usize) -> Customer {
        let balance = vec![r#"{"price":"1.00"}"#; items].join(",");
        let text = format!(r#"{{"id":"{id}","currency":"SEK","balance":[{balance}]}}"#);
        read_customer_text(&text).map(|(c, _)| c).unwrap()
    }

    #[test]
    fn a_held_customer_comes_back_as_held_its_elements_marked_when_shared() {
        let handle = hold(Kept::Customer(customer("a", 3)), Given::Text("")).unwrap();
        assert!(is_held(handle));
        let whole = super::customer(handle, false).unwrap();
        assert_eq!(whole, customer("a", 3));
        let shared = super::customer(handle, true).unwrap();
        let origins: Vec<_> = shared.balance.iter().map(|i| i.origin).collect();
        assert_eq!(
            origins,
            (0..3)
                .map(|index| Some(Origin { index, count: 3 }))
                .collect::<Vec<_>>()
        );
        // Marks on a customer given to hold are not kept: its own answer set them.
        let mut marked = shared.clone();
        marked.balance.truncate(1);
        let again = hold(Kept::Customer(marked), Given::Text("")).unwrap();
        assert_ne!(again, handle);
        assert_eq!(
            super::customer(again, false).unwrap().balance[0].origin,
            None
        );
    }

    #[test]
    fn the_least_recently_used_goes_and_no_handle_is_given_twice() {
        let first = hold(Kept::Customer(customer("first", 1)), Given::Text("")).unwrap();
        let mut handles = vec![first];
        for k in 0..3 * MAX_HELD {
            // `first` is used between every two holds, so it stays.
            assert!(super::customer(first, false).is_some());
            handles.push(
                hold(
                    Kept::Customer(customer(&format!("c{k}"), 1)),
                    Given::Text(""),
                )
                .unwrap(),
            );
        }
        assert!(handles.windows(2).all(|w| w[0] < w[1]), "handles only grow");
        assert!(is_held(first));
        let held = handles.iter().filter(|&&h| is_held(h)).count();
        assert_eq!(held, MAX_HELD);
        assert!(!is_held(handles[1]));
        assert_eq!(super::customer(handles[1], true), None);
        assert!(is_held(*handles.last().unwrap()));
    }

    #[test]
    fn answers_nobody_handed_back_take_one_place() {
        let first = hold(Kept::Customer(customer("loop", 1)), Given::Text("")).unwrap();
        let others: Vec<u64> = (0..MAX_HELD - 2)
            .map(|k| {
                hold(
                    Kept::Customer(customer(&format!("o{k}"), 1)),
                    Given::Text(""),
                )
            })
            .collect::<Option<_>>()
            .unwrap();
        // A host calling again and again with `first`, dropping each answer.
        let mut last = 0;
        for k in 0..4 * MAX_HELD {
            assert!(super::customer(first, false).is_some(), "call {k}");
            let answer = Kept::Customer(customer(&format!("a{k}"), 1));
            last = hold(answer, Given::Held(first)).unwrap();
        }
        assert!(is_held(first) && is_held(last));
        assert!(others.iter().all(|&o| is_held(o)), "the other values stay");
        // An answer handed back is a loop's value: the next answer takes a place of its own.
        assert!(super::customer(last, false).is_some());
        let next = hold(Kept::Customer(customer("next", 1)), Given::Held(first)).unwrap();
        assert!(is_held(last) && is_held(next));
    }

    #[test]
    fn a_handle_names_one_kind_of_value() {
        let text = r#"{"customer":"cus_1","recent_transactions":[{"id":"a","created":1},{"id":"b","created":2}]}"#;
        let (state, _) = crate::cash::state_text::read_state_text(text).unwrap();
        let cash = hold(Kept::Cash(state.clone()), Given::Text("")).unwrap();
        let person = hold(Kept::Customer(customer("p", 1)), Given::Text("")).unwrap();
        assert_eq!(cash_state(cash, false), Some(state));
        assert_eq!(super::customer(cash, false), None);
        assert_eq!(cash_state(person, false), None);
        let shared = cash_state(cash, true).unwrap();
        let origins: Vec<_> = shared
            .transactions
            .recent
            .iter()
            .map(|r| r.origin)
            .collect();
        assert_eq!(
            origins,
            [0, 1].map(|index| Some(Origin { index, count: 2 }))
        );
    }

    #[test]
    fn a_customer_too_large_is_not_held() {
        assert_eq!(
            hold(
                Kept::Customer(customer("big", MAX_HELD_ELEMENTS + 1)),
                Given::Text("")
            ),
            None
        );
        assert!(hold(
            Kept::Customer(customer("fits", MAX_HELD_ELEMENTS)),
            Given::Text("")
        )
        .is_some());
    }
}
