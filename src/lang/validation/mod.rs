//! Run-time validation: every constraint of the selected events, identify and group traits and
//! the named types they use, as one JSON document that each language's generated validator
//! reads (`docs/validation.md` describes the format and the violations it yields). One
//! document, one small interpreter per language: the three languages check exactly the same
//! rules, which the shared corpus in `tests/data/validation` proves.

pub mod pattern;

use serde_json::{Map, Value, json};

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
        refs: Vec::new(),
    };
    let mut events = Map::new();
    for e in &layout.events {
        events.insert(
            e.event.name.clone(),
            b.object(&e.event.properties, &e.event.rules),
        );
    }
    let mut traits = Map::new();
    for call in TraitsCall::ALL {
        if let Some(t) = layout.catalog.traits(call) {
            traits.insert(call.as_str().to_owned(), b.object(&t.properties, &t.rules));
        }
    }
    let mut types = Map::new();
    while let Some(name) = b.refs.iter().find(|n| !types.contains_key(*n)).cloned() {
        let node = match layout.catalog.named_type(&name) {
            Some(t) => b.schema(&t.schema),
            None => json!({"type": "any"}),
        };
        types.insert(name, node);
    }
    types.sort_keys();
    let has_patterns = !b.patterns.is_empty();
    let document = json!({
        "patterns": b.patterns.iter().map(|(regex, source)| json!([regex, source])).collect::<Vec<_>>(),
        "events": events,
        "traits": traits,
        "types": types,
    });
    Rules {
        json: lines(&document),
        has_patterns,
    }
}

/// The document with each event, trait set and type on a line of its own: readable, diffable,
/// and short-lined enough for every language's formatter to leave the literal alone.
fn lines(document: &Value) -> String {
    let mut out = String::from("{");
    let Value::Object(sections) = document else {
        return document.to_string();
    };
    for (i, (key, value)) in sections.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&format!("{}: ", Value::String(key.clone())));
        match value {
            Value::Object(entries) if !entries.is_empty() => {
                out.push('{');
                for (j, (name, node)) in entries.iter().enumerate() {
                    out.push_str(if j == 0 { "\n" } else { ",\n" });
                    out.push_str(&format!("{}: {node}", Value::String(name.clone())));
                }
                out.push_str("\n}");
            }
            other => out.push_str(&other.to_string()),
        }
    }
    out.push_str("\n}");
    out
}

struct Builder {
    dialect: Dialect,
    /// Each distinct pattern: as the dialect writes it, and as the catalog wrote it.
    patterns: Vec<(String, String)>,
    /// Named types referred to, in order of first use.
    refs: Vec<String>,
}

impl Builder {
    fn pattern(&mut self, source: &str) -> Option<usize> {
        if let Some(i) = self.patterns.iter().position(|(_, s)| s == source) {
            return Some(i);
        }
        // Patterns no target runs alike are refused when the catalog is loaded; one that got
        // here anyway is left unchecked rather than checked differently.
        let regex = pattern::translate(source, self.dialect).ok()?;
        self.patterns.push((regex, source.to_owned()));
        Some(self.patterns.len() - 1)
    }

    fn schema(&mut self, schema: &Schema) -> Value {
        let mut node = match &schema.kind {
            Kind::Any => json!({"type": "any"}),
            Kind::String(r) => {
                let mut node = json!({"type": "string"});
                if let Some(f) = &r.format {
                    node["format"] = json!(f);
                }
                if let Some(p) = r.pattern.as_deref().and_then(|p| self.pattern(p)) {
                    node["pattern"] = json!(p);
                }
                if let Some(n) = r.min_length {
                    node["minLength"] = json!(n);
                }
                if let Some(n) = r.max_length {
                    node["maxLength"] = json!(n);
                }
                node
            }
            Kind::Number(r) => numbers("number", r),
            Kind::Integer(r) => numbers("integer", r),
            Kind::Boolean => json!({"type": "boolean"}),
            Kind::Enum(values) => {
                let values: Vec<Value> = values.iter().map(|v| v.to_json()).collect();
                let expected = Value::Array(values.clone()).to_string();
                json!({"type": "enum", "enum": values, "expected": expected})
            }
            Kind::Array(items, rules) => {
                let mut node = json!({"type": "array"});
                if items.kind != Kind::Any {
                    node["items"] = self.schema(items);
                }
                array_rules(&mut node, rules);
                node
            }
            Kind::Tuple(t) => {
                let mut node = json!({"type": "array"});
                node["prefixItems"] =
                    Value::Array(t.items.iter().map(|s| self.schema(s)).collect());
                match &t.rest {
                    Extra::Forbidden => node["additionalItems"] = json!(false),
                    Extra::Typed(s) => node["additionalItems"] = self.schema(s),
                    Extra::Unspecified | Extra::Any => {}
                }
                array_rules(&mut node, &t.rules);
                node
            }
            Kind::Object(o) => self.object(&o.properties, &o.rules),
            Kind::Ref(name) => {
                if !self.refs.contains(name) {
                    self.refs.push(name.clone());
                }
                json!({"type": "ref", "ref": name})
            }
            Kind::Union(u) => {
                let members: Vec<Value> = u.members.iter().map(|m| self.schema(m)).collect();
                let word = if u.exclusive { "oneOf" } else { "anyOf" };
                let expected = u
                    .members
                    .iter()
                    .map(Schema::type_word)
                    .collect::<Vec<_>>()
                    .join(" | ");
                json!({"type": word, "members": members, "expected": expected})
            }
        };
        if schema.nullable {
            node["nullable"] = json!(true);
        }
        node
    }

    fn object(&mut self, properties: &[Property], rules: &ObjectRules) -> Value {
        let mut node = json!({"type": "object"});
        if !properties.is_empty() {
            node["properties"] = Value::Array(
                properties
                    .iter()
                    .map(|p| json!([p.name, self.schema(&p.schema)]))
                    .collect(),
            );
        }
        let required: Vec<&str> = properties
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.as_str())
            .collect();
        if !required.is_empty() {
            node["required"] = json!(required);
        }
        if !rules.patterns.is_empty() {
            let mut patterns = Vec::new();
            for p in &rules.patterns {
                if let Some(i) = self.pattern(&p.pattern) {
                    patterns.push(json!([i, self.schema(&p.schema)]));
                }
            }
            node["patternProperties"] = Value::Array(patterns);
        }
        match &rules.extra {
            Extra::Forbidden => node["additionalProperties"] = json!(false),
            Extra::Typed(s) => node["additionalProperties"] = self.schema(s),
            Extra::Unspecified | Extra::Any => {}
        }
        if let Some(n) = rules.min_properties {
            node["minProperties"] = json!(n);
        }
        if let Some(n) = rules.max_properties {
            node["maxProperties"] = json!(n);
        }
        if !rules.dependent_required.is_empty() {
            node["dependentRequired"] = json!(rules.dependent_required);
        }
        node
    }
}

/// Bounds are written as text, exactly as the catalog wrote them: each language parses them
/// to its floating-point type and reports them unchanged.
fn numbers(word: &str, r: &NumberRules) -> Value {
    let mut node = json!({"type": word});
    for (key, bound) in [
        ("minimum", &r.minimum),
        ("maximum", &r.maximum),
        ("exclusiveMinimum", &r.exclusive_minimum),
        ("exclusiveMaximum", &r.exclusive_maximum),
        ("multipleOf", &r.multiple_of),
    ] {
        if let Some(n) = bound {
            node[key] = json!(n.to_string());
        }
    }
    node
}

fn array_rules(node: &mut Value, rules: &ArrayRules) {
    if let Some(n) = rules.min_items {
        node["minItems"] = json!(n);
    }
    if let Some(n) = rules.max_items {
        node["maxItems"] = json!(n);
    }
    if rules.unique_items {
        node["uniqueItems"] = json!(true);
    }
}
