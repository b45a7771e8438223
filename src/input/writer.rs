//! Values into JSON text: a small `serde::Serializer` writing exactly what `serde_json::to_string`
//! writes (compact, serde_json's escapes, `arbitrary_precision` numbers as their text), in place of
//! serde_json's serialiser. serde_json's is generic over its writer and formatter and asks for
//! inlining everywhere, so each of the ~70 answer types' derived `Serialize` carried its own copy
//! of the key, comma and escape code; here those are single functions the derives call.

use serde::ser::{self, Serialize};

/// The JSON text of `value`, as `serde_json::to_string` writes it (a test compares them).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unwritable> {
    write_after(String::new(), value)
}

/// [`to_string`] appended to `out` (an answer's envelope written first, so the value is not
/// moved to make room for it).
pub fn write_after<T: Serialize + ?Sized>(out: String, value: &T) -> Result<String, Unwritable> {
    let mut w = Writer { out, bare: false };
    value.serialize(&mut w)?;
    Ok(w.out)
}

/// `s` as a JSON string literal.
pub fn quoted(s: &str) -> String {
    let mut w = Writer {
        out: String::with_capacity(s.len() + 2),
        bare: false,
    };
    w.string(s);
    w.out
}

/// What cannot be written as JSON here (never met by the answer types: string keys, no custom
/// serialisers that fail).
#[derive(Debug)]
pub struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unwritable value")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        Unwritable
    }
}

/// serde_json's name of the one-field struct an `arbitrary_precision` number serialises as.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct Writer {
    out: String,
    /// Writing a number's text: the next string goes in without quotes.
    bare: bool,
}

impl Writer {
    /// A JSON string literal, escaped as serde_json escapes (`"`, `\`, and control characters:
    /// the short forms `\b \t \n \f \r`, else `\u00xx` in lower-case hex).
    #[inline(never)]
    fn string(&mut self, s: &str) {
        if self.bare {
            self.out.push_str(s);
            return;
        }
        // Most texts (names, numbers, keys, times) need no escape: copied whole.
        if plain(s.as_bytes()) {
            self.out.reserve(s.len() + 2);
            self.out.push('"');
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        self.out.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let short = match b {
                b'"' => '"',
                b'\\' => '\\',
                0x08 => 'b',
                b'\t' => 't',
                b'\n' => 'n',
                0x0c => 'f',
                b'\r' => 'r',
                0..=0x1f => 'u',
                _ => continue,
            };
            self.out.push_str(s.get(run..i).unwrap_or_default());
            run = i + 1;
            self.out.push('\\');
            self.out.push(short);
            if short == 'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("00");
                for d in [b >> 4, b & 0xf] {
                    self.out
                        .push(char::from(HEX.get(usize::from(d)).copied().unwrap_or(b'0')));
                }
            }
        }
        self.out.push_str(s.get(run..).unwrap_or_default());
        self.out.push('"');
    }

    /// The separator before an element or entry: none before the first.
    #[inline(never)]
    fn comma(&mut self, first: &mut bool) {
        if !std::mem::replace(first, false) {
            self.out.push(',');
        }
    }

    /// A struct field's key with its separators.
    #[inline(never)]
    fn key(&mut self, first: &mut bool, key: &str) {
        self.comma(first);
        // A struct field's name (a Rust name, or a rename such as "type": never an escape).
        self.out.reserve(key.len() + 3);
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
    }

    fn open(&mut self, bracket: &str) -> Result<Compound<'_>, Unwritable> {
        self.out.push_str(bracket);
        Ok(Compound {
            w: self,
            first: true,
            number: false,
            close: "",
        })
    }

    /// `{"variant":` for the variant forms; `close` ends what was opened.
    fn variant(&mut self, variant: &str, bracket: &str) -> Compound<'_> {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
        self.out.push_str(bracket);
        Compound {
            w: self,
            first: true,
            number: false,
            close: "}",
        }
    }

    /// Before a struct field's value: its key, or, in a number's struct, nothing (its text
    /// arrives as a string, written bare).
    #[inline(never)]
    fn field(&mut self, first: &mut bool, key: &str, number: bool) {
        if number {
            self.bare = true;
        } else {
            self.key(first, key);
        }
    }
}

/// True when no byte of `bytes` needs an escape (`"`, `\\`, below 0x20): the per-byte test of
/// the escaping loop was a sixth of a charge's instructions.
fn plain(bytes: &[u8]) -> bool {
    crate::input::reader::plain_run(bytes) == bytes.len()
}

/// Each integer written as its type widened to 64 bits (128 stay): one `itoa` instance per
/// width rather than per type (smaller wasm).
macro_rules! integers {
    ($($name:ident: $t:ty => $wide:ty),*) => {$(
        fn $name(self, v: $t) -> Result<(), Unwritable> {
            self.out.push_str(itoa::Buffer::new().format(<$wide>::from(v)));
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    integers!(serialize_i8: i8 => i64, serialize_i16: i16 => i64, serialize_i32: i32 => i64,
        serialize_i64: i64 => i64, serialize_i128: i128 => i128, serialize_u8: u8 => u64,
        serialize_u16: u16 => u64, serialize_u32: u32 => u64, serialize_u64: u64 => u64,
        serialize_u128: u128 => u128);

    fn serialize_f32(self, v: f32) -> Result<(), Unwritable> {
        self.serialize_f64(f64::from(v))
    }

    /// No answer carries a float (money is exact); serde_json writes one if ever asked.
    fn serialize_f64(self, v: f64) -> Result<(), Unwritable> {
        self.out
            .push_str(&serde_json::to_string(&v).map_err(|_| Unwritable)?);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.string(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unwritable> {
        ser::Serializer::collect_seq(self, v)
    }

    fn serialize_none(self) -> Result<(), Unwritable> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unwritable> {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unwritable> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unwritable> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.string(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        self.out.push('{');
        self.string(variant);
        self.out.push(':');
        v.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unwritable> {
        self.open("[")
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Unwritable> {
        self.open("[")
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Unwritable> {
        self.open("[")
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unwritable> {
        Ok(self.variant(variant, "["))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unwritable> {
        self.open("{")
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Unwritable> {
        if name == NUMBER_TOKEN {
            // The number's field is its text, written bare; `first: false` marks this form.
            return Ok(Compound {
                w: self,
                first: true,
                number: true,
                close: "",
            });
        }
        self.open("{")
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, Unwritable> {
        Ok(self.variant(variant, "{"))
    }
}

/// An array, object or variant being written.
pub struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
    /// The one-field struct of a number: its text written bare, no brackets.
    number: bool,
    /// What follows the closing bracket (`}` after a variant's value).
    close: &'static str,
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        self.w.comma(&mut self.first);
        v.serialize(&mut *self.w)
    }

    #[inline(never)]
    fn finish(self, bracket: &str) -> Result<(), Unwritable> {
        if !self.number {
            self.w.out.push_str(bracket);
            self.w.out.push_str(self.close);
        }
        Ok(())
    }
}

/// The four array forms serde tells apart: each element written after a comma, `]` at the end.
macro_rules! arrays {
    ($($form:ident: $element:ident),*) => {$(
        impl ser::$form for Compound<'_> {
            type Ok = ();
            type Error = Unwritable;
            fn $element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
                self.element(v)
            }
            fn end(self) -> Result<(), Unwritable> {
                self.finish("]")
            }
        }
    )*};
}

arrays!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
    SerializeTupleVariant: serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.w.comma(&mut self.first);
        key.serialize(KeyWriter(&mut *self.w))?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unwritable> {
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.finish("}")
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        self.w.field(&mut self.first, key, self.number);
        let written = v.serialize(&mut *self.w);
        self.w.bare = false;
        written
    }
    fn end(self) -> Result<(), Unwritable> {
        self.finish("}")
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        self.w.key(&mut self.first, key);
        v.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.finish("}")
    }
}

/// A map key: strings as they are; integers and booleans quoted, as serde_json writes them.
struct KeyWriter<'a>(&'a mut Writer);

macro_rules! quoted_keys {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result<(), Unwritable> {
            self.0.string(itoa::Buffer::new().format(v));
            Ok(())
        }
    )*};
}

/// The forms a key cannot take.
macro_rules! refused {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $name(self, $(_: $arg),*) -> Result<$ok, Unwritable> {
            Err(Unwritable)
        }
    )*};
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = ser::Impossible<(), Unwritable>;
    type SerializeTuple = ser::Impossible<(), Unwritable>;
    type SerializeTupleStruct = ser::Impossible<(), Unwritable>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = ser::Impossible<(), Unwritable>;
    type SerializeStruct = ser::Impossible<(), Unwritable>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.serialize_str(if v { "true" } else { "false" })
    }
    quoted_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128);
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unwritable> {
        v.serialize(self)
    }
    refused! {
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Unwritable> {
        Err(Unwritable)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unwritable> {
        Err(Unwritable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    fn same<T: Serialize + ?Sized>(v: &T) {
        assert_eq!(to_string(v).ok(), serde_json::to_string(v).ok());
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let texts = [
            r#"{"a":[1,"x",null,true,false],"b":{},"c":[],"d":-0.0e+5,"e":12.50}"#,
            r#"["\u0000\u001f\b\t\n\f\r\"\\/ é 😀 \u007f", {"k\n":"v"}]"#,
            r#"{"n":123456789012345678901234567890,"m":1E-7}"#,
            "[]",
            "{}",
            "\"\"",
            "0",
        ];
        for text in texts {
            let v = crate::input::reader::parse(text).unwrap();
            same(&v);
        }
        let all: String = (0u8..=127).map(char::from).collect();
        same(&all);
        same(&json!({ "x": [1, 2, {"y": null}] }));
    }

    #[test]
    fn serde_forms_are_written_as_serde_json_writes_them() {
        #[derive(Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(i64, String),
            Struct { a: u128, b: Option<bool> },
        }
        #[derive(Serialize)]
        #[serde(tag = "t")]
        enum Tagged {
            A { x: i8 },
        }
        #[derive(Serialize)]
        struct Flat {
            a: u32,
            #[serde(flatten)]
            rest: std::collections::BTreeMap<String, i32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            none: Option<u8>,
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Newtype(String);
        #[derive(Serialize)]
        struct Pair(i16, u16);
        same(&[E::Unit, E::New(7), E::Tuple(-9, "s".into())]);
        same(&E::Struct {
            a: u128::MAX,
            b: Some(false),
        });
        same(&E::Struct { a: 0, b: None });
        same(&Tagged::A { x: i8::MIN });
        let rest = [("k".to_owned(), 1), ("\"".to_owned(), -2)].into();
        same(&Flat {
            a: 1,
            rest,
            none: None,
        });
        same(&(Unit, Newtype("n".into()), Pair(-1, 1), 'c', (), i128::MIN));
        let keys: std::collections::BTreeMap<i64, bool> = [(-5, true), (3, false)].into();
        same(&keys);
        let bool_keys: std::collections::BTreeMap<bool, u8> = [(true, 1)].into();
        same(&bool_keys);
        same(&Some(u64::MAX));
        same(&b"bytes"[..]);
        same(&[1.5f64, 0.1]);
    }

    #[test]
    fn plain_finds_every_byte_that_needs_an_escape() {
        for len in 0..20 {
            for at in 0..len {
                for b in 0u8..=255 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let escaped = b < 0x20 || b == b'"' || b == b'\\';
                    assert_eq!(plain(&bytes), !escaped, "{b:#x} at {at} of {len}");
                }
            }
            assert!(plain(&vec![0xc3; len]));
        }
    }

    #[test]
    fn quoted_is_the_string_literal() {
        for s in ["", "plain", "a\"b\\c\u{1}\u{1f}", "é\n"] {
            assert_eq!(Some(quoted(s)), serde_json::to_string(s).ok());
        }
    }
}
