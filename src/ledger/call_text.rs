//! The other arguments of the ledger calls read straight from their JSON text, as
//! [`customer_text`](crate::ledger::customer_text) reads the customer: a body of items, the
//! options, an outcome, an order, the journal entries of a replay. Each reader answers `None` on anything the general reader would
//! report and on anything it declines (a repeated field, a key written with an escape); the caller
//! then parses the text and reads it with every issue at its path. So what is read here is what the
//! general reader reads from the same text.

use std::rc::Rc;

use rust_decimal::Decimal;

use crate::checkout::item::{self, read_item_text, Item, ItemView, MAX_ITEMS, PRICE_BOUNDS};
use crate::input::reader::{element_texts, whole, Reader};
use crate::ledger::charge::{Options, MAX_ORDER_NUMBER_LEN, OPTION_FIELDS, ORDER_FIELDS};
use crate::ledger::idempotency::MAX_KEY_LEN;
use crate::ledger::journal::{
    EntryKind, LedgerEntry, ENTRY_FIELDS, ITEM_VIEW_FIELDS, MAX_RETRIES, MAX_TEXT,
};
use crate::ledger::operation::MAX_REPLAY_ENTRIES;
use crate::money::amount;
use crate::money::currency::Currency;
use crate::time::stamp::Stamp;

/// A body as [`item::read_body`] reads it: a strictly positive amount (a bare charge), one item,
/// or a non-empty array of at most [`MAX_ITEMS`] items.
pub fn read_body_text(text: &str) -> Option<Vec<Item>> {
    whole(text, read_body)
}

fn read_body(r: &mut Reader) -> Option<Vec<Item>> {
    match r.next_byte()? {
        b'{' => Some(vec![read_item_text(r)?]),
        b'[' => {
            let mut items = Vec::new();
            r.elements(|r| {
                if items.len() == MAX_ITEMS {
                    return None;
                }
                items.push(read_item_text(r)?);
                Some(())
            })?;
            (!items.is_empty()).then_some(items)
        }
        _ => {
            let price = amount::read_bounded(r, PRICE_BOUNDS)?;
            (price > Decimal::ZERO).then(|| vec![Item::charge(price)])
        }
    }
}

/// Options as [`read_options`](crate::ledger::charge::read_options) reads them (`now` required).
pub fn read_options_text(text: &str) -> Option<Options> {
    whole(text, |r| {
        let (mut now, mut idempotency_key, mut number, mut detail_summary) =
            (None, None, None, false);
        r.members_of(OPTION_FIELDS, |r, key| {
            match key {
                "now" => {
                    let t = Stamp::parse(&r.str()?)?;
                    now = Some((t, t.format()?));
                }
                "idempotency_key" => {
                    let k: String = item::text(r, MAX_KEY_LEN)?;
                    idempotency_key = Some(k).filter(|k| !k.is_empty());
                    idempotency_key.as_ref()?;
                }
                "number" => number = Some(item::text(r, MAX_ORDER_NUMBER_LEN)?),
                _ => {
                    detail_summary = match &*r.str()? {
                        "full" => false,
                        "summary" => true,
                        _ => return None,
                    }
                }
            }
            Some(())
        })?;
        let (now, now_text) = now?;
        Some(Options {
            now,
            now_text,
            idempotency_key,
            number,
            detail_summary,
        })
    })
}

/// An outcome as [`read_outcome`](crate::ledger::charge::read_outcome) reads it: `true` for
/// `"success"`, `false` for `"failure"`.
pub fn read_outcome_text(text: &str) -> Option<bool> {
    whole(text, |r| match &*r.str()? {
        "success" => Some(true),
        "failure" => Some(false),
        _ => None,
    })
}

/// An order as written, before it is checked against the customer (its currency and customer
/// must be the customer's: the caller checks, and takes the general reader when they are not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderText {
    pub number: String,
    pub items: Vec<Item>,
    pub currency: Currency,
    pub customer: String,
}

/// An order as `read_order` (ledger::charge) reads it: `number`, `items`, `currency`, `customer`
/// and `payment: { type: "customer", charge: "balance" }`, all required.
pub fn read_order_text(text: &str) -> Option<OrderText> {
    whole(text, |r| {
        let (mut number, mut items, mut currency, mut customer) = (None, None, None, None);
        let seen = r.members_of(ORDER_FIELDS, |r, key| {
            match key {
                "number" => number = Some(item::text(r, MAX_ORDER_NUMBER_LEN)?),
                "items" => items = Some(read_body(r)?),
                "currency" => currency = Some(Currency::parse(&r.str()?)?),
                "customer" => customer = Some(r.str()?.into_owned()),
                _ => read_payment(r)?,
            }
            Some(())
        })?;
        // The payment has no value to keep, only its presence.
        (seen & (1 << (ORDER_FIELDS.len() - 1)) != 0).then_some(())?;
        Some(OrderText {
            number: number?,
            items: items?,
            currency: currency?,
            customer: customer?,
        })
    })
}

/// `{ type: "customer", charge: "balance" }`, exactly.
fn read_payment(r: &mut Reader) -> Option<()> {
    let seen = r.members_of(&["type", "charge"], |r, key| {
        let want = if key == "type" { "customer" } else { "balance" };
        (r.str()? == want).then_some(())
    })?;
    (seen == 0b11).then_some(())
}

/// The entries of `text` (`replayJournal`'s), each as
/// [`read_entry`](crate::ledger::journal::read_entry) reads it, or `None` when any of them (or the
/// array) is for that reader.
pub fn read_entries_text(text: &str) -> Option<Vec<LedgerEntry>> {
    let texts = element_texts(text)?;
    if texts.len() > MAX_REPLAY_ENTRIES {
        return None;
    }
    texts.into_iter().map(|t| whole(t, read_entry)).collect()
}

fn read_entry(r: &mut Reader) -> Option<LedgerEntry> {
    let (mut id, mut version, mut kind, mut at, mut currency) = (None, None, None, None, None);
    let (mut amount, mut items, mut charged, mut order) = (None, None, None, None);
    let (mut idempotency_key, mut fingerprint, mut retries) = (None, None, None);
    let (mut total_after, mut unsettled_after, mut settlement_due) = (None, None, None);
    r.members_of(ENTRY_FIELDS, |r, key| {
        match key {
            "id" => id = Some(entry_text(r)?),
            "version" => version = Some(r.u64()?),
            "kind" => kind = Some(EntryKind::parse(&entry_text(r)?)?),
            "at" => at = Some(entry_text(r)?),
            "currency" => currency = Some(Currency::parse(&entry_text(r)?)?),
            "amount" => amount = Some(entry_text(r)?),
            "items" => items = Some(u32::try_from(r.u64()?).ok()?),
            "charged" => charged = Some(read_item_views(r)?),
            "order" => order = Some(entry_text(r)?),
            "idempotency_key" => idempotency_key = Some(entry_text(r)?),
            "fingerprint" => fingerprint = Some(entry_text(r)?),
            "retries" => {
                let mut times = Vec::new();
                r.elements(|r| {
                    (times.len() < MAX_RETRIES).then_some(())?;
                    times.push(r.str()?.into_owned());
                    Some(())
                })?;
                retries = Some(times);
            }
            "total_after" => total_after = Some(entry_text(r)?),
            "unsettled_after" => unsettled_after = Some(entry_text(r)?),
            _ => settlement_due = Some(r.bool()?),
        }
        Some(())
    })?;
    Some(LedgerEntry {
        id: id?,
        version: version?,
        kind: kind?,
        at: at?,
        currency: currency?,
        amount: amount?,
        items,
        charged,
        order,
        idempotency_key,
        fingerprint,
        retries,
        total_after: total_after?,
        unsettled_after: unsettled_after?,
        settlement_due: settlement_due?,
    })
}

/// A charge entry's items, each field the text it is.
fn read_item_views(r: &mut Reader) -> Option<Vec<ItemView>> {
    let mut views = Vec::new();
    r.elements(|r| {
        (views.len() < MAX_ITEMS).then_some(())?;
        let (mut number, mut name, mut price, mut quantity) = (None, None, None, None);
        let (mut unit, mut vat, mut rebate) = (None, None, None);
        r.members_of(ITEM_VIEW_FIELDS, |r, key| {
            let text = entry_text(r)?;
            match key {
                "number" => number = Some(Rc::from(text)),
                "name" => name = Some(Rc::from(text)),
                "price" => price = Some(text),
                "quantity" => quantity = Some(text),
                "unit" => unit = Some(Rc::from(text)),
                "vat" => vat = Some(text),
                _ => rebate = Some(text),
            }
            Some(())
        })?;
        views.push(ItemView {
            number,
            name,
            price: price?,
            quantity: quantity?,
            unit,
            vat,
            rebate,
        });
        Some(())
    })?;
    Some(views)
}

/// A string field of an entry as `journal::text_at` reads it: at most [`MAX_TEXT`] characters.
fn entry_text(r: &mut Reader) -> Option<String> {
    let s = r.str()?;
    (s.chars().take(MAX_TEXT + 1).count() <= MAX_TEXT).then(|| s.into_owned())
}
