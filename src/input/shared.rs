//! Elements an answer shares with its customer argument. A charge answers the whole customer, yet
//! of a café customer's 20 items and 20 remembered keys it changes none: it appends one item and
//! one key. The JS bridge already holds those elements (the argument it was given), so the
//! answer it asks for (`Form::Shared`) writes each run of unchanged elements as a reference to
//! the argument's array, `{"\u0000shared":[source, from, to, count]}`, and the bridge puts the
//! argument's own elements `from..to` there (js/bridge.js `unshare`): JS parses only what changed.
//!
//! An element may be referenced only when the answer's text of it would be byte for byte the
//! argument's text of it (the text `JSON.stringify` wrote), so parsing that text again would
//! build an equal object. Which elements those are is decided once, when the customer is read
//! (`ledger::canonical` marks each element with its [`Origin`]); the operations only move or
//! drop elements, never change one, so an element keeps its origin through them, and the views
//! hold an unchanged element as [`Element::Shared`]: neither formatted nor written, nor compared.
//!
//! The same answers carry an order's lines packed into one text of their amounts ([`packed`]),
//! which the bridge turns back into the line objects.

use std::cell::Cell;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::input::reader::Reader;

/// Where an element of a customer argument's `balance` or `idempotency_keys` came from: its index
/// there and how many the array held. Set only on an element whose text there is the text the
/// answers write for it (`ledger::canonical`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub index: u32,
    pub count: u32,
}

/// An element of an answer's array that may share with the argument: written (`Own`), or the
/// argument's element, unchanged (`Shared`), written as a reference to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element<T> {
    Own(T),
    Shared(Origin),
}

/// The source of the argument's `balance` in a reference (the bridge's index of that array).
const BALANCE: u32 = 0;
/// The source of the argument's `idempotency_keys`.
const KEYS: u32 = 1;
/// The source of a cash balance state's `recent_transactions` (the one array a cash call shares).
const RECENT: u32 = 0;

/// A customer view's `balance` (and an order's `items`, the balance it settles).
pub fn balance<T: Serialize, S: Serializer>(
    elements: &[Element<T>],
    s: S,
) -> Result<S::Ok, S::Error> {
    write(elements, BALANCE, s)
}

/// A customer view's `idempotency_keys`.
pub fn keys<T: Serialize, S: Serializer>(elements: &[Element<T>], s: S) -> Result<S::Ok, S::Error> {
    write(elements, KEYS, s)
}

/// A cash balance state's `recent_transactions`.
pub fn recent<T: Serialize, S: Serializer>(
    elements: &[Element<T>],
    s: S,
) -> Result<S::Ok, S::Error> {
    write(elements, RECENT, s)
}

/// The array: each owned element written, each run of shared elements that are consecutive in
/// the argument written as one reference.
fn write<T: Serialize, S: Serializer>(
    elements: &[Element<T>],
    source: u32,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(None)?;
    let mut rest = elements;
    while let Some((first, tail)) = rest.split_first() {
        let origin = match first {
            Element::Own(v) => {
                seq.serialize_element(v)?;
                rest = tail;
                continue;
            }
            Element::Shared(origin) => *origin,
        };
        let run = 1 + tail
            .iter()
            .zip(1..)
            .take_while(|(e, k)| {
                matches!(e, Element::Shared(o) if o.count == origin.count
                    && Some(o.index) == origin.index.checked_add(*k))
            })
            .count();
        let to = u32::try_from(run)
            .ok()
            .and_then(|n| origin.index.checked_add(n))
            .unwrap_or(u32::MAX);
        seq.serialize_element(&Reference([source, origin.index, to, origin.count]))?;
        rest = tail.get(run - 1..).unwrap_or_default();
    }
    seq.end()
}

/// `{"\u0000shared":[source, from, to, count]}` (a map: its key is escaped as any string is).
struct Reference([u32; 4]);

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("\u{0}shared", &self.0)?;
        map.end()
    }
}

thread_local! {
    /// Set while an answer for the bridge is written ([`packed`]).
    static PACKING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `write`, the writing of an answer for the bridge: what the bridge builds faster from a
/// packed text than JSON.parse builds it from JSON (an order's lines: `checkout::item::Lines`)
/// is written packed.
pub fn packed<T>(write: impl FnOnce() -> T) -> T {
    PACKING.set(true);
    let written = write();
    PACKING.set(false);
    written
}

/// Whether the answer being written is the bridge's ([`packed`]).
pub fn packing() -> bool {
    PACKING.get()
}

/// `{"\u0000lines": text}`: an order's lines packed (`checkout::item::Lines`), which
/// js/bridge.js `unshare` turns back into the line objects.
pub fn packed_lines<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(1))?;
    map.serialize_entry("\u{0}lines", text)?;
    map.end()
}

/// Where each element of a customer's `balance` and of its `idempotency_keys` is in its text (as
/// its typed reader finds them: `ledger::customer_text`, or [`spans_of`]).
pub type Spans = [Vec<(usize, usize)>; 2];

/// Where the elements of a customer argument's text are, for a customer the general reader read
/// (a text that is not an object as the answers write it finds no elements, and nothing is
/// shared). A key written with an escape is not compared: it names neither array.
pub fn spans_of(text: &str) -> Spans {
    let mut spans = Spans::default();
    let mut r = Reader::new(text);
    // The general reader has read the text: its nesting is bounded already.
    r.max_depth = usize::MAX;
    // What is not an object as expected just finds fewer elements.
    let _ = r.any_members(|r, key| {
        let slot = match key {
            Some("balance") => spans.get_mut(0),
            Some("idempotency_keys") => spans.get_mut(1),
            _ => None,
        };
        match slot {
            Some(spans) if r.next_byte() == Some(b'[') => r.elements_spanned(spans, Reader::skip),
            _ => r.skip(),
        }
    });
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_elements_of_balance_and_keys() {
        let text = r#" {"id":"c\"1]","balance" : [ {"price":"1.00","name":"a]}\"[{"} , {"price":"2.00"} ],"x":[[1],{"y":"]"}],"idempotency_keys":[{"key":"k","versions":[1]}],"version":3} "#;
        let spans = spans_of(text);
        let element = |source: usize, i: usize| {
            let (from, to) = spans[source][i];
            &text[from..to]
        };
        assert_eq!(spans[0].len(), 2);
        assert_eq!(element(0, 0), r#"{"price":"1.00","name":"a]}\"[{"}"#);
        assert_eq!(element(0, 1), r#"{"price":"2.00"}"#);
        assert_eq!(spans[1].len(), 1);
        assert_eq!(element(1, 0), r#"{"key":"k","versions":[1]}"#);
        for text in [
            "",
            "[]",
            "{",
            r#"{"balance":"#,
            r#"{"balance":[{"a":1}"#,
            r#"{"balance":7}"#,
        ] {
            assert!(spans_of(text)[0].len() <= 1, "{text}");
        }
    }

    /// Texts where a skimmer could lose its place: whitespace everywhere, escaped keys (which
    /// name neither array), containers and brackets inside strings in unknown fields, escaped
    /// quotes and backslashes, numbers with exponents.
    const TRICKY: [&str; 8] = [
        " \t\n{ \r\n\"balance\" \n:\t[ \n{ \"price\" : \"1.00\" } \r\n, \n\"x\" , 1.5e+3 ,-0.25E-7, true,false ,null, [ ] , { } ]\n,\"idempotency_keys\"\t:\n[ ] } \n",
        r#"{"bal\u0061nce":[{"a":1}],"balance":[{"n":"\\"},{"n":"\"]}"}],"\"idempotency_keys\"":[1]}"#,
        r#"{"x":{"y":[[{"z":"]}"}]],"w":{"v":{}}},"idempotency_keys":[{"key":"k\\\"","versions":[1,2]},{"at":"a\u00e9\ud83c\udf55"}],"balance":[]}"#,
        r#"{"balance":[1e5,2E-3,-0,0.5e+10,[1,[2,[3]]],{"a":{"b":["c\\"]}},"\\\\"],"idempotency_keys":7}"#,
        r#"{"idempotency_keys":[{"key":"a"}],"idempotency_keys":[{"key":"b"}],"balance":"[1,2]"}"#,
        r#"{"id\\":"\\","balance":[{"name":"\/\b\f\n\r\t"}],"version":3}"#,
        r#"{"balance" : [ "" , "\"" , "\\\"" ] , "idempotency_keys" : [ { } ] }"#,
        r#"[{"balance":[1]}]"#,
    ];

    #[test]
    fn finds_in_tricky_texts_what_the_texts_hold() {
        // Each array's elements, as the text writes them (a key with an escape names none).
        let expected: [[&[&str]; 2]; 8] = [
            [
                &[
                    r#"{ "price" : "1.00" }"#,
                    r#""x""#,
                    "1.5e+3",
                    "-0.25E-7",
                    "true",
                    "false",
                    "null",
                    "[ ]",
                    "{ }",
                ],
                &[],
            ],
            [&[r#"{"n":"\\"}"#, r#"{"n":"\"]}"}"#], &[]],
            [
                &[],
                &[
                    r#"{"key":"k\\\"","versions":[1,2]}"#,
                    r#"{"at":"a\u00e9\ud83c\udf55"}"#,
                ],
            ],
            [
                &[
                    "1e5",
                    "2E-3",
                    "-0",
                    "0.5e+10",
                    "[1,[2,[3]]]",
                    r#"{"a":{"b":["c\\"]}}"#,
                    r#""\\\\""#,
                ],
                &[],
            ],
            [&[], &[r#"{"key":"a"}"#, r#"{"key":"b"}"#]],
            [&[r#"{"name":"\/\b\f\n\r\t"}"#], &[]],
            [&[r#""""#, r#""\"""#, r#""\\\"""#], &["{ }"]],
            [&[], &[]],
        ];
        for (text, expected) in TRICKY.iter().zip(expected) {
            assert!(crate::input::reader::parse(text).is_ok(), "{text}");
            let spans = spans_of(text);
            for (spans, expected) in spans.iter().zip(expected) {
                let found: Vec<&str> = spans.iter().map(|&(from, to)| &text[from..to]).collect();
                assert_eq!(found, expected, "{text}");
            }
        }
    }

    #[test]
    fn runs_of_consecutive_shared_elements_are_one_reference_each() {
        let shared = |index, count| Element::<u8>::Shared(Origin { index, count });
        let elements = [
            shared(1, 9),
            shared(2, 9),
            Element::Own(7),
            shared(3, 9),
            shared(5, 9),
            shared(6, 9),
            shared(0, 2),
        ];
        #[derive(Serialize)]
        struct View<'a>(#[serde(serialize_with = "keys")] &'a [Element<u8>]);
        let text = crate::input::writer::to_string(&View(&elements)).unwrap();
        let r = |from, to, count| format!(r#"{{"\u0000shared":[1,{from},{to},{count}]}}"#);
        assert_eq!(
            text,
            format!(
                "[{},7,{},{},{}]",
                r(1, 3, 9),
                r(3, 4, 9),
                r(5, 7, 9),
                r(0, 1, 2)
            )
        );
        assert_eq!(text, serde_json::to_string(&View(&elements)).unwrap());
    }
}
