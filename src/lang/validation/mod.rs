//! Run-time validation: every constraint of the selected events, identify and group traits and
//! the named types they use, as one JSON document that each language's generated validator
//! reads (`docs/validation.md` describes the format and the violations it yields). One
//! document, one small interpreter per language: the three languages check exactly the same
//! rules, which the shared corpus in `tests/data/validation` proves.

pub mod pattern;

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use crate::layout::Layout;
use crate::model::{
    ArrayRules, Extra, Kind, NumberRules, ObjectRules, Property, Schema, TraitsCall,
};
use pattern::Dialect;

/// The rules document of a layout, for one regex dialect.
pub struct Rules {
    /// The document as JSON, one entry a line where it is short enough.
    pub json: String,
    /// Whether any rule is a pattern (Rust then needs the `regex` crate).
    pub has_patterns: bool,
}

/// The rules of every selected event, trait set and named type they use.
pub fn rules(layout: &Layout<'_>, dialect: Dialect) -> Rules {
    let mut b = Builder {
        dialect,
        patterns: Vec::new(),
        pattern_index: HashMap::new(),
        refs: Vec::new(),
        referred: HashSet::new(),
    };
    // Each entry is written as JSON text as it is built: a large plan's document is never a
    // tree in memory, and no map of keys is built only to be printed.
    let events: Vec<(String, String)> = layout
        .events
        .iter()
        .map(|e| {
            let mut node = String::new();
            b.object(&e.event.properties, &e.event.rules, &mut node);
            (e.event.name.clone(), node)
        })
        .collect();
    let traits: Vec<(String, String)> = TraitsCall::ALL
        .into_iter()
        .filter_map(|call| {
            let t = layout.catalog.traits(call)?;
            let mut node = String::new();
            b.object(&t.properties, &t.rules, &mut node);
            Some((call.as_str().to_owned(), node))
        })
        .collect();
    // Named types refer to more named types: a worklist, each type once.
    let mut types = Vec::new();
    let mut next = 0;
    while let Some(name) = b.refs.get(next).cloned() {
        next += 1;
        crate::work::step(1);
        let mut node = String::new();
        match layout.catalog.named_type(&name) {
            Some(t) => b.schema(&t.schema, &mut node),
            None => node.push_str(r#"{"type":"any"}"#),
        }
        types.push((name, node));
    }
    types.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let mut patterns = String::new();
    array(&mut patterns, &b.patterns, |out, (regex, source)| {
        array(out, [regex, source], |out, text| json_string(text, out));
    });
    Rules {
        json: lines(
            &patterns,
            [("events", events), ("traits", traits), ("types", types)],
        ),
        has_patterns: !b.patterns.is_empty(),
    }
}

/// The document with each event, trait set and type on a line of its own: readable, diffable,
/// and short-lined enough for every language's formatter to leave the literal alone.
fn lines(patterns: &str, sections: [(&str, Vec<(String, String)>); 3]) -> String {
    let size: usize = sections
        .iter()
        .flat_map(|(_, entries)| entries)
        .map(|(name, node)| name.len() + node.len() + 8)
        .sum();
    let mut out = String::with_capacity(size + patterns.len() + 64);
    out.push_str("{\n\"patterns\": ");
    out.push_str(patterns);
    for (key, entries) in sections {
        out.push_str(",\n");
        json_string(key, &mut out);
        out.push_str(": ");
        if entries.is_empty() {
            out.push_str("{}");
            continue;
        }
        out.push('{');
        for (j, (name, node)) in entries.iter().enumerate() {
            out.push_str(if j == 0 { "\n" } else { ",\n" });
            json_string(name, &mut out);
            out.push_str(": ");
            out.push_str(node);
        }
        out.push_str("\n}");
    }
    out.push_str("\n}");
    out
}

/// A JSON string, escaped as serde_json escapes it.
fn json_string(text: &str, out: &mut String) {
    out.push('"');
    let mut plain = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

/// Writes `items` as a JSON array, each item by `write`.
fn array<T>(
    out: &mut String,
    items: impl IntoIterator<Item = T>,
    mut write: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(out, item);
    }
    out.push(']');
}

/// The members of a JSON object being written, in the order they are added.
struct Object<'o> {
    out: &'o mut String,
}

impl<'o> Object<'o> {
    /// Starts an object with its `type`.
    fn of_type(out: &'o mut String, word: &str) -> Self {
        out.push_str(r#"{"type":"#);
        json_string(word, out);
        Self { out }
    }

    /// Starts the next member; the caller writes its value into the returned string.
    fn key(&mut self, key: &str) -> &mut String {
        self.out.push(',');
        json_string(key, self.out);
        self.out.push(':');
        self.out
    }

    fn count(&mut self, key: &str, n: impl std::fmt::Display) {
        use std::fmt::Write;
        let _ = write!(self.key(key), "{n}");
    }

    fn string(&mut self, key: &str, text: &str) {
        json_string(text, self.key(key));
    }

    fn value(&mut self, key: &str, value: &Value) {
        let text = value.to_string();
        self.key(key).push_str(&text);
    }

    fn end(self) {
        self.out.push('}');
    }
}

struct Builder {
    dialect: Dialect,
    /// Each distinct pattern: as the dialect writes it, and as the catalog wrote it.
    patterns: Vec<(String, String)>,
    /// Where each pattern, as the catalog wrote it, is in `patterns`.
    pattern_index: HashMap<String, usize>,
    /// Named types referred to, in order of first use.
    refs: Vec<String>,
    referred: HashSet<String>,
}

impl Builder {
    fn pattern(&mut self, source: &str) -> Option<usize> {
        if let Some(i) = self.pattern_index.get(source) {
            return Some(*i);
        }
        // Patterns no target runs alike are refused when the catalog is loaded; one that got
        // here anyway is left unchecked rather than checked differently.
        let regex = pattern::translate(source, self.dialect).ok()?;
        self.patterns.push((regex, source.to_owned()));
        self.pattern_index
            .insert(source.to_owned(), self.patterns.len() - 1);
        Some(self.patterns.len() - 1)
    }

    /// Writes the rules of `schema` to `out`, `nullable` last.
    fn schema(&mut self, schema: &Schema, out: &mut String) {
        let mut node = match &schema.kind {
            Kind::Any => Object::of_type(out, "any"),
            Kind::String(r) => {
                let pattern = r.pattern.as_deref().and_then(|p| self.pattern(p));
                let mut node = Object::of_type(out, "string");
                if let Some(f) = &r.format {
                    node.string("format", f);
                }
                if let Some(p) = pattern {
                    node.count("pattern", p);
                }
                if let Some(n) = r.min_length {
                    node.count("minLength", n);
                }
                if let Some(n) = r.max_length {
                    node.count("maxLength", n);
                }
                node
            }
            Kind::Number(r) => numbers(out, "number", r),
            Kind::Integer(r) => numbers(out, "integer", r),
            Kind::Boolean => Object::of_type(out, "boolean"),
            Kind::Enum(values) => {
                let values = Value::Array(values.iter().map(|v| v.to_json()).collect());
                let expected = values.to_string();
                let mut node = Object::of_type(out, "enum");
                node.key("enum").push_str(&expected);
                node.string("expected", &expected);
                node
            }
            Kind::Array(items, rules) => {
                let mut node = Object::of_type(out, "array");
                if items.kind != Kind::Any {
                    self.schema(items, node.key("items"));
                }
                array_rules(&mut node, rules);
                node
            }
            Kind::Tuple(t) => {
                let mut node = Object::of_type(out, "array");
                array(node.key("prefixItems"), &t.items, |out, item| {
                    self.schema(item, out);
                });
                match &t.rest {
                    Extra::Forbidden => node.key("additionalItems").push_str("false"),
                    Extra::Typed(s) => self.schema(s, node.key("additionalItems")),
                    Extra::Unspecified | Extra::Any => {}
                }
                array_rules(&mut node, &t.rules);
                node
            }
            Kind::Object(o) => {
                self.object(&o.properties, &o.rules, out);
                if schema.nullable {
                    // The object is closed: reopen it for the last member.
                    out.pop();
                    out.push_str(r#","nullable":true}"#);
                }
                return;
            }
            Kind::Ref(name) => {
                if self.referred.insert(name.clone()) {
                    self.refs.push(name.clone());
                }
                let mut node = Object::of_type(out, "ref");
                node.string("ref", name);
                node
            }
            Kind::Union(u) => {
                let word = if u.exclusive { "oneOf" } else { "anyOf" };
                let mut node = Object::of_type(out, word);
                array(node.key("members"), &u.members, |out, member| {
                    self.schema(member, out);
                });
                let expected = u
                    .members
                    .iter()
                    .map(Schema::type_word)
                    .collect::<Vec<_>>()
                    .join(" | ");
                node.string("expected", &expected);
                node
            }
        };
        if schema.nullable {
            node.key("nullable").push_str("true");
        }
        node.end();
    }

    /// Writes the rules of an object's properties to `out`.
    fn object(&mut self, properties: &[Property], rules: &ObjectRules, out: &mut String) {
        let mut node = Object::of_type(out, "object");
        if !properties.is_empty() {
            array(node.key("properties"), properties, |out, p| {
                out.push('[');
                json_string(&p.name, out);
                out.push(',');
                self.schema(&p.schema, out);
                out.push(']');
            });
        }
        if properties.iter().any(|p| p.required) {
            let required = properties.iter().filter(|p| p.required);
            array(node.key("required"), required, |out, p| {
                json_string(&p.name, out)
            });
        }
        if !rules.patterns.is_empty() {
            // Not `array`: a pattern no target runs alike is left out, and each is numbered
            // as it is met, before the patterns inside its schema.
            let list = node.key("patternProperties");
            list.push('[');
            let mut first = true;
            for p in &rules.patterns {
                if let Some(i) = self.pattern(&p.pattern) {
                    list.push_str(if first { "[" } else { ",[" });
                    first = false;
                    list.push_str(&i.to_string());
                    list.push(',');
                    self.schema(&p.schema, list);
                    list.push(']');
                }
            }
            list.push(']');
        }
        match &rules.extra {
            Extra::Forbidden => node.key("additionalProperties").push_str("false"),
            Extra::Typed(s) => self.schema(s, node.key("additionalProperties")),
            Extra::Unspecified | Extra::Any => {}
        }
        if let Some(n) = rules.min_properties {
            node.count("minProperties", n);
        }
        if let Some(n) = rules.max_properties {
            node.count("maxProperties", n);
        }
        if !rules.dependent_required.is_empty() {
            node.value("dependentRequired", &json!(rules.dependent_required));
        }
        node.end();
    }
}

/// Bounds are written as text, exactly as the catalog wrote them: each language parses them
/// to its floating-point type and reports them unchanged.
fn numbers<'o>(out: &'o mut String, word: &str, r: &NumberRules) -> Object<'o> {
    let mut node = Object::of_type(out, word);
    for (key, bound) in [
        ("minimum", &r.minimum),
        ("maximum", &r.maximum),
        ("exclusiveMinimum", &r.exclusive_minimum),
        ("exclusiveMaximum", &r.exclusive_maximum),
        ("multipleOf", &r.multiple_of),
    ] {
        if let Some(n) = bound {
            node.string(key, &n.to_string());
        }
    }
    node
}

fn array_rules(node: &mut Object<'_>, rules: &ArrayRules) {
    if let Some(n) = rules.min_items {
        node.count("minItems", n);
    }
    if let Some(n) = rules.max_items {
        node.count("maxItems", n);
    }
    if rules.unique_items {
        node.key("uniqueItems").push_str("true");
    }
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é😀\u{2028}");
        for text in [every.as_str(), "", "plain", "\"quoted\" \\ back"] {
            let mut out = String::new();
            json_string(text, &mut out);
            assert_eq!(out, serde_json::Value::from(text).to_string());
        }
    }
}
