//! JSON Schema patterns (ECMA-262 syntax) in the dialect of each target's regex engine:
//! JavaScript's `RegExp` with the `u` flag, Rust's `regex` crate and Foundation's
//! `NSRegularExpression` (ICU). Only a subset is accepted: the one all three run exactly alike
//! once written out by [`translate`]. Anything else (lookaround, backreferences, word
//! boundaries, named groups, flags) is refused, so that no target checks something different.
//!
//! Every target gets the same rewriting: `.` and the classes `\d \w \s` become explicit
//! character sets (Rust's are Unicode-aware, ICU's `.` and `$` treat line ends differently), and
//! every character other than an ASCII letter or digit is written as a code-point escape, so
//! that no engine's own reading of punctuation (class set operations in Rust and ICU, identity
//! escapes in JavaScript's `u` mode) applies.

use std::fmt::Write;

/// A target regex dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// JavaScript `RegExp`, used with the `u` flag.
    JavaScript,
    /// Rust's `regex` crate.
    Rust,
    /// Foundation's `NSRegularExpression` (ICU).
    Icu,
}

/// Why a pattern cannot run alike everywhere: what was found, and where (a character offset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    pub offset: usize,
    pub what: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Char(u32),
    /// A character set: ranges, negated or not.
    Set(bool, Vec<(u32, u32)>),
    /// `.`: anything but a line terminator.
    Dot,
    Start,
    End,
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, u32, Option<u32>, bool),
}

const DIGIT: &[(u32, u32)] = &[(0x30, 0x39)];
const WORD: &[(u32, u32)] = &[(0x30, 0x39), (0x41, 0x5a), (0x5f, 0x5f), (0x61, 0x7a)];
/// ECMA-262's WhiteSpace and LineTerminator.
const SPACE: &[(u32, u32)] = &[
    (0x09, 0x0d),
    (0x20, 0x20),
    (0xa0, 0xa0),
    (0x1680, 0x1680),
    (0x2000, 0x200a),
    (0x2028, 0x2029),
    (0x202f, 0x202f),
    (0x205f, 0x205f),
    (0x3000, 0x3000),
    (0xfeff, 0xfeff),
];
const LINE_ENDS: &[(u32, u32)] = &[(0x0a, 0x0a), (0x0d, 0x0d), (0x2028, 0x2029)];

/// The pattern written for `dialect`, or why it cannot be.
pub fn translate(pattern: &str, dialect: Dialect) -> Result<String, Unsupported> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut parser = Parser { chars, pos: 0 };
    let alternatives = parser.alternatives(0)?;
    let mut out = String::new();
    write_alternatives(&alternatives, dialect, &mut out);
    Ok(out)
}

/// Whether the pattern runs alike in every target.
pub fn check(pattern: &str) -> Result<(), Unsupported> {
    translate(pattern, Dialect::Rust).map(drop)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn fail<T>(&self, what: impl Into<String>) -> Result<T, Unsupported> {
        Err(Unsupported {
            offset: self.pos,
            what: what.into(),
        })
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternatives(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, Unsupported> {
        if depth > 32 {
            return self.fail("groups nested more than 32 deep");
        }
        let mut alternatives = vec![Vec::new()];
        while let Some(c) = self.peek() {
            match c {
                '|' => {
                    self.pos += 1;
                    alternatives.push(Vec::new());
                }
                ')' if depth > 0 => break,
                ')' => return self.fail("an unmatched `)`"),
                _ => {
                    let atom = self.atom(depth)?;
                    let atom = self.quantified(atom)?;
                    if let Some(last) = alternatives.last_mut() {
                        last.push(atom);
                    }
                }
            }
        }
        Ok(alternatives)
    }

    fn atom(&mut self, depth: usize) -> Result<Node, Unsupported> {
        let Some(c) = self.peek() else {
            return self.fail("an unexpected end");
        };
        self.pos += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Dot,
            '(' => {
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) == Some(&':') {
                        self.pos += 2;
                    } else {
                        self.pos -= 1;
                        return self.fail(
                            "lookaround or a named group (`(?`), which Rust's regex cannot run",
                        );
                    }
                }
                let inner = self.alternatives(depth + 1)?;
                if self.peek() != Some(')') {
                    return self.fail("a `(` without its `)`");
                }
                self.pos += 1;
                Node::Group(inner)
            }
            '[' => self.class()?,
            '\\' => self.escape(false)?,
            '*' | '+' | '?' => {
                self.pos -= 1;
                return self.fail(format!("`{c}` with nothing to repeat"));
            }
            '{' | '}' | ']' => {
                self.pos -= 1;
                return self.fail(format!("a bare `{c}` (escape it as `\\{c}`)"));
            }
            c => Node::Char(c as u32),
        })
    }

    fn quantified(&mut self, atom: Node) -> Result<Node, Unsupported> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => return self.braces(atom),
            _ => return Ok(atom),
        };
        self.pos += 1;
        self.repeat(atom, min, max)
    }

    fn braces(&mut self, atom: Node) -> Result<Node, Unsupported> {
        let start = self.pos;
        self.pos += 1;
        let min = self.number();
        let max = if self.peek() == Some(',') {
            self.pos += 1;
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number())
            }
        } else {
            Some(min)
        };
        match (min, max, self.peek()) {
            (Some(min), None, Some('}')) => {
                self.pos += 1;
                self.repeat(atom, min, None)
            }
            (Some(min), Some(Some(max)), Some('}')) if min <= max => {
                self.pos += 1;
                self.repeat(atom, min, Some(max))
            }
            _ => {
                self.pos = start;
                self.fail("a `{` that is not a repetition `{n}`, `{n,}` or `{n,m}` with n ≤ m")
            }
        }
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        digits.parse().ok().filter(|n| *n <= 1000)
    }

    fn repeat(&mut self, atom: Node, min: u32, max: Option<u32>) -> Result<Node, Unsupported> {
        if matches!(atom, Node::Start | Node::End) {
            return self.fail("a repeated anchor");
        }
        let lazy = self.peek() == Some('?');
        if lazy {
            self.pos += 1;
        }
        if matches!(self.peek(), Some('*' | '+' | '?' | '{')) {
            return self.fail("a repetition of a repetition");
        }
        Ok(Node::Repeat(Box::new(atom), min, max, lazy))
    }

    fn class(&mut self) -> Result<Node, Unsupported> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return self.fail("a `[` without its `]`");
            };
            if c == ']' {
                self.pos += 1;
                break;
            }
            let from = self.class_atom()?;
            let single = match &from {
                Node::Char(c) => Some(*c),
                _ => None,
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']') {
                self.pos += 1;
                let to = self.class_atom()?;
                match (single, to) {
                    (Some(a), Node::Char(b)) if a <= b => ranges.push((a, b)),
                    _ => return self.fail("a range that is out of order or between classes"),
                }
            } else {
                match from {
                    Node::Char(c) => ranges.push((c, c)),
                    Node::Set(_, set) => ranges.extend(set),
                    _ => return self.fail("an unsupported class member"),
                }
            }
        }
        if ranges.is_empty() {
            return self.fail("an empty class");
        }
        Ok(Node::Set(negated, ranges))
    }

    fn class_atom(&mut self) -> Result<Node, Unsupported> {
        match self.peek() {
            Some('\\') => {
                self.pos += 1;
                self.escape(true)
            }
            Some('[') => self.fail("a `[` inside a class (escape it as `\\[`)"),
            Some(c) => {
                self.pos += 1;
                Ok(Node::Char(c as u32))
            }
            None => self.fail("a `[` without its `]`"),
        }
    }

    fn escape(&mut self, in_class: bool) -> Result<Node, Unsupported> {
        let Some(c) = self.peek() else {
            return self.fail("a trailing `\\`");
        };
        self.pos += 1;
        let set = |ranges: &[(u32, u32)], negated: bool| Node::Set(negated, ranges.to_vec());
        Ok(match c {
            'd' => set(DIGIT, false),
            'w' => set(WORD, false),
            's' => set(SPACE, false),
            'D' | 'W' | 'S' if in_class => {
                self.pos -= 2;
                return self.fail(format!("`\\{c}` inside a class"));
            }
            'D' => set(DIGIT, true),
            'W' => set(WORD, true),
            'S' => set(SPACE, true),
            't' => Node::Char(0x09),
            'n' => Node::Char(0x0a),
            'v' => Node::Char(0x0b),
            'f' => Node::Char(0x0c),
            'r' => Node::Char(0x0d),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => Node::Char(0),
            'x' => Node::Char(self.hex(2)?),
            'u' if self.peek() == Some('{') => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    self.pos += 1;
                }
                let digits: String = self.chars[start..self.pos].iter().collect();
                let value = u32::from_str_radix(&digits, 16)
                    .ok()
                    .filter(|v| *v <= 0x10ffff);
                match (value, self.peek()) {
                    (Some(v), Some('}')) => {
                        self.pos += 1;
                        Node::Char(v)
                    }
                    _ => return self.fail("a malformed `\\u{...}` escape"),
                }
            }
            'u' => {
                let unit = self.hex(4)?;
                if (0xd800..0xe000).contains(&unit) {
                    return self.fail("a surrogate `\\u` escape (write `\\u{...}`)");
                }
                Node::Char(unit)
            }
            'b' | 'B' => {
                self.pos -= 2;
                return self.fail(format!(
                    "`\\{c}`, a word boundary, which each engine reads differently"
                ));
            }
            '1'..='9' | 'k' => {
                self.pos -= 2;
                return self.fail("a backreference, which Rust's regex cannot run");
            }
            '-' if in_class => Node::Char('-' as u32),
            c if "^$\\.*+?()[]{}|/".contains(c) => Node::Char(c as u32),
            c => {
                self.pos -= 2;
                return self.fail(format!("the escape `\\{c}`"));
            }
        })
    }

    fn hex(&mut self, digits: usize) -> Result<u32, Unsupported> {
        let end = self.pos + digits;
        let text: String = self
            .chars
            .get(self.pos..end)
            .unwrap_or(&[])
            .iter()
            .collect();
        match u32::from_str_radix(&text, 16) {
            Ok(v) if text.len() == digits => {
                self.pos = end;
                Ok(v)
            }
            _ => self.fail("a malformed hexadecimal escape"),
        }
    }
}

fn write_alternatives(alternatives: &[Vec<Node>], dialect: Dialect, out: &mut String) {
    for (i, sequence) in alternatives.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        for node in sequence {
            write_node(node, dialect, out);
        }
    }
}

fn write_node(node: &Node, dialect: Dialect, out: &mut String) {
    match node {
        Node::Char(c) => write_char(*c, dialect, out),
        Node::Set(negated, ranges) => {
            out.push('[');
            if *negated {
                out.push('^');
            }
            for &(from, to) in ranges {
                write_char(from, dialect, out);
                if to != from {
                    out.push('-');
                    write_char(to, dialect, out);
                }
            }
            out.push(']');
        }
        Node::Dot => write_node(&Node::Set(true, LINE_ENDS.to_vec()), dialect, out),
        Node::Start => out.push('^'),
        Node::End => out.push_str(match dialect {
            // ICU's `$` also matches before a final line terminator.
            Dialect::Icu => "\\z",
            Dialect::JavaScript | Dialect::Rust => "$",
        }),
        Node::Group(inner) => {
            out.push_str("(?:");
            write_alternatives(inner, dialect, out);
            out.push(')');
        }
        Node::Repeat(atom, min, max, lazy) => {
            write_node(atom, dialect, out);
            let _ = match (min, max) {
                (0, None) => write!(out, "*"),
                (1, None) => write!(out, "+"),
                (0, Some(1)) => write!(out, "?"),
                (min, None) => write!(out, "{{{min},}}"),
                (min, Some(max)) if min == max => write!(out, "{{{min}}}"),
                (min, Some(max)) => write!(out, "{{{min},{max}}}"),
            };
            if *lazy {
                out.push('?');
            }
        }
    }
}

fn write_char(c: u32, dialect: Dialect, out: &mut String) {
    if char::from_u32(c).is_some_and(|c| c.is_ascii_alphanumeric()) {
        out.push(char::from_u32(c).unwrap_or_default());
        return;
    }
    let _ = match dialect {
        Dialect::JavaScript => write!(out, "\\u{{{c:x}}}"),
        Dialect::Rust | Dialect::Icu => write!(out, "\\x{{{c:x}}}"),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_each_dialect_without_room_for_interpretation() {
        assert_eq!(
            translate("^[A-Z]{3}$", Dialect::Rust).unwrap(),
            "^[A-Z]{3}$"
        );
        assert_eq!(
            translate("^[A-Z]{3}$", Dialect::Icu).unwrap(),
            "^[A-Z]{3}\\z"
        );
        assert_eq!(
            translate("a.b\\d+", Dialect::JavaScript).unwrap(),
            "a[^\\u{a}\\u{d}\\u{2028}-\\u{2029}]b[0-9]+"
        );
        assert_eq!(
            translate("(?:x|y-)??", Dialect::Rust).unwrap(),
            "(?:x|y\\x{2d})??"
        );
        assert_eq!(
            translate("[\\w-]", Dialect::Rust).unwrap(),
            "[0-9A-Z\\x{5f}a-z\\x{2d}]"
        );
    }

    #[test]
    fn refuses_what_an_engine_would_read_differently() {
        for (pattern, what) in [
            ("(?=a)", "lookaround"),
            ("(a)\\1", "backreference"),
            ("\\bword", "word boundary"),
            ("a{2", "repetition"),
            ("[a", "without its `]`"),
            ("\\p{L}", "escape"),
            ("a**", "repetition of a repetition"),
        ] {
            let err = translate(pattern, Dialect::Rust).unwrap_err();
            assert!(err.what.contains(what), "{pattern}: {err:?}");
        }
    }
}
