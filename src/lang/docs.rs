//! Documentation text shared by every language: what the catalog says about an event or a
//! property, as lines of plain text. Each language wraps them in its own comment syntax. Every
//! constraint and annotation the types cannot say is written here, so nothing the catalog or
//! plan says is lost from the generated code.

use crate::layout::{DeclId, EventDecl, Layout, Origin};
use crate::model::{
    ArrayRules, Call, Extra, Kind, Literal, Meta, NumberRules, ObjectRules, Property, Schema,
    StringRules,
};
pub use crate::naming::plain;
use crate::naming::wrap;

/// Text width of documentation lines.
const WIDTH: usize = 76;

/// An event's documentation: its description, how it is sent, the use cases that need it, its
/// spec page and labels.
pub fn event(e: &EventDecl<'_>) -> Vec<String> {
    let mut lines = wrap(&e.event.description, WIDTH);
    let mut facts = Vec::new();
    if let Some(title) = e.event.meta.as_deref().and_then(|m| m.title.as_deref()) {
        facts.push(format!("Title: {title}."));
    }
    match &e.event.call {
        Call::Track => {}
        call @ (Call::Page(fields) | Call::Screen(fields)) => {
            let mut sentence = format!("Sent as a {} call", call.as_str());
            let name = match &fields.name {
                Some(p) => format!("its name is `{p}`"),
                None => format!("named {:?}", e.event.name),
            };
            sentence.push_str(&format!(", {name}"));
            if let Some(c) = &fields.category {
                sentence.push_str(&format!(", its category `{c}`"));
            }
            sentence.push('.');
            facts.push(sentence);
        }
    }
    if !e.use_cases.is_empty() {
        facts.push(format!("Needed by: {}.", e.use_cases.join(", ")));
    }
    if let Some(spec) = &e.event.spec {
        facts.push(format!("Segment Spec: {spec}."));
    }
    if !e.event.labels.is_empty() {
        let labels: Vec<String> = e
            .event
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        facts.push(format!("Labels: {}.", labels.join(", ")));
    }
    let rules = object_rules(&e.event.rules);
    if !rules.is_empty() {
        facts.push(rules);
    }
    if e.event.deprecated() {
        facts.push("Deprecated.".into());
    }
    push_paragraph(&mut lines, &facts.join(" "));
    lines
}

/// A property's documentation: its description, the rules its type cannot express, and its
/// annotations.
pub fn property(p: &Property) -> Vec<String> {
    let mut lines = if p.schema.description.trim().is_empty() {
        wrap(&format!("The `{}` property.", p.name), WIDTH)
    } else {
        wrap(&p.schema.description, WIDTH)
    };
    push_paragraph(&mut lines, &schema_facts(&p.schema));
    if let Some(reason) = &p.required_reason {
        push_paragraph(&mut lines, &format!("Required: {reason}"));
    }
    lines
}

/// Everything about a schema beyond its type: constraints, then annotations.
pub fn schema_facts(schema: &Schema) -> String {
    let mut facts = vec![constraints(schema)];
    facts.push(annotations(schema.meta()));
    facts.retain(|f| !f.is_empty());
    facts.join(" ")
}

/// A declaration's documentation: its description, or else where it sits, so that every
/// generated type is documented.
pub fn decl(layout: &Layout<'_>, id: DeclId) -> Vec<String> {
    crate::work::step(1);
    let d = layout.decl(id);
    if let Some(e) = layout.event_of(id) {
        return event(e);
    }
    let mut lines = if !d.description.trim().is_empty() {
        wrap(d.description, WIDTH)
    } else {
        let text = match &d.origin {
            Origin::Event(name) => format!("The properties of {name:?}."),
            Origin::Traits(call) => format!("The traits of {} calls.", call.as_str()),
            Origin::Named(name) => format!("The `{name}` type."),
            Origin::Nested { parent, words } => {
                let owner = owner(layout, *parent);
                let in_union = matches!(layout.decl(*parent).body, crate::layout::Body::Union(_));
                match words.strip_suffix(" item") {
                    Some(list) => format!("An item of `{list}` in {owner}."),
                    None if in_union => format!("The `{words}` alternative of {owner}."),
                    None => format!("The type of `{words}` in {owner}."),
                }
            }
        };
        wrap(&text, WIDTH)
    };
    if let Some(t) = layout.traits_of(id).and_then(|t| t.traits) {
        push_paragraph(&mut lines, &object_rules(&t.rules));
    }
    push_paragraph(&mut lines, &annotations(d.meta));
    lines
}

/// How documentation names a declaration: an event or type by name, a nested type by path.
fn owner(layout: &Layout<'_>, id: DeclId) -> String {
    match &layout.decl(id).origin {
        Origin::Event(name) => format!("{name:?}"),
        Origin::Traits(call) => format!("the {} traits", call.as_str()),
        Origin::Named(name) => format!("`{name}`"),
        Origin::Nested { parent, words } => format!("`{words}` of {}", owner(layout, *parent)),
    }
}

/// The rules of a schema that languages do not check at compile time, one sentence each.
pub fn constraints(schema: &Schema) -> String {
    let mut facts: Vec<String> = Vec::new();
    kind_constraints(&schema.kind, "", &mut facts);
    facts.join(" ")
}

fn kind_constraints(kind: &Kind, each: &str, facts: &mut Vec<String>) {
    match kind {
        Kind::String(rules) => string_rules(rules, each, facts),
        Kind::Integer(rules) | Kind::Number(rules) => {
            if matches!(kind, Kind::Integer(_)) {
                facts.push(format!("{each}An integer."));
            }
            number_rules(rules, each, facts);
        }
        Kind::Enum(values) if values.iter().any(Literal::is_structured) => {
            let list: Vec<String> = values.iter().map(|v| v.to_json().to_string()).collect();
            facts.push(format!("{each}One of: {}.", list.join(", ")));
        }
        Kind::Array(items, rules) => {
            array_rules(rules, each, facts);
            if each.is_empty() {
                kind_constraints(&items.kind, "Each item: ", facts);
            }
        }
        Kind::Tuple(t) => {
            array_rules(&t.rules, each, facts);
            if t.rest == Extra::Forbidden {
                facts.push(format!("{each}No items after the typed ones."));
            }
        }
        Kind::Object(o) => {
            let rules = object_rules(&o.rules);
            if !rules.is_empty() {
                facts.push(format!("{each}{rules}"));
            }
            if o.is_map()
                && each.is_empty()
                && let Some(values) = o.rules.extra.schema()
            {
                kind_constraints(&values.kind, "Each value: ", facts);
            }
        }
        Kind::Union(u) if u.exclusive => {
            facts.push(format!("{each}Exactly one of the alternatives."));
        }
        _ => {}
    }
}

fn string_rules(rules: &StringRules, each: &str, facts: &mut Vec<String>) {
    if let Some(format) = &rules.format {
        facts.push(format!("{each}Format: {format}."));
    }
    if let Some(pattern) = &rules.pattern {
        facts.push(format!("{each}Pattern: `{pattern}`."));
    }
    if let Some(min) = rules.min_length {
        facts.push(format!("{each}At least {}.", count(min, "character")));
    }
    if let Some(max) = rules.max_length {
        facts.push(format!("{each}At most {}.", count(max, "character")));
    }
}

fn number_rules(rules: &NumberRules, each: &str, facts: &mut Vec<String>) {
    if let Some(min) = &rules.minimum {
        facts.push(format!("{each}Minimum: {min}."));
    }
    if let Some(min) = &rules.exclusive_minimum {
        facts.push(format!("{each}Greater than {min}."));
    }
    if let Some(max) = &rules.maximum {
        facts.push(format!("{each}Maximum: {max}."));
    }
    if let Some(max) = &rules.exclusive_maximum {
        facts.push(format!("{each}Less than {max}."));
    }
    if let Some(step) = &rules.multiple_of {
        facts.push(format!("{each}A multiple of {step}."));
    }
}

fn array_rules(rules: &ArrayRules, each: &str, facts: &mut Vec<String>) {
    if let Some(min) = rules.min_items {
        facts.push(format!("{each}At least {}.", count(min, "item")));
    }
    if let Some(max) = rules.max_items {
        facts.push(format!("{each}At most {}.", count(max, "item")));
    }
    if rules.unique_items {
        facts.push(format!("{each}Items are unique."));
    }
}

/// What an object's rules say about its keys, as sentences.
pub fn object_rules(rules: &ObjectRules) -> String {
    let mut facts = Vec::new();
    if rules.extra == Extra::Forbidden {
        facts.push("No other keys.".to_owned());
    }
    for p in &rules.patterns {
        facts.push(format!(
            "Keys matching `{}`: {}.",
            p.pattern,
            p.schema.type_word()
        ));
    }
    if let Some(min) = rules.min_properties {
        facts.push(format!("At least {}.", count(min, "key")));
    }
    if let Some(max) = rules.max_properties {
        facts.push(format!("At most {}.", count(max, "key")));
    }
    for (key, needed) in &rules.dependent_required {
        facts.push(format!(
            "With `{key}`, also {}.",
            needed
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    facts.join(" ")
}

/// Title, examples and default, as sentences (deprecation goes into each language's
/// attribute).
fn annotations(meta: Option<&Meta>) -> String {
    let Some(meta) = meta else {
        return String::new();
    };
    let mut facts = Vec::new();
    if let Some(title) = &meta.title {
        facts.push(format!("Title: {title}."));
    }
    if let Some(default) = &meta.default {
        facts.push(format!("Default: {default}."));
    }
    if !meta.examples.is_empty() {
        let list: Vec<String> = meta.examples.iter().map(ToString::to_string).collect();
        facts.push(format!(
            "Example{}: {}.",
            if list.len() == 1 { "" } else { "s" },
            list.join(", ")
        ));
    }
    facts.join(" ")
}

/// `1 item`, `2 items`.
fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn push_paragraph(lines: &mut Vec<String>, text: &str) {
    if text.is_empty() {
        return;
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(wrap(text, WIDTH));
}
