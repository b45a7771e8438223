//! Customers the JS bridge holds between calls. The loop a host writes,
//! `c = chargeBalance(c, item).customer`, hands back the very object the last call returned; the
//! bridge then checks it against its private copy of what it returned (js/bridge.js `same`) and,
//! when nothing changed, passes the handle of the customer kept here instead of its JSON text: the
//! call neither stringifies, copies nor reads it. A handle names one customer of one instance;
//! the last [`MAX_HELD`] used are kept, so a handle may be gone (`is_held` says so first). Handles
//! count up and are never given twice (2^53 of them: a JS number holds each exactly), so an old
//! handle can never name a newer customer.

use std::cell::RefCell;

use crate::input::shared::Origin;
use crate::ledger::customer::Customer;

/// Customers kept at once: the least recently used goes first.
const MAX_HELD: usize = 8;
/// Largest customer kept (unsettled items and remembered keys together); a larger one is read
/// from its text each call, as before.
const MAX_HELD_ELEMENTS: usize = 2_000;
/// The last handle given: 2^53, the largest integer a JS number holds exactly.
const MAX_HANDLE: u64 = 1 << 53;

struct Slot {
    handle: u64,
    used: u64,
    customer: Customer,
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

/// Whether `handle` names a customer still kept.
pub fn is_held(handle: u64) -> bool {
    HELD.with(|h| h.borrow().slots.iter().any(|s| s.handle == handle))
}

/// A copy of the customer `handle` names, its elements marked as the argument's own at their
/// indexes when `shared` (the bridge's object holds them there: `input::shared`).
pub fn customer(handle: u64, shared: bool) -> Option<Customer> {
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        h.clock = h.clock.wrapping_add(1);
        let clock = h.clock;
        let slot = h.slots.iter_mut().find(|s| s.handle == handle)?;
        slot.used = clock;
        let mut c = slot.customer.clone();
        if shared {
            mark(&mut c);
        }
        Some(c)
    })
}

/// Keeps `c` (the customer an answer returns) and gives its handle, or `None` when it is too large
/// to keep (or every handle was given).
pub fn hold(mut c: Customer) -> Option<u64> {
    if c.balance.len().saturating_add(c.keys.len()) > MAX_HELD_ELEMENTS {
        return None;
    }
    for item in &mut c.balance {
        item.origin = None;
    }
    for record in &mut c.keys {
        record.origin = None;
    }
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        h.clock = h.clock.wrapping_add(1);
        h.handle = h.handle.checked_add(1).filter(|&n| n <= MAX_HANDLE)?;
        let slot = Slot {
            handle: h.handle,
            used: h.clock,
            customer: c,
        };
        if h.slots.len() < MAX_HELD {
            h.slots.push(slot);
        } else if let Some(oldest) = h.slots.iter_mut().min_by_key(|s| s.used) {
            *oldest = slot;
        }
        Some(h.handle)
    })
}

/// Every element marked as the one at its index of an array of its count.
fn mark(c: &mut Customer) {
    let origins = |count: usize| {
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        (0..count).map(move |index| Some(Origin { index, count }))
    };
    let (items, records) = (origins(c.balance.len()), origins(c.keys.len()));
    for (item, origin) in c.balance.iter_mut().zip(items) {
        item.origin = origin;
    }
    for (record, origin) in c.keys.iter_mut().zip(records) {
        record.origin = origin;
    }
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
        let handle = hold(customer("a", 3)).unwrap();
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
        let again = hold(marked).unwrap();
        assert_ne!(again, handle);
        assert_eq!(
            super::customer(again, false).unwrap().balance[0].origin,
            None
        );
    }

    #[test]
    fn the_least_recently_used_goes_and_no_handle_is_given_twice() {
        let first = hold(customer("first", 1)).unwrap();
        let mut handles = vec![first];
        for k in 0..3 * MAX_HELD {
            // `first` is used between every two holds, so it stays.
            assert!(super::customer(first, false).is_some());
            handles.push(hold(customer(&format!("c{k}"), 1)).unwrap());
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
    fn a_customer_too_large_is_not_held() {
        assert_eq!(hold(customer("big", MAX_HELD_ELEMENTS + 1)), None);
        assert!(hold(customer("fits", MAX_HELD_ELEMENTS)).is_some());
    }
}
