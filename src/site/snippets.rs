//! How to send each event with the generated SDKs: one short call per language, with the
//! exact identifiers the generators give (types and methods from
//! [`crate::lang::event_identifiers`], fields and cases from each language's naming component)
//! and a placeholder value for every required property.

use serde_json::{Map, Value};

use crate::lang::rust::names as rust_naming;
use crate::lang::typescript::syntax;
use crate::lang::{self, Language, Request};
use crate::layout::{Body, DeclId, Layout, Ty};
use crate::model::{Catalog, Kind, Schema};
use crate::naming::CasedOnce;

/// An event's call in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippets {
    pub typescript: String,
    pub rust: String,
    pub swift: String,
}

/// What each language's snippets assume is in scope, said once per page.
pub const SETUP: [(&str, &str, &str); 3] = [
    (
        "TypeScript",
        "ts",
        "const tracker = createTracker(analytics); // analytics-next, or analytics-node",
    ),
    (
        "Rust",
        "rust",
        "let tracker = Tracker::new(sink); // any Fn(Message), or a Sink",
    ),
    (
        "Swift",
        "swift",
        "let analytics = Analytics(configuration: Configuration(writeKey: writeKey)) // --sdk analytics-swift",
    ),
];

/// How deep placeholder values follow required objects and named types; deeper ones are
/// left empty, and a self-referring type cannot loop.
const MAX_DEPTH: usize = 8;

/// Each selected event's snippets, in the request's order.
pub fn snippets(request: &Request<'_>) -> Vec<Snippets> {
    let layout = Layout::new(request.catalog, &request.events);
    let ts = lang::event_identifiers(request, Language::TypeScript);
    let rs = lang::event_identifiers(request, Language::Rust);
    let sw = lang::event_identifiers(request, Language::Swift);
    let rust_names = rust_naming::Names::new(&layout);
    let swift_names = lang::swift::names::Names::new(&layout);
    let mut once = CasedOnce::default();
    let mut rust_members = |id: DeclId| rust_naming::members(&layout.decl(id).body, &mut once);
    layout
        .events
        .iter()
        .zip(ts.iter().zip(rs.iter().zip(&sw)))
        .map(|(e, (ts, (rs, sw)))| {
            let fields = match &layout.decl(e.decl).body {
                Body::Struct(s) => s.fields.as_slice(),
                _ => &[],
            };
            let rust_idents = rust_members(e.decl);
            let swift_idents = swift_names.members(e.decl);
            let mut ts_args = Vec::new();
            let mut rust_args = Vec::new();
            let mut swift_args = Vec::new();
            for (i, field) in fields.iter().enumerate() {
                let p = field.property;
                if !p.required {
                    continue;
                }
                let sample = sample(request.catalog, &p.schema, 0);
                ts_args.push(format!("{}: {}", syntax::key(&p.name), sample));
                // A one-value enum is filled in by the Rust constructor and the Swift
                // initializer; the TypeScript literal must still spell it.
                if layout.single_value(&field.ty).is_some() {
                    continue;
                }
                let (base, nullable) = field.ty.split_nullable();
                let rust_ident = rust_idents.get(i).map_or("value", String::as_str);
                let swift_ident = swift_idents.get(i).map_or("value", String::as_str);
                let string_sample = sample.as_str().unwrap_or("...");
                let integer = sample.as_i64().unwrap_or(0).to_string();
                let number = format!("{:?}", sample.as_f64().unwrap_or(0.0));
                rust_args.push(match base {
                    _ if nullable => "None".to_owned(),
                    Ty::String => format!("{string_sample:?}"),
                    Ty::Integer => integer.clone(),
                    Ty::Number => number.clone(),
                    Ty::Boolean => "false".to_owned(),
                    Ty::Decl(id) if matches!(layout.decl(*id).body, Body::Enum(_)) => {
                        match rust_members(*id).first() {
                            Some(v) => format!("{}::{v}", rust_names.ty(*id)),
                            None => rust_ident.to_owned(),
                        }
                    }
                    _ => rust_ident.to_owned(),
                });
                let swift_value = match base {
                    _ if nullable => "nil".to_owned(),
                    Ty::String => lang::swift::string(string_sample),
                    Ty::Integer => integer,
                    Ty::Number => number,
                    Ty::Boolean => "false".to_owned(),
                    Ty::Decl(id) if matches!(layout.decl(*id).body, Body::Enum(_)) => {
                        match swift_names.cases(*id).first() {
                            Some(c) => format!(".{}", lang::swift::names::bare(c)),
                            None => swift_ident.to_owned(),
                        }
                    }
                    _ => swift_ident.to_owned(),
                };
                swift_args.push(format!("{swift_ident}: {swift_value}"));
            }
            let typescript = if ts_args.is_empty() {
                format!("tracker.{}();", ts.method)
            } else {
                format!("tracker.{}({{ {} }});", ts.method, ts_args.join(", "))
            };
            let rust = format!(
                "tracker.{}(Identity::user(\"user-1\"), {}::new({}));",
                rs.method,
                rs.ty,
                rust_args.join(", ")
            );
            let swift = if swift_args.is_empty() {
                format!("analytics.{}()", sw.method)
            } else {
                format!(
                    "analytics.{}({}({}))",
                    sw.method,
                    sw.ty,
                    swift_args.join(", ")
                )
            };
            Snippets {
                typescript,
                rust,
                swift,
            }
        })
        .collect()
}

/// A value of the schema's type: its first example or default when it has one, otherwise
/// the simplest value (the minimum of a bounded number, the required keys of an object).
fn sample(catalog: &Catalog, schema: &Schema, depth: usize) -> Value {
    if let Some(meta) = schema.meta()
        && let Some(v) = meta.examples.first().or(meta.default.as_ref())
    {
        return v.clone();
    }
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match &schema.kind {
        Kind::Any => Value::String("...".into()),
        Kind::String(rules) => Value::String(
            match rules.format.as_deref() {
                Some("date-time") => "2024-01-31T12:00:00Z",
                Some("date") => "2024-01-31",
                Some("email") => "user@example.com",
                Some("uri" | "url") => "https://example.com",
                _ => "...",
            }
            .into(),
        ),
        Kind::Number(rules) | Kind::Integer(rules) => rules
            .minimum
            .clone()
            .map_or_else(|| Value::from(0), Value::Number),
        Kind::Boolean => Value::Bool(false),
        Kind::Enum(values) => values.first().map_or(Value::Null, |v| v.to_json()),
        Kind::Array(items, rules) => {
            let n = usize::from(rules.min_items.unwrap_or(0) > 0);
            Value::Array(vec![sample(catalog, items, depth + 1); n])
        }
        Kind::Tuple(t) => Value::Array(
            t.items[..t.required_items()]
                .iter()
                .map(|s| sample(catalog, s, depth + 1))
                .collect(),
        ),
        Kind::Object(o) => Value::Object(
            o.properties
                .iter()
                .filter(|p| p.required)
                .map(|p| (p.name.clone(), sample(catalog, &p.schema, depth + 1)))
                .collect::<Map<_, _>>(),
        ),
        Kind::Ref(name) => catalog
            .named_type(name)
            .map_or(Value::Null, |t| sample(catalog, &t.schema, depth + 1)),
        Kind::Union(u) => u
            .members
            .first()
            .map_or(Value::Null, |m| sample(catalog, m, depth + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Selection;

    fn snippets_of(catalog: &Catalog, event: &str) -> Snippets {
        let selection = Selection {
            events: vec![event.into()],
            ..Selection::default()
        };
        snippets(&crate::site::tests::request(catalog, &selection)).remove(0)
    }

    #[test]
    fn required_properties_get_placeholders_in_each_language() {
        let catalog = crate::catalog::embedded().unwrap();
        let s = snippets_of(&catalog, "Order Completed");
        assert_eq!(
            s.typescript,
            "tracker.orderCompleted({ order_id: \"...\" });"
        );
        assert_eq!(
            s.rust,
            "tracker.order_completed(Identity::user(\"user-1\"), OrderCompleted::new(\"...\"));"
        );
        assert_eq!(
            s.swift,
            "analytics.orderCompleted(OrderCompleted(orderId: \"...\"))"
        );
    }

    #[test]
    fn events_without_required_properties_take_no_arguments() {
        let catalog = crate::catalog::embedded().unwrap();
        let s = snippets_of(&catalog, "Signed Up");
        assert_eq!(s.typescript, "tracker.signedUp();");
        assert_eq!(s.swift, "analytics.signedUp()");
        assert!(s.rust.ends_with("SignedUp::new());"), "{}", s.rust);
    }
}
