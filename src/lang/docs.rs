//! Documentation text shared by every language: what the catalog says about an event or a
//! property, as lines of plain text. Each language wraps them in its own comment syntax.

use crate::layout::{DeclId, EventDecl, Layout, Origin};
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
    let mut lines = if p.schema.description.trim().is_empty() {
        wrap(&format!("The `{}` property.", p.name), WIDTH)
    } else {
        wrap(&p.schema.description, WIDTH)
    };
    push_paragraph(&mut lines, &constraints(&p.schema));
    if let Some(reason) = &p.required_reason {
        push_paragraph(&mut lines, &format!("Required: {reason}"));
    }
    lines
}

/// A declaration's documentation: its description, or else where it sits, so that every
/// generated type is documented.
pub fn decl(layout: &Layout<'_>, id: DeclId) -> Vec<String> {
    let d = layout.decl(id);
    if let Some(e) = layout.events.iter().find(|e| e.decl == id) {
        return event(e);
    }
    if !d.description.trim().is_empty() {
        return wrap(d.description, WIDTH);
    }
    let text = match &d.origin {
        Origin::Event(name) => format!("The properties of {name:?}."),
        Origin::Named(name) => format!("The `{name}` type."),
        Origin::Nested { parent, words } => {
            let owner = owner(layout, *parent);
            match words.strip_suffix(" item") {
                Some(list) => format!("An item of `{list}` in {owner}."),
                None => format!("The type of `{words}` in {owner}."),
            }
        }
    };
    wrap(&text, WIDTH)
}

/// How documentation names a declaration: an event or type by name, a nested type by path.
fn owner(layout: &Layout<'_>, id: DeclId) -> String {
    match &layout.decl(id).origin {
        Origin::Event(name) => format!("{name:?}"),
        Origin::Named(name) => format!("`{name}`"),
        Origin::Nested { parent, words } => format!("`{words}` of {}", owner(layout, *parent)),
    }
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
