//! Elements an answer shares with its customer argument. A charge answers the whole customer, yet
//! of a café customer's 20 items and 20 remembered keys it changes none: it appends one item and
//! one key. The JS bridge already holds those elements (the argument it was given), so the
//! answer it asks for writes each run of unchanged elements as a reference to the argument's
//! array, `{"\u0000shared":[source, from, to, count]}`, and the bridge puts the argument's own
//! elements `from..to` there (js/bridge.js `unshare`): JS parses only what changed. An element is
//! unchanged when the answer's text of it is byte for byte the argument's text of it (the text
//! `JSON.stringify` wrote), so parsing that text again would build an equal object.
//!
//! Which arrays may share is told by their serialiser ([`balance`], [`keys`]): the writer
//! (`input::writer`) recognises the tokens when it writes with a [`Shared`] and writes the
//! elements whole otherwise (as serde_json does with any newtype struct).

use serde::{Serialize, Serializer};

/// The token of an array that may share elements with the argument's `balance` (short: the
/// writer compares it with the name of every newtype struct it writes).
pub const BALANCE: &str = "$0";
/// The token of an array that may share elements with the argument's `idempotency_keys`.
pub const KEYS: &str = "$1";

/// The source of a token: the index the bridge gives the argument's array.
pub fn source(token: &str) -> Option<usize> {
    match token {
        BALANCE => Some(0),
        KEYS => Some(1),
        _ => None,
    }
}

/// A customer view's `balance` (and an order's `items`, the balance it settles): serialised
/// through [`BALANCE`].
pub fn balance<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(BALANCE, value)
}

/// A customer view's `idempotency_keys`: serialised through [`KEYS`].
pub fn keys<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(KEYS, value)
}

/// Where each element of a customer's `balance` and of its `idempotency_keys` is in its text (as
/// its typed reader finds them: `ledger::customer_text`).
pub type Spans = [Vec<(usize, usize)>; 2];

/// The customer argument's text and where each element of its `balance` and `idempotency_keys`
/// is in it.
#[derive(Debug, Default)]
pub struct Shared<'a> {
    text: &'a str,
    spans: Spans,
    /// Arrays already rewritten, by source: their text as written and as rewritten (a preview
    /// writes the balance and the keys of three customers, most of them the same).
    done: std::cell::RefCell<Vec<Done>>,
}

/// An array rewritten: its source, its text as written, and where its rewriting is in the answer.
#[derive(Debug)]
struct Done {
    source: usize,
    written: String,
    at: (usize, usize),
}

impl<'a> Shared<'a> {
    /// The elements of a customer argument's text, where its reader found them.
    pub fn with_spans(text: &'a str, spans: Spans) -> Self {
        Shared {
            text,
            spans,
            ..Shared::default()
        }
    }

    /// The elements of a customer argument's text (read successfully before: a text that is not
    /// an object as the answers write it finds no elements, and nothing is shared).
    pub fn of_customer(text: &'a str) -> Self {
        let mut shared = Shared {
            text,
            ..Shared::default()
        };
        let mut s = Skim {
            bytes: text.as_bytes(),
            at: 0,
        };
        if s.eat(b'{') {
            while let Some((key, found)) = s.key() {
                let slot = match key {
                    b"balance" if found => shared.spans.get_mut(0),
                    b"idempotency_keys" if found => shared.spans.get_mut(1),
                    _ => None,
                };
                let read = match slot {
                    Some(spans) if s.peek() == Some(b'[') => s.elements(spans),
                    _ => s.value(),
                };
                if read.is_none() || !s.eat(b',') {
                    break;
                }
            }
        }
        shared
    }

    /// The text of element `i` of `source`.
    pub fn element(&self, source: usize, i: usize) -> Option<&'a str> {
        let &(from, to) = self.spans.get(source)?.get(i)?;
        self.text.get(from..to)
    }

    /// How many elements `source` has.
    pub fn count(&self, source: usize) -> usize {
        self.spans.get(source).map_or(0, Vec::len)
    }

    /// The index of the element of `source` whose text is `text`.
    pub fn find(&self, source: usize, text: &str) -> Option<usize> {
        (0..self.count(source)).find(|&i| self.element(source, i) == Some(text))
    }
}

impl Shared<'_> {
    /// Rewrites the array `out[start..]` (just written, compact) with each run of elements that
    /// are the argument's `source` elements, in order, as one reference. The answers only ever
    /// drop the oldest elements and append new ones, so element `k` is compared with the
    /// argument's `k + offset`, the offset found by looking the first element up among all of
    /// them (a window of keys drops its oldest): linear in the elements, however many differ.
    pub fn refer(&self, out: &mut String, start: usize, source: usize) {
        let Some(array) = out.get(start..) else {
            return;
        };
        // The rewritten text of an array written before stays where it is in `out` (the answer
        // only grows past it), so it is copied from there.
        let done = self
            .done
            .borrow()
            .iter()
            .find_map(|d| (d.source == source && d.written == array).then_some(d.at));
        if let Some((from, to)) = done {
            out.truncate(start);
            let mut copy = String::new();
            copy.push_str(out.get(from..to).unwrap_or_default());
            out.push_str(&copy);
            return;
        }
        let written = array.to_owned();
        self.rewrite(out, start, source);
        self.done.borrow_mut().push(Done {
            source,
            written,
            at: (start, out.len()),
        });
    }

    fn rewrite(&self, out: &mut String, start: usize, source: usize) {
        let Some(array) = out.get(start..) else {
            return;
        };
        let mut spans = Vec::new();
        let mut s = Skim {
            bytes: array.as_bytes(),
            at: 0,
        };
        if s.peek() != Some(b'[') || s.elements(&mut spans).is_none() {
            return;
        }
        let text = |&(from, to): &(usize, usize)| array.get(from..to).unwrap_or_default();
        let offset = spans
            .first()
            .and_then(|first| self.find(source, text(first)))
            .unwrap_or(0);
        let shared: Vec<bool> = (0..spans.len())
            .map(|k| {
                let mine = spans.get(k).map(text);
                mine.is_some() && self.element(source, k + offset) == mine
            })
            .collect();
        if !shared.contains(&true) {
            return;
        }
        let mut rewritten = String::with_capacity(array.len());
        let mut n = itoa::Buffer::new();
        let mut k = 0;
        while let Some(&is_shared) = shared.get(k) {
            rewritten.push(if k == 0 { '[' } else { ',' });
            if !is_shared {
                rewritten.push_str(spans.get(k).map(text).unwrap_or_default());
                k += 1;
                continue;
            }
            let run = shared.iter().skip(k).take_while(|&&b| b).count();
            rewritten.push_str("{\"\\u0000shared\":[");
            let from = k + offset;
            for (i, v) in [source, from, from + run, self.count(source)]
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    rewritten.push(',');
                }
                rewritten.push_str(n.format(v));
            }
            rewritten.push_str("]}");
            k += run;
        }
        rewritten.push(']');
        out.truncate(start);
        out.push_str(&rewritten);
    }
}

/// A skimmer over JSON text known to be valid: finds where values start and end, builds nothing.
struct Skim<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Skim<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `b` if it is next.
    fn eat(&mut self, b: u8) -> bool {
        self.space();
        let next = self.peek() == Some(b);
        if next {
            self.at += 1;
        }
        next
    }

    /// A member's key (as written, escapes and all) and the `:` after it; `true` when the key
    /// has no escape (only such keys are compared).
    fn key(&mut self) -> Option<(&[u8], bool)> {
        self.space();
        let start = self.at + 1;
        self.string()?;
        let raw = self.bytes.get(start..self.at - 1)?;
        if !self.eat(b':') {
            return None;
        }
        self.space();
        Some((raw, !raw.contains(&b'\\')))
    }

    /// A string at its opening quote.
    fn string(&mut self) -> Option<()> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        loop {
            // The plain run at once (eight bytes at a time), then its end.
            self.at += crate::input::reader::plain_run(self.bytes.get(self.at..)?);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }

    /// An array's elements, each one's span pushed to `spans`.
    fn elements(&mut self, spans: &mut Vec<(usize, usize)>) -> Option<()> {
        self.at += 1;
        if self.eat(b']') {
            return Some(());
        }
        loop {
            self.space();
            let start = self.at;
            self.value()?;
            spans.push((start, self.at));
            if self.eat(b']') {
                return Some(());
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// Any value: containers by their brackets (strings skipped whole, so a bracket inside one
    /// does not count), anything else up to the next delimiter.
    fn value(&mut self) -> Option<()> {
        self.space();
        match self.peek()? {
            b'"' => self.string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_elements_of_balance_and_keys() {
        let text = r#" {"id":"c\"1]","balance" : [ {"price":"1.00","name":"a]}\"[{"} , {"price":"2.00"} ],"x":[[1],{"y":"]"}],"idempotency_keys":[{"key":"k","versions":[1]}],"version":3} "#;
        let s = Shared::of_customer(text);
        assert_eq!(s.count(0), 2);
        assert_eq!(
            s.element(0, 0),
            Some(r#"{"price":"1.00","name":"a]}\"[{"}"#)
        );
        assert_eq!(s.element(0, 1), Some(r#"{"price":"2.00"}"#));
        assert_eq!(s.count(1), 1);
        assert_eq!(s.element(1, 0), Some(r#"{"key":"k","versions":[1]}"#));
        assert_eq!(s.find(0, r#"{"price":"2.00"}"#), Some(1));
        assert_eq!(s.find(0, r#"{"price":"3.00"}"#), None);
        for text in [
            "",
            "[]",
            "{",
            r#"{"balance":"#,
            r#"{"balance":[{"a":1}"#,
            r#"{"balance":7}"#,
        ] {
            let s = Shared::of_customer(text);
            assert!(s.count(0) <= 1, "{text}");
        }
    }
}
