//! JSON text into `serde_json::Value`s: a small reader of exactly the JSON grammar (RFC 8259), in
//! place of `serde_json::from_str`. It builds the same values serde_json builds (with
//! `arbitrary_precision`, a number keeps its text, its exponent written `e+`/`e-`; with `preserve_order`, keys in
//! the order written, a repeated key's last value in its first place) without serde's generic
//! deserialiser, whose error paths pulled float formatting and the deserialiser of every type into
//! the wasm (measured with `twiggy top --retained`: ~50 KB of the checkout module's code). Nesting is
//! bounded by the caller ([`MAX_DEPTH`] is checked on the text first).

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

/// A reader over JSON text. [`parse`] reads a whole document into a `Value`; a typed reader (such
/// as `ledger::customer_text`) walks objects member by member ([`Reader::members`]) and arrays
/// element by element ([`Reader::elements`]), reading leaves with [`Reader::value`], so no map is
/// built for the containers it knows. Every method answers `None` (or `Err`) on text that is not
/// JSON, or on anything the typed reader declines (a key with an escape, nesting deeper than
/// `max_depth`), and the caller then takes the reader that reports.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    /// Deepest nesting of objects and arrays accepted (the document's outermost counts 1).
    pub max_depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
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
            let key = self.plain_key()?;
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

    /// An array's elements: `f` is called for each and must read it.
    pub fn elements(&mut self, mut f: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
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

    /// A key without escapes, as its text.
    fn plain_key(&mut self) -> Option<&'a str> {
        if self.peek() != Some(b'"') {
            return None;
        }
        let start = self.at + 1;
        let len = self.bytes.get(start..)?.iter().position(|&b| b == b'"')?;
        let raw = self.bytes.get(start..start + len)?;
        if raw.iter().any(|&b| b == b'\\' || b < 0x20) {
            return None;
        }
        self.at = start + len + 1;
        std::str::from_utf8(raw).ok()
    }
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn error(&self, what: &str) -> String {
        format!("{what} at byte {}", self.at)
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
            let run = self.bytes.get(start..self.at).unwrap_or_default();
            out.push_str(std::str::from_utf8(run).map_err(|_| self.error("invalid UTF-8"))?);
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

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }
}
