//! JSON with a place for every value, so that problems in a plan are reported at their
//! line and column. Strict RFC 8259 JSON; duplicate keys and deep nesting are errors.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Loc, SourceFile};
use crate::limits;

/// A JSON value and where it starts.
#[derive(Clone, Debug)]
pub struct Json {
    pub value: Value,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Json>),
    /// Members in document order, each key with its place.
    Object(Vec<(Key, Json)>),
}

#[derive(Clone, Debug)]
pub struct Key {
    pub name: String,
    pub loc: Loc,
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn members(&self) -> Option<&[(Key, Json)]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, Value::Object(_))
    }

    /// The value without places, for copying into the catalog.
    pub fn to_plain(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Json::to_plain).collect())
            }
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_plain()))
                    .collect(),
            ),
        }
    }

    /// What kind of value this is, in words.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// The path of keys and indexes from `node` to the value read at `line`:`column`.
fn path_to(node: &Json, line: u32, column: u32) -> Option<Vec<String>> {
    fn walk(node: &Json, line: u32, column: u32, path: &mut Vec<String>) -> bool {
        if node.loc.line == line && node.loc.column == column {
            return true;
        }
        match &node.value {
            Value::Object(members) => members.iter().any(|(k, v)| {
                path.push(k.name.replace('~', "~0").replace('/', "~1"));
                let found = walk(v, line, column, path);
                if !found {
                    path.pop();
                }
                found
            }),
            Value::Array(items) => items.iter().enumerate().any(|(i, v)| {
                path.push(i.to_string());
                let found = walk(v, line, column, path);
                if !found {
                    path.pop();
                }
                found
            }),
            _ => false,
        }
    }
    let mut path = Vec::new();
    walk(node, line, column, &mut path).then_some(path)
}

/// The pointer of the schema holding the value read at `line`:`column`: the path to it,
/// without its last step.
fn schema_pointer(mut path: Vec<String>) -> String {
    path.pop();
    if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}", path.join("/"))
    }
}

/// The schema pointer of each place (`line`, `column`) in a plan, found in one reading of it
/// that keeps no more than one rule at a time: a plan with warnings costs no more memory to
/// point into than one without.
pub fn schema_pointers_at(
    file: &Arc<SourceFile>,
    arrays: &[&str],
    places: &[(u32, u32)],
) -> Vec<Option<String>> {
    let mut found: Vec<Option<String>> = vec![None; places.len()];
    let mut take = |array: &str, index: usize, item: Json| {
        for (slot, &(line, column)) in found.iter_mut().zip(places) {
            crate::work::step(1);
            if slot.is_none()
                && let Some(inner) = path_to(&item, line, column)
            {
                let mut path: Vec<String> = array.split('/').skip(1).map(str::to_owned).collect();
                path.push(index.to_string());
                path.extend(inner);
                *slot = Some(schema_pointer(path));
            }
        }
    };
    let rest = parse_streaming(
        file,
        Some(Stream {
            arrays,
            take: &mut take,
        }),
    )
    .ok();
    if let Some(rest) = rest {
        for (slot, &(line, column)) in found.iter_mut().zip(places) {
            if slot.is_none() {
                *slot = path_to(&rest, line, column).map(schema_pointer);
            }
        }
    }
    found
}

/// Takes the items of some arrays as they are read, instead of the tree keeping them: the
/// rules of a plan, each converted and dropped in turn, so that a plan of 100,000 events is
/// never held whole.
pub struct Stream<'h> {
    /// JSON pointers of the arrays whose items it takes, such as `/rules`.
    pub arrays: &'h [&'h str],
    /// Takes one item: the pointer of its array, its index, the item.
    pub take: &'h mut dyn FnMut(&str, usize, Json),
}

/// Objects with fewer keys find a duplicate by comparing them.
const SMALL_OBJECT: usize = 16;

/// How deep a streamed array may be: `/rules/events` is two keys down.
const STREAM_DEPTH: usize = 3;

/// Parses a whole file.
pub fn parse(file: &Arc<SourceFile>) -> Result<Json, Diagnostic> {
    parse_streaming(file, None)
}

/// Parses a whole file, handing the items of the streamed arrays to `stream`: in the tree
/// returned, those arrays are empty.
pub fn parse_streaming(
    file: &Arc<SourceFile>,
    stream: Option<Stream<'_>>,
) -> Result<Json, Diagnostic> {
    // A byte order mark, as some Windows tools write, is not part of the JSON.
    let start = if file.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut p = Parser {
        file,
        text: file.text.as_bytes(),
        pos: start,
        line: 1,
        line_start: start,
        depth: 0,
        counted: Cell::new((start, 1)),
        values: 0,
        stream,
        path: Vec::new(),
    };
    p.skip_ws();
    if p.pos >= p.text.len() {
        return Err(Diagnostic::in_file(&file.name, "file is empty")
            .with_hint("a tracking plan is a JSON object"));
    }
    let rest = &p.text[p.pos..];
    let json_start = matches!(rest[0], b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b'/')
        || [&b"true"[..], b"false", b"null"]
            .iter()
            .any(|w| rest.starts_with(w));
    if !json_start {
        let found = file.text[p.pos..].chars().next().unwrap_or(' ');
        return Err(p
            .error(format!("expected a JSON object, found `{found}`"))
            .with_hint(
                "a tracking plan is a JSON file; catalog files in YAML are read with --catalog",
            ));
    }
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.text.len() {
        return Err(p.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a, 'h> {
    file: &'a Arc<SourceFile>,
    text: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    depth: usize,
    /// The last place whose column was counted, and that column: counting on from it keeps a
    /// long line (a minified plan) linear.
    counted: Cell<(usize, usize)>,
    /// Values read so far.
    values: usize,
    stream: Option<Stream<'h>>,
    /// The keys and indices down to the value being read, while shallower than
    /// [`STREAM_DEPTH`] and only when streaming.
    path: Vec<String>,
}

impl Parser<'_, '_> {
    /// Whether the array being read is one the stream takes the items of.
    fn streamed(&self) -> Option<String> {
        let stream = self.stream.as_ref()?;
        if self.path.len() != self.depth - 1 {
            return None;
        }
        let pointer: String = self.path.iter().map(|p| format!("/{p}")).collect();
        stream.arrays.contains(&pointer.as_str()).then_some(pointer)
    }

    /// Reads a member or item, keeping its key or index on the path while it matters.
    fn child(&mut self, segment: impl FnOnce() -> String) -> Result<Json, Diagnostic> {
        let tracked = self.stream.is_some() && self.depth < STREAM_DEPTH;
        if tracked {
            self.path.push(segment());
        }
        let value = self.value();
        if tracked {
            self.path.pop();
        }
        value
    }

    fn loc(&self) -> Loc {
        let (from, base) = match self.counted.get() {
            (at, column) if (self.line_start..=self.pos).contains(&at) => (at, column),
            _ => (self.line_start, 1),
        };
        let column = base
            + self.file.text.get(from..self.pos).map_or(0, |s| {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            });
        self.counted.set((self.pos, column));
        Loc::new(
            self.file,
            self.line,
            u32::try_from(column).unwrap_or(u32::MAX),
            1,
        )
    }

    fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(&self.loc(), message)
    }

    fn skip_ws(&mut self) {
        while let Some(&b) = self.text.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self) -> Result<Json, Diagnostic> {
        self.values += 1;
        if self.values > limits::MAX_JSON_VALUES {
            return Err(self
                .error(format!(
                    "the plan holds more than {} JSON values",
                    limits::MAX_JSON_VALUES
                ))
                .with_hint("tracking plans hold far fewer; is the file a plan?"));
        }
        let loc = self.loc();
        let value = match self.text.get(self.pos) {
            None => return Err(self.error("unexpected end of file: the JSON is truncated")),
            Some(b'{') => self.nested(|p| p.object())?,
            Some(b'[') => self.nested(|p| p.array())?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'/') => return Err(self.comment()),
            Some(_) => {
                let found = self.file.text[self.pos..].chars().next().unwrap_or(' ');
                return Err(self.error(format!("expected a JSON value, found `{found}`")));
            }
        };
        Ok(Json { value, loc })
    }

    /// At the `]` or `}` after a comma: JSON allows none there.
    fn trailing_comma(&self, close: char) -> Diagnostic {
        self.error(format!("trailing comma before `{close}`"))
            .with_hint("JSON allows no comma after the last item; remove it")
    }

    fn comment(&self) -> Diagnostic {
        self.error("JSON has no comments")
            .with_hint("remove the comment, or move what it says into a `description`")
    }

    fn nested(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<Value, Diagnostic>,
    ) -> Result<Value, Diagnostic> {
        self.depth += 1;
        if self.depth > limits::MAX_JSON_DEPTH {
            return Err(self
                .error(format!(
                    "JSON is nested more than {} levels deep",
                    limits::MAX_JSON_DEPTH
                ))
                .with_hint(
                    "tracking plans are rarely more than a dozen levels deep; is the file a plan?",
                ));
        }
        let v = f(self);
        self.depth -= 1;
        v
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Diagnostic> {
        if self.text[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value (true, false, null, a number, a string, an array or an object)"))
        }
    }

    fn number(&mut self) -> Result<Value, Diagnostic> {
        let start = self.pos;
        while let Some(&b) = self.text.get(self.pos) {
            if b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text = &self.file.text[start..self.pos];
        serde_json::from_str::<serde_json::Number>(text)
            .map(Value::Number)
            .map_err(|_| {
                self.pos = start;
                self.error(format!("`{text}` is not a valid JSON number"))
            })
    }

    fn string(&mut self) -> Result<String, Diagnostic> {
        let start = self.pos;
        self.pos += 1;
        // Most strings have no escape: copied whole, at once.
        let plain = self.text[self.pos..]
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        if let Some(len) = plain
            && self.text[self.pos + len] == b'"'
        {
            let out = self.file.text[self.pos..self.pos + len].to_owned();
            self.pos += len + 1;
            return Ok(out);
        }
        let mut out = String::new();
        loop {
            let Some(&b) = self.text.get(self.pos) else {
                self.pos = start;
                return Err(self
                    .error("unterminated string")
                    .with_hint("the file may be truncated"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let escape = self.text.get(self.pos + 1).copied();
                    self.pos += 2;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 2;
                            return Err(self.error("invalid escape in a string"));
                        }
                    }
                }
                b if b < 0x20 => {
                    return Err(self.error("control character in a string; write it as an escape"));
                }
                _ => {
                    // Copy one whole UTF-8 character (the file is valid UTF-8).
                    let rest = &self.file.text[self.pos..];
                    let c = rest.chars().next().unwrap_or('\u{fffd}');
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Diagnostic> {
        let digits = self.file.text.get(self.pos..self.pos + 4).unwrap_or("");
        let n = u32::from_str_radix(digits, 16).map_err(|_| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(n)
    }

    fn unicode_escape(&mut self) -> Result<char, Diagnostic> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with(b"\\u")
        {
            self.pos += 2;
            let second = self.hex4()?;
            0x10000 + ((first - 0xD800) << 10) + (second.wrapping_sub(0xDC00) & 0x3FF)
        } else {
            first
        };
        Ok(char::from_u32(code).unwrap_or('\u{fffd}'))
    }

    fn array(&mut self) -> Result<Value, Diagnostic> {
        self.pos += 1;
        let mut items = Vec::new();
        let streamed = self.streamed();
        let mut index = 0;
        self.skip_ws();
        if self.text.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            if self.text.get(self.pos) == Some(&b']') {
                return Err(self.trailing_comma(']'));
            }
            let item = self.child(|| index.to_string())?;
            match (&streamed, &mut self.stream) {
                (Some(pointer), Some(stream)) => (stream.take)(pointer, index, item),
                _ => items.push(item),
            }
            index += 1;
            self.skip_ws();
            match self.text.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => {
                    return Err(
                        self.error("unexpected end of file inside an array: the JSON is truncated")
                    );
                }
                Some(_) => return Err(self.error("expected `,` or `]` in an array")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, Diagnostic> {
        self.pos += 1;
        let mut members: Vec<(Key, Json)> = Vec::new();
        // Where each key is, to find duplicates without comparing every pair; small objects,
        // nearly all of them, compare their few keys instead.
        let mut index: HashMap<String, usize> = HashMap::new();
        self.skip_ws();
        if self.text.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            let loc = self.loc();
            match self.text.get(self.pos) {
                Some(b'"') => {}
                None => {
                    return Err(self
                        .error("unexpected end of file inside an object: the JSON is truncated"));
                }
                Some(b'}') => return Err(self.trailing_comma('}')),
                Some(b'/') => return Err(self.comment()),
                Some(b'\'') => {
                    return Err(self
                        .error("expected a key in double quotes")
                        .with_hint("JSON quotes strings with `\"`, not `'`"));
                }
                Some(_) => return Err(self.error("expected a key in double quotes")),
            }
            let name = self.string()?;
            let earlier = if members.len() < SMALL_OBJECT {
                members.iter().position(|(k, _)| k.name == name)
            } else {
                if index.is_empty() {
                    index.extend(
                        members
                            .iter()
                            .enumerate()
                            .map(|(i, (k, _))| (k.name.clone(), i)),
                    );
                }
                index.get(&name).copied()
            };
            if let Some((first, _)) = earlier.and_then(|i| members.get(i)) {
                return Err(Diagnostic::at(
                    &loc,
                    format!("key `{name}` appears twice in the same object"),
                )
                .with_note(&first.loc, "first here"));
            }
            if members.len() >= SMALL_OBJECT {
                index.insert(name.clone(), members.len());
            }
            self.skip_ws();
            if self.text.get(self.pos) != Some(&b':') {
                return Err(self.error("expected `:` after a key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.child(|| name.replace('~', "~0").replace('/', "~1"))?;
            members.push((Key { name, loc }, value));
            self.skip_ws();
            match self.text.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                None => {
                    return Err(self
                        .error("unexpected end of file inside an object: the JSON is truncated"));
                }
                Some(_) => return Err(self.error("expected `,` or `}` in an object")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Json, Diagnostic> {
        parse(&SourceFile::new("p.json", text))
    }

    #[test]
    fn values_know_their_place() {
        let json =
            parse_str("{\n  \"a\": [1, \"x\\u00e9\\ud83d\\ude00\"],\n  \"b\": {\"c\": null}\n}")
                .unwrap();
        let a = json.get("a").unwrap();
        assert_eq!(a.loc.to_string(), "p.json:2:8");
        assert_eq!(a.as_array().unwrap()[1].as_str(), Some("xé😀"));
        assert_eq!(
            json.get("b").unwrap().get("c").unwrap().loc.to_string(),
            "p.json:3:14"
        );
    }

    #[test]
    fn errors_are_located() {
        assert_eq!(
            parse_str("{\"a\": tru}")
                .unwrap_err()
                .loc()
                .unwrap()
                .to_string(),
            "p.json:1:7"
        );
        let e = parse_str("{\"a\": 1,\n \"a\": 2}").unwrap_err();
        assert_eq!(e.message, "key `a` appears twice in the same object");
        assert_eq!(e.loc().unwrap().to_string(), "p.json:2:2");
        let e = parse_str("{\"rules\": [1, 2").unwrap_err();
        assert!(e.message.contains("truncated"), "{}", e.message);
        let deep = "[".repeat(limits::MAX_JSON_DEPTH + 1);
        assert!(
            parse_str(&deep)
                .unwrap_err()
                .message
                .contains("nested more than")
        );
        assert!(parse_str("  ").unwrap_err().message.contains("empty"));
        assert!(
            parse_str("{} x")
                .unwrap_err()
                .message
                .contains("after the JSON value")
        );
    }

    #[test]
    fn large_numbers_keep_their_digits() {
        let json = parse_str("[1230007112658965944, 1.24e21]").unwrap();
        assert_eq!(
            json.to_plain().to_string(),
            "[1230007112658965944,1.24e+21]"
        );
    }
}
