//! Rust: one module, `tracking.rs`, that needs only `serde` (with derive) and `serde_json` in
//! the host crate; usable as `mod tracking;` or through `include!`. Rendered from templates,
//! then parsed by `syn` and printed by `prettyplease`.

pub(crate) mod names;

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::layout::{Body, Decl, DeclId, EventDecl, Layout, Struct, TupleBody, Ty, UnionBody};
use crate::model::{Call, Literal, TraitsCall};
use crate::render::render;

use super::{GeneratedFile, docs};
use names::Names;

pub use names::{KEYWORDS, TRACKER_METHODS, TYPE_NAMES};

#[derive(Serialize)]
struct ModuleView {
    version: &'static str,
    /// Some optional property is nullable: the module needs its reader.
    absent_or_null: bool,
    /// Some optional property is of any type: the module needs its reader.
    present: bool,
    /// The types of the identify and group traits.
    identify_traits: String,
    group_traits: String,
    decls: Vec<String>,
    methods: Vec<MethodView>,
}

#[derive(Serialize)]
struct MethodView {
    doc: Vec<String>,
    ident: String,
    ty: String,
}

#[derive(Serialize)]
struct StructView {
    doc: Vec<String>,
    /// `#[deprecated]` and `#[allow(deprecated)]` lines before the item.
    attributes: Vec<String>,
    /// `#[allow(deprecated)]` where the module has deprecated items, for its own impls.
    allow: String,
    name: String,
    fields: Vec<FieldView>,
    default: bool,
    params: Vec<ParamView>,
    too_many_params: bool,
    /// The event's wire name as a Rust string literal, for events.
    event: Option<String>,
    /// The event's `EventCall`, for page and screen events.
    call: Option<String>,
}

#[derive(Serialize)]
struct FieldView {
    doc: Vec<String>,
    deprecated: bool,
    ident: String,
    ty: String,
    serde: Vec<String>,
    /// How the constructor sets the field.
    init: String,
}

#[derive(Serialize)]
struct TupleView {
    doc: Vec<String>,
    attributes: Vec<String>,
    allow: String,
    name: String,
    /// The field types, in order: the items, then the rest.
    types: Vec<String>,
    /// The index of each item field; the required ones first.
    required: Vec<usize>,
    optional: Vec<usize>,
    /// The index of the rest field, if more items may follow.
    rest: Option<usize>,
    expecting: String,
}

#[derive(Serialize)]
struct ParamView {
    ident: String,
    ty: String,
}

#[derive(Serialize)]
struct EnumView {
    doc: Vec<String>,
    attributes: Vec<String>,
    allow: String,
    name: String,
    /// Every value a string: derive `Serialize` and `Deserialize` with renames.
    derive: bool,
    variants: Vec<VariantView>,
    /// The format string of the error when reading an unknown value.
    unknown: String,
}

#[derive(Serialize)]
struct VariantView {
    doc: Vec<String>,
    ident: String,
    /// The wire value as a Rust string literal (derived enums).
    rename: String,
    /// The serializer call (hand-written `Serialize`).
    serialize: String,
    /// Whether a JSON `value` is this variant's (hand-written `Deserialize`).
    test: String,
}

#[derive(Serialize)]
struct UnionView {
    doc: Vec<String>,
    attributes: Vec<String>,
    allow: String,
    name: String,
    variants: Vec<VariantTypeView>,
    from: Vec<FromView>,
    /// The discriminating property's wire name, as a Rust string literal.
    discriminator: Option<String>,
    /// The error when no alternative matches the discriminator.
    unknown: String,
}

#[derive(Serialize)]
struct VariantTypeView {
    ident: String,
    ty: String,
    /// The discriminator's value for this alternative, as a Rust string literal.
    tag: Option<String>,
}

#[derive(Serialize)]
struct FromView {
    ty: String,
    variant: String,
    expr: String,
}

#[derive(Serialize)]
struct AliasView {
    doc: Vec<String>,
    attributes: Vec<String>,
    name: String,
    ty: String,
}

/// Each selected event's type and tracker method identifiers, in event order.
pub(crate) fn identifiers(layout: &Layout<'_>) -> super::Identifiers {
    let names = Names::new(layout);
    super::Identifiers {
        events: (layout.events.iter().zip(&names.methods))
            .map(|(e, method)| (names.ty(e.decl).to_owned(), method.clone()))
            .collect(),
        traits: TraitsCall::ALL.map(|c| layout.traits_decl(c).map(|id| names.ty(id).to_owned())),
    }
}

pub fn generate(layout: &Layout<'_>, file_name: &str, header: &str) -> Result<Vec<GeneratedFile>> {
    let names = Names::new(layout);
    let deprecation = Deprecation::of(layout);
    let mut decls = Vec::new();
    for (i, decl) in layout.decls.iter().enumerate() {
        decls.push(render_decl(layout, &names, &deprecation, DeclId(i), decl)?);
    }
    let methods = layout
        .events
        .iter()
        .zip(&names.methods)
        .map(|(e, ident)| {
            let mut doc = vec![format!("Sends {}.", quote(&e.event.name))];
            doc.push(String::new());
            doc.extend(docs::event(e));
            let mut doc = doc_lines(&doc);
            doc.extend(deprecation.attributes(e.event.deprecated()));
            MethodView {
                doc,
                ident: ident.clone(),
                ty: names.ty(e.decl).to_owned(),
            }
        })
        .collect();
    let optional_field = |f: &dyn Fn(&Ty) -> bool| {
        layout.decls.iter().any(|decl| match &decl.body {
            Body::Struct(s) => s.fields.iter().any(|fl| !fl.property.required && f(&fl.ty)),
            _ => false,
        })
    };
    let absent_or_null = optional_field(&|ty| ty.split_nullable().1);
    let present = optional_field(&|ty| *ty == Ty::Any);
    let traits = |call: TraitsCall| {
        layout.traits_decl(call).map_or_else(
            || "serde_json::Map<String, serde_json::Value>".to_owned(),
            |id| names.ty(id).to_owned(),
        )
    };
    let view = ModuleView {
        version: env!("CARGO_PKG_VERSION"),
        absent_or_null,
        present,
        identify_traits: traits(TraitsCall::Identify),
        group_traits: traits(TraitsCall::Group),
        decls,
        methods,
    };
    let source = render("rust/module.rs", &view)?;
    let file = syn::parse_file(&source).map_err(|e| {
        let line = e.span().start().line;
        let context = source
            .lines()
            .skip(line.saturating_sub(3))
            .take(5)
            .collect::<Vec<_>>()
            .join("\n");
        Error::Internal(format!(
            "generated Rust does not parse: {e}, at line {line}:\n{context}"
        ))
    })?;
    let mut contents = header.to_owned();
    contents.push('\n');
    contents.push_str(&separate_items(&prettyplease::unparse(&file)));
    Ok(vec![GeneratedFile {
        path: PathBuf::from(file_name),
        contents,
    }])
}

/// How a module marks deprecated items: `#[deprecated]` on each, and, in a module that has
/// any, `#[allow(deprecated)]` on its own items that use them.
struct Deprecation {
    any: bool,
}

impl Deprecation {
    fn of(layout: &Layout<'_>) -> Self {
        let any = layout.decls.iter().any(|d| {
            d.deprecated()
                || matches!(&d.body, Body::Struct(s) if s.fields.iter().any(|f| f.property.schema.deprecated()))
        }) || layout.events.iter().any(|e| e.event.deprecated());
        Self { any }
    }

    /// The attribute lines of an item: `#[deprecated]` when it is, `#[allow(deprecated)]`
    /// where the module needs it.
    fn attributes(&self, deprecated: bool) -> Vec<String> {
        let mut out = Vec::new();
        if deprecated {
            out.push("#[deprecated]".to_owned());
        }
        if self.any {
            out.push("#[allow(deprecated)]".to_owned());
        }
        out
    }

    fn allow(&self) -> String {
        if self.any {
            "#[allow(deprecated)]".to_owned()
        } else {
            String::new()
        }
    }
}

fn render_decl(
    layout: &Layout<'_>,
    names: &Names,
    deprecation: &Deprecation,
    id: DeclId,
    decl: &Decl<'_>,
) -> Result<String> {
    let name = names.ty(id).to_owned();
    let event = layout.event_of(id);
    let doc = doc_lines(&docs::decl(layout, id));
    let deprecated = decl.deprecated() || event.is_some_and(|e| e.event.deprecated());
    let attributes = deprecation.attributes(deprecated);
    match &decl.body {
        Body::Struct(body) => render(
            "rust/struct.rs",
            &struct_view(layout, names, deprecation, id, name, doc, body, event),
        ),
        Body::Enum(values) => render(
            "rust/enum.rs",
            &enum_view(names, deprecation, id, name, doc, values, attributes),
        ),
        Body::Union(body) => render(
            "rust/union.rs",
            &union_view(names, deprecation, id, name, doc, body, attributes),
        ),
        Body::Tuple(body) => render(
            "rust/tuple.rs",
            &tuple_view(names, deprecation, name, doc, body, attributes),
        ),
        Body::Alias(ty) => render(
            "rust/alias.rs",
            &AliasView {
                doc,
                attributes,
                name,
                ty: rust_type(names, ty),
            },
        ),
    }
}

fn union_view(
    names: &Names,
    deprecation: &Deprecation,
    id: DeclId,
    name: String,
    doc: Vec<String>,
    body: &UnionBody<'_>,
    attributes: Vec<String>,
) -> UnionView {
    let variants: Vec<VariantTypeView> = names
        .variants(id)
        .iter()
        .zip(&body.members)
        .map(|(ident, m)| VariantTypeView {
            ident: ident.clone(),
            ty: rust_type(names, &m.ty),
            tag: m.tag.map(quote),
        })
        .collect();
    let mut seen = BTreeSet::new();
    let mut from = Vec::new();
    for v in &variants {
        if seen.insert(v.ty.clone()) {
            from.push(FromView {
                ty: v.ty.clone(),
                variant: v.ident.clone(),
                expr: "value".into(),
            });
        }
        if v.ty == "String" && seen.insert("&str".into()) {
            from.push(FromView {
                ty: "&str".into(),
                variant: v.ident.clone(),
                expr: "value.to_owned()".into(),
            });
        }
    }
    let discriminator = body.discriminator;
    let unknown = match discriminator {
        Some(d) => {
            let tags: Vec<String> = body
                .members
                .iter()
                .filter_map(|m| m.tag.map(|t| format!("{t:?}")))
                .collect();
            format!(
                "`{d}` is {{}}, expected one of {}",
                tags.join(", ").replace('{', "{{").replace('}', "}}")
            )
        }
        None => String::new(),
    };
    UnionView {
        doc,
        attributes,
        allow: deprecation.allow(),
        name,
        variants,
        from,
        discriminator: discriminator.map(quote),
        unknown: quote(&unknown),
    }
}

fn tuple_view(
    names: &Names,
    deprecation: &Deprecation,
    name: String,
    doc: Vec<String>,
    body: &TupleBody,
    attributes: Vec<String>,
) -> TupleView {
    let mut types: Vec<String> = body
        .items
        .iter()
        .enumerate()
        .map(|(i, ty)| {
            let inner = rust_type(names, ty);
            if i < body.required {
                inner
            } else {
                format!("Option<{inner}>")
            }
        })
        .collect();
    let rest = body.rest.as_ref().map(|r| {
        types.push(format!("Vec<{}>", rust_type(names, r)));
        types.len() - 1
    });
    let expecting = format!(
        "a list of {}{} items",
        if body.required < body.items.len() || rest.is_some() {
            "at least "
        } else {
            ""
        },
        body.required
    );
    TupleView {
        doc,
        attributes,
        allow: deprecation.allow(),
        name,
        types,
        required: (0..body.required).collect(),
        optional: (body.required..body.items.len()).collect(),
        rest,
        expecting: quote(&expecting),
    }
}

#[allow(clippy::too_many_arguments)]
fn struct_view(
    layout: &Layout<'_>,
    names: &Names,
    deprecation: &Deprecation,
    id: DeclId,
    name: String,
    doc: Vec<String>,
    body: &Struct<'_>,
    event: Option<&EventDecl<'_>>,
) -> StructView {
    let idents = names.fields(id);
    let mut views = Vec::new();
    let mut params = Vec::new();
    for (field, ident) in body.fields.iter().zip(idents) {
        let (base, nullable) = field.ty.split_nullable();
        let base_ty = rust_type(names, base);
        let required = field.property.required;
        let ty = match (required, nullable) {
            (true, false) => base_ty.clone(),
            (false, false) | (true, true) => format!("Option<{base_ty}>"),
            (false, true) => format!("Option<Option<{base_ty}>>"),
        };
        let mut serde = Vec::new();
        let plain_ident = ident.trim_start_matches("r#");
        if plain_ident != field.property.name {
            serde.push(format!("rename = {}", quote(&field.property.name)));
        }
        if !required {
            serde.push("skip_serializing_if = \"Option::is_none\"".to_owned());
        }
        if !required && nullable {
            serde.push("default".to_owned());
            serde.push("deserialize_with = \"absent_or_null\"".to_owned());
        } else if !required && *base == Ty::Any {
            // Any value includes `null`, which must read as a value, not as absence.
            serde.push("default".to_owned());
            serde.push("deserialize_with = \"present\"".to_owned());
        }
        let fixed = layout
            .single_value(&field.ty)
            .and_then(|(enum_id, _)| names.variants(enum_id).first().map(|v| (enum_id, v)));
        let init = if let (true, Some((enum_id, variant))) = (required, fixed) {
            // One value allowed: the constructor fills it in.
            format!("{}::{variant}", names.ty(enum_id))
        } else if required {
            let into = ty == "String";
            params.push(ParamView {
                ident: ident.clone(),
                ty: if into {
                    "impl Into<String>".into()
                } else {
                    ty.clone()
                },
            });
            if into {
                format!("{ident}.into()")
            } else {
                ident.clone()
            }
        } else {
            "None".to_owned()
        };
        views.push(FieldView {
            doc: doc_lines(&docs::property(field.property)),
            deprecated: field.property.schema.deprecated(),
            ident: ident.clone(),
            ty,
            serde,
            init,
        });
    }
    if let (Some(extra), Some(ident)) = (&body.extra, idents.get(body.fields.len())) {
        views.push(FieldView {
            doc: doc_lines(&["Other keys, and their values.".to_owned()]),
            deprecated: false,
            ident: ident.clone(),
            ty: format!(
                "std::collections::BTreeMap<String, {}>",
                rust_type(names, extra)
            ),
            serde: vec!["flatten".to_owned()],
            init: "std::collections::BTreeMap::new()".to_owned(),
        });
    }
    let deprecated = event.is_some_and(|e| e.event.deprecated());
    StructView {
        doc,
        attributes: deprecation.attributes(deprecated),
        allow: deprecation.allow(),
        name,
        // Default only where every field has a default: none required, none fixed.
        default: views
            .iter()
            .all(|f| f.init == "None" || f.init.starts_with("std::collections")),
        too_many_params: params.len() > 7,
        params,
        fields: views,
        event: event.map(|e| quote(&e.event.name)),
        call: event.and_then(|e| call_const(&e.event.call)),
    }
}

fn enum_view(
    names: &Names,
    deprecation: &Deprecation,
    id: DeclId,
    name: String,
    doc: Vec<String>,
    values: &[Literal],
    attributes: Vec<String>,
) -> EnumView {
    let derive = values.iter().all(|v| matches!(v, Literal::String(_)));
    let variants = names
        .variants(id)
        .iter()
        .zip(values)
        .map(|(ident, value)| VariantView {
            doc: doc_lines(&[format!("`{}`", value.to_json())]),
            ident: ident.clone(),
            rename: quote(&value.label()),
            // Numbers compare by value: `10` and `10.0` are one enum value.
            test: match value {
                Literal::String(s) => format!("value.as_str() == Some({})", quote(s)),
                Literal::Bool(b) => format!("value.as_bool() == Some({b})"),
                Literal::Number(n) => {
                    format!(
                        "value.as_f64() == Some({:?})",
                        n.0.parse::<f64>().unwrap_or(0.0)
                    )
                }
                Literal::Json(j) => format!("value == serde_json::json!({j})"),
            },
            serialize: match value {
                Literal::String(s) => format!("serializer.serialize_str({})", quote(s)),
                Literal::Bool(b) => format!("serializer.serialize_bool({b})"),
                Literal::Number(n) => {
                    if let Ok(i) = n.0.parse::<i64>() {
                        format!("serializer.serialize_i64({i})")
                    } else if let Ok(u) = n.0.parse::<u64>() {
                        format!("serializer.serialize_u64({u})")
                    } else {
                        let f: f64 = n.0.parse().unwrap_or(0.0);
                        format!("serializer.serialize_f64({f:?})")
                    }
                }
                Literal::Json(j) => format!("serde_json::json!({j}).serialize(serializer)"),
            },
        })
        .collect();
    let expected = values
        .iter()
        .map(|v| v.to_json().to_string())
        .collect::<Vec<_>>()
        .join(", ")
        .replace('{', "{{")
        .replace('}', "}}");
    EnumView {
        doc,
        attributes,
        allow: deprecation.allow(),
        name,
        derive,
        variants,
        unknown: quote(&format!(
            "unknown value {{value}}, expected one of {expected}"
        )),
    }
}

/// The `EventCall` of a page or screen event, as Rust.
fn call_const(call: &Call) -> Option<String> {
    let field = |f: &Option<String>| match f {
        Some(name) => format!("Some({})", quote(name)),
        None => "None".to_owned(),
    };
    let variant = match call {
        Call::Track => return None,
        Call::Page(_) => "Page",
        Call::Screen(_) => "Screen",
    };
    let fields = call.fields()?;
    Some(format!(
        "EventCall::{variant} {{ name: {}, category: {} }}",
        field(&fields.name),
        field(&fields.category)
    ))
}

fn rust_type(names: &Names, ty: &Ty) -> String {
    match ty {
        Ty::Any => "serde_json::Value".into(),
        Ty::String => "String".into(),
        Ty::Number => "f64".into(),
        Ty::Integer => "i64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Map(values) if **values == Ty::Any => {
            "serde_json::Map<String, serde_json::Value>".into()
        }
        Ty::Map(values) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(names, values)
        ),
        Ty::Array(inner) => format!("Vec<{}>", rust_type(names, inner)),
        Ty::Nullable(inner) => format!("Option<{}>", rust_type(names, inner)),
        Ty::Decl(id) => names.ty(*id).to_owned(),
    }
}

/// A Rust string literal.
fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// Documentation as `///` lines that rustdoc reads as plain text: no accidental links, HTML
/// tags, code blocks or bare URLs, each of which `cargo doc` would warn about.
fn doc_lines(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .map(|line| {
            let text = rustdoc_text(line);
            if text.is_empty() {
                "///".to_owned()
            } else {
                format!("/// {text}")
            }
        })
        .collect();
    while out.last().is_some_and(|l| l == "///") {
        out.pop();
    }
    out
}

fn rustdoc_text(line: &str) -> String {
    let cleaned: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    // Balanced single backticks are code spans, which rustdoc shows as written.
    let spans_ok = cleaned.matches('`').count().is_multiple_of(2) && !cleaned.contains("``");
    let mut out = String::new();
    for (i, part) in cleaned.split('`').enumerate() {
        if i > 0 {
            out.push_str(if spans_ok { "`" } else { "\\`" });
        }
        if spans_ok && i % 2 == 1 {
            out.push_str(part);
        } else {
            out.push_str(&plain_text(part));
        }
    }
    out.trim().to_owned()
}

fn plain_text(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if (word.starts_with("http://") || word.starts_with("https://"))
                && !word.contains(['<', '>'])
            {
                format!("<{word}>")
            } else {
                word.replace('\\', "\\\\")
                    .replace('[', "\\[")
                    .replace(']', "\\]")
                    .replace('<', "\\<")
                    .replace('>', "\\>")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A blank line after every top-level item, which prettyplease prints back to back.
fn separate_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    let mut lines = code.lines().peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line == "}" && lines.peek().is_some_and(|next| !next.is_empty()) {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_is_inert_for_rustdoc() {
        assert_eq!(
            rustdoc_text("See [the spec] <b> at https://segment.com/docs"),
            "See \\[the spec\\] \\<b\\> at <https://segment.com/docs>"
        );
        assert_eq!(rustdoc_text("```rust"), "\\`\\`\\`rust");
        assert_eq!(
            rustdoc_text("Pattern: `^[A-Z]{3}$`."),
            "Pattern: `^[A-Z]{3}$`."
        );
        assert_eq!(rustdoc_text("odd ` [x]"), "odd \\` \\[x\\]");
        assert_eq!(
            doc_lines(&["a".into(), String::new(), "b".into(), String::new()]),
            ["/// a", "///", "/// b"]
        );
    }
}
