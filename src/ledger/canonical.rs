//! Which of a customer argument's balance items and key records are written as the answers write
//! them, byte for byte: those an answer may share with the argument (`input::shared`). Each
//! element's text is compared with the text the writer would give it piece by piece (keys,
//! strings, amounts through the very function the views format them with), without writing it:
//! no view is built and nothing is allocated but one scratch string for the amounts. A text with
//! whitespace, another key order, an escape the writer does not write, an amount as a number or
//! with other digits (`"64.9"` for `"64.90"`) is not the writer's, and its element is not shared.

use rust_decimal::Decimal;

use crate::checkout::item::{Item, ItemView};
use crate::input::reader::{plain_run, starts_with};
use crate::input::shared::{Element, Origin, Spans};
use crate::input::writer::quoted;
use crate::ledger::customer::Customer;
use crate::ledger::idempotency::KeyRecord;
use crate::money::rounding::write_decimal;

/// Marks each balance item and key record of `c` whose text in `text` (at `spans`, where its
/// reader found them) is the writer's text of it with its [`Origin`]. An array whose spans are
/// not one per element (a customer the general reader read from a text with the array twice)
/// shares nothing.
pub fn mark(c: &mut Customer, text: &str, spans: &Spans) {
    let [items, records] = spans;
    let scale = c.scale();
    let mut scratch = String::new();
    mark_each(&mut c.balance, items, text, |item, t| {
        item_written_as(item, scale, t, &mut scratch)
    });
    mark_each(&mut c.keys, records, text, record_written_as);
}

/// Something an origin is set on.
trait Marked {
    fn set(&mut self, origin: Origin);
}

impl Marked for Item {
    fn set(&mut self, origin: Origin) {
        self.origin = Some(origin);
    }
}

impl Marked for KeyRecord {
    fn set(&mut self, origin: Origin) {
        self.origin = Some(origin);
    }
}

fn mark_each<T: Marked>(
    elements: &mut [T],
    spans: &[(usize, usize)],
    text: &str,
    mut written_as: impl FnMut(&T, &str) -> bool,
) {
    let Ok(count) = u32::try_from(spans.len()) else {
        return;
    };
    if spans.len() != elements.len() {
        return;
    }
    for ((e, &(from, to)), index) in elements.iter_mut().zip(spans).zip(0..) {
        if text.get(from..to).is_some_and(|t| written_as(e, t)) {
            e.set(Origin { index, count });
        }
    }
}

/// An order's items (`items`, their views `order`) that are the values of the customer argument's
/// balance items written as the answers write them, so of the same text: shared as those, where a
/// comparison of the texts would find them (the first item looked up among the balance, the rest
/// compared in step with it).
pub fn share_like(order: &mut [Element<ItemView>], items: &[Item], balance: &[Item]) {
    let Some(first) = items.first() else {
        return;
    };
    let Some(offset) = balance
        .iter()
        .position(|b| b.origin.is_some() && same(b, first))
    else {
        return;
    };
    for ((e, item), b) in order.iter_mut().zip(items).zip(balance.iter().skip(offset)) {
        if let (Some(origin), true) = (b.origin, same(b, item)) {
            *e = Element::Shared(origin);
        }
    }
}

/// Two items of the same values (so of the same view: amounts are formatted from their values).
fn same(a: &Item, b: &Item) -> bool {
    a.number == b.number
        && a.name == b.name
        && a.price == b.price
        && a.quantity == b.quantity
        && a.unit == b.unit
        && a.vat == b.vat
        && a.rebate == b.rebate
}

/// True when `text` is exactly what the writer writes for `item`'s view at `scale` (the
/// currency's digits): `ItemView`'s fields in its order, the absent ones left out.
pub fn item_written_as(item: &Item, scale: u32, text: &str, scratch: &mut String) -> bool {
    let mut e = Expect::new(text);
    let mut amount = |e: &mut Expect, key, d: Decimal, min_scale| {
        scratch.clear();
        write_decimal(scratch, d, min_scale);
        e.key(key)?;
        // Digits, a sign and a point: nothing to escape.
        e.plain_string(scratch)
    };
    (|| {
        e.byte(b'{')?;
        if let Some(number) = &item.number {
            e.key(r#""number":"#)?;
            e.string(number)?;
        }
        if let Some(name) = &item.name {
            e.key(r#""name":"#)?;
            e.string(name)?;
        }
        amount(&mut e, r#""price":"#, item.price, scale)?;
        amount(&mut e, r#""quantity":"#, item.quantity, 0)?;
        if let Some(unit) = &item.unit {
            e.key(r#""unit":"#)?;
            e.string(unit)?;
        }
        if let Some(vat) = item.vat {
            amount(&mut e, r#""vat":"#, vat, scale)?;
        }
        if let Some(rebate) = item.rebate {
            amount(&mut e, r#""rebate":"#, rebate, scale)?;
        }
        e.end()
    })()
    .is_some()
}

/// True when `text` is exactly what the writer writes for `record`.
pub fn record_written_as(record: &KeyRecord, text: &str) -> bool {
    let mut e = Expect::new(text);
    (|| {
        e.byte(b'{')?;
        e.key(r#""key":"#)?;
        e.string(&record.key)?;
        e.key(r#""fingerprint":"#)?;
        match &record.fingerprint {
            // `sha256:` and hex digits (both readers check it): nothing to escape.
            Some(f) => e.plain_string(f)?,
            None => e.lit("null")?,
        }
        e.key(r#""at":"#)?;
        e.string(&record.at)?;
        e.key(r#""versions":"#)?;
        e.byte(b'[')?;
        let mut n = itoa::Buffer::new();
        for (i, v) in record.versions.iter().enumerate() {
            if i > 0 {
                e.byte(b',')?;
            }
            e.lit(n.format(*v))?;
        }
        e.byte(b']')?;
        e.end()
    })()
    .is_some()
}

/// The text still to match, and whether the next key is an object's first.
struct Expect<'a> {
    rest: &'a [u8],
    first: bool,
}

impl<'a> Expect<'a> {
    fn new(text: &'a str) -> Self {
        Expect {
            rest: text.as_bytes(),
            first: true,
        }
    }

    /// `s` next.
    fn lit(&mut self, s: &str) -> Option<()> {
        let s = s.as_bytes();
        self.rest = self
            .rest
            .get(s.len()..)
            .filter(|_| starts_with(self.rest, s))?;
        Some(())
    }

    /// The byte `b` next (one comparison, not a call of `memcmp`: in wasm that is a loop).
    fn byte(&mut self, b: u8) -> Option<()> {
        match self.rest.split_first() {
            Some((&next, rest)) if next == b => {
                self.rest = rest;
                Some(())
            }
            _ => None,
        }
    }

    /// A member's key as the writer writes a field's (`key` is its text, `"name":`): after a
    /// comma unless it is the first.
    fn key(&mut self, key: &str) -> Option<()> {
        if !std::mem::replace(&mut self.first, false) {
            self.byte(b',')?;
        }
        self.lit(key)
    }

    /// `s` as the writer's string literal: as it is when nothing needs an escape (most texts),
    /// else as the writer escapes it.
    fn string(&mut self, s: &str) -> Option<()> {
        if plain_run(s.as_bytes()) == s.len() {
            self.plain_string(s)
        } else {
            self.lit(&quoted(s))
        }
    }

    /// `s`, known to need no escape, as a string literal.
    fn plain_string(&mut self, s: &str) -> Option<()> {
        self.byte(b'"')?;
        self.lit(s)?;
        self.byte(b'"')
    }

    /// The object's `}`, and nothing after it.
    fn end(&mut self) -> Option<()> {
        self.byte(b'}')?;
        self.rest.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::item::read_item_text;
    use crate::input::reader::Reader;
    use crate::input::writer::to_string;
    use crate::ledger::idempotency::read_records_text;

    fn item(text: &str) -> Item {
        read_item_text(&mut Reader::new(text)).unwrap()
    }

    /// The verdict on `text`, checked against the writer's own text of the item it reads.
    fn item_verdict(text: &str, scale: u32) -> bool {
        let it = item(text);
        let written = to_string(&it.view(scale)).unwrap();
        let verdict = item_written_as(&it, scale, text, &mut String::new());
        assert_eq!(verdict, written == text, "{text} vs {written}");
        verdict
    }

    #[test]
    fn an_item_is_shared_only_as_the_writer_writes_it() {
        let canonical = [
            r#"{"number":"7310865004703","name":"Bryggkaffe 450 g","price":"64.90","quantity":"1","unit":"st","vat":"6.95"}"#,
            r#"{"price":"5.00","quantity":"1"}"#,
            r#"{"name":"Kaffe \"1\" ö\\","price":"0.123456","quantity":"0.412","rebate":"0.10"}"#,
            r#"{"price":"1000000000000.00","quantity":"2","unit":"😀","vat":"0.00"}"#,
        ];
        for text in canonical {
            assert!(item_verdict(text, 2), "{text}");
        }
        let not = [
            r#"{ "price":"5.00","quantity":"1"}"#,
            r#"{"price":"5.00", "quantity":"1"}"#,
            r#"{"price":"5.00","quantity":"1"} "#,
            r#"{"quantity":"1","price":"5.00"}"#,
            r#"{"price":5.00,"quantity":"1"}"#,
            r#"{"price":"5","quantity":"1"}"#,
            r#"{"price":"5.0","quantity":"1"}"#,
            r#"{"price":"5.000","quantity":"1"}"#,
            r#"{"price":"05.00","quantity":"1"}"#,
            r#"{"price":"5.00","quantity":"1.0"}"#,
            r#"{"price":"5.00","quantity":1}"#,
            r#"{"price":"5.00"}"#,
            r#"{"price":"64.9","quantity":"1"}"#,
            r#"{"name":"\u004b","price":"5.00","quantity":"1"}"#,
            r#"{"name":"a\/b","price":"5.00","quantity":"1"}"#,
            r#"{"name":"\u0022","price":"5.00","quantity":"1"}"#,
            r#"{"name":"\u005c","price":"5.00","quantity":"1"}"#,
            r#"{"name":"\ud83d\ude00","price":"5.00","quantity":"1"}"#,
            r#"{"name":"é","price":"5.00","quantity":"1","number":"1"}"#,
            r#"{"price":"5.00","quantity":"1","vat":"1.2"}"#,
            r#"{"price":"5.00","quantity":"1","vat":"1.20","rebate":"0.5"}"#,
        ];
        for text in not {
            assert!(!item_verdict(text, 2), "{text}");
        }
        // The currency's digits decide: "64.9" is the writer's text at one digit, not at two.
        assert!(item_verdict(r#"{"price":"64.9","quantity":"1"}"#, 1));
        assert!(item_verdict(r#"{"price":"64","quantity":"1"}"#, 0));
        assert!(!item_verdict(r#"{"price":"64.90","quantity":"1"}"#, 0));
        assert!(item_verdict(r#"{"price":"64.95","quantity":"1"}"#, 0));
    }

    #[test]
    fn a_record_is_shared_only_as_the_writer_writes_it() {
        let fp = "sha256:8ef6a4d87c8e26975943029167089c96a19fcd7fa98b52356d9788e886f1e58f";
        let verdicts = [
            (
                format!(r#"{{"key":"k1","fingerprint":"{fp}","at":"2026-11-23T07:00:00Z","versions":[1]}}"#),
                true,
            ),
            (
                r#"{"key":"k\"2","fingerprint":null,"at":"2026-11-23T08:00:00+01:00","versions":[]}"#.to_owned(),
                true,
            ),
            (
                r#"{"key":"k","fingerprint":null,"at":"2026-11-23T08:00:00Z","versions":[1,22]}"#.to_owned(),
                true,
            ),
            (
                r#"{"key":"k","fingerprint":null,"at":"2026-11-23T08:00:00Z","versions":[1, 22]}"#.to_owned(),
                false,
            ),
            (
                r#"{"fingerprint":null,"key":"k","at":"2026-11-23T08:00:00Z","versions":[1]}"#.to_owned(),
                false,
            ),
            (
                r#"{"key":"\u006b","fingerprint":null,"at":"2026-11-23T08:00:00Z","versions":[1]}"#.to_owned(),
                false,
            ),
        ];
        for (text, expected) in verdicts {
            let mut spans = Vec::new();
            let records =
                read_records_text(&mut Reader::new(&format!("[{text}]")), &mut spans).unwrap();
            let written = to_string(&records[0]).unwrap();
            assert_eq!(record_written_as(&records[0], &text), expected, "{text}");
            assert_eq!(written == text, expected, "{text} vs {written}");
        }
    }
}
