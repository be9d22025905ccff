//! The catalog as JSON documents, for `tracktype catalog`, `list` and `show`. The shape of
//! `catalog_json` is a contract other tools rely on: keys may be added, never changed.

use serde_json::{Map, Value, json};

use crate::json_schema;
use crate::model::{Call, Catalog, Event, Goal, NamedType, Property, Traits, UseCase};

/// The whole resolved catalog.
pub fn catalog_json(catalog: &Catalog) -> Value {
    json!({
        "goals": catalog.goals.iter().map(goal_json).collect::<Vec<_>>(),
        "use_cases": catalog.use_cases.iter().map(|u| use_case_json(catalog, u)).collect::<Vec<_>>(),
        "events": catalog.events.iter().map(|e| event_json(catalog, e)).collect::<Vec<_>>(),
        "types": catalog.types.iter().map(type_json).collect::<Vec<_>>(),
        "identify": catalog.identify.as_ref().map(traits_json),
        "group": catalog.group.as_ref().map(traits_json),
    })
}

/// The traits of identify or group calls: their description, and their properties and rules
/// as an object schema.
pub fn traits_json(traits: &Traits) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    json_schema::object_rules(&mut schema, &traits.rules);
    json!({
        "description": traits.description,
        "traits": traits.properties.iter().map(property_json).collect::<Vec<_>>(),
        "schema": Value::Object(schema),
    })
}

pub fn goal_json(goal: &Goal) -> Value {
    json!({
        "slug": goal.slug,
        "name": goal.name,
        "summary": goal.summary,
        "use_cases": goal.use_cases.iter().map(|r| json!({
            "slug": r.use_case,
            "sources": r.sources,
            "destinations": r.destinations,
        })).collect::<Vec<_>>(),
    })
}

pub fn use_case_json(catalog: &Catalog, use_case: &UseCase) -> Value {
    json!({
        "slug": use_case.slug,
        "name": use_case.name,
        "summary": use_case.summary,
        "events": use_case.events,
        "goals": catalog.goals_of(&use_case.slug).map(|(g, _)| g.slug.clone()).collect::<Vec<_>>(),
    })
}

pub fn event_json(catalog: &Catalog, event: &Event) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(event.name));
    out.insert("description".into(), json!(event.description));
    out.insert("spec".into(), json!(event.spec));
    out.insert("call".into(), call_json(&event.call));
    if let Some(meta) = event.meta.as_deref() {
        if let Some(title) = &meta.title {
            out.insert("title".into(), json!(title));
        }
        if meta.deprecated {
            out.insert("deprecated".into(), json!(true));
        }
    }
    if !event.labels.is_empty() {
        out.insert("labels".into(), json_schema::labels(&event.labels));
    }
    if !event.rules.is_empty() {
        let mut rules = Map::new();
        json_schema::object_rules(&mut rules, &event.rules);
        out.insert("rules".into(), Value::Object(rules));
    }
    out.insert(
        "use_cases".into(),
        json!(
            catalog
                .use_cases_needing(&event.name)
                .map(|u| u.slug.clone())
                .collect::<Vec<_>>()
        ),
    );
    out.insert(
        "properties".into(),
        Value::Array(event.properties.iter().map(property_json).collect()),
    );
    Value::Object(out)
}

pub fn property_json(p: &Property) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(p.name));
    out.insert("required".into(), json!(p.required));
    if let Some(reason) = &p.required_reason {
        out.insert("required_reason".into(), json!(reason));
    }
    if let Some(origin) = p.origin {
        out.insert("origin".into(), json!(origin.as_str()));
    }
    out.insert("schema".into(), json_schema::fragment(&p.schema));
    Value::Object(out)
}

/// How an event is sent: `{"type": "track"}`, or a page or screen call with the properties
/// that are its name and category.
pub fn call_json(call: &Call) -> Value {
    let mut out = Map::new();
    out.insert("type".into(), json!(call.as_str()));
    if let Some(fields) = call.fields() {
        out.insert("name".into(), json!(fields.name));
        out.insert("category".into(), json!(fields.category));
    }
    Value::Object(out)
}

pub fn type_json(t: &NamedType) -> Value {
    json!({ "name": t.name, "schema": json_schema::fragment(&t.schema) })
}
