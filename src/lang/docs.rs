//! Documentation text shared by every language: what the catalog says about an event or a
//! property, as lines of plain text. Each language wraps them in its own comment syntax.

use crate::layout::EventDecl;
use crate::model::{Kind, Property, Schema};
use crate::naming::wrap;

/// Text width of documentation lines.
const WIDTH: usize = 76;

/// An event's documentation: its description, the use cases that need it, its spec page.
pub fn event(e: &EventDecl<'_>) -> Vec<String> {
    let mut lines = wrap(&e.event.description, WIDTH);
    let mut facts = Vec::new();
    if !e.use_cases.is_empty() {
        facts.push(format!("Needed by: {}.", e.use_cases.join(", ")));
    }
    if let Some(spec) = &e.event.spec {
        facts.push(format!("Segment Spec: {spec}."));
    }
    push_paragraph(&mut lines, &facts.join(" "));
    lines
}

/// A property's documentation: its description and the constraints the type cannot express.
pub fn property(p: &Property) -> Vec<String> {
    let mut lines = wrap(&p.schema.description, WIDTH);
    push_paragraph(&mut lines, &constraints(&p.schema));
    if let Some(reason) = &p.required_reason {
        push_paragraph(&mut lines, &format!("Required: {reason}"));
    }
    lines
}

/// A type's own documentation.
pub fn schema(description: &str) -> Vec<String> {
    wrap(description, WIDTH)
}

/// The rules of a schema that languages do not check at compile time, as one sentence each.
pub fn constraints(schema: &Schema) -> String {
    let mut facts: Vec<String> = Vec::new();
    let (kind, in_items) = match &schema.kind {
        Kind::Array(items) => (&items.kind, true),
        other => (other, false),
    };
    let each = if in_items { "Each item: " } else { "" };
    match kind {
        Kind::String(rules) => {
            if let Some(format) = &rules.format {
                facts.push(format!("{each}Format: {format}."));
            }
            if let Some(pattern) = &rules.pattern {
                facts.push(format!("{each}Pattern: `{pattern}`."));
            }
            if let Some(min) = rules.min_length {
                facts.push(format!("{each}At least {min} characters."));
            }
            if let Some(max) = rules.max_length {
                facts.push(format!("{each}At most {max} characters."));
            }
        }
        Kind::Integer(rules) | Kind::Number(rules) => {
            if matches!(kind, Kind::Integer(_)) {
                facts.push(format!("{each}An integer."));
            }
            if let Some(min) = &rules.minimum {
                facts.push(format!("{each}Minimum: {min}."));
            }
            if let Some(max) = &rules.maximum {
                facts.push(format!("{each}Maximum: {max}."));
            }
        }
        _ => {}
    }
    facts.join(" ")
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
