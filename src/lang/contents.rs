//! A generated file's text, kept in the pieces it was made of.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Read, Write};

/// A generated file's text, in pieces. A plan's declarations are most of a generated file and
/// are made on several threads: joined into one string they would be copied once more, and the
/// file held twice at the moment it is largest (60 MiB of Rust for 10,000 events). Written,
/// compared with disk and displayed a piece at a time instead.
#[derive(Clone, Debug, Default)]
pub struct Contents {
    pieces: Vec<Cow<'static, str>>,
    len: usize,
}

/// How much of a file on disk is read at a time to compare it.
const BLOCK: usize = 64 * 1024;

impl Contents {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a piece, taking it as it is: a string made for the file, or a separator
    /// (`"\n"`) that costs nothing.
    pub fn push(&mut self, piece: impl Into<Cow<'static, str>>) {
        let piece = match piece.into() {
            // A string made by appending has up to half its length again spare, which would
            // stay allocated as long as the file: kept at its exact size instead.
            Cow::Owned(s) if s.capacity() > s.len() + s.len() / 8 => Cow::Owned(s.as_str().into()),
            piece => piece,
        };
        if !piece.is_empty() {
            self.len += piece.len();
            self.pieces.push(piece);
        }
    }

    /// Appends the pieces of `other`, uncopied.
    pub fn append(&mut self, other: Contents) {
        self.len += other.len;
        self.pieces.extend(other.pieces);
    }

    /// Appends a copy of `text`.
    pub fn push_str(&mut self, text: &str) {
        self.push(text.to_owned());
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().map(|p| &**p)
    }

    /// Writes the text to `out`, which should be buffered: pieces can be small.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        self.pieces().try_for_each(|p| out.write_all(p.as_bytes()))
    }

    /// Whether `input` reads exactly this text: a file on disk compared without holding it.
    pub fn matches(&self, mut input: impl Read) -> io::Result<bool> {
        let mut rest = Rest::new(self);
        let mut block = vec![0; BLOCK];
        loop {
            let n = match input.read(&mut block) {
                Ok(0) => return Ok(rest.is_empty()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if !rest.starts_with(&block[..n]) {
                return Ok(false);
            }
        }
    }

    /// The text as one string, for a diff or a test.
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.len);
        self.pieces().for_each(|p| text.push_str(p));
        text
    }
}

/// What is left of a text as it is compared from the front.
struct Rest<'a> {
    pieces: std::slice::Iter<'a, Cow<'static, str>>,
    current: &'a [u8],
}

impl<'a> Rest<'a> {
    fn new(contents: &'a Contents) -> Self {
        Self {
            pieces: contents.pieces.iter(),
            current: &[],
        }
    }

    fn is_empty(&mut self) -> bool {
        self.current.is_empty() && self.pieces.as_slice().is_empty()
    }

    /// Whether the rest starts with `bytes`; consumes them either way.
    fn starts_with(&mut self, mut bytes: &[u8]) -> bool {
        while !bytes.is_empty() {
            if self.current.is_empty() {
                match self.pieces.next() {
                    Some(piece) => self.current = piece.as_bytes(),
                    None => return false,
                }
            }
            let n = self.current.len().min(bytes.len());
            if self.current[..n] != bytes[..n] {
                return false;
            }
            self.current = &self.current[n..];
            bytes = &bytes[n..];
        }
        true
    }
}

impl From<String> for Contents {
    fn from(text: String) -> Self {
        let mut contents = Self::new();
        contents.push(text);
        contents
    }
}

impl From<&str> for Contents {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

impl fmt::Display for Contents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces().try_for_each(|p| f.write_str(p))
    }
}

/// Equal as text, however each is cut into pieces.
impl PartialEq for Contents {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && {
            let mut rest = Rest::new(other);
            self.pieces().all(|p| rest.starts_with(p.as_bytes()))
        }
    }
}

impl Eq for Contents {}

impl PartialEq<str> for Contents {
    fn eq(&self, other: &str) -> bool {
        self.len == other.len() && Rest::new(self).starts_with(other.as_bytes())
    }
}

impl PartialEq<&str> for Contents {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::Contents;

    fn cut(text: &str, at: &[usize]) -> Contents {
        let mut contents = Contents::new();
        let mut from = 0;
        for &to in at.iter().chain([text.len()].iter()) {
            contents.push_str(&text[from..to]);
            from = to;
        }
        contents
    }

    #[test]
    fn pieces_compare_as_the_text_they_make() {
        let text = "pub struct A;\npub struct B;\n";
        let a = cut(text, &[3, 14]);
        let b = cut(text, &[20]);
        assert_eq!(a, b);
        assert_eq!(a, text);
        assert_eq!(a.to_text(), text);
        assert_eq!(a.to_string(), text);
        assert_eq!(a.len(), text.len());
        assert_ne!(a, cut("pub struct A;\npub struct C;\n", &[3]));
        assert_ne!(a, "pub struct A;\n");
    }

    #[test]
    fn a_reader_matches_only_the_exact_text() {
        let contents = cut("0123456789", &[1, 5]);
        assert!(contents.matches(&b"0123456789"[..]).unwrap());
        assert!(!contents.matches(&b"012345678"[..]).unwrap());
        assert!(!contents.matches(&b"0123456789!"[..]).unwrap());
        assert!(!contents.matches(&b"0123X56789"[..]).unwrap());
        // Longer than a block read at a time.
        let long = "x".repeat(super::BLOCK * 2 + 7);
        let contents = cut(&long, &[5, super::BLOCK + 1]);
        assert!(contents.matches(long.as_bytes()).unwrap());
        assert!(!contents.matches(&long.as_bytes()[1..]).unwrap());
        let mut written = Vec::new();
        contents.write_to(&mut written).unwrap();
        assert_eq!(written, long.as_bytes());
    }
}
