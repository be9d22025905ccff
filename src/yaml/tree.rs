//! A YAML file as a tree of located nodes, read with granit-parser, the parser serde-saphyr is
//! built on. Anchors are expanded, merge keys (`<<`) applied, duplicate keys refused, and the
//! file's size in nodes and depth are bounded before anything is deserialised.

use std::collections::{HashMap, HashSet};

use granit_parser::{Event, Marker, Parser, ScalarStyle, Span, Tag as ParsedTag};

use super::de::{Error, Kind};
use crate::limits;

/// Where a node was written: 1-based line and column, and its length, in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub line: u32,
    pub column: u32,
    pub len: u32,
}

impl At {
    fn of(span: &Span) -> Self {
        Self::mark(&span.start, span.len())
    }

    fn mark(mark: &Marker, len: usize) -> Self {
        let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        At {
            line: number(mark.line()),
            column: number(mark.col() + 1),
            len: number(len),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Node {
    pub at: At,
    pub value: Value,
}

impl Node {
    /// A mapping with no keys, written nowhere (line 0: its errors name the file alone).
    pub fn empty_mapping() -> Self {
        Node {
            at: At {
                line: 0,
                column: 0,
                len: 0,
            },
            value: Value::Map(Vec::new()),
        }
    }
}

#[derive(Clone, Debug)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug)]
pub struct Scalar {
    /// The text after YAML's escapes and folding.
    pub text: String,
    /// Plain scalars are typed by their text (`12`, `true`, `~`); quoted and block scalars
    /// are text.
    pub plain: bool,
    pub tag: Tag,
}

/// The YAML core schema's tags, the only ones that change how a scalar is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    None,
    Str,
    Null,
    Bool,
    Int,
    Float,
}

impl Scalar {
    /// `~`, `null` or nothing, written plain (or tagged `!!null`).
    pub fn is_null(&self) -> bool {
        match self.tag {
            Tag::Null => true,
            Tag::None => {
                self.plain && matches!(self.text.as_str(), "~" | "null" | "Null" | "NULL" | "")
            }
            _ => false,
        }
    }
}

/// A file read: its one document's root node (`None` when it holds no document), and the
/// first problem met. After a problem the root holds what was read before it, so that a
/// problem with that content, written earlier in the file, can be reported first.
pub struct Parsed {
    pub root: Option<Node>,
    pub error: Option<Error>,
}

pub fn parse(text: &str) -> Parsed {
    let mut builder = Builder {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        nodes: 0,
        bytes: 0,
    };
    let mut root = None;
    let error = builder.document(&mut root).err();
    Parsed { root, error }
}

struct Builder<'input> {
    parser: Parser<'input, granit_parser::StrInput<'input>>,
    /// Each anchor's node, and how many nodes and levels of nesting an alias repeating it adds.
    anchors: HashMap<usize, (Node, Measure)>,
    /// Nodes so far, those aliases repeat included: what bounds an alias bomb.
    nodes: usize,
    /// Scalar text so far, that aliases repeat included: what bounds a bomb of long scalars.
    bytes: usize,
}

/// A collection being read.
enum Open {
    Seq(Vec<Node>),
    Map(Mapping),
}

/// A mapping being read: its entries, the key whose value comes next, and, once it has more
/// keys than a glance checks, the set of them, so that finding a duplicate stays linear.
#[derive(Default)]
struct Mapping {
    entries: Vec<(Node, Node)>,
    key: Option<Node>,
    keys: Option<HashSet<String>>,
}

/// Keys a mapping compares a new key with one by one; most mappings (a property's keys, an
/// event's) have fewer, and need no set.
const GLANCE: usize = 16;

impl Mapping {
    /// Adds an entry, refusing a key the mapping already has (merge keys aside).
    fn push(&mut self, key: Node, value: Node) -> Result<(), Error> {
        if let Some(text) = key_text(&key).filter(|_| !is_merge(&key)) {
            let seen = match &mut self.keys {
                Some(keys) => {
                    crate::work::step(1);
                    !keys.insert(text.to_owned())
                }
                None if self.entries.len() < GLANCE => self.entries.iter().any(|(k, _)| {
                    crate::work::step(1);
                    !is_merge(k) && key_text(k) == Some(text)
                }),
                None => {
                    let mut keys: HashSet<String> = own_keys(&self.entries).collect();
                    crate::work::step(keys.len() as u64);
                    let seen = !keys.insert(text.to_owned());
                    self.keys = Some(keys);
                    seen
                }
            };
            if seen {
                return Err(Error::new(Kind::Duplicate(text.to_owned()), key.at));
            }
        }
        self.entries.push((key, value));
        Ok(())
    }
}

/// The texts of the keys a mapping writes itself (not its merge keys).
fn own_keys(entries: &[(Node, Node)]) -> impl Iterator<Item = String> + '_ {
    entries
        .iter()
        .filter(|(k, _)| !is_merge(k))
        .filter_map(|(k, _)| key_text(k).map(str::to_owned))
}

impl<'input> Builder<'input> {
    fn next(&mut self) -> Result<Option<(Event<'input>, Span)>, Error> {
        match self.parser.next_event() {
            None => Ok(None),
            Some(Ok(event)) => Ok(Some(event)),
            Some(Err(e)) => {
                let at = At::mark(e.marker(), 1);
                let kind = match e.kind() {
                    granit_parser::ErrorKind::UnknownAnchor => Kind::UnknownAnchor,
                    _ => Kind::Parser(e.info()),
                };
                Err(Error::new(kind, at))
            }
        }
    }

    fn document(&mut self, root: &mut Option<Node>) -> Result<(), Error> {
        while let Some((event, span)) = self.next()? {
            match event {
                Event::DocumentStart(..) if root.is_some() => {
                    // Where the second document's content starts.
                    let at = match self.next()? {
                        Some((_, next)) => At::of(&next),
                        None => At::of(&span),
                    };
                    return Err(Error::new(Kind::MultipleDocuments, at));
                }
                Event::Scalar(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
                | Event::Alias(_) => {
                    let mut stack = Vec::new();
                    match self.node(event, span, &mut stack) {
                        Ok(node) => *root = Some(node),
                        Err(e) => {
                            *root = close(stack);
                            return Err(e);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Reads the node that `event` starts, with its children: iteratively, so that a deep file
    /// meets the depth limit rather than the stack's.
    fn node(
        &mut self,
        event: Event<'input>,
        span: Span,
        stack: &mut Vec<(Open, At, usize)>,
    ) -> Result<Node, Error> {
        let mut next = Some((event, span));
        loop {
            let (event, span) = match next.take() {
                Some(e) => e,
                None => self.next()?.ok_or_else(|| {
                    Error::new(
                        Kind::Parser("unexpected end of input".into()),
                        At::of(&Span::default()),
                    )
                })?,
            };
            let at = At::of(&span);
            let done = match event {
                Event::Scalar(text, style, anchor, tag) => {
                    self.count(at)?;
                    self.bytes += text.len();
                    let node = Node {
                        at,
                        value: Value::Scalar(Scalar {
                            text: text.into_owned(),
                            plain: style == ScalarStyle::Plain,
                            tag: core_tag(tag.as_deref()),
                        }),
                    };
                    self.anchor(anchor, &node);
                    node
                }
                Event::Alias(id) => {
                    let Some((anchored, measure)) = self.anchors.get(&id) else {
                        return Err(Error::new(Kind::UnknownAnchor, at));
                    };
                    self.nodes = self.nodes.saturating_add(measure.size);
                    if self.nodes > limits::MAX_YAML_NODES {
                        return Err(Error::new(Kind::Nodes { via_alias: true }, at));
                    }
                    self.bytes = self.bytes.saturating_add(measure.bytes);
                    if self.bytes > MAX_BYTES {
                        return Err(Error::new(Kind::Bytes, at));
                    }
                    // Aliases nest too: anchors that repeat each other would otherwise build
                    // a value deeper than the stack that reads it.
                    if stack.len() + measure.height > limits::MAX_YAML_DEPTH {
                        return Err(Error::new(Kind::Depth, at));
                    }
                    let mut node = anchored.clone();
                    // Every value an alias repeats is placed at the alias, where the user
                    // wrote it for this use (as serde-saphyr, replaying the anchor, did).
                    relocate(&mut node, at);
                    node
                }
                Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                    self.count(at)?;
                    if stack.len() >= limits::MAX_YAML_DEPTH {
                        return Err(Error::new(Kind::Depth, at));
                    }
                    let open = if matches!(event, Event::SequenceStart(..)) {
                        Open::Seq(Vec::new())
                    } else {
                        Open::Map(Mapping::default())
                    };
                    stack.push((open, at, anchor));
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some((open, at, anchor)) = stack.pop() else {
                        return Err(Error::new(Kind::Parser("unbalanced collection".into()), at));
                    };
                    let value = match open {
                        Open::Seq(items) => Value::Seq(items),
                        Open::Map(mapping) => Value::Map(merge(mapping.entries)?),
                    };
                    let node = Node { at, value };
                    self.anchor(anchor, &node);
                    node
                }
                _ => continue,
            };
            match stack.last_mut() {
                None => return Ok(done),
                Some((Open::Seq(items), ..)) => items.push(done),
                Some((Open::Map(mapping), ..)) => match mapping.key.take() {
                    None => mapping.key = Some(done),
                    Some(key) => mapping.push(key, done)?,
                },
            }
        }
    }

    fn count(&mut self, at: At) -> Result<(), Error> {
        self.nodes += 1;
        if self.nodes > limits::MAX_YAML_NODES {
            return Err(Error::new(Kind::Nodes { via_alias: false }, at));
        }
        Ok(())
    }

    /// Keeps `node` for the aliases of anchor `id` (0: it has none).
    fn anchor(&mut self, id: usize, node: &Node) {
        if id != 0 {
            self.anchors.insert(id, (node.clone(), measure(node)));
        }
    }
}

/// The collections still open when reading stopped, closed: the content read before it.
fn close(mut stack: Vec<(Open, At, usize)>) -> Option<Node> {
    let mut done: Option<Node> = None;
    while let Some((open, at, _)) = stack.pop() {
        let value = match open {
            Open::Seq(mut items) => {
                items.extend(done.take());
                Value::Seq(items)
            }
            Open::Map(mut mapping) => {
                if let (Some(key), Some(value)) = (mapping.key, done.take()) {
                    mapping.entries.push((key, value));
                }
                Value::Map(mapping.entries)
            }
        };
        done = Some(Node { at, value });
    }
    done
}

fn core_tag(tag: Option<&ParsedTag>) -> Tag {
    match tag.and_then(ParsedTag::core_suffix) {
        Some("str") => Tag::Str,
        Some("null") => Tag::Null,
        Some("bool") => Tag::Bool,
        Some("int") => Tag::Int,
        Some("float") => Tag::Float,
        _ => Tag::None,
    }
}

fn relocate(node: &mut Node, at: At) {
    node.at = at;
    match &mut node.value {
        Value::Scalar(_) => {}
        Value::Seq(items) => items.iter_mut().for_each(|n| relocate(n, at)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            relocate(k, at);
            relocate(v, at);
        }),
    }
}

/// The most scalar text a file may expand to, aliases included: a file's own size bounds its
/// text, and no alias may make the catalog larger than a file could be.
const MAX_BYTES: usize = limits::MAX_FILE_BYTES as usize;

/// A node's count of nodes and of nested collections, itself included, and its scalar text.
#[derive(Clone, Copy)]
struct Measure {
    size: usize,
    height: usize,
    bytes: usize,
}

fn measure(node: &Node) -> Measure {
    let children: Vec<Measure> = match &node.value {
        Value::Scalar(s) => {
            return Measure {
                size: 1,
                height: 0,
                bytes: s.text.len(),
            };
        }
        Value::Seq(items) => items.iter().map(measure).collect(),
        Value::Map(entries) => entries
            .iter()
            .flat_map(|(k, v)| [measure(k), measure(v)])
            .collect(),
    };
    Measure {
        size: 1 + children.iter().map(|m| m.size).sum::<usize>(),
        height: 1 + children.iter().map(|m| m.height).max().unwrap_or(0),
        bytes: children.iter().map(|m| m.bytes).sum(),
    }
}

fn key_text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar(s) => Some(&s.text),
        _ => None,
    }
}

fn is_merge(node: &Node) -> bool {
    matches!(&node.value, Value::Scalar(s) if s.plain && s.text == "<<")
}

/// Applies merge keys: `<<: *base` or `<<: [*a, *b]` adds the keys of those mappings that the
/// mapping does not write itself, the first mapping listed winning.
fn merge(entries: Vec<(Node, Node)>) -> Result<Vec<(Node, Node)>, Error> {
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return Ok(entries);
    }
    let mut own = Vec::with_capacity(entries.len());
    let mut merged = Vec::new();
    for (key, value) in entries {
        if !is_merge(&key) {
            own.push((key, value));
            continue;
        }
        let sources = match value.value {
            Value::Map(_) => vec![value],
            Value::Seq(items) => items,
            Value::Scalar(_) => {
                return Err(Error::new(
                    Kind::Custom("a merge key `<<` takes a mapping or a list of mappings".into()),
                    value.at,
                ));
            }
        };
        for mut source in sources {
            // Merged keys and values are placed where the mapping they come from is named.
            let at = source.at;
            relocate(&mut source, at);
            let Value::Map(entries) = source.value else {
                return Err(Error::new(
                    Kind::Custom("a merge key `<<` takes a mapping or a list of mappings".into()),
                    source.at,
                ));
            };
            merged.extend(entries);
        }
    }
    let mut taken: HashSet<String> = own_keys(&own).collect();
    for (key, value) in merged {
        crate::work::step(1);
        if key_text(&key).is_none_or(|text| taken.insert(text.to_owned())) {
            own.push((key, value));
        }
    }
    Ok(own)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each anchor nests the one before ten levels deeper: line 8 reaches 71 levels, written
    /// in 11.
    #[test]
    fn aliases_cannot_nest_deeper_than_the_limit() {
        let mut text = String::from("a0: &a0 x\n");
        for i in 1..=7 {
            let open = "[".repeat(10);
            let close = "]".repeat(10);
            text.push_str(&format!("a{i}: &a{i} {open}*a{}{close}\n", i - 1));
        }
        let parsed = parse(&text);
        let error = parsed.error.expect("too deep");
        assert!(matches!(error.kind, Kind::Depth), "{error:?}");
        assert_eq!(error.at.map(|at| at.line), Some(8));
    }

    /// A mapping's keys are checked for duplicates in linear work, merge keys included.
    #[cfg(feature = "cli")]
    #[test]
    fn duplicate_keys_and_merges_are_found_in_linear_work() {
        use crate::work::tests::{assert_linear, steps};
        let keys = |n: usize, prefix: &str| -> String {
            (0..n).map(|i| format!("{prefix}{i}: {i}\n")).collect()
        };
        assert_linear("mapping keys", |n| {
            let text = keys(n, "k");
            steps(|| assert!(parse(&text).error.is_none()))
        });
        assert_linear("merged keys", |n| {
            let base = keys(n, "  m");
            let text = format!("base: &b\n{base}x:\n  <<: *b\n{}", keys(n, "  k"));
            steps(|| assert!(parse(&text).error.is_none()))
        });
    }

    /// One long scalar repeated by aliases: 1 MiB, 300 times, is more text than a file may hold.
    #[test]
    fn aliases_cannot_repeat_more_text_than_a_file_may_hold() {
        let long = "x".repeat(1 << 20);
        let text = format!("a: &a {long}\nb: [{}]\n", vec!["*a"; 300].join(", "));
        let error = parse(&text).error.expect("too much text");
        assert!(matches!(error.kind, Kind::Bytes), "{error:?}");
        assert_eq!(error.at.map(|at| at.line), Some(2));
    }
}
