//! Selected events as Segment Public-API TRACK rules: the body of a `PUT
//! /tracking-plans/{id}/rules` call. Each rule's `jsonSchema` is a draft-07 schema of the
//! whole message, with the event's properties at `properties.properties`, and carries the
//! definitions of the named types it uses.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::json_schema;
use crate::model::{Catalog, Event};

pub fn rules(catalog: &Catalog, events: &[&Event]) -> Value {
    let rules: Vec<Value> = events.iter().map(|e| rule(catalog, e)).collect();
    json!({ "rules": rules })
}

fn rule(catalog: &Catalog, event: &Event) -> Value {
    let mut properties = Map::new();
    properties.insert("type".into(), json!("object"));
    if !event.properties.is_empty() {
        json_schema::object_body(&mut properties, &event.properties);
    }
    json_schema::object_rules(&mut properties, &event.rules);
    // The event's title and deprecation sit on its properties' schema, where import reads them.
    json_schema::annotate(&mut properties, "", event.meta.as_deref());
    let mut schema = Map::new();
    schema.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    if !event.description.is_empty() {
        schema.insert("description".into(), json!(event.description));
    }
    if !event.labels.is_empty() {
        schema.insert("labels".into(), json_schema::labels(&event.labels));
    }
    schema.insert("type".into(), json!("object"));
    schema.insert(
        "properties".into(),
        json!({ "context": {}, "traits": { "type": "object" }, "properties": Value::Object(properties) }),
    );
    if event.properties.iter().any(|p| p.required) {
        schema.insert("required".into(), json!(["properties"]));
    }
    let definitions = definitions(catalog, event);
    if !definitions.is_empty() {
        schema.insert("definitions".into(), Value::Object(definitions));
    }
    json!({ "type": "TRACK", "key": event.name, "version": 1, "jsonSchema": Value::Object(schema) })
}

/// Every named type the event uses, directly or through other named types, sorted by name.
fn definitions(catalog: &Catalog, event: &Event) -> Map<String, Value> {
    let mut names = BTreeSet::new();
    let mut queue = Vec::new();
    for p in &event.properties {
        p.schema.refs(&mut queue);
    }
    event.rules.each_child(&mut |s| s.refs(&mut queue));
    while let Some(name) = queue.pop() {
        if names.insert(name.clone())
            && let Some(t) = catalog.named_type(&name)
        {
            t.schema.refs(&mut queue);
        }
    }
    names
        .into_iter()
        .filter_map(|n| {
            catalog
                .named_type(&n)
                .map(|t| (n, json_schema::fragment(&t.schema)))
        })
        .collect()
}
