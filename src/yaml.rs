//! Reading input files and parsing YAML into raw structures whose values know where they were
//! written, down to the file.

use std::cell::RefCell;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde::de::{Deserialize, DeserializeOwned, Deserializer, Visitor};

mod de;
#[cfg(test)]
mod oracle_tests;
mod tree;

use de::Kind;

use crate::diagnostic::{Diagnostic, Loc, SourceFile};
use crate::limits;
use crate::suggest;

thread_local! {
    /// The file being deserialised, so that `Sp<T>` can record it: serde-saphyr's locations
    /// know line and column but not the file, and merged catalogs mix values from many files.
    static CURRENT_FILE: RefCell<Option<Arc<SourceFile>>> = const { RefCell::new(None) };
}

/// A value and where it was written.
#[derive(Clone)]
pub struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Self { value, loc }
    }
}

impl<T: fmt::Debug> fmt::Debug for Sp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// Values compare by content: where they were written does not matter.
impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// Written as the bare value.
impl<T: serde::Serialize> serde::Serialize for Sp<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[cfg(test)]
        if oracle_tests::serde_saphyr_reads() {
            return oracle_tests::spanned(deserializer);
        }
        struct Located<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Located<T> {
            type Value = Sp<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
                // Taken before the value is read: reading it locates the nodes inside.
                let at = de::located();
                let value = T::deserialize(d)?;
                let loc = CURRENT_FILE.with(|current| match (&*current.borrow(), at) {
                    (Some(file), Some(at)) => Loc::new(file, at.line, at.column, at.len),
                    _ => Loc::new(&SourceFile::new("<input>", ""), 0, 0, 0),
                });
                #[cfg(test)]
                oracle_tests::record(&loc);
                Ok(Sp { value, loc })
            }
        }
        deserializer.deserialize_newtype_struct(de::LOCATED, Located(std::marker::PhantomData))
    }
}

struct CurrentFileGuard;

impl CurrentFileGuard {
    fn set(file: &Arc<SourceFile>) -> Self {
        CURRENT_FILE.with(|current| *current.borrow_mut() = Some(Arc::clone(file)));
        CurrentFileGuard
    }
}

impl Drop for CurrentFileGuard {
    fn drop(&mut self) {
        CURRENT_FILE.with(|current| *current.borrow_mut() = None);
    }
}

/// Reads a text input file, refusing directories, oversized files and invalid UTF-8 with
/// located errors. `name` is how the file is shown in messages.
pub fn read_source(path: &Path, name: &str) -> Result<Arc<SourceFile>, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::in_file(name, format!("cannot read file: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(Diagnostic::in_file(name, "is a directory, expected a file"));
    }
    if meta.len() > limits::MAX_FILE_BYTES {
        return Err(Diagnostic::in_file(
            name,
            format!(
                "file is {} bytes, larger than the limit of {} bytes",
                meta.len(),
                limits::MAX_FILE_BYTES
            ),
        )
        .with_hint(
            "is it the right file? A large catalog can be split into several files, in a \
             directory given to --catalog",
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::in_file(name, format!("cannot read file: {}", io_reason(&e))))?;
    source_from_bytes(name, bytes)
}

/// Checks that input bytes are UTF-8, pointing at the first invalid byte when they are not.
pub fn source_from_bytes(name: &str, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let file = SourceFile::new(name, prefix);
            Err(Diagnostic::at(
                &Loc::at_byte(&file, valid),
                format!(
                    "file is not valid UTF-8 (invalid byte 0x{:02X})",
                    e.as_bytes()[valid]
                ),
            )
            .with_hint("save the file as UTF-8"))
        }
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Parses a YAML file into `T`, with every value located in `file`.
pub fn from_yaml<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<T, Diagnostic> {
    let _guard = CurrentFileGuard::set(file);
    let tree::Parsed { root, error } = tree::parse(&file.text);
    // A file without a document reads as an empty mapping: a document of optional keys
    // with all of them absent.
    let root = root.unwrap_or_else(tree::Node::empty_mapping);
    let read = T::deserialize(de::NodeDe(root));
    let error = match (read, error) {
        (Ok(value), None) => return Ok(value),
        (Err(e), None) => e,
        // The content read before a problem is reported first when it has a problem of its
        // own written earlier, as the user reads the file; keys it lacks may just be later.
        (Err(e), Some(stop))
            if !matches!(e.kind, Kind::MissingField(_))
                && e.at
                    .zip(stop.at)
                    .is_some_and(|(a, b)| (a.line, a.column) < (b.line, b.column)) =>
        {
            e
        }
        (_, Some(stop)) => stop,
    };
    Err(yaml_diagnostic(file, &error))
}

fn yaml_diagnostic(file: &Arc<SourceFile>, error: &de::Error) -> Diagnostic {
    let loc = error
        .at
        .filter(|at| at.line > 0)
        .map(|at| Loc::new(file, at.line, at.column, at.len));
    let with_found = |expected: &str| match loc.as_ref().and_then(|l| found_at(file, l)) {
        Some(found) => format!("{expected}, found {found}"),
        None => expected.to_owned(),
    };
    let (message, hint) = match &error.kind {
        Kind::UnknownField { field, expected } => (
            format!("unknown key `{field}`"),
            Some(
                suggest::did_you_mean(field, expected.iter()).unwrap_or_else(|| {
                    if expected.is_empty() {
                        "no keys are allowed here".to_owned()
                    } else {
                        format!("allowed keys here: {}", expected.join(", "))
                    }
                }),
            ),
        ),
        Kind::MissingField(field) => (format!("missing key `{field}`"), None),
        Kind::Duplicate(key) => (
            format!("key `{key}` appears twice in the same mapping"),
            Some("remove one of them".to_owned()),
        ),
        Kind::InvalidType {
            unexpected,
            expected,
        } => (
            format!(
                "expected {}, found {}",
                friendly_expected(expected),
                friendly_found(unexpected)
            ),
            None,
        ),
        Kind::Expected(expected) => (with_found(&format!("expected {expected}")), None),
        Kind::InvalidBool => (with_found("expected `true` or `false`"), None),
        Kind::InvalidNumber(ty) => (with_found(&format!("expected {}", article(ty))), None),
        Kind::NullIntoString => ("expected a string, found an empty value".to_owned(), None),
        Kind::NonFinite => (
            with_found("expected a finite number"),
            Some("JSON, and so an event's properties, has no infinity or NaN".to_owned()),
        ),
        Kind::MultipleDocuments => (
            "the file holds a second YAML document".to_owned(),
            Some("remove the `---` line, or put each document in a file of its own".to_owned()),
        ),
        Kind::UnknownAnchor => (
            match loc.as_ref().and_then(|l| alias_at(file, l)) {
                Some(alias) => format!("alias `{alias}` refers to no anchor"),
                None => "an alias refers to no anchor".to_owned(),
            },
            Some("an alias `*name` repeats a value marked `&name` earlier in the file".to_owned()),
        ),
        Kind::Depth => budget_depth(),
        Kind::Nodes { via_alias } => budget_nodes(*via_alias),
        Kind::Bytes => (
            format!(
                "the file's text, counting what its aliases repeat, is more than {} bytes",
                limits::MAX_FILE_BYTES
            ),
            Some(
                "an alias (`*name`) repeats the whole value marked `&name`: repeat long values \
                 less often, or split the catalog into several files"
                    .to_owned(),
            ),
        ),
        Kind::Parser(msg) => parser_message(file, msg, loc.as_ref()),
        Kind::Custom(msg) => (msg.clone(), None),
    };
    let d = match loc {
        Some(loc) => Diagnostic::at(&loc, message),
        None => Diagnostic::in_file(&file.name, message),
    };
    d.with_hint_opt(hint)
}

fn budget_depth() -> (String, Option<String>) {
    (
        format!(
            "YAML is nested more than {} levels deep",
            limits::MAX_YAML_DEPTH
        ),
        Some("declare deeply nested objects as named types under `types`".to_owned()),
    )
}

/// The node limit, and why it exists: for an alias bomb above all.
fn budget_nodes(via_alias: bool) -> (String, Option<String>) {
    (
        format!(
            "the file holds more than {} YAML values, counting those its aliases expand to",
            limits::MAX_YAML_NODES
        ),
        Some(if via_alias {
            "aliases (`*name`) that repeat lists of aliases grow exponentially \
             (\"billion laughs\"); write the values out instead"
                .to_owned()
        } else {
            "split the catalog into several files, in a directory given to --catalog".to_owned()
        }),
    )
}

/// The YAML parser's messages, reworded or explained where they are common and cryptic.
fn parser_message(file: &SourceFile, msg: &str, loc: Option<&Loc>) -> (String, Option<String>) {
    let unclosed = || {
        let line = loc?.line;
        let (line, column, open) = unclosed_bracket(&file.text, line)?;
        let close = if open == '[' { ']' } else { '}' };
        Some(format!(
            "the `{open}` at line {line}, column {column} has no closing `{close}`"
        ))
    };
    match msg {
        m if m.starts_with("tab") => (
            "tabs cannot indent YAML".to_owned(),
            Some("indent with spaces".to_owned()),
        ),
        "mapping values are not allowed in this context" => (
            "unexpected `:` in a value".to_owned(),
            Some(unclosed().unwrap_or_else(|| {
                "quote a value that contains `: `, or indent this line like the keys beside it"
                    .to_owned()
            })),
        ),
        "illegal placement of ':' indicator" => ("unexpected `:`".to_owned(), unclosed()),
        "unclosed quote" => (
            msg.to_owned(),
            Some("the text that starts here has no closing quote".to_owned()),
        ),
        "recursion limit exceeded" => budget_depth(),
        m if m.starts_with("while parsing a block") => (
            m.to_owned(),
            Some("check this line's indentation".to_owned()),
        ),
        m if m.starts_with("while parsing a flow") || m.starts_with("unexpected EOF") => {
            (m.to_owned(), unclosed())
        }
        m => (m.to_owned(), None),
    }
}

/// The last `[` or `{` before line `before` that opens a flow collection no bracket closes:
/// what a parser error after it is usually about. Quoted text and comments are skipped.
fn unclosed_bracket(text: &str, before: u32) -> Option<(u32, u32, char)> {
    let mut open: Vec<(u32, u32, char)> = Vec::new();
    let lines = text.lines().take(before.saturating_sub(1) as usize);
    for (number, line) in (1u32..).zip(lines) {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in (1u32..).zip(line.chars()) {
            let starts_token = previous.is_whitespace() || matches!(previous, '[' | '{' | ',');
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if starts_token || previous == ':' => quote = Some(c),
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') if starts_token || matches!(previous, ':' | '-') => {
                    open.push((number, column, c));
                }
                (None, ']' | '}') if !open.is_empty() => {
                    open.pop();
                }
                _ => {}
            }
            previous = c;
        }
    }
    open.pop()
}

/// What the value at `loc` is, in words: the value itself when it is short text.
fn found_at(file: &SourceFile, loc: &Loc) -> Option<String> {
    let line = file.text.lines().nth(loc.line.checked_sub(1)? as usize)?;
    let rest: String = line
        .chars()
        .skip(loc.column.saturating_sub(1) as usize)
        .collect();
    let mut chars = rest.chars();
    Some(match chars.next()? {
        '[' => "a list".to_owned(),
        '{' => "a mapping".to_owned(),
        '-' if chars.next().is_none_or(char::is_whitespace) => "a list".to_owned(),
        _ => {
            let len = loc.len.max(1) as usize;
            let value: String = rest.chars().take(len).collect();
            let after: String = rest.chars().skip(len).collect();
            // A mapping is located at its first key, and only a key is followed by `: `.
            let line = rest.split(" #").next().unwrap_or_default().trim_end();
            let key =
                !value.starts_with(['"', '\'']) && (line.ends_with(':') || line.contains(": "));
            if key || after.trim_start().starts_with(':') {
                "a mapping".to_owned()
            } else if value.chars().count() > 40 {
                "text".to_owned()
            } else {
                format!("`{value}`")
            }
        }
    })
}

/// The alias (`*name`) written at `loc`.
fn alias_at(file: &SourceFile, loc: &Loc) -> Option<String> {
    let line = file.text.lines().nth(loc.line.checked_sub(1)? as usize)?;
    let alias: String = line
        .chars()
        .skip(loc.column.saturating_sub(1) as usize)
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect();
    (alias.len() > 1 && alias.starts_with('*')).then_some(alias)
}

/// Serde describes values by Rust's names; say what the user wrote instead.
fn friendly_found(unexpected: &str) -> String {
    match unexpected {
        "map" => "a mapping".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "nothing".to_owned(),
        other => other.to_owned(),
    }
}

fn article(ty: &str) -> String {
    match ty {
        "boolean" => "`true` or `false`".to_owned(),
        t if t.starts_with(['i', 'u']) && t[1..].parse::<u32>().is_ok() => {
            "a whole number".to_owned()
        }
        t if t.starts_with('f') => "a number".to_owned(),
        t => format!("a {t}"),
    }
}

/// Serde names our raw types by their Rust names; say what the user should write instead.
fn friendly_expected(expected: &str) -> String {
    if expected.starts_with("struct ") || expected == "a map" {
        "a mapping of keys to values".to_owned()
    } else if expected.starts_with("a sequence") || expected.starts_with("a vec") {
        "a list".to_owned()
    } else {
        expected.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        name: Sp<String>,
        #[allow(dead_code)]
        required: Option<bool>,
    }

    #[test]
    fn values_carry_their_file_and_position() {
        let file = SourceFile::new("a.yaml", "# c\nname: Order Completed\n");
        let doc: Doc = from_yaml(&file).unwrap();
        assert_eq!(doc.name.value, "Order Completed");
        assert_eq!(doc.name.loc.to_string(), "a.yaml:2:7");
    }

    #[test]
    fn unknown_keys_get_a_hint() {
        let file = SourceFile::new("a.yaml", "name: x\nrequried: true\n");
        let d = from_yaml::<Doc>(&file).unwrap_err();
        assert_eq!(d.message, "unknown key `requried`");
        assert_eq!(d.loc().unwrap().to_string(), "a.yaml:2:1");
        assert_eq!(d.hint.as_deref(), Some("did you mean `required`?"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let d = source_from_bytes("b.yaml", b"name: ok\nbad: \xff\n".to_vec()).unwrap_err();
        assert_eq!(d.loc().unwrap().to_string(), "b.yaml:2:6");
    }
}
