//! How each call is sent in Swift: every event conforms to `TrackingEvent` and sends itself
//! with its call (track, or screen for page and screen events: analytics-swift has no page
//! call), with `context.tracktype`; the client gets a method per event, `identify` and `group`
//! typed by the catalog's traits, and `track(_:)` for any event.

use serde::Serialize;

use crate::layout::{Body, EventDecl, Layout, Ty};
use crate::model::{Call, TraitsCall};
use crate::pretty::{Doc, concat, group, indent, print, text};

use super::names::{Names, bare};
use super::{DEPRECATED, WIDTH, call, doc_lines, print_call, string};
use crate::lang::docs;

#[derive(Serialize)]
pub struct MethodView {
    pub doc: Vec<String>,
    pub signature: String,
    pub body: String,
}

/// The client's method for each event.
pub fn event_methods(layout: &Layout<'_>, names: &Names) -> Vec<MethodView> {
    layout
        .events
        .iter()
        .zip(&names.methods)
        .map(|(e, method)| {
            let ty = names.ty(e.decl);
            let fields = match &layout.decl(e.decl).body {
                Body::Struct(s) => s.fields.as_slice(),
                _ => &[],
            };
            let wire = string(&e.event.name);
            let (param, value) = if fields.is_empty() {
                (None, format!("{ty}()"))
            } else if fields.iter().all(|f| !f.property.required) {
                (
                    Some(format!("_ properties: {ty} = {ty}()")),
                    "properties".to_owned(),
                )
            } else {
                (Some(format!("_ properties: {ty}")), "properties".to_owned())
            };
            let signature = match param {
                None => text(format!("public func {method}() {{")),
                Some(p) => group(concat(vec![
                    text(format!("public func {method}(")),
                    indent(concat(vec![Doc::SoftLine, text(p)])),
                    Doc::SoftLine,
                    text(") {"),
                ])),
            };
            let mut doc = vec![match &e.event.call {
                Call::Track => format!("Sends {wire}."),
                _ => format!("Sends {wire} as a screen call."),
            }];
            doc.push(String::new());
            doc.extend(docs::event(e));
            let mut doc = doc_lines(&doc);
            if e.event.deprecated() {
                doc.push(DEPRECATED.to_owned());
            }
            MethodView {
                doc,
                signature: print(signature, WIDTH, 2, 2),
                body: format!("{value}.send(to: self)"),
            }
        })
        .collect()
}

/// `identify` and `group`, typed by the catalog's traits (any traits when it has none).
pub fn traits_methods(layout: &Layout<'_>, names: &Names, validate: bool) -> Vec<MethodView> {
    TraitsCall::ALL
        .into_iter()
        .map(|which| {
            let decl = layout.traits_decl(which);
            let ty = decl.map_or("[String: JSONValue]", |id| names.ty(id));
            let required = decl.is_some_and(|id| {
                matches!(&layout.decl(id).body, Body::Struct(s) if s.fields.iter().any(|f| f.property.required))
            });
            let default = match (required, decl) {
                (true, _) => String::new(),
                (false, Some(_)) => format!(" = {ty}()"),
                (false, None) => " = [:]".to_owned(),
            };
            let (word, id, doc) = match which {
                TraitsCall::Identify => (
                    "identify",
                    "userId",
                    "Sends an identify call: who the user is, and what is known about them (the traits).",
                ),
                TraitsCall::Group => (
                    "group",
                    "groupId",
                    "Sends a group call: the user belongs to the group `groupId`, which has these traits.",
                ),
            };
            let signature = group(concat(vec![
                text(format!("public func {word}(")),
                indent(concat(vec![
                    Doc::SoftLine,
                    text(format!("{id}: String,")),
                    Doc::Line,
                    text(format!("traits: {ty}{default}")),
                ])),
                Doc::SoftLine,
                text(") {"),
            ]));
            // `as T?`: the requirement, not this method, takes the traits.
            let body = call(
                word,
                vec![
                    format!("{id}: {id}"),
                    format!("traits: traits as {ty}?"),
                    "context: Tracktype.context".to_owned(),
                ],
            );
            let mut body = print(body, WIDTH, 2, 4);
            if validate && decl.is_some() {
                body = format!("guard shouldSend(traits: traits, of: \"{word}\") else {{ return }}\n    {body}");
            }
            MethodView {
                doc: doc_lines(&[doc.to_owned()]),
                signature: print(signature, WIDTH, 2, 2),
                body,
            }
        })
        .collect()
}

/// The `TrackingEvent` conformance of an event's struct: its name, how it is sent, and for a
/// page or screen event the properties of its call (the event's, without its name and
/// category), coded like the struct: `call_encodes` are those encode statements.
pub fn conformance(
    layout: &Layout<'_>,
    names: &Names,
    e: &EventDecl<'_>,
    call_encodes: &[String],
    validate: bool,
) -> String {
    // Validating: the client's handler sees the violations first, and may drop the call.
    let guard = if validate {
        "guard client.shouldSend(self) else { return }\n    "
    } else {
        ""
    };
    let ty = names.ty(e.decl);
    let wire = string(&e.event.name);
    let Some(fields) = e.event.call.fields() else {
        let send = print_call(
            "",
            "client.track",
            vec![
                "name: Self.eventName".to_owned(),
                "properties: self".to_owned(),
                "context: Tracktype.context".to_owned(),
            ],
            4,
        );
        return format!(
            "extension {ty}: TrackingEvent {{\n  /// The event's exact name.\n  public static let eventName = {wire}\n\n  \
             /// Sends the event as a track call, with `context.tracktype`.\n  \
             public func send(to client: some TrackingClient) {{\n    {guard}{send}\n  }}\n}}"
        );
    };
    let body = match &layout.decl(e.decl).body {
        Body::Struct(s) => s,
        _ => return String::new(),
    };
    let idents = names.members(e.decl);
    let field = |wire_name: &Option<String>| -> Option<(usize, String)> {
        let wire_name = wire_name.as_ref()?;
        let i = body
            .fields
            .iter()
            .position(|f| &f.property.name == wire_name)?;
        let ident = idents.get(i)?;
        let f = &body.fields[i];
        let storage = if f.property.schema.deprecated() {
            format!("_{}", bare(ident))
        } else {
            ident.clone()
        };
        // An enum of strings is sent as its value; an optional `Nullable` as what it wraps.
        let (_, nullable) = f.ty.split_nullable();
        let is_enum = matches!(f.ty.split_nullable().0, Ty::Decl(_));
        let mut value = format!("self.{storage}");
        let optional = !f.property.required || nullable;
        if !f.property.required && nullable {
            value.push_str("?.wrapped");
        }
        if is_enum {
            value.push_str(if optional { "?.rawValue" } else { ".rawValue" });
        }
        Some((i, value))
    };
    let name = field(&fields.name);
    let category = field(&fields.category);
    let title = match &name {
        Some((i, value)) if optional_field(body, *i) => format!("{value} ?? Self.eventName"),
        Some((_, value)) => value.clone(),
        None => "Self.eventName".to_owned(),
    };
    let category_value = category
        .as_ref()
        .map_or_else(|| "nil".to_owned(), |(_, v)| v.clone());
    let send = print_call(
        "",
        "client.screen",
        vec![
            format!("title: {title}"),
            format!("category: {category_value}"),
            "properties: CallProperties(event: self)".to_owned(),
            "context: Tracktype.context".to_owned(),
        ],
        4,
    );
    let what = match &e.event.call {
        Call::Page(_) => "a screen call (analytics-swift has no page call)",
        _ => "a screen call",
    };
    let naming = match (&fields.name, &fields.category) {
        (Some(n), Some(c)) => format!(": `{n}` is the screen's title and `{c}` its category"),
        (Some(n), None) => format!(": `{n}` is the screen's title"),
        (None, Some(c)) => format!(", titled with the event's name: `{c}` is its category"),
        (None, None) => ", titled with the event's name".to_owned(),
    };
    let mut out = format!(
        "extension {ty}: TrackingEvent {{\n  /// The event's exact name.\n  public static let eventName = {wire}\n\n"
    );
    for line in crate::naming::wrap(
        &format!("Sends the event as {what}{naming}; the rest are its properties."),
        92,
    ) {
        out.push_str(&format!("  /// {line}\n"));
    }
    out.push_str(&format!(
        "  public func send(to client: some TrackingClient) {{\n    {guard}{send}\n  }}\n\n"
    ));
    out.push_str(&format!(
        "  /// The properties of the call: the event's, without its title and category.\n  \
         struct CallProperties: Codable, Sendable {{\n    let event: {ty}\n\n    \
         init(event: {ty}) {{\n      self.event = event\n    }}\n\n    \
         init(from decoder: any Decoder) throws {{\n      self.event = try {ty}(from: decoder)\n    }}\n\n    \
         func encode(to encoder: any Encoder) throws {{\n"
    ));
    let keyed = call_encodes.iter().any(|l| l.starts_with("try container."));
    if keyed {
        out.push_str(&format!(
            "      var container = encoder.container(keyedBy: {ty}.CodingKeys.self)\n"
        ));
    } else if call_encodes.is_empty() {
        // Nothing but the call's own fields: an empty object.
        out.push_str("      var container = encoder.singleValueContainer()\n");
        out.push_str("      try container.encode([String: JSONValue]())\n");
    }
    for line in call_encodes {
        out.push_str(&format!("      {line}\n"));
    }
    out.push_str("    }\n  }\n}");
    out
}

fn optional_field(body: &crate::layout::Struct<'_>, i: usize) -> bool {
    let f = &body.fields[i];
    !f.property.required || f.ty.split_nullable().1
}

/// Whether some event is sent with a screen call: the client needs `screen`.
pub fn uses_screen(layout: &Layout<'_>) -> bool {
    layout.events.iter().any(|e| e.event.call != Call::Track)
}
