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
    // Each entry is printed as soon as it is built, so a large plan's document is never a whole
    // tree in memory.
    let events: Vec<(String, String)> = layout
        .events
        .iter()
        .map(|e| {
            let node = b.object(&e.event.properties, &e.event.rules);
            (e.event.name.clone(), node.to_string())
        })
        .collect();
    let traits: Vec<(String, String)> = TraitsCall::ALL
        .into_iter()
        .filter_map(|call| {
            let t = layout.catalog.traits(call)?;
            Some((
                call.as_str().to_owned(),
                b.object(&t.properties, &t.rules).to_string(),
            ))
        })
        .collect();
    // Named types refer to more named types: a worklist, each type once.
    let mut types = Vec::new();
    let mut next = 0;
    while let Some(name) = b.refs.get(next).cloned() {
        next += 1;
        crate::work::step(1);
        let node = match layout.catalog.named_type(&name) {
            Some(t) => b.schema(&t.schema),
            None => json!({"type": "any"}),
        };
        types.push((name, node.to_string()));
    }
    types.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let patterns = Value::Array(
        b.patterns
            .iter()
            .map(|(regex, source)| json!([regex, source]))
            .collect(),
    );
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
fn lines(patterns: &Value, sections: [(&str, Vec<(String, String)>); 3]) -> String {
    let size: usize = sections
        .iter()
        .flat_map(|(_, entries)| entries)
        .map(|(name, node)| name.len() + node.len() + 8)
        .sum();
    let mut out = String::with_capacity(size + 64);
    out.push_str("{\n\"patterns\": ");
    out.push_str(&patterns.to_string());
    for (key, entries) in sections {
        out.push_str(",\n");
        out.push_str(&json_string(key));
        out.push_str(": ");
        if entries.is_empty() {
            out.push_str("{}");
            continue;
        }
        out.push('{');
        for (j, (name, node)) in entries.iter().enumerate() {
            out.push_str(if j == 0 { "\n" } else { ",\n" });
            out.push_str(&json_string(name));
            out.push_str(": ");
            out.push_str(node);
        }
        out.push_str("\n}");
    }
    out.push_str("\n}");
    out
}

fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
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
                if self.referred.insert(name.clone()) {
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
