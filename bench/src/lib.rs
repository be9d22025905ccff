//! Synthetic Segment tracking plans for benchmarks: `events` track events of ten mixed
//! properties each (strings, a required one, a bounded integer, a nullable number, a boolean,
//! an enum, a date-time, an array of strings, an array of objects, a nested object), named
//! deterministically, so that the same size always gives the same bytes.

use serde_json::{Value, json};

/// A Public-API plan (`{rules: [...]}`) of `events` TRACK rules.
pub fn plan(events: usize) -> Value {
    json!({
        "id": format!("tp_synthetic_{events}"),
        "name": format!("Synthetic plan of {events} events"),
        "rules": (0..events).map(rule).collect::<Vec<_>>(),
    })
}

/// The plan as the JSON text a plan file holds.
pub fn plan_text(events: usize) -> String {
    let mut text = serde_json::to_string_pretty(&plan(events)).unwrap_or_default();
    text.push('\n');
    text
}

/// The same plan on one line, as Segment's Public API answers: a 100,000-event plan is about
/// half the size of its pretty form, and within tracktype's 256 MiB file limit.
pub fn compact_plan_text(events: usize) -> String {
    let mut text = serde_json::to_string(&plan(events)).unwrap_or_default();
    text.push('\n');
    text
}

const OBJECTS: [&str; 8] = [
    "Account", "Order", "Cart", "Page", "Video", "Search", "Invite", "Report",
];
const ACTIONS: [&str; 7] = [
    "Created",
    "Updated",
    "Viewed",
    "Shared",
    "Deleted",
    "Started",
    "Completed",
];

fn rule(i: usize) -> Value {
    let name = format!(
        "{} {} {i}",
        OBJECTS[i % OBJECTS.len()],
        ACTIONS[(i / OBJECTS.len()) % ACTIONS.len()]
    );
    json!({
        "type": "TRACK",
        "key": name,
        "version": 1,
        "jsonSchema": {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "description": format!("Synthetic event {i}."),
            "type": "object",
            "properties": {
                "context": {},
                "traits": { "type": "object" },
                "properties": {
                    "type": "object",
                    "properties": properties(i),
                    "required": ["label"],
                },
            },
            "required": ["properties"],
        },
    })
}

fn properties(i: usize) -> Value {
    json!({
        "id": { "description": "Identifier of the thing.", "type": "string" },
        "label": { "description": format!("Label number {i}."), "type": "string" },
        "count": { "description": "How many.", "type": "integer", "minimum": 0, "maximum": 1000 },
        "amount": { "description": "How much, if known.", "type": ["number", "null"] },
        "enabled": { "description": "Whether it is on.", "type": "boolean" },
        "tier": { "description": "Which tier.", "type": "string", "enum": ["free", "pro", format!("custom_{}", i % 7)] },
        "at": { "description": "When.", "type": "string", "format": "date-time" },
        "tags": { "description": "Tags.", "type": "array", "items": { "type": "string" } },
        "items": {
            "description": "Line items.",
            "type": "array",
            "items": {
                "type": "object",
                "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer" } },
                "required": ["sku"],
            },
        },
        "origin": {
            "description": "Where it came from.",
            "type": "object",
            "properties": { "source": { "type": "string" }, "medium": { "type": "string" } },
        },
    })
}
