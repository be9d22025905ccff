//! Serde over a parsed YAML tree: scalars are read as the type asking for them wants (YAML 1.2's
//! core schema, booleans strictly `true` and `false`), and every error knows the node it is about.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::tree::{At, Node, Scalar, Tag, Value};

/// What went wrong, and where when known. Never shown as it is: `yaml_diagnostic` words it.
#[derive(Debug, thiserror::Error)]
#[error("{kind:?}")]
pub struct Error {
    pub kind: Kind,
    pub at: Option<At>,
}

#[derive(Debug)]
pub enum Kind {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    MissingField(&'static str),
    InvalidType {
        unexpected: String,
        expected: String,
    },
    /// A collection or scalar where another kind was needed: "a list", "a string", ...
    Expected(&'static str),
    InvalidBool,
    /// A scalar that is not a number of this type: "u64", "i64", "f64".
    InvalidNumber(&'static str),
    NullIntoString,
    /// `.inf`, `.nan` or a numeral too large for a float, where JSON values are read.
    NonFinite,
    Duplicate(String),
    UnknownAnchor,
    MultipleDocuments,
    Depth,
    Nodes {
        via_alias: bool,
    },
    /// More scalar text than a file may hold, counting what aliases repeat.
    Bytes,
    Parser(String),
    Custom(String),
}

impl Error {
    pub fn new(kind: Kind, at: At) -> Self {
        Error { kind, at: Some(at) }
    }
}

/// Places an error that does not know its place at `at`: serde's derived code makes errors
/// (a missing key, a wrong type) without one, and the node being read knows it.
fn placed(at: At) -> impl FnOnce(Error) -> Error {
    move |mut e| {
        e.at.get_or_insert(at);
        e
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            kind: Kind::Custom(msg.to_string()),
            at: None,
        }
    }
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        let kind = Kind::InvalidType {
            unexpected: unexpected.to_string(),
            expected: expected.to_string(),
        };
        Error { kind, at: None }
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error {
            kind: Kind::UnknownField {
                field: field.to_owned(),
                expected,
            },
            at: None,
        }
    }
    fn missing_field(field: &'static str) -> Self {
        Error {
            kind: Kind::MissingField(field),
            at: None,
        }
    }
}

/// The name with which [`crate::yaml::Sp`] asks for its node's place: a newtype struct of
/// this name hands over [`located`] before its value is read.
pub const LOCATED: &str = "\u{1}tracktype:located";

thread_local! {
    static LAST: RefCell<Option<At>> = const { RefCell::new(None) };
}

/// The place of the node a [`LOCATED`] newtype was asked of, once.
pub fn located() -> Option<At> {
    LAST.with(|last| last.borrow_mut().take())
}

/// A node, to be read as some type. It is consumed as it is read: its text moves into the
/// value read, and what has been read is freed while the rest is.
pub struct NodeDe(pub Node);

impl NodeDe {
    fn scalar(&self) -> Option<&Scalar> {
        match &self.0.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    fn fail(&self, kind: Kind) -> Error {
        Error::new(kind, self.0.at)
    }

    fn unsigned(&self) -> Result<u64, Error> {
        self.whole("u64")
    }

    fn signed(&self) -> Result<i64, Error> {
        self.whole("i64")
    }

    /// The scalar as an integer of type `T`, named `ty` in the error.
    fn whole<T: TryFrom<i128>>(&self, ty: &'static str) -> Result<T, Error> {
        self.scalar()
            .filter(|s| !matches!(s.tag, Tag::Str | Tag::Null | Tag::Bool | Tag::Float))
            .and_then(|s| int(&s.text))
            .and_then(|n| T::try_from(n).ok())
            .ok_or_else(|| self.fail(Kind::InvalidNumber(ty)))
    }

    fn float(&self) -> Result<f64, Error> {
        self.scalar()
            .filter(|s| !matches!(s.tag, Tag::Str | Tag::Null | Tag::Bool))
            .and_then(|s| float(&s.text))
            .ok_or_else(|| self.fail(Kind::InvalidNumber("f64")))
    }

    /// A float read without a type asking for it, as JSON holds it: finite.
    fn json_float<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        let value = self.float()?;
        if !value.is_finite() {
            return Err(self.fail(Kind::NonFinite));
        }
        visitor.visit_f64(value)
    }

    fn integer<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
        if self.scalar().is_some_and(|s| s.text.starts_with('-')) {
            visitor.visit_i64(self.signed()?)
        } else {
            visitor.visit_u64(self.unsigned()?)
        }
    }

    fn seq<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Seq(items) => visitor.visit_seq(Items(items.into_iter())),
            _ => Err(self.fail(Kind::Expected("a list"))),
        }
    }

    fn map<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0.value {
            Value::Map(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
            _ => Err(self.fail(Kind::Expected("a mapping of keys to values"))),
        }
    }

    /// The scalar's text, moved out.
    fn text(self) -> Option<String> {
        match self.0.value {
            Value::Scalar(s) => Some(s.text),
            _ => None,
        }
    }
}

/// An integer as YAML 1.2 writes it, as serde-saphyr reads it: an optional sign, then decimal
/// digits without a leading zero, or `0x`, `0o`, `0b` and digits of that base, single
/// underscores allowed between digits.
fn int(text: &str) -> Option<i128> {
    let (negative, rest) = sign(text);
    let (radix, digits) = match rest.get(..2) {
        Some("0x" | "0X") => (16, &rest[2..]),
        Some("0o" | "0O") => (8, &rest[2..]),
        Some("0b" | "0B") => (2, &rest[2..]),
        _ if rest.len() > 1 && rest.starts_with('0') => return None,
        _ => (10, rest),
    };
    let bytes = digits.as_bytes();
    let mut magnitude: i128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between =
                i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !between {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(i128::from(radix))?
            .checked_add(i128::from(digit))?;
        any = true;
    }
    any.then_some(if negative { -magnitude } else { magnitude })
}

/// Whether a number is negative, and its text without the sign.
fn sign(text: &str) -> (bool, &str) {
    match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    }
}

/// `+.nan` and `-.nan`: text, for YAML's core schema.
fn signed_nan(text: &str) -> bool {
    text.strip_prefix(['+', '-'])
        .is_some_and(|unsigned| matches!(unsigned, ".nan" | ".NaN" | ".NAN"))
}

/// A float as serde-saphyr reads one: `.inf`, `.nan` and their signed forms, or what Rust
/// parses as a finite number, or a numeral too large for `f64` (infinite).
fn float(text: &str) -> Option<f64> {
    let (negative, unsigned) = sign(text);
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    let value: f64 = text.parse().ok()?;
    let numeral = unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit);
    (value.is_finite() || (numeral && value.is_infinite())).then_some(value)
}

fn bool_of(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

impl<'de> Deserializer<'de> for NodeDe {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.0.at;
        let result = match &self.0.value {
            Value::Seq(_) => self.seq(visitor),
            Value::Map(_) => self.map(visitor),
            Value::Scalar(s) if s.is_null() => visitor.visit_unit(),
            Value::Scalar(s) => match s.tag {
                Tag::Bool => match bool_of(&s.text) {
                    Some(b) => visitor.visit_bool(b),
                    None => Err(self.fail(Kind::InvalidBool)),
                },
                Tag::Int => self.integer(visitor),
                Tag::Float => self.json_float(visitor),
                Tag::Str | Tag::Null => visitor.visit_string(self.text().unwrap_or_default()),
                Tag::None if !s.plain => visitor.visit_string(self.text().unwrap_or_default()),
                Tag::None => {
                    let t = s.text.as_str();
                    let (negative, unsigned) = sign(t);
                    // serde-saphyr's order: booleans, then spellings kept as text, then
                    // integers that fit 64 bits, then floats.
                    let upper_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
                    let fits_64 = int(t).is_some_and(|n| {
                        if negative {
                            i64::try_from(n).is_ok()
                        } else {
                            u64::try_from(n).is_ok()
                        }
                    });
                    if let Some(b) = bool_of(t) {
                        visitor.visit_bool(b)
                    } else if upper_radix || signed_nan(t) {
                        visitor.visit_string(self.text().unwrap_or_default())
                    } else if fits_64 {
                        self.integer(visitor)
                    } else if float(t).is_some() {
                        self.json_float(visitor)
                    } else {
                        visitor.visit_string(self.text().unwrap_or_default())
                    }
                }
            },
        };
        result.map_err(placed(at))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self
            .scalar()
            .filter(|s| !matches!(s.tag, Tag::Str | Tag::Null | Tag::Int | Tag::Float))
            .and_then(|s| bool_of(&s.text))
            .ok_or_else(|| match self.scalar() {
                Some(_) => self.fail(Kind::InvalidBool),
                None => self.fail(Kind::Expected("`true` or `false`")),
            })?;
        visitor.visit_bool(value).map_err(placed(self.0.at))
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor
            .visit_u64(self.unsigned()?)
            .map_err(placed(self.0.at))
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(self.signed()?).map_err(placed(self.0.at))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(self.float()?).map_err(placed(self.0.at))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.0.at;
        let result = match self.scalar() {
            Some(s) if s.is_null() => Err(self.fail(Kind::NullIntoString)),
            Some(_) => visitor.visit_string(self.text().unwrap_or_default()),
            None => Err(self.fail(Kind::Expected("a string"))),
        };
        result.map_err(placed(at))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.0.at;
        let result = match self.scalar() {
            Some(s) if s.is_null() => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        result.map_err(placed(at))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.0.at;
        self.seq(visitor).map_err(placed(at))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.0.at;
        self.map(visitor).map_err(placed(at))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == LOCATED {
            LAST.with(|last| *last.borrow_mut() = Some(self.0.at));
        }
        let at = self.0.at;
        visitor.visit_newtype_struct(self).map_err(placed(at))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct tuple
        tuple_struct enum
    }
}

struct Items(std::vec::IntoIter<Node>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.0.next() {
            Some(node) => {
                let at = node.at;
                seed.deserialize(NodeDe(node)).map(Some).map_err(placed(at))
            }
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries {
    entries: std::vec::IntoIter<(Node, Node)>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let at = key.at;
        let result = match key.value {
            Value::Scalar(s) => seed.deserialize(s.text.into_deserializer()),
            _ => seed.deserialize(NodeDe(key)),
        };
        result.map(Some).map_err(placed(at))
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let node = self.value.take().ok_or_else(|| Error {
            kind: Kind::Custom("a value without its key".into()),
            at: None,
        })?;
        let at = node.at;
        seed.deserialize(NodeDe(node)).map_err(placed(at))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
