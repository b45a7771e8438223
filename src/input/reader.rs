//! JSON text into `serde_json::Value`s: a small reader of exactly the JSON grammar (RFC 8259), in
//! place of `serde_json::from_str`. It builds the same values serde_json builds (with
//! `arbitrary_precision`, a number keeps its text, its exponent written `e+`/`e-`; with `preserve_order`, keys in
//! the order written, a repeated key's last value in its first place) without serde's generic
//! deserialiser, whose error paths pulled float formatting and the deserialiser of every type into
//! the wasm (measured with `twiggy top --retained`: ~50 KB of the checkout module's code). Nesting is
//! bounded by the caller ([`MAX_DEPTH`] is checked on the text first).

use std::borrow::Cow;

use serde_json::{Map, Number, Value};

/// Deepest nesting any argument may have (serde_json's own guard also stops at 128).
pub const MAX_DEPTH: usize = 64;

/// The value of `text`, or what is wrong with it and where (a byte offset).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut r = Reader::new(text);
    // Nesting is bounded by the caller; this bound only keeps the recursion finite.
    r.max_depth = usize::MAX;
    let value = r.value()?;
    r.space();
    match r.peek() {
        None => Ok(value),
        Some(_) => Err(r.error("trailing characters")),
    }
}

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is below `n` (n ≤ 128), not which ("Bit Twiddling Hacks", hasless).
pub(crate) const fn has_less(word: u64, n: u8) -> bool {
    word.wrapping_sub(ONES * n as u64) & !word & HIGHS != 0
}

/// Whether any of eight bytes is a quote, a backslash or a control character.
const fn ends_run(word: u64) -> bool {
    has_less(word ^ (ONES * b'"' as u64), 1)
        || has_less(word ^ (ONES * b'\\' as u64), 1)
        || has_less(word, 0x20)
}

/// A whole document read by `read`, which must leave nothing but whitespace.
pub fn whole<T>(text: &str, read: impl FnOnce(&mut Reader) -> Option<T>) -> Option<T> {
    let mut r = Reader::new(text);
    let value = read(&mut r)?;
    r.at_end().then_some(value)
}

/// The texts of the elements of the JSON array `text`, or `None` when `text` is not one.
pub fn element_texts(text: &str) -> Option<Vec<&str>> {
    let mut spans = Vec::new();
    whole(text, |r| r.elements_spanned(&mut spans, Reader::skip))?;
    spans.iter().map(|&(from, to)| text.get(from..to)).collect()
}

/// Length of the prefix of `bytes` without a quote, a backslash or a control character: the run
/// of a string that needs no escape (read as it is, written as it is). Eight bytes at a time while
/// none of them ends the run (most of a state's text is in its strings), then byte by byte.
pub fn plain_run(bytes: &[u8]) -> usize {
    let mut skipped = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        if ends_run(u64::from_le_bytes(word)) {
            break;
        }
        skipped += 8;
    }
    let tail = bytes.get(skipped..).unwrap_or_default();
    skipped
        + tail
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(tail.len())
}

/// Whether `bytes` starts with `prefix`, compared eight bytes at a time: in wasm the `memcmp` that
/// `starts_with` and `==` call is a loop over bytes, and a shared answer compares most of a
/// customer's text with what the writer would write (`ledger::canonical`).
pub fn starts_with(bytes: &[u8], prefix: &[u8]) -> bool {
    let Some(head) = bytes.get(..prefix.len()) else {
        return false;
    };
    let (mut a, mut b) = (head.chunks_exact(8), prefix.chunks_exact(8));
    let word = |c: &[u8]| <[u8; 8]>::try_from(c).map(u64::from_ne_bytes).ok();
    a.by_ref().zip(b.by_ref()).all(|(x, y)| word(x) == word(y))
        && a.remainder().iter().eq(b.remainder())
}

/// Where `key` is in `fields`.
#[inline(always)]
fn position(fields: &[&str], key: &str) -> Option<usize> {
    fields
        .iter()
        .position(|f| f.len() == key.len() && starts_with(key.as_bytes(), f.as_bytes()))
}

/// [`position`] compiled once.
#[inline(never)]
fn field_index(fields: &[&str], key: &str) -> Option<usize> {
    position(fields, key)
}

/// A reader over JSON text. [`parse`] reads a whole document into a `Value`; a typed reader (such
/// as `ledger::customer_text`) walks objects member by member ([`Reader::members`]) and arrays
/// element by element ([`Reader::elements`]), reading leaves as they are written ([`Reader::str`],
/// [`Reader::number_text`], [`Reader::u64`], [`Reader::null`]), so neither a map nor a `Value` is
/// built for what it knows. Every method answers `None` (or `Err`) on text that is not
/// JSON, or on anything the typed reader declines (a key with an escape, nesting deeper than
/// `max_depth`), and the caller then takes the reader that reports.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    /// Deepest nesting of objects and arrays accepted (the document's outermost counts 1).
    pub max_depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
            max_depth: MAX_DEPTH,
        }
    }

    /// True when only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.space();
        self.peek().is_none()
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(self.error("nested too deep"));
        }
        Ok(())
    }

    /// An object's members: `f` is called with each key (as written: a key with an escape is
    /// declined) and must read its value.
    pub fn members(&mut self, mut f: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.members_dyn(&mut |r, key| f(r, key?))
    }

    /// An object whose keys are all of `fields`, each at most once: `f` is called with each key
    /// and must read its value. An unknown or repeated key (or one with an escape) is declined.
    /// Answers which fields were there (bit `i` for `fields[i]`). Inlined into each caller, so its
    /// lookup runs over a list known when compiled (compiled once, the café customer's calls took
    /// 2–4 % more instructions).
    #[inline(always)]
    pub fn members_of(
        &mut self,
        fields: &[&str],
        mut f: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<u64> {
        self.members_seen(|key| position(fields, key), |r, _, key| f(r, key))
    }

    /// [`Reader::members_of`] with each field passed as its index in `fields`, the lookup compiled
    /// once: for an object of many fields, a match on the index is smaller wasm than one on the
    /// keys after an inlined lookup (a typed reader of every cash transaction field: 0.9 KB raw).
    pub fn fields(
        &mut self,
        fields: &[&str],
        mut f: impl FnMut(&mut Self, usize) -> Option<()>,
    ) -> Option<u64> {
        self.members_seen(|key| field_index(fields, key), |r, i, _| f(r, i))
    }

    /// The members of an object whose keys `lookup` finds (as an index below 64), each once:
    /// what `members_of` and `fields` have in common.
    #[inline(always)]
    fn members_seen(
        &mut self,
        lookup: impl Fn(&str) -> Option<usize>,
        mut f: impl FnMut(&mut Self, usize, &'a str) -> Option<()>,
    ) -> Option<u64> {
        let mut seen = 0u64;
        self.members_dyn(&mut |r, key| {
            let key = key?;
            let field = lookup(key)?;
            let bit = 1u64.checked_shl(u32::try_from(field).ok()?)?;
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            f(r, field, key)
        })?;
        Some(seen)
    }

    /// An object's members, a key with an escape passed as `None` (its value still to be read):
    /// for a text the general reader has read, to find where things are in it.
    pub fn any_members(
        &mut self,
        mut f: impl FnMut(&mut Self, Option<&'a str>) -> Option<()>,
    ) -> Option<()> {
        self.members_dyn(&mut f)
    }

    /// The members of an object, compiled once (not once per caller: the wasm is smaller).
    fn members_dyn(
        &mut self,
        f: &mut dyn FnMut(&mut Self, Option<&'a str>) -> Option<()>,
    ) -> Option<()> {
        self.space();
        if self.peek() != Some(b'{') {
            return None;
        }
        self.at += 1;
        self.enter().ok()?;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            self.space();
            let key = self.key()?;
            self.space();
            self.eat(b':', "expected `:`").ok()?;
            f(self, key)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Moves past the next value, building nothing (its strings' escapes are stepped over, not
    /// resolved: for a text the general reader has read).
    pub fn skip(&mut self) -> Option<()> {
        match self.next_byte()? {
            b'{' => self.members_dyn(&mut |r, _| r.skip()),
            b'[' => self.elements_dyn(&mut Self::skip),
            b'"' => self.skip_string(),
            b't' | b'f' => self.bool().map(drop),
            b'n' => self.null(),
            _ => self.number_text().map(drop),
        }
    }

    /// An array's elements: `f` is called for each and must read it.
    pub fn elements(&mut self, mut f: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.elements_dyn(&mut f)
    }

    /// [`Reader::elements`], each element's span in the text pushed to `spans` (the answers that
    /// share a customer's elements compare them: `input::shared`).
    pub fn elements_spanned(
        &mut self,
        spans: &mut Vec<(usize, usize)>,
        mut f: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.elements(|r| {
            r.space();
            let start = r.at;
            f(r)?;
            spans.push((start, r.at));
            Some(())
        })
    }

    /// [`Reader::elements`] compiled once.
    fn elements_dyn(&mut self, f: &mut dyn FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.space();
        if self.peek() != Some(b'[') {
            return None;
        }
        self.at += 1;
        self.enter().ok()?;
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            f(self)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// A key as its text, or `None` inside when it has an escape (the string stepped over).
    fn key(&mut self) -> Option<Option<&'a str>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let end = start + self.plain_run(start);
        if self.bytes.get(end) != Some(&b'"') {
            return self.skip_string().map(|()| None);
        }
        self.at = end + 1;
        // Quotes are ASCII: the slice falls on character boundaries.
        self.text.get(start..end).map(Some)
    }

    /// Moves past a string at its opening quote: plain runs whole, each escape by its backslash
    /// and the byte after (the rest of a `\u` escape is plain).
    fn skip_string(&mut self) -> Option<()> {
        self.at += 1;
        loop {
            self.at += self.plain_run(self.at);
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => return None,
            }
        }
    }

    /// Length of the run from `start` up to the next quote, backslash or control character.
    fn plain_run(&self, start: usize) -> usize {
        plain_run(self.bytes.get(start..).unwrap_or_default())
    }

    /// The first byte of the next value (whitespace skipped), to choose how to read it.
    pub fn next_byte(&mut self) -> Option<u8> {
        self.space();
        self.peek()
    }

    /// The next value as a string: borrowed from the text, owned only when an escape is resolved.
    /// `None` for any other value.
    pub fn str(&mut self) -> Option<Cow<'a, str>> {
        if self.next_byte() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let end = start + self.plain_run(start);
        if self.bytes.get(end) == Some(&b'"') {
            self.at = end + 1;
            return self.text.get(start..end).map(Cow::Borrowed);
        }
        self.string().ok().map(Cow::Owned)
    }

    /// The next value when it is `true` or `false`.
    pub fn bool(&mut self) -> Option<bool> {
        match self.next_byte()? {
            b't' => self.literal("true", Value::Bool(true)).ok().map(|_| true),
            b'f' => self
                .literal("false", Value::Bool(false))
                .ok()
                .map(|_| false),
            _ => None,
        }
    }

    /// The next value when it is `null`.
    pub fn null(&mut self) -> Option<()> {
        (self.next_byte() == Some(b'n')).then_some(())?;
        self.literal("null", Value::Null).ok().map(drop)
    }

    /// The next value as a number's text, exactly as written (a JSON number by the grammar; its
    /// exponent is not rewritten as [`Reader::value`] rewrites it). `None` for any other value.
    pub fn number_text(&mut self) -> Option<&'a str> {
        if !matches!(self.next_byte(), Some(b'-' | b'0'..=b'9')) {
            return None;
        }
        let start = self.at;
        self.number_grammar().ok()?;
        self.text.get(start..self.at)
    }

    /// The next value as `serde_json`'s `as_u64` reads it: a number written with digits only
    /// (no sign, point or exponent) that fits. `None` for anything else.
    pub fn u64(&mut self) -> Option<u64> {
        let text = self.number_text()?;
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        text.parse().ok()
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// `"{what} at byte {at}"`, written by pushes in one place (not `format!`: each of the reader's
    /// ten messages inlined its own `fmt::Arguments` into `value`; smaller wasm).
    #[inline(never)]
    fn error(&self, what: &str) -> String {
        let mut digits = itoa::Buffer::new();
        let at = digits.format(self.at as u64);
        let mut out = String::with_capacity(what.len() + 9 + at.len());
        out.push_str(what);
        out.push_str(" at byte ");
        out.push_str(at);
        out
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8, what: &str) -> Result<(), String> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(what))
        }
    }

    /// The next value, as [`parse`] reads it.
    pub fn value(&mut self) -> Result<Value, String> {
        self.space();
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected value")),
            None => Err(self.error("EOF while parsing a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, String> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            Ok(value)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn object(&mut self) -> Result<Value, String> {
        self.at += 1;
        self.enter()?;
        let mut map = Map::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Object(map));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error("key must be a string"));
            }
            let key = self.string()?;
            self.space();
            self.eat(b':', "expected `:`")?;
            let value = self.value()?;
            map.insert(key, value);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, String> {
        self.at += 1;
        self.enter()?;
        let mut list = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            self.depth -= 1;
            return Ok(Value::Array(list));
        }
        loop {
            list.push(self.value()?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(list));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// A string at the opening quote: its contents, escapes resolved.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            // The plain run up to the next quote, backslash or control character: valid UTF-8,
            // since the text is a `str` and these are ASCII.
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // Valid UTF-8 up to here: the run ends before an ASCII byte (or at the end).
            out.push_str(self.text.get(start..self.at).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("EOF while parsing a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let b = self
            .peek()
            .ok_or_else(|| self.error("EOF while parsing a string"))?;
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    // A surrogate pair: the low half must follow as its own escape.
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                char::from_u32(code).ok_or_else(|| self.error("lone surrogate in hex escape"))?
            }
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut n = 0;
        for &d in digits {
            let v = char::from(d)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// A number by JSON's grammar, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as its
    /// text as serde_json's `arbitrary_precision` keeps it.
    fn number(&mut self) -> Result<Value, String> {
        let start = self.at;
        self.number_grammar()?;
        let digits = self.bytes.get(start..self.at).unwrap_or_default();
        // ASCII only; serde_json writes the exponent as `e` and always with its sign.
        let mut text = String::with_capacity(digits.len() + 1);
        let mut rest = digits.iter();
        while let Some(&b) = rest.next() {
            if b == b'e' || b == b'E' {
                text.push('e');
                if !matches!(rest.as_slice().first(), Some(b'+' | b'-')) {
                    text.push('+');
                }
            } else {
                text.push(char::from(b));
            }
        }
        // The text is a JSON number by the grammar above, which is what this constructor (hidden in
        // serde_json's docs, used by its own reader) requires.
        Ok(Value::Number(Number::from_string_unchecked(text)))
    }

    /// Moves past a number by JSON's grammar.
    fn number_grammar(&mut self) -> Result<(), String> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }
}

// proptest is a native dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// The leaves read as written agree with the `Value`s [`parse`] reads: a string (its
        /// quote, backslash or control character anywhere in or across the eight-byte words),
        /// a number's text, a whole number.
        #[test]
        fn leaves_read_as_parse_reads_them(body in "([a-zé€🍕\"\\\\\u{1}\u{7f}]|\\\\[\"\\\\/bfnrtx]|\\\\u[0-9a-fA-F]{4}){0,40}", number in "-?[0-9]{1,22}(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,3})?") {
            let text = format!(" \"{body}\" ");
            let expected = parse(&text).ok();
            let mut r = Reader::new(&text);
            let got = r.str().filter(|_| r.at_end());
            prop_assert_eq!(got.as_deref(), expected.as_ref().and_then(Value::as_str));

            let expected = parse(&number).ok();
            let mut r = Reader::new(&number);
            let got = r.number_text().filter(|_| r.at_end());
            prop_assert_eq!(got.is_some(), expected.is_some());
            let mut r = Reader::new(&number);
            let whole = r.u64().filter(|_| r.at_end());
            prop_assert_eq!(whole, expected.as_ref().and_then(Value::as_u64));
        }
    }
}
