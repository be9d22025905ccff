//! The tracker's methods: one per event, sending the call the event says (track, page or
//! screen), and `identify` and `group` with the catalog's traits; for analytics-next's
//! positional calls or analytics-node's message objects.

use serde::Serialize;

use crate::layout::{Body, EventDecl, Layout};
use crate::model::{Call, TraitsCall};
use crate::pretty::{Doc, concat, group, indent, join, print, text};

use super::super::{TsSdk, docs};
use super::names::Names;
use super::syntax::{self, WIDTH, jsdoc_with, key, string};

#[derive(Serialize)]
pub struct MethodView {
    pub doc: String,
    pub signature: String,
    pub implementation: String,
}

/// What the client must offer beyond `track`, `identify` and `group`.
#[derive(Serialize)]
pub struct ClientCalls {
    pub page: bool,
    pub screen: bool,
}

impl ClientCalls {
    pub fn of(layout: &Layout<'_>) -> Self {
        let has = |f: fn(&Call) -> bool| layout.events.iter().any(|e| f(&e.event.call));
        Self {
            page: has(|c| matches!(c, Call::Page(_))),
            screen: has(|c| matches!(c, Call::Screen(_))),
        }
    }
}

/// Every method of the tracker, in order: the events', then `identify` and `group`.
pub fn methods(layout: &Layout<'_>, names: &Names, sdk: TsSdk, validate: bool) -> Vec<MethodView> {
    let mut out: Vec<MethodView> = layout
        .events
        .iter()
        .zip(&names.methods)
        .map(|(e, method)| event_method(layout, names, sdk, validate, e, method))
        .collect();
    out.extend(TraitsCall::ALL.map(|call| traits_method(layout, names, sdk, validate, call)));
    out
}

/// The properties or traits as sent: through `checked` when the tracker validates.
fn checked(validate: bool, section: &str, key: &str, value: &str) -> String {
    if validate {
        format!("checked(\"{section}\", {key}, {value})")
    } else {
        value.to_owned()
    }
}

fn event_method(
    layout: &Layout<'_>,
    names: &Names,
    sdk: TsSdk,
    validate: bool,
    e: &EventDecl<'_>,
    method: &str,
) -> MethodView {
    let optional = matches!(&layout.decl(e.decl).body, Body::Struct(s) if s.fields.iter().all(|f| !f.property.required));
    let ty = names.ty(e.decl);
    let wire = string(&e.event.name);
    let mut doc = vec![match &e.event.call {
        Call::Track => format!("Sends {wire}."),
        call => format!("Sends {wire} as a {} call.", call.as_str()),
    }];
    doc.push(String::new());
    doc.extend(docs::event(e));
    let signature = match sdk {
        TsSdk::AnalyticsNext => syntax::call(
            method,
            vec![
                text(format!(
                    "properties{}: {ty}",
                    if optional { "?" } else { "" }
                )),
                text("options?: TrackOptions"),
            ],
            ": R;",
        ),
        TsSdk::AnalyticsNode => syntax::call(
            method,
            vec![text(format!(
                "message: {}<{ty}>",
                if optional {
                    "OptionalMessage"
                } else {
                    "Message"
                }
            ))],
            ": R;",
        ),
    };
    // `?? {}` rather than a default parameter: `{}` is not assignable to an interface with a
    // property named like an Object.prototype member.
    let properties = if optional {
        "properties ?? {}"
    } else {
        "properties"
    };
    let implementation = match (&e.event.call, sdk) {
        (Call::Track, TsSdk::AnalyticsNext) => method_impl(
            method,
            vec![text("properties"), text("options")],
            vec![statement(syntax::call(
                "return send",
                vec![text(wire), text(properties), text("options")],
                ";",
            ))],
        ),
        (Call::Track, TsSdk::AnalyticsNode) => method_impl(
            method,
            vec![text("message")],
            vec![statement(syntax::call(
                "return send",
                vec![text(wire), text("message")],
                ";",
            ))],
        ),
        (call @ (Call::Page(fields) | Call::Screen(fields)), _) => {
            let mut taken = Vec::new();
            if let Some(name) = &fields.name {
                taken.push(format!("{}: name", key(name)));
            }
            if let Some(category) = &fields.category {
                taken.push(format!("{}: category", key(category)));
            }
            // A literal name, or `null`, goes as it is: `??` after either would never apply.
            let (name, name_or_null) = match &fields.name {
                Some(_) => ("name", "name ?? null".to_owned()),
                None => (wire.as_str(), wire.clone()),
            };
            let (category, category_or_null) = match &fields.category {
                Some(_) => ("category", "category ?? null"),
                None => ("undefined", "null"),
            };
            let (params, split, send) = match sdk {
                TsSdk::AnalyticsNext => (
                    vec![text("properties"), text("options")],
                    properties,
                    syntax::call(
                        &format!("return client.{}", call.as_str()),
                        vec![
                            text(category_or_null),
                            text(name_or_null),
                            text("rest"),
                            text("withContext(options)"),
                        ],
                        ";",
                    ),
                ),
                TsSdk::AnalyticsNode => (
                    vec![text("{ properties, ...params }")],
                    properties,
                    syntax::call(
                        &format!("return {}", call.as_str()),
                        vec![
                            text("params"),
                            text("rest"),
                            text(name.to_owned()),
                            text(category),
                        ],
                        ";",
                    ),
                ),
            };
            let split = checked(validate, "events", &wire, split);
            method_impl(
                method,
                params,
                vec![statement(destructure(&taken, ty, &split)), statement(send)],
            )
        }
    };
    MethodView {
        doc: jsdoc_with(&doc, e.event.deprecated(), "  "),
        signature: print(signature, WIDTH, 2, 2),
        implementation: print(implementation, WIDTH, 2, 4),
    }
}

/// `identify` or `group`, typed by the catalog's traits (or any traits when it has none).
fn traits_method(
    layout: &Layout<'_>,
    names: &Names,
    sdk: TsSdk,
    validate: bool,
    call: TraitsCall,
) -> MethodView {
    let decl = layout.traits_decl(call);
    let ty = decl.map_or("Record<string, unknown>", |id| names.ty(id));
    let required = decl.is_some_and(|id| {
        matches!(&layout.decl(id).body, Body::Struct(s) if s.fields.iter().any(|f| f.property.required))
    });
    let opt = if required { "" } else { "?" };
    let word = call.as_str();
    let validate = validate && decl.is_some();
    let doc = vec![match call {
        TraitsCall::Identify => {
            "Sends an identify call: who the user is, and what is known about them (the traits)."
                .to_owned()
        }
        TraitsCall::Group => {
            "Sends a group call: the user belongs to the group `groupId`, which has these traits."
                .to_owned()
        }
    }];
    let id = match call {
        TraitsCall::Identify => "userId",
        TraitsCall::Group => "groupId",
    };
    let (signature, implementation) = match sdk {
        TsSdk::AnalyticsNext => {
            let id_type = match call {
                TraitsCall::Identify => "string | null",
                TraitsCall::Group => "string",
            };
            let traits = if required { "traits" } else { "traits ?? {}" };
            let traits = checked(validate, "traits", &string(word), traits);
            (
                syntax::call(
                    word,
                    vec![
                        text(format!("{id}: {id_type}")),
                        text(format!("traits{opt}: {ty}")),
                        text("options?: TrackOptions"),
                    ],
                    ": R;",
                ),
                method_impl(
                    word,
                    vec![text(id), text("traits"), text("options")],
                    vec![statement(syntax::call(
                        &format!("return client.{word}"),
                        vec![text(id), text(traits), text("withContext(options)")],
                        ";",
                    ))],
                ),
            )
        }
        TsSdk::AnalyticsNode => {
            let mut members = Vec::new();
            if call == TraitsCall::Group {
                members.push(text("groupId: string"));
            }
            members.push(text(format!("traits{opt}: {ty}")));
            let message = concat(vec![
                text("message: TrackParams & "),
                syntax::object_type(members),
            ]);
            let traits = if required { "traits" } else { "traits = {}" };
            (
                syntax::call(word, vec![message], ": R;"),
                method_impl(
                    word,
                    vec![text(format!("{{ {traits}, context: given, ...params }}"))],
                    vec![statement(if validate {
                        // Too long for a line: prettier hugs the object, one member a line.
                        concat(vec![
                            text(format!("return client.{word}({{")),
                            indent(concat(vec![
                                Doc::HardLine,
                                text("...params,"),
                                Doc::HardLine,
                                text(format!(
                                    "traits: {},",
                                    checked(true, "traits", &string(word), "traits")
                                )),
                                Doc::HardLine,
                                text("context: context(given),"),
                            ])),
                            Doc::HardLine,
                            text("});"),
                        ])
                    } else {
                        syntax::call(
                            &format!("return client.{word}"),
                            vec![text("{ ...params, traits, context: context(given) }")],
                            ";",
                        )
                    })],
                ),
            )
        }
    };
    MethodView {
        doc: jsdoc_with(&doc, false, "  "),
        signature: print(signature, WIDTH, 2, 2),
        implementation: print(implementation, WIDTH, 2, 4),
    }
}

/// `const { a: name, b: category, ...rest }: Type = properties;`, broken one per line as
/// prettier breaks a long pattern (a rest element takes no trailing comma).
fn destructure(taken: &[String], ty: &str, value: &str) -> Doc {
    let mut parts: Vec<Doc> = taken.iter().map(|t| text(t.clone())).collect();
    parts.push(text("...rest"));
    group(concat(vec![
        text("const {"),
        indent(concat(vec![
            Doc::Line,
            join(concat(vec![text(","), Doc::Line]), parts),
        ])),
        Doc::Line,
        text(format!("}}: {ty} = {value};")),
    ]))
}

fn statement(doc: Doc) -> Doc {
    concat(vec![Doc::HardLine, doc])
}

/// `name(params) {` statements `},` as an object-literal method.
fn method_impl(name: &str, params: Vec<Doc>, body: Vec<Doc>) -> Doc {
    concat(vec![
        syntax::call(name, params, " {"),
        indent(concat(body)),
        Doc::HardLine,
        text("},"),
    ])
}
