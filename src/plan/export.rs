//! Selected events, and the catalog's traits, as Segment Public-API rules: the body of a
//! `PUT /tracking-plans/{id}/rules` call. Each kind is its own rule type: TRACK, PAGE and
//! SCREEN for events, IDENTIFY and GROUP for traits, and COMMON for what a plan's common rule
//! gave every call (the properties import marks `origin: common`). Each rule's `jsonSchema`
//! is a draft-07 schema of the whole message, and carries the definitions of the named types
//! it uses.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::json_schema;
use crate::model::{Call, Catalog, Event, ObjectRules, Origin, Property, Schema, TraitsCall};

/// The rules of `events` and of the catalog's traits, in that order, then the common rule.
pub fn rules(catalog: &Catalog, events: &[&Event]) -> Result<Value, Diagnostics> {
    check_generic_calls(events)?;
    let mut rules: Vec<Value> = events.iter().map(|e| event_rule(catalog, e)).collect();
    for call in TraitsCall::ALL {
        if let Some(traits) = catalog.traits(call) {
            let own: Vec<Property> = own(&traits.properties);
            let part = object(&own, &traits.rules, "", None);
            let required: &[&str] = if own.iter().any(|p| p.required) {
                &["traits"]
            } else {
                &[]
            };
            let mut schema = message(&traits.description, None, [("traits", part)], required);
            with_definitions(&mut schema, catalog, &own, &traits.rules);
            let kind = match call {
                TraitsCall::Identify => "IDENTIFY",
                TraitsCall::Group => "GROUP",
            };
            rules.push(rule(kind, "", schema));
        }
    }
    if let Some(common) = common_rule(catalog, events) {
        rules.push(common);
    }
    Ok(json!({ "rules": rules }))
}

/// A plan has one PAGE (and one SCREEN) rule for every page whose name the caller gives: two
/// such events cannot both be written.
fn check_generic_calls(events: &[&Event]) -> Result<(), Diagnostics> {
    for word in ["page", "screen"] {
        let generic: Vec<&str> = events
            .iter()
            .filter(|e| {
                e.call.as_str() == word && e.call.fields().is_some_and(|f| f.name.is_some())
            })
            .map(|e| e.name.as_str())
            .collect();
        if let [first, second, ..] = generic[..] {
            return Err(Diagnostic::global(format!(
                "`{first}` and `{second}` are both {word} events named by a property; a plan has one \
                 {} rule for every {word} whose name the caller gives",
                word.to_uppercase()
            ))
            .with_hint("export them separately, with --event")
            .into());
        }
    }
    Ok(())
}

fn event_rule(catalog: &Catalog, event: &Event) -> Value {
    let fields = event.call.fields();
    let name_field = fields.and_then(|f| f.name.as_deref());
    let category_field = fields.and_then(|f| f.category.as_deref());
    // A page or screen call's name and category are fields of the message, not properties.
    let (call_fields, properties): (Vec<Property>, Vec<Property>) =
        own(&event.properties).into_iter().partition(|p| {
            Some(p.name.as_str()) == name_field || Some(p.name.as_str()) == category_field
        });
    let mut parts = vec![(
        "properties",
        object(&properties, &event.rules, "", event.meta.as_deref()),
    )];
    let mut required = Vec::new();
    if properties.iter().any(|p| p.required) {
        required.push("properties");
    }
    for (field, wire) in [("name", name_field), ("category", category_field)] {
        if let Some(p) = wire.and_then(|w| call_fields.iter().find(|p| p.name == w)) {
            parts.push((field, json_schema::fragment(&p.schema)));
            if p.required {
                required.push(field);
            }
        }
    }
    let labels = (!event.labels.is_empty()).then(|| json_schema::labels(&event.labels));
    let mut schema = message(&event.description, labels, parts, &required);
    let mut all = properties;
    all.extend(call_fields);
    with_definitions(&mut schema, catalog, &all, &event.rules);
    let key = |f: &crate::model::CallFields| {
        if f.name.is_some() {
            ""
        } else {
            event.name.as_str()
        }
    };
    let (kind, key) = match &event.call {
        Call::Track => ("TRACK", event.name.as_str()),
        Call::Page(f) => ("PAGE", key(f)),
        Call::Screen(f) => ("SCREEN", key(f)),
    };
    rule(kind, key, schema)
}

/// What every exported call had from a common rule: the properties of the selected events and
/// the traits marked `origin: common`, each once.
fn common_rule(catalog: &Catalog, events: &[&Event]) -> Option<Value> {
    let pick = |lists: &mut dyn Iterator<Item = &Vec<Property>>| -> Vec<Property> {
        let mut seen = BTreeSet::new();
        let mut out: Vec<Property> = lists
            .flat_map(|l| l.iter())
            .filter(|p| p.origin == Some(Origin::Common) && seen.insert(p.name.clone()))
            .cloned()
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    };
    let properties = pick(&mut events.iter().map(|e| &e.properties));
    let traits = pick(
        &mut TraitsCall::ALL
            .iter()
            .filter_map(|&c| catalog.traits(c))
            .map(|t| &t.properties),
    );
    if properties.is_empty() && traits.is_empty() {
        return None;
    }
    let none = ObjectRules::default();
    let mut parts = Vec::new();
    let mut required = Vec::new();
    for (field, list) in [("properties", &properties), ("traits", &traits)] {
        if !list.is_empty() {
            parts.push((field, object(list, &none, "", None)));
            if list.iter().any(|p| p.required) {
                required.push(field);
            }
        }
    }
    let mut schema = message("", None, parts, &required);
    let mut all = properties;
    all.extend(traits);
    with_definitions(&mut schema, catalog, &all, &none);
    Some(rule("COMMON", "", schema))
}

/// The properties a plan's rule of their own has: not those a common rule gave.
fn own(properties: &[Property]) -> Vec<Property> {
    properties
        .iter()
        .filter(|p| p.origin != Some(Origin::Common))
        .cloned()
        .collect()
}

/// An object schema of properties and rules, with a title and deprecation where import reads
/// them.
fn object(
    properties: &[Property],
    rules: &ObjectRules,
    description: &str,
    meta: Option<&crate::model::Meta>,
) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), json!("object"));
    if !properties.is_empty() {
        json_schema::object_body(&mut out, properties);
    }
    json_schema::object_rules(&mut out, rules);
    json_schema::annotate(&mut out, description, meta);
    Value::Object(out)
}

/// The schema of a whole message with these parts, of which `required` must be sent. A
/// message with properties may carry any traits (in `context.traits`).
fn message<'a>(
    description: &str,
    labels: Option<Value>,
    parts: impl IntoIterator<Item = (&'a str, Value)>,
    required: &[&str],
) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    if !description.is_empty() {
        schema.insert("description".into(), json!(description));
    }
    if let Some(labels) = labels {
        schema.insert("labels".into(), labels);
    }
    schema.insert("type".into(), json!("object"));
    let mut members = Map::new();
    members.insert("context".into(), json!({}));
    let parts: Vec<(&str, Value)> = parts.into_iter().collect();
    if parts.iter().any(|(name, _)| *name == "properties") {
        members.insert("traits".into(), json!({ "type": "object" }));
    }
    for (name, value) in parts {
        members.insert(name.into(), value);
    }
    schema.insert("properties".into(), Value::Object(members));
    if !required.is_empty() {
        schema.insert("required".into(), json!(required));
    }
    schema
}

fn rule(kind: &str, key: &str, schema: Map<String, Value>) -> Value {
    json!({ "type": kind, "key": key, "version": 1, "jsonSchema": Value::Object(schema) })
}

/// Adds `definitions`: every named type the properties use, directly or through other named
/// types, sorted by name.
fn with_definitions(
    schema: &mut Map<String, Value>,
    catalog: &Catalog,
    properties: &[Property],
    rules: &ObjectRules,
) {
    let mut names = BTreeSet::new();
    let mut queue = Vec::new();
    for p in properties {
        p.schema.refs(&mut queue);
    }
    rules.each_child(&mut |s: &Schema| s.refs(&mut queue));
    while let Some(name) = queue.pop() {
        if names.insert(name.clone())
            && let Some(t) = catalog.named_type(&name)
        {
            t.schema.refs(&mut queue);
        }
    }
    let definitions: Map<String, Value> = names
        .into_iter()
        .filter_map(|n| {
            catalog
                .named_type(&n)
                .map(|t| (n, json_schema::fragment(&t.schema)))
        })
        .collect();
    if !definitions.is_empty() {
        schema.insert("definitions".into(), Value::Object(definitions));
    }
}
