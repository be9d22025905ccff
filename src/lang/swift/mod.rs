//! Swift: a package (`Package.swift`, `Sources/<Module>/`) or just its sources, with a
//! `Codable, Sendable, Equatable` struct per event and an extension of `TrackingClient`,
//! whose one method is analytics-swift's `Analytics.track(name:properties:)`. Lines are laid
//! out as swift-format lays them out (width 100), so the output is lint-clean as generated.

mod calls;
pub(crate) mod names;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Result;
use crate::layout::{Body, DeclId, Layout, Struct, TupleBody, Ty};
use crate::model::Literal;
use crate::pretty::{Doc, concat, group, indent, join, print, print_flat_or, text};
use crate::render::{render, render_view, view};

use super::validation::{self, pattern::Dialect};
use super::{Contents, GeneratedFile, docs, one_line_list};
use names::{Names, bare};

pub use names::{CLIENT_METHODS, KEYWORDS, TYPE_NAMES};

/// swift-format's default line length.
const WIDTH: usize = 100;

/// The attribute that marks a deprecated declaration.
const DEPRECATED: &str = "@available(*, deprecated)";

/// How a Swift target is generated, besides its module's name.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Only the `.swift` files, without `Package.swift` (`--sources-only`).
    pub sources_only: bool,
    /// analytics-swift's `Analytics` is the client (`--sdk analytics-swift`).
    pub analytics_swift: bool,
    /// Run-time validation (`--validate`).
    pub validate: bool,
}

#[derive(Serialize)]
struct PackageView {
    header: String,
    module: String,
    analytics_swift: bool,
}

#[derive(Serialize)]
struct ClientView {
    header: String,
    version: &'static str,
    methods: Vec<calls::MethodView>,
    /// Some event is sent with a screen call: the client needs `screen`.
    screen: bool,
    analytics_swift: bool,
    validate: bool,
}

view! {
    #[derive(Serialize)]
    struct StructView {
        doc: Vec<String>,
        header: String,
        properties: Vec<PropertyView>,
        params: Vec<String>,
        assignments: Vec<String>,
        coding_keys: Vec<String>,
        encodes: Vec<String>,
        /// A hand-written `init(from:)`, only where the synthesised one would not do: an optional
        /// `Nullable` (read as absent when `null`), other keys, or deprecated properties (kept in
        /// private storage); each entry is one statement's lines.
        decodes: Vec<String>,
        /// For a page or screen event: the encoding of its call's properties.
        #[serde(skip)]
        call_encodes: Vec<String>,
    }
}

view! {
    #[derive(Serialize)]
    struct PropertyView {
        doc: Vec<String>,
        line: String,
    }
}

view! {
    #[derive(Serialize)]
    struct EnumView {
        doc: Vec<String>,
        header: String,
        /// Every value a string: a `String`-backed enum.
        raw: bool,
        cases: Vec<CaseView>,
    }
}

view! {
    #[derive(Serialize)]
    struct CaseView {
        doc: Vec<String>,
        /// `case x` or `case x = "wire"` (raw enums).
        declaration: String,
        /// The pattern matching a decoded `JSONValue`, and the encoded literal (other enums).
        pattern: String,
        literal: String,
        ident: String,
    }
}

view! {
    #[derive(Serialize)]
    struct UnionView {
        doc: Vec<String>,
        header: String,
        name: String,
        cases: Vec<UnionCaseView>,
        literals: Vec<LiteralView>,
        /// The discriminating property's wire name, as a Swift string literal.
        discriminator: Option<String>,
    }
}

view! {
    #[derive(Serialize)]
    struct TupleView {
        doc: Vec<String>,
        header: String,
        properties: Vec<PropertyView>,
        params: Vec<String>,
        assignments: Vec<String>,
        decodes: Vec<String>,
        encodes: Vec<String>,
    }
}

view! {
    #[derive(Serialize)]
    struct UnionCaseView {
        ident: String,
        bare: String,
        ty: String,
        /// The discriminator's value for this case, as a Swift string literal.
        tag: Option<String>,
    }
}

view! {
    #[derive(Serialize)]
    struct LiteralView {
        protocol: &'static str,
        label: &'static str,
        ty: &'static str,
        ident: String,
    }
}

view! {
    #[derive(Serialize)]
    struct AliasView {
        doc: Vec<String>,
        name: String,
        ty: String,
    }
}

/// Each selected event's type and tracker method identifiers, in event order.
#[cfg(all(feature = "typescript", feature = "swift"))]
pub(crate) fn identifiers(layout: &Layout<'_>) -> super::Identifiers {
    let names = Names::new(layout);
    super::Identifiers::of(layout, |id| names.ty(id), &names.methods)
}

#[derive(Serialize)]
struct ValidationView {
    header: String,
    /// The rules, as the body of a multi-line raw string literal (`#"""` ... `"""#`).
    rules: String,
}

pub fn generate(
    layout: &Layout<'_>,
    module: &str,
    options: Options,
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    let Options {
        sources_only,
        analytics_swift,
        validate,
    } = options;
    // Rendered first, while the names are decided (it needs none), and so before the
    // declarations, which are most of the package: its several copies of the rules (theirs,
    // indented, tera's) are gone before those are made.
    let (validation, names) = crate::parallel::join(
        || {
            validate
                .then(|| {
                    let rules = validation::rules(layout, Dialect::Icu).json;
                    // As Contents at once: tera's output has spare capacity the size of the rules.
                    render(
                        "swift/validation.swift",
                        &ValidationView {
                            header: header.to_owned(),
                            rules: indent_lines(&rules),
                        },
                    )
                    .map(Contents::from)
                })
                .transpose()
        },
        || Names::new(layout),
    );
    let validation = validation?;
    let package = PackageView {
        header: header.to_owned(),
        module: module.to_owned(),
        analytics_swift,
    };
    let sources = if sources_only {
        PathBuf::new()
    } else {
        PathBuf::from("Sources").join(module)
    };
    // The client and the package are made beside the declarations: done first, they would
    // leave a core idle.
    let (files, decls) = crate::parallel::join(
        || client_files(layout, &names, &package, &sources, options, header),
        || declarations(layout, &names, validate),
    );
    let mut files = files?;
    let mut events = Contents::from(header);
    for decl in decls {
        events.append(decl?);
    }
    files.push(GeneratedFile {
        path: sources.join("Events.swift"),
        contents: events,
    });

    if let Some(validation) = validation {
        files.push(GeneratedFile {
            path: sources.join("Validation.swift"),
            contents: validation,
        });
    }

    // Always: tracktype's context is made of JSON values.
    {
        files.push(GeneratedFile {
            path: sources.join("JSONValue.swift"),
            contents: render("swift/json-value.swift", &package)?.into(),
        });
    }
    if uses_json_key(layout) {
        files.push(GeneratedFile {
            path: sources.join("JSONKey.swift"),
            contents: render("swift/json-key.swift", &package)?.into(),
        });
    }
    if uses_nullable(layout) {
        files.push(GeneratedFile {
            path: sources.join("Nullable.swift"),
            contents: render("swift/nullable.swift", &package)?.into(),
        });
    }
    Ok(files)
}

/// `Package.swift` (unless only sources are made) and the client files.
fn client_files(
    layout: &Layout<'_>,
    names: &Names,
    package: &PackageView,
    sources: &Path,
    options: Options,
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    let mut files = Vec::new();
    if !options.sources_only {
        files.push(GeneratedFile {
            path: PathBuf::from("Package.swift"),
            contents: render("swift/package.swift", package)?.into(),
        });
    }

    let mut methods = calls::event_methods(layout, names);
    methods.extend(calls::traits_methods(layout, names, options.validate));
    let client = ClientView {
        header: header.to_owned(),
        version: env!("CARGO_PKG_VERSION"),
        methods,
        screen: calls::uses_screen(layout),
        analytics_swift: options.analytics_swift,
        validate: options.validate,
    };
    files.push(GeneratedFile {
        path: sources.join("TrackingClient.swift"),
        contents: render("swift/client.swift", &client)?.into(),
    });
    if options.analytics_swift {
        files.push(GeneratedFile {
            path: sources.join("AnalyticsClient.swift"),
            contents: render("swift/analytics-client.swift", &client)?.into(),
        });
    }
    Ok(files)
}

/// Each declaration, after a blank line. They render independently, so they share the
/// cores; `Events.swift` is only their concatenation, assembled by the caller rather than
/// copied once more into a template's context.
fn declarations(layout: &Layout<'_>, names: &Names, validate: bool) -> Vec<Result<Contents>> {
    let ids: Vec<DeclId> = (0..layout.decls.len()).map(DeclId).collect();
    crate::parallel::map(&ids, |&id| {
        render_decl(layout, names, id, validate).map(|mut decl| {
            decl.truncate(decl.trim_end().len());
            let mut contents = Contents::new();
            contents.push("\n");
            contents.push(decl);
            contents.push("\n");
            contents
        })
    })
}

/// Whether some struct has typed other keys, or some union a discriminator: they read keys
/// by name at run time.
fn uses_json_key(layout: &Layout<'_>) -> bool {
    layout.decls.iter().any(|d| match &d.body {
        Body::Struct(s) => s.extra.is_some(),
        Body::Union(u) => u.discriminator.is_some(),
        _ => false,
    })
}

/// Whether an optional property is also nullable somewhere: it needs `Nullable`.
fn uses_nullable(layout: &Layout<'_>) -> bool {
    layout.decls.iter().any(|d| match &d.body {
        Body::Tuple(t) => t
            .items
            .iter()
            .skip(t.required)
            .any(|i| i.split_nullable().1),
        Body::Struct(s) => s
            .fields
            .iter()
            .any(|f| !f.property.required && f.ty.split_nullable().1),
        _ => false,
    })
}

fn all_strings(values: &[Literal]) -> bool {
    values.iter().all(|v| matches!(v, Literal::String(_)))
}

/// `text` indented as a multi-line literal's closing delimiter is, as swift-format has it.
fn indent_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2 * text.lines().count());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

fn render_decl(layout: &Layout<'_>, names: &Names, id: DeclId, validate: bool) -> Result<String> {
    let decl = layout.decl(id);
    let name = names.ty(id).to_owned();
    let mut doc = doc_lines(&docs::decl(layout, id));
    let deprecated = decl.deprecated() || layout.event_of(id).is_some_and(|e| e.event.deprecated());
    if deprecated {
        doc.push(DEPRECATED.to_owned());
    }
    match &decl.body {
        Body::Struct(body) => {
            let view = struct_view(layout, names, id, &name, doc, body);
            let mut out = render_view("swift/struct.swift", &view)?;
            if let Some(e) = layout.event_of(id) {
                // Added to the struct's text where it is: `format!` would copy it, growing
                // from nothing.
                out.truncate(out.trim_end().len());
                out.push_str("\n\n");
                // A deprecated type's conformance is deprecated too, or naming it warns.
                if deprecated {
                    out.push_str(DEPRECATED);
                    out.push('\n');
                }
                out.push_str(&calls::conformance(
                    layout,
                    names,
                    e,
                    &view.call_encodes,
                    validate,
                ));
                out.push('\n');
            }
            Ok(out)
        }
        Body::Tuple(body) => render_view(
            "swift/tuple.swift",
            &tuple_view(names, id, &name, doc, body),
        ),
        Body::Enum(values) => {
            let raw = all_strings(values);
            let cases = names
                .cases(id)
                .iter()
                .zip(values.iter())
                .map(|(ident, value)| {
                    let literal = swift_literal(value);
                    // Raw values only where the enum has a raw type (all strings); mixed
                    // enums map cases to values in `init(from:)` and `encode(to:)`.
                    let declaration = match value {
                        Literal::String(s) if raw && bare(ident) != s => {
                            print_assigned(&format!("case {ident}"), &string(s), 2)
                        }
                        _ => format!("case {ident}"),
                    };
                    let pattern = match value {
                        Literal::String(_) => format!(".string({literal})"),
                        Literal::Bool(_) => format!(".bool({literal})"),
                        // Whole numbers arrive as `.int` or `.double`, whichever the sender
                        // wrote: `10` and `10.0` are one enum value.
                        Literal::Number(n) => match n.0.parse::<f64>() {
                            Ok(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
                                format!(".int({}), .double({f:?})", f as i64)
                            }
                            _ => format!(".double({literal})"),
                        },
                        // The layout types enums with such values as any JSON value instead.
                        Literal::Json(_) => ".null".to_owned(),
                    };
                    CaseView {
                        doc: doc_lines(&[format!("`{}`", value.to_json())]),
                        declaration,
                        pattern,
                        literal,
                        ident: bare(ident).to_owned(),
                    }
                })
                .collect();
            render_view(
                "swift/enum.swift",
                &EnumView {
                    doc,
                    header: if raw {
                        type_header(
                            "public enum",
                            &name,
                            &["String", "Codable", "Sendable", "Equatable", "CaseIterable"],
                        )
                    } else {
                        type_header(
                            "public enum",
                            &name,
                            &["Codable", "Sendable", "Equatable", "CaseIterable"],
                        )
                    },
                    raw,
                    cases,
                },
            )
        }
        Body::Union(body) => {
            let cases: Vec<UnionCaseView> = names
                .cases(id)
                .iter()
                .zip(&body.members)
                .map(|(ident, m)| UnionCaseView {
                    ident: ident.clone(),
                    bare: bare(ident).to_owned(),
                    ty: swift_type(names, &m.ty),
                    tag: m.tag.map(string),
                })
                .collect();
            let mut literals: Vec<LiteralView> = Vec::new();
            for (case, member) in cases.iter().zip(&body.members) {
                let literal = match &member.ty {
                    Ty::String => Some(("ExpressibleByStringLiteral", "stringLiteral", "String")),
                    Ty::Integer => Some(("ExpressibleByIntegerLiteral", "integerLiteral", "Int")),
                    Ty::Number => Some(("ExpressibleByFloatLiteral", "floatLiteral", "Double")),
                    Ty::Boolean => Some(("ExpressibleByBooleanLiteral", "booleanLiteral", "Bool")),
                    _ => None,
                };
                if let Some((protocol, label, ty)) = literal
                    && !literals.iter().any(|l| l.protocol == protocol)
                {
                    literals.push(LiteralView {
                        protocol,
                        label,
                        ty,
                        ident: bare(&case.ident).to_owned(),
                    });
                }
            }
            render_view(
                "swift/union.swift",
                &UnionView {
                    doc,
                    header: type_header(
                        "public enum",
                        &name,
                        &["Codable", "Sendable", "Equatable"],
                    ),
                    name,
                    cases,
                    literals,
                    discriminator: body.discriminator.map(string),
                },
            )
        }
        Body::Alias(ty) => render_view(
            "swift/alias.swift",
            &AliasView {
                doc,
                name,
                ty: swift_type(names, ty),
            },
        ),
    }
}

/// A struct: stored properties (deprecated ones in private storage behind a deprecated
/// accessor, so that the struct's own code uses no deprecated declaration), the initializer,
/// the coding keys, and `encode(to:)`; `init(from:)` where the synthesised one would not do.
fn struct_view(
    layout: &Layout<'_>,
    names: &Names,
    id: DeclId,
    name: &str,
    doc: Vec<String>,
    body: &Struct<'_>,
) -> StructView {
    let idents = names.members(id);
    let mut properties = Vec::new();
    let (mut required_params, mut optional_params) = (Vec::new(), Vec::new());
    let mut assignments = Vec::new();
    let mut coding_keys = Vec::new();
    let mut encodes = Vec::new();
    // A page or screen event's call properties: its encoding without the call's own fields.
    let mut call_encodes = Vec::new();
    let call_fields: Vec<&str> = layout
        .event_of(id)
        .and_then(|e| e.event.call.fields())
        .map(|f| {
            f.name
                .iter()
                .chain(&f.category)
                .map(String::as_str)
                .collect()
        })
        .unwrap_or_default();
    let mut decodes = Vec::new();
    let mut hand_decode = false;
    for (field, ident) in body.fields.iter().zip(idents) {
        let (base, nullable) = field.ty.split_nullable();
        let base_ty = swift_type(names, base);
        let required = field.property.required;
        let ty = match (required, nullable) {
            (true, false) => base_ty,
            (false, false) | (true, true) => cat!(base_ty, "?"),
            (false, true) => cat!("Nullable<", base_ty, ">?"),
        };
        let deprecated = field.property.schema.deprecated();
        let key = bare(ident);
        // Where the value is stored: the property itself, or its private storage.
        let storage = if deprecated {
            hand_decode = true;
            cat!("_", key)
        } else {
            ident.clone()
        };
        let mut doc = doc_lines(&docs::property(field.property));
        let line = if deprecated {
            doc.push(DEPRECATED.to_owned());
            format!(
                "{} {{\n    get {{ {storage} }}\n    set {{ {storage} = newValue }}\n  }}\n  private var {storage}: {ty}",
                print_typed(&cat!("public var ", ident, ":"), &ty, "", 2)
            )
        } else {
            print_typed(&cat!("public var ", ident, ":"), &ty, "", 2)
        };
        properties.push(PropertyView { doc, line });
        // One value allowed: the initializer defaults to it.
        let fixed = layout
            .single_value(&field.ty)
            .filter(|_| required)
            .and_then(|(enum_id, _)| names.cases(enum_id).first())
            .map(|case| format!(" = .{}", bare(case)));
        let default = match (&fixed, required) {
            (Some(f), _) => f.as_str(),
            (None, true) => "",
            (None, false) => " = nil",
        };
        let param = Param {
            head: cat!(ident, ":"),
            ty: ty.clone(),
            default: default.to_owned(),
        };
        if required && fixed.is_none() {
            required_params.push(param);
        } else {
            optional_params.push(param);
        }
        assignments.push(print_assigned(&cat!("self.", storage), ident, 4));
        coding_keys.push(if key == field.property.name {
            cat!("case ", ident)
        } else {
            print_assigned(&cat!("case ", ident), &string(&field.property.name), 4)
        });
        let method = if required {
            "encode"
        } else {
            "encodeIfPresent"
        };
        // `self.`: a property may be called `encoder` or `container`.
        let encode = |receiver: &str, indent: usize| {
            print_call(
                "try ",
                &cat!("container.", method),
                vec![cat!(receiver, ".", storage), cat!("forKey: .", key)],
                indent,
            )
        };
        encodes.push(encode("self", 4));
        if !call_fields.contains(&field.property.name.as_str()) {
            call_encodes.push(encode("self.event", 6));
        }
        // An optional `Nullable`, or an optional value of any type, reads `null` as a value:
        // only a missing key is absent.
        let null_is_a_value = !required && (nullable || *base == Ty::Any);
        let (method, indent) = match (required, nullable) {
            (true, false) => ("decode", 4),
            _ if null_is_a_value => {
                hand_decode = true;
                ("decode", 6)
            }
            _ => ("decodeIfPresent", 4),
        };
        let decoded = &ty[..if required && !nullable {
            ty.len()
        } else {
            ty.len() - 1
        }];
        let statement = print_call(
            &cat!("self.", storage, " = try "),
            &cat!("container.", method),
            vec![cat!(decoded, ".self"), cat!("forKey: .", key)],
            indent,
        );
        decodes.push(if indent == 6 {
            format!("if container.contains(.{key}) {{\n      {statement}\n    }}")
        } else {
            statement
        });
    }
    if let (Some(extra), Some(ident)) = (&body.extra, idents.get(body.fields.len())) {
        hand_decode = true;
        let values = swift_type(names, extra);
        let ty = format!("[String: {values}]");
        properties.push(PropertyView {
            doc: doc_lines(&["Other keys, and their values.".to_owned()]),
            line: print_typed(&format!("public var {ident}:"), &ty, "", 2),
        });
        optional_params.push(Param {
            head: cat!(ident, ":"),
            ty: ty.clone(),
            default: " = [:]".to_owned(),
        });
        assignments.push(print_assigned(&format!("self.{ident}"), ident, 4));
        decodes.push(format!(
            "let others = try decoder.container(keyedBy: JSONKey.self)\n    \
             var {ident}: {ty} = [:]\n    \
             for key in others.allKeys where CodingKeys(rawValue: key.stringValue) == nil {{\n      \
             {ident}[key.stringValue] = try others.decode({values}.self, forKey: key)\n    \
             }}\n    \
             self.{ident} = {ident}"
        ));
        let others = |receiver: &str, pad: &str| {
            format!(
                "var others = encoder.container(keyedBy: JSONKey.self)\n{pad}\
                 for key in {receiver}.{ident}.keys.sorted() {{\n{pad}  \
                 try others.encode({receiver}.{ident}[key], forKey: JSONKey(key))\n{pad}\
                 }}"
            )
        };
        encodes.push(others("self", "    "));
        call_encodes.push(others("self.event", "      "));
    }
    let count = required_params.len() + optional_params.len();
    let params = required_params
        .into_iter()
        .chain(optional_params)
        .enumerate()
        .map(|(i, p)| {
            let comma = if i + 1 < count { "," } else { "" };
            print_flat_or(
                cat!(p.head, " ", p.ty, p.default, comma),
                || concat(vec![typed(&p.head, &p.ty, &p.default), text(comma)]),
                WIDTH,
                2,
                4,
            )
        })
        .collect();
    StructView {
        doc,
        header: type_header("public struct", name, &["Codable", "Sendable", "Equatable"]),
        properties,
        params,
        assignments,
        coding_keys,
        encodes,
        decodes: if hand_decode { decodes } else { Vec::new() },
        call_encodes,
    }
}

/// An initializer's parameter: `head ty default`, a [`typed`] line.
struct Param {
    head: String,
    ty: String,
    default: String,
}

/// A tuple: a struct with a member per typed item (and the rest), coded as a JSON list.
fn tuple_view(
    names: &Names,
    id: DeclId,
    name: &str,
    doc: Vec<String>,
    body: &TupleBody,
) -> TupleView {
    let idents = names.members(id);
    let mut properties = Vec::new();
    let mut params = Vec::new();
    let mut assignments = Vec::new();
    let mut decodes = Vec::new();
    let mut encodes = Vec::new();
    for (i, (item, ident)) in body.items.iter().zip(idents).enumerate() {
        let base = swift_type(names, item.split_nullable().0);
        let nullable = item.split_nullable().1;
        let required = i < body.required;
        let ty = match (required, nullable) {
            (true, false) => base.clone(),
            (false, false) | (true, true) => format!("{base}?"),
            (false, true) => format!("Nullable<{base}>?"),
        };
        properties.push(PropertyView {
            doc: doc_lines(&[format!("Item {i}.")]),
            line: print_typed(&format!("public var {ident}:"), &ty, "", 2),
        });
        params.push(print(
            typed(
                &format!("_ {ident}:"),
                &ty,
                if required { "" } else { " = nil" },
            ),
            WIDTH,
            2,
            4,
        ));
        assignments.push(print_assigned(&format!("self.{ident}"), ident, 4));
        let decoded = if required {
            ty.clone()
        } else {
            ty[..ty.len() - 1].to_owned()
        };
        decodes.push(if required {
            format!("self.{ident} = try container.decode({decoded}.self)")
        } else {
            format!("self.{ident} = container.isAtEnd ? nil : try container.decode({decoded}.self)")
        });
        encodes.push(if required {
            format!("try container.encode(self.{ident})")
        } else {
            format!("guard let {ident} = self.{ident} else {{ return }}\n    try container.encode({ident})")
        });
    }
    match (&body.rest, idents.get(body.items.len())) {
        (Some(rest), Some(ident)) => {
            let item = swift_type(names, rest);
            let ty = format!("[{item}]");
            properties.push(PropertyView {
                doc: doc_lines(&["The items after the typed ones.".to_owned()]),
                line: print_typed(&format!("public var {ident}:"), &ty, "", 2),
            });
            params.push(print(
                typed(&format!("{ident}:"), &ty, " = []"),
                WIDTH,
                2,
                4,
            ));
            assignments.push(print_assigned(&format!("self.{ident}"), ident, 4));
            decodes.push(format!(
                "var {ident}: {ty} = []\n    \
                 while !container.isAtEnd {{\n      \
                 {ident}.append(try container.decode({item}.self))\n    \
                 }}\n    \
                 self.{ident} = {ident}"
            ));
            encodes.push(format!(
                "for item in self.{ident} {{\n      try container.encode(item)\n    }}"
            ));
        }
        _ => decodes.push(
            "if !container.isAtEnd {\n      \
             throw DecodingError.dataCorruptedError(\n        \
             in: container, debugDescription: \"More items than this list has.\")\n    \
             }"
            .to_owned(),
        ),
    }
    let count = params.len();
    let params = params
        .into_iter()
        .enumerate()
        .map(|(i, p)| if i + 1 < count { format!("{p},") } else { p })
        .collect();
    TupleView {
        doc,
        header: type_header("public struct", name, &["Codable", "Sendable", "Equatable"]),
        properties,
        params,
        assignments,
        decodes,
        encodes,
    }
}

fn swift_type(names: &Names, ty: &Ty) -> String {
    match ty {
        Ty::Any => "JSONValue".into(),
        Ty::String => "String".into(),
        Ty::Number => "Double".into(),
        Ty::Integer => "Int".into(),
        Ty::Boolean => "Bool".into(),
        Ty::Map(values) => format!("[String: {}]", swift_type(names, values)),
        Ty::Array(inner) => format!("[{}]", swift_type(names, inner)),
        Ty::Nullable(inner) => format!("{}?", swift_type(names, inner)),
        Ty::Decl(id) => names.ty(*id).to_owned(),
    }
}

/// A type's first line(s): `public struct Name: A, B {`, or, when that is too long, the
/// conformances filled onto as few lines as fit and the brace alone, as swift-format does.
fn type_header(keyword: &str, name: &str, conformances: &[&str]) -> String {
    let one = format!("{keyword} {name}: {} {{", conformances.join(", "));
    if one.chars().count() <= WIDTH {
        return one;
    }
    let mut lines = Vec::new();
    let (mut line, indent) = if keyword.len() + name.len() + 2 > WIDTH {
        lines.push(keyword.to_owned());
        (format!("  {name}:"), "    ")
    } else {
        (format!("{keyword} {name}:"), "  ")
    };
    for (i, c) in conformances.iter().enumerate() {
        let piece = if i + 1 < conformances.len() {
            format!("{c},")
        } else {
            (*c).to_owned()
        };
        if line.chars().count() + 1 + piece.len() <= WIDTH {
            line.push(' ');
            line.push_str(&piece);
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("{indent}{piece}");
        }
    }
    lines.push(line);
    lines.push("{".to_owned());
    lines.join("\n")
}

/// `head type tail`, breaking after `head` (which ends with `:`) when too long, as swift-format
/// breaks typed declarations and parameters.
fn typed(head: &str, ty: &str, tail: &str) -> Doc {
    group(concat(vec![
        text(head.to_owned()),
        indent(concat(vec![Doc::Line, text(format!("{ty}{tail}"))])),
    ]))
}

/// [`typed`], printed `start` columns in.
fn print_typed(head: &str, ty: &str, tail: &str, start: usize) -> String {
    print_flat_or(
        cat!(head, " ", ty, tail),
        || typed(head, ty, tail),
        WIDTH,
        2,
        start,
    )
}

/// [`assigned`], printed `start` columns in.
fn print_assigned(target: &str, value: &str, start: usize) -> String {
    print_flat_or(
        cat!(target, " = ", value),
        || assigned(target, value),
        WIDTH,
        2,
        start,
    )
}

/// `target = value`, breaking after `=` when too long.
fn assigned(target: &str, value: &str) -> Doc {
    group(concat(vec![
        text(format!("{target} =")),
        indent(concat(vec![Doc::Line, text(value.to_owned())])),
    ]))
}

/// [`call`] after `prefix`, printed `start` columns in.
fn print_call(prefix: &str, callee: &str, args: Vec<String>, start: usize) -> String {
    print_flat_or(
        one_line_list(&[prefix, callee, "("], &args, ")"),
        || concat(vec![text(prefix.to_owned()), call(callee, args)]),
        WIDTH,
        2,
        start,
    )
}

/// A call whose arguments go one per line, the parenthesis closing on the last, when too long.
fn call(callee: &str, args: Vec<String>) -> Doc {
    group(concat(vec![
        text(format!("{callee}(")),
        indent(concat(vec![
            Doc::SoftLine,
            join(
                concat(vec![text(","), Doc::Line]),
                args.into_iter().map(text).collect(),
            ),
        ])),
        text(")"),
    ]))
}

/// A Swift string literal. Characters outside printable ASCII are escaped, so the width of
/// the source is its length.
pub fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn swift_literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => string(s),
        Literal::Bool(b) => b.to_string(),
        Literal::Number(n) => n.0.clone(),
        Literal::Json(j) => string(j),
    }
}

/// Documentation as `///` lines.
fn doc_lines(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|l| {
            let mut line = String::with_capacity(l.len() + 4);
            line.push_str("/// ");
            // A control character would break the comment.
            if docs::plain(l) {
                line.push_str(l);
            } else {
                line.extend(l.chars().map(|c| if c.is_control() { ' ' } else { c }));
            }
            // An empty line is `///`, without the space.
            line.truncate(line.trim_end().len());
            line
        })
        .collect();
    while out.last().is_some_and(|l| l == "///") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{
        WIDTH, assigned, call, concat, print, print_assigned, print_call, print_typed, text, typed,
    };

    proptest::proptest! {
        /// The one-line shortcuts print what the printer prints, long or short.
        #[test]
        fn typed_and_assigned_lines_print_as_their_documents(
            head in "[a-zé ]{0,60}",
            ty in "[A-Za-z<>?é ]{0,60}",
            start in 0..8_usize,
        ) {
            proptest::prop_assert_eq!(
                print_typed(&head, &ty, "", start),
                print(typed(&head, &ty, ""), WIDTH, 2, start)
            );
            proptest::prop_assert_eq!(
                print_assigned(&head, &ty, start),
                print(assigned(&head, &ty), WIDTH, 2, start)
            );
        }

        #[test]
        fn call_lines_print_as_their_documents(
            prefix in "[a-z. =]{0,30}",
            callee in "[a-z.é]{1,30}",
            args in proptest::collection::vec("[A-Za-z.: é]{0,30}", 0..5),
            start in 0..8_usize,
        ) {
            let doc = concat(vec![text(prefix.clone()), call(&callee, args.clone())]);
            proptest::prop_assert_eq!(
                print_call(&prefix, &callee, args, start),
                print(doc, WIDTH, 2, start)
            );
        }
    }

    #[test]
    fn doc_lines_are_comments_without_control_characters_or_trailing_space() {
        let lines = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            super::doc_lines(&lines(&[
                "plain words  ",
                "",
                "  indented",
                "a\u{7}b\tc",
                "é\u{85}x",
                "",
                " "
            ])),
            [
                "/// plain words",
                "///",
                "///   indented",
                "/// a b c",
                "/// é x"
            ]
        );
        assert!(super::doc_lines(&lines(&["", "\u{1b}"])).is_empty());
    }
}
