//! TypeScript: one ES module, `index.ts`, with an interface per event, the `EventName` and
//! `EventProperties` registry, and `createTracker` for analytics-next or analytics-node. No
//! runtime dependency, no side effect at import; prettier-clean as generated.

mod names;
pub(crate) mod syntax;
mod tracker;

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::layout::{Body, Decl, Layout, Origin, Ty};
use crate::model::{Call, Literal};
use crate::pretty::{Doc, concat, group, indent, print, text};
use crate::render::{SPLICE, Shell, render, render_shell, render_view, view};

use super::validation::{self, pattern::Dialect};
use super::{Contents, GeneratedFile, TsSdk, docs};
use names::Names;
use syntax::{Type, WIDTH, jsdoc, jsdoc_with, key, property_signature, string};

pub use names::{GLOBAL_TYPES, MODULE_NAMES, RESERVED_METHODS};

#[derive(Serialize)]
struct View {
    header: String,
    version: &'static str,
    /// Where the declarations go ([`SPLICE`]): most of the file, they are not copied through
    /// the templates.
    decls: &'static str,
    event_name: String,
    /// The names of the events sent as track calls, which the generic `track` takes.
    track_event_name: String,
    registry: Vec<String>,
    methods: Vec<tracker::MethodView>,
    calls: tracker::ClientCalls,
    validate: bool,
    /// The validation rules, escaped for a template literal.
    rules: String,
}

struct DeclView {
    doc: String,
    /// The declaration: an interface (rendered by its template) or a type alias.
    code: String,
}

view! {
    #[derive(Serialize)]
    struct InterfaceView {
        name: String,
        members: Vec<MemberView>,
    }
}

view! {
    #[derive(Serialize)]
    struct MemberView {
        doc: String,
        line: String,
    }
}

/// Each selected event's type and tracker method identifiers, in event order.
#[cfg(all(feature = "typescript", feature = "swift"))]
pub(crate) fn identifiers(layout: &Layout<'_>) -> super::Identifiers {
    let names = Names::new(layout);
    super::Identifiers::of(layout, |id| names.ty(id), &names.methods)
}

pub fn generate(
    layout: &Layout<'_>,
    sdk: TsSdk,
    validate: bool,
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    let names = Names::new(layout);
    let declared: Vec<(usize, &Decl<'_>)> = layout
        .decls
        .iter()
        .enumerate()
        .filter(|(_, d)| is_declared(d))
        .collect();
    // The rest of the file is made beside the declarations: it is about a third of the
    // generating (the tracker's methods, the rules, three templates), and done before them
    // it left a core idle.
    let (rest, decls) = crate::parallel::join(
        || rest_of_file(layout, &names, sdk, validate, header),
        || declarations(layout, &names, &declared),
    );
    let (shell, validation, tracker) = rest?;
    let mut contents = shell.fill(decls?);
    contents.append(validation);
    contents.append(tracker);
    Ok(vec![GeneratedFile {
        path: PathBuf::from("index.ts"),
        contents,
    }])
}

/// The file around the declarations (the event names, the registry, the tracker), and the
/// validation and tracker code that follow them.
fn rest_of_file(
    layout: &Layout<'_>,
    names: &Names,
    sdk: TsSdk,
    validate: bool,
    header: &str,
) -> Result<(Shell, Contents, Contents)> {
    let wire_names: Vec<Type> = layout
        .events
        .iter()
        .map(|e| Type::Literal(string(&e.event.name)))
        .collect();
    let event_name_type = if wire_names.is_empty() {
        Type::Keyword("never")
    } else {
        Type::union(wire_names)
    };
    let event_name = print(
        group(concat(vec![
            text("export type EventName ="),
            group(indent(concat(vec![
                Doc::Line,
                event_name_type.alias_value(),
            ]))),
            text(";"),
        ])),
        WIDTH,
        2,
        0,
    );
    let registry = layout
        .events
        .iter()
        .map(|e| {
            let doc = property_signature(
                &key(&e.event.name),
                false,
                &Type::Ref(names.ty(e.decl).to_owned()),
            );
            print(doc, WIDTH, 2, 2)
        })
        .collect();

    let methods = tracker::methods(layout, names, sdk, validate);
    let track_events: Vec<Type> = layout
        .events
        .iter()
        .filter(|e| e.event.call == Call::Track)
        .map(|e| Type::Literal(string(&e.event.name)))
        .collect();
    let track_event_name = print(
        group(concat(vec![
            text("export type TrackEventName ="),
            group(indent(concat(vec![
                Doc::Line,
                if track_events.is_empty() {
                    Type::Keyword("never")
                } else {
                    Type::union(track_events)
                }
                .alias_value(),
            ]))),
            text(";"),
        ])),
        WIDTH,
        2,
        0,
    );

    let view = View {
        header: header.to_owned(),
        version: env!("CARGO_PKG_VERSION"),
        decls: SPLICE,
        event_name,
        track_event_name,
        registry,
        methods,
        calls: tracker::ClientCalls::of(layout),
        validate,
        rules: if validate {
            template_literal(&validation::rules(layout, Dialect::JavaScript).json)
        } else {
            String::new()
        },
    };
    let template = match sdk {
        TsSdk::AnalyticsNext => "typescript/tracker-analytics-next.ts",
        TsSdk::AnalyticsNode => "typescript/tracker-analytics-node.ts",
    };
    let shell = render_shell("typescript/index.ts", &view)?;
    // As Contents at once: tera's output has spare capacity, the rules' size in the first.
    let validation = if validate {
        Contents::from(render("typescript/validate.ts", &view)?)
    } else {
        Contents::new()
    };
    let tracker = Contents::from(render(template, &view)?);
    Ok((shell, validation, tracker))
}

/// Each declaration, after a blank line.
fn declarations(
    layout: &Layout<'_>,
    names: &Names,
    declared: &[(usize, &Decl<'_>)],
) -> Result<Vec<Contents>> {
    crate::parallel::map(declared, |&(i, d)| {
        decl_view(layout, names, crate::layout::DeclId(i), d).map(|view| {
            let mut decl = Contents::new();
            decl.push("\n");
            decl.push(view.doc);
            decl.push(view.code);
            decl.push("\n");
            decl
        })
    })
    .into_iter()
    .collect()
}

/// Text as the body of a template literal: the characters it would read otherwise escaped.
fn template_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${")
}

/// Nested enums, unions and tuples are printed in place; every other declaration is
/// exported.
pub(crate) fn is_declared(decl: &Decl<'_>) -> bool {
    !matches!(
        (&decl.origin, &decl.body),
        (
            Origin::Nested { .. },
            Body::Enum(_) | Body::Union(_) | Body::Tuple(_)
        )
    )
}

fn decl_view(
    layout: &Layout<'_>,
    names: &Names,
    id: crate::layout::DeclId,
    decl: &Decl<'_>,
) -> Result<DeclView> {
    let name = names.ty(id).to_owned();
    let doc = jsdoc_with(&docs::decl(layout, id), decl.deprecated(), "");
    match &decl.body {
        Body::Struct(body) => {
            let mut members: Vec<MemberView> = body
                .fields
                .iter()
                .map(|f| {
                    let sig = property_signature(
                        &key(&f.property.name),
                        !f.property.required,
                        &ts_type(layout, names, &f.ty),
                    );
                    MemberView {
                        doc: jsdoc_with(
                            &docs::property(f.property),
                            f.property.schema.deprecated(),
                            "  ",
                        ),
                        line: print(sig, WIDTH, 2, 2),
                    }
                })
                .collect();
            if let Some(extra) = &body.extra {
                // An index signature must admit the declared properties' types too.
                let mut all = vec![ts_type(layout, names, extra)];
                all.extend(body.fields.iter().map(|f| ts_type(layout, names, &f.ty)));
                let sig = property_signature("[key: string]", false, &Type::union(all));
                members.push(MemberView {
                    doc: jsdoc(&["Other keys.".to_owned()], "  "),
                    line: print(sig, WIDTH, 2, 2),
                });
            } else if members.is_empty() {
                // No properties: `{}` and nothing else is accepted.
                members.push(MemberView {
                    doc: String::new(),
                    line: "[key: string]: never;".into(),
                });
            }
            let code = render_view("typescript/interface.ts", &InterfaceView { name, members })?;
            Ok(DeclView { doc, code })
        }
        Body::Enum(_) | Body::Union(_) | Body::Tuple(_) | Body::Alias(_) => {
            let value = body_type(layout, names, &decl.body);
            let alias = print(
                group(concat(vec![
                    text(format!("export type {name} =")),
                    group(indent(concat(vec![Doc::Line, value.alias_value()]))),
                    text(";"),
                ])),
                WIDTH,
                2,
                0,
            );
            Ok(DeclView { doc, code: alias })
        }
    }
}

/// The TypeScript type of an enum, union, tuple or alias written in place.
fn body_type(layout: &Layout<'_>, names: &Names, body: &Body<'_>) -> Type {
    match body {
        Body::Enum(values) => Type::union(values.iter().map(literal).collect()),
        Body::Union(u) => Type::union(
            u.members
                .iter()
                .map(|m| ts_type(layout, names, &m.ty))
                .collect(),
        ),
        Body::Tuple(t) => Type::Tuple {
            items: t.items.iter().map(|i| ts_type(layout, names, i)).collect(),
            required: t.required,
            rest: t.rest.as_ref().map(|r| Box::new(ts_type(layout, names, r))),
        },
        Body::Alias(ty) => ts_type(layout, names, ty),
        Body::Struct(_) => Type::Keyword("never"),
    }
}

fn literal(l: &Literal) -> Type {
    Type::Literal(match l {
        Literal::String(s) => string(s),
        Literal::Number(n) => n.0.clone(),
        Literal::Bool(b) => b.to_string(),
        Literal::Json(j) => j.clone(),
    })
}

fn ts_type(layout: &Layout<'_>, names: &Names, ty: &Ty) -> Type {
    match ty {
        Ty::Any => Type::Keyword("unknown"),
        Ty::String => Type::Keyword("string"),
        Ty::Number | Ty::Integer => Type::Keyword("number"),
        Ty::Boolean => Type::Keyword("boolean"),
        Ty::Map(values) => Type::Record(Box::new(ts_type(layout, names, values))),
        Ty::Array(inner) => Type::Array(Box::new(ts_type(layout, names, inner))),
        Ty::Nullable(inner) => {
            Type::union(vec![ts_type(layout, names, inner), Type::Keyword("null")])
        }
        Ty::Decl(id) => {
            let decl = layout.decl(*id);
            if is_declared(decl) {
                Type::Ref(names.ty(*id).to_owned())
            } else {
                body_type(layout, names, &decl.body)
            }
        }
    }
}
