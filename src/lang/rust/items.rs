//! The items of each declaration, as syntax: a struct with its constructor (and, for an
//! event, its `Event` impl), an enum of values, a union, a tuple struct, an alias.

use std::collections::BTreeSet;

use crate::layout::{Body, Decl, DeclId, EventDecl, Layout, Struct, TupleBody, Ty, UnionBody};
use crate::model::{Call, Literal};
use crate::naming::CasedOnce;

use super::super::{docs, one_line_list};
use super::names::{self, Names};
use super::pp::{INDENT, MARGIN};
use super::syntax::{
    Arg, Attr, Const, Enum, Expr, Field, Fields, FnLines, Function, GenericArg, Impl, ImplItem,
    Item, Param, Pat, Path, Segment, Stmt, Struct as StructItem, Ty as Type, TypeItem, Variant,
    call, field, flat_ty, ident, method, path_of, path_ty, reference, ret, try_, typed, word,
};
use super::{Deprecation, doc_attrs, quote};

/// What the items of a declaration need from the module.
pub struct Context<'a, 'c> {
    pub layout: &'a Layout<'c>,
    pub names: &'a Names,
    pub deprecation: &'a Deprecation,
}

/// The items of one declaration; `once` remembers the casings of its thread's members.
pub fn decl_items(
    cx: &Context<'_, '_>,
    id: DeclId,
    decl: &Decl<'_>,
    once: &mut CasedOnce,
) -> Vec<Item> {
    let name = cx.names.ty(id).to_owned();
    let idents = names::members(&decl.body, once);
    let event = cx.layout.event_of(id);
    let mut attrs = doc_attrs(&docs::decl(cx.layout, id));
    let deprecated = decl.deprecated() || event.is_some_and(|e| e.event.deprecated());
    attrs.extend(cx.deprecation.attributes(deprecated));
    match &decl.body {
        Body::Struct(body) => struct_items(cx, &idents, name, attrs, body, event),
        Body::Enum(values) => enum_items(cx, &idents, name, attrs, values),
        Body::Union(body) => union_items(cx, &idents, name, attrs, body),
        Body::Tuple(body) => tuple_items(cx, name, attrs, body),
        Body::Alias(ty) => vec![Item::Type(TypeItem {
            attrs,
            public: true,
            ident: name,
            ty: rust_type(cx.names, ty),
        })],
    }
}

/// A Rust type for a layout type.
pub fn rust_type(names: &Names, ty: &Ty) -> Type {
    match ty {
        Ty::Any => path_ty("serde_json::Value", vec![]),
        Ty::String => path_ty("String", vec![]),
        Ty::Number => path_ty("f64", vec![]),
        Ty::Integer => path_ty("i64", vec![]),
        Ty::Boolean => path_ty("bool", vec![]),
        Ty::Map(values) if **values == Ty::Any => json_map(),
        Ty::Map(values) => path_ty(
            "std::collections::BTreeMap",
            vec![path_ty("String", vec![]), rust_type(names, values)],
        ),
        Ty::Array(inner) => path_ty("Vec", vec![rust_type(names, inner)]),
        Ty::Nullable(inner) => option(rust_type(names, inner)),
        Ty::Decl(id) => path_ty(names.ty(*id), vec![]),
    }
}

pub fn json_map() -> Type {
    path_ty(
        "serde_json::Map",
        vec![
            path_ty("String", vec![]),
            path_ty("serde_json::Value", vec![]),
        ],
    )
}

fn option(inner: Type) -> Type {
    path_ty("Option", vec![inner])
}

/// An item's `#[derive(...)]`, at the module's level.
fn derive(traits: &[&str]) -> Attr {
    list_attr(
        "derive",
        traits.iter().map(|t| (*t).to_owned()).collect(),
        0,
    )
}

fn allow(cx: &Context<'_, '_>) -> Vec<Attr> {
    cx.deprecation.allow()
}

/// `fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>`.
fn serialize_fn(body: Vec<Stmt>) -> Function {
    Function {
        attrs: vec![],
        public: false,
        ident: "serialize".into(),
        generics: vec![Param::Type("S", vec![path_of("serde::Serializer", vec![])])],
        args: vec![
            Arg::Receiver("&self"),
            typed("serializer", path_ty("S", vec![])),
        ],
        ret: Some(path_ty(
            "Result",
            vec![path_ty("S::Ok", vec![]), path_ty("S::Error", vec![])],
        )),
        body,
    }
}

/// `fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>`.
fn deserialize_fn(body: Vec<Stmt>) -> Function {
    let deserializer = Path {
        segments: vec![
            Segment {
                ident: "serde".into(),
                args: vec![],
            },
            Segment {
                ident: "Deserializer".into(),
                args: vec![GenericArg::Lifetime("'de")],
            },
        ],
    };
    Function {
        attrs: vec![],
        public: false,
        ident: "deserialize".into(),
        generics: vec![Param::Type("D", vec![deserializer])],
        args: vec![typed("deserializer", path_ty("D", vec![]))],
        ret: Some(path_ty(
            "Result",
            vec![path_ty("Self", vec![]), path_ty("D::Error", vec![])],
        )),
        body,
    }
}

/// `impl serde::Serialize for Name`.
fn serialize_impl(cx: &Context<'_, '_>, name: &str, body: Vec<Stmt>) -> Item {
    Item::Impl(Impl {
        attrs: allow(cx),
        generics: vec![],
        trait_: Some(path_of("serde::Serialize", vec![])),
        self_ty: path_ty(name, vec![]),
        items: vec![ImplItem::Fn(serialize_fn(body))],
    })
}

/// `impl<'de> serde::Deserialize<'de> for Name`.
fn deserialize_impl(cx: &Context<'_, '_>, name: &str, body: Vec<Stmt>) -> Item {
    Item::Impl(Impl {
        attrs: allow(cx),
        generics: vec![Param::Lifetime("'de")],
        trait_: Some(lifetime_path("serde::Deserialize")),
        self_ty: path_ty(name, vec![]),
        items: vec![ImplItem::Fn(deserialize_fn(body))],
    })
}

/// `a::b::C<'de>`.
fn lifetime_path(path: &str) -> Path {
    let mut p = path_of(path, vec![]);
    if let Some(last) = p.segments.last_mut() {
        last.args = vec![GenericArg::Lifetime("'de")];
    }
    p
}

/// `let value = serde_json::Value::deserialize(deserializer)?;`
fn read_value() -> Stmt {
    Stmt::Let {
        pat: ident("value"),
        init: try_(call(
            "serde_json::Value::deserialize",
            vec![word("deserializer")],
        )),
        diverge: None,
    }
}

/// `Err(serde::de::Error::custom(message))`.
fn custom_error(message: Expr) -> Expr {
    call("Err", vec![call("serde::de::Error::custom", vec![message])])
}

fn struct_items(
    cx: &Context<'_, '_>,
    idents: &[String],
    name: String,
    mut attrs: Vec<Attr>,
    body: &Struct<'_>,
    event: Option<&EventDecl<'_>>,
) -> Vec<Item> {
    let names = cx.names;
    let mut fields = Vec::new();
    let mut params = Vec::new();
    let mut inits: Vec<(String, Option<Expr>)> = Vec::new();
    let mut defaultable = true;
    let mut setters = Vec::new();
    for (f, field_ident) in body.fields.iter().zip(idents) {
        let (base, nullable) = f.ty.split_nullable();
        let base_ty = rust_type(names, base);
        let required = f.property.required;
        let ty = match (required, nullable) {
            (true, false) => base_ty.clone(),
            (false, false) | (true, true) => option(base_ty.clone()),
            (false, true) => option(option(base_ty.clone())),
        };
        let mut serde = Vec::new();
        if field_ident.trim_start_matches("r#") != f.property.name {
            serde.push(format!("rename = {}", quote(&f.property.name)));
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
        let fixed = cx.layout.single_value(&f.ty).and_then(|(enum_id, _)| {
            let body = &cx.layout.decls[enum_id.0].body;
            let variant = names::members(body, &mut CasedOnce::default()).pop()?;
            Some((enum_id, variant))
        });
        let init = if let (true, Some((enum_id, variant))) = (required, fixed) {
            // One value allowed: the constructor fills it in.
            defaultable = false;
            Some(word(format!("{}::{variant}", names.ty(enum_id))))
        } else if required {
            defaultable = false;
            let into = matches!(&ty, Type::Path(p) if p.segments.len() == 1 && p.segments[0].ident == "String" && p.segments[0].args.is_empty());
            params.push(if into {
                typed(
                    field_ident.clone(),
                    Type::Impl(path_of("Into", vec![path_ty("String", vec![])])),
                )
            } else {
                typed(field_ident.clone(), ty.clone())
            });
            into.then(|| method(word(field_ident.clone()), "into", vec![]))
        } else {
            if let Some(setter) = setter(field_ident, f, base_ty.clone(), nullable) {
                setters.push(setter);
            }
            Some(word("None"))
        };
        inits.push((field_ident.clone(), init));
        let mut field_attrs = doc_attrs(&docs::property(f.property));
        if f.property.schema.deprecated() {
            field_attrs.push(Attr::Path("deprecated"));
        }
        if !serde.is_empty() {
            field_attrs.push(list_attr("serde", serde, FIELD_INDENT));
        }
        let ty = flat_field_ty(field_ident, ty);
        fields.push(Field {
            attrs: field_attrs,
            public: true,
            ident: Some(field_ident.clone()),
            ty,
        });
    }
    if let (Some(extra), Some(extra_ident)) = (&body.extra, idents.get(body.fields.len())) {
        fields.push(Field {
            attrs: vec![
                Attr::Doc("/// Other keys, and their values.".into()),
                list_attr("serde", vec!["flatten".into()], FIELD_INDENT),
            ],
            public: true,
            ident: Some(extra_ident.clone()),
            ty: path_ty(
                "std::collections::BTreeMap",
                vec![path_ty("String", vec![]), rust_type(names, extra)],
            ),
        });
        inits.push((
            extra_ident.clone(),
            Some(word("std::collections::BTreeMap::new()")),
        ));
    }
    let mut traits = vec!["Debug", "Clone", "PartialEq"];
    if defaultable {
        traits.push("Default");
    }
    traits.extend(["serde::Serialize", "serde::Deserialize"]);
    attrs.push(derive(&traits));
    let has_fields = !fields.is_empty();
    let mut new_attrs = vec![Attr::Doc(if has_fields {
        "/// Sets the required properties; the optional ones are `None`.".into()
    } else {
        "/// Sets the required properties.".into()
    })];
    if params.len() > 7 {
        new_attrs.push(Attr::List(
            "allow",
            vec!["clippy::too_many_arguments".into()],
        ));
    }
    let constructor = Function {
        attrs: new_attrs,
        public: true,
        ident: "new".into(),
        generics: vec![],
        args: params,
        ret: Some(path_ty("Self", vec![])),
        body: vec![Stmt::Expr(Expr::Struct("Self".into(), inits))],
    };
    let mut items = vec![
        Item::Struct(StructItem {
            attrs,
            public: true,
            ident: name.clone(),
            fields: Fields::Named(fields),
        }),
        Item::Impl(Impl {
            attrs: allow(cx),
            generics: vec![],
            trait_: None,
            self_ty: path_ty(&name, vec![]),
            items: std::iter::once(ImplItem::Fn(constructor))
                .chain(setters)
                .collect(),
        }),
    ];
    if let Some(e) = event {
        let mut consts = vec![ImplItem::Const(Const {
            attrs: vec![],
            public: false,
            ident: "NAME".into(),
            ty: static_str(),
            expr: word(quote(&e.event.name)),
        })];
        if let Some(call_expr) = call_const(&e.event.call) {
            consts.push(ImplItem::Const(Const {
                attrs: vec![],
                public: false,
                ident: "CALL".into(),
                ty: path_ty("EventCall", vec![]),
                expr: call_expr,
            }));
        }
        items.push(Item::Impl(Impl {
            attrs: allow(cx),
            generics: vec![],
            trait_: Some(path_of("Event", vec![])),
            self_ty: path_ty(&name, vec![]),
            items: consts,
        }));
        items.push(Item::Impl(Impl {
            attrs: allow(cx),
            generics: vec![],
            trait_: Some(path_of("sealed::Sealed", vec![])),
            self_ty: path_ty(&name, vec![]),
            items: vec![],
        }));
    }
    items
}

/// Methods a struct has already (its constructor, and those of the traits it derives or
/// users call on any value): a setter of that name would shadow them.
const TAKEN_METHODS: &[&str] = &[
    "new",
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "serialize",
    "deserialize",
    "default",
    "to_owned",
    "into",
    "try_into",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// A chainable setter of an optional property: `OrderCompleted::new("o-1").revenue(25.0)`. It
/// takes the value (an optional nullable property: the value or `None` for `null`); a string
/// takes anything `Into<String>`. None where the name is a method the struct already has.
///
/// As its lines where they fit in prettyplease's margin, which is nearly always: written out,
/// they cost a tenth of their tokens' printing.
fn setter(
    field_ident: &str,
    f: &crate::layout::Field,
    base_ty: Type,
    nullable: bool,
) -> Option<ImplItem> {
    if TAKEN_METHODS.contains(&field_ident) {
        return None;
    }
    let value_ty = if nullable { option(base_ty) } else { base_ty };
    let is_string = matches!(&value_ty, Type::Path(p) if p.segments.len() == 1 && p.segments[0].ident == "String" && p.segments[0].args.is_empty());
    let mut attrs = vec![Attr::Doc(format!(
        "/// Sets `{}`.",
        f.property.name.replace('`', "'")
    ))];
    if f.property.schema.deprecated() {
        attrs.push(Attr::Path("deprecated"));
    }
    attrs.push(Attr::Path("must_use"));
    let arg_ty = if is_string {
        Type::Impl(path_of("Into", vec![path_ty("String", vec![])]))
    } else {
        value_ty
    };
    Some(match setter_lines(field_ident, &arg_ty, is_string) {
        Some([head, assign, value]) => ImplItem::Lines(FnLines {
            attrs,
            head,
            broken_args: vec![],
            body: vec![assign, value],
        }),
        None => ImplItem::Fn(setter_fn(attrs, field_ident, arg_ty, is_string)),
    })
}

/// A setter as syntax, for the printer to lay out.
fn setter_fn(attrs: Vec<Attr>, ident: &str, arg_ty: Type, into: bool) -> Function {
    let value = if into {
        method(word(ident.to_owned()), "into", vec![])
    } else {
        word(ident.to_owned())
    };
    Function {
        attrs,
        public: true,
        ident: ident.to_owned(),
        generics: vec![],
        args: vec![Arg::Receiver("mut self"), typed(ident.to_owned(), arg_ty)],
        ret: Some(path_ty("Self", vec![])),
        body: vec![
            Stmt::Semi(Expr::Assign(
                Box::new(Expr::Field(Box::new(word("self")), ident.to_owned().into())),
                Box::new(call("Some", vec![value])),
            )),
            Stmt::Expr(word("self")),
        ],
    }
}

/// Where a struct's fields and an enum's variants stand: one indentation in.
const FIELD_INDENT: usize = INDENT as usize;

/// `#[path(args)]`, on one line where that fits at `indent`: its box could not break there.
/// Most attributes of a module are these, one or two on each field and variant.
fn list_attr(path: &'static str, args: Vec<String>, indent: usize) -> Attr {
    let line = one_line_list(&["#[", path, "("], &args, ")]");
    if indent + line.len() > MARGIN as usize {
        Attr::List(path, args)
    } else {
        Attr::Line(line)
    }
}

/// A struct field's type, as one word where its line (`pub ident: Type,`) fits.
fn flat_field_ty(ident: &str, ty: Type) -> Type {
    let mut text = String::with_capacity(32);
    flat_ty(&ty, &mut text);
    let line = FIELD_INDENT + "pub ".len() + ident.len() + ": ".len() + text.len() + ",".len();
    if line <= MARGIN as usize {
        Type::Flat(text)
    } else {
        ty
    }
}

/// A setter's signature and statements, each as one line, if each fits within the margin at
/// its indentation in an impl block (4 and 8 columns): then no box of theirs breaks.
fn setter_lines(ident: &str, arg_ty: &Type, into: bool) -> Option<[String; 3]> {
    let mut head = String::with_capacity(64);
    head.push_str("pub fn ");
    head.push_str(ident);
    head.push_str("(mut self, ");
    head.push_str(ident);
    head.push_str(": ");
    flat_ty(arg_ty, &mut head);
    head.push_str(") -> Self {");
    let assign = if into {
        format!("self.{ident} = Some({ident}.into());")
    } else {
        format!("self.{ident} = Some({ident});")
    };
    let fits = |indent: usize, line: &str| indent + line.len() <= MARGIN as usize;
    (fits(INDENT as usize, &head) && fits(2 * INDENT as usize, &assign))
        .then(|| [head, assign, "self".to_owned()])
}

/// `&'static str`.
fn static_str() -> Type {
    Type::Ref {
        lifetime: Some("'static"),
        mutable: false,
        inner: Box::new(path_ty("str", vec![])),
    }
}

/// The `EventCall` of a page or screen event.
fn call_const(call_kind: &Call) -> Option<Expr> {
    let variant = match call_kind {
        Call::Track => return None,
        Call::Page(_) => "EventCall::Page",
        Call::Screen(_) => "EventCall::Screen",
    };
    let fields = call_kind.fields()?;
    let value = |f: &Option<String>| match f {
        Some(name) => call("Some", vec![word(quote(name))]),
        None => word("None"),
    };
    Some(Expr::Struct(
        variant.into(),
        vec![
            ("name".into(), Some(value(&fields.name))),
            ("category".into(), Some(value(&fields.category))),
        ],
    ))
}

fn enum_items(
    cx: &Context<'_, '_>,
    idents: &[String],
    name: String,
    mut attrs: Vec<Attr>,
    values: &[Literal],
) -> Vec<Item> {
    let derived = values.iter().all(|v| matches!(v, Literal::String(_)));
    let variants = idents
        .iter()
        .zip(values)
        .map(|(variant_ident, value)| {
            let mut variant_attrs = vec![Attr::Doc(format!("/// `{}`", value.to_json()))];
            if derived {
                variant_attrs.push(list_attr(
                    "serde",
                    vec![format!("rename = {}", quote(&value.label()))],
                    FIELD_INDENT,
                ));
            }
            Variant {
                attrs: variant_attrs,
                ident: variant_ident.clone(),
                fields: Fields::Unit,
            }
        })
        .collect();
    let mut traits = vec!["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash"];
    if derived {
        traits.extend(["serde::Serialize", "serde::Deserialize"]);
    }
    attrs.push(derive(&traits));
    attrs.push(list_attr(
        "allow",
        vec!["clippy::enum_variant_names".into()],
        0,
    ));
    let mut items = vec![Item::Enum(Enum {
        attrs,
        ident: name.clone(),
        variants,
    })];
    if derived {
        return items;
    }
    let arms = idents
        .iter()
        .zip(values)
        .map(|(variant_ident, value)| {
            let body = match value {
                Literal::String(s) => {
                    method(word("serializer"), "serialize_str", vec![word(quote(s))])
                }
                Literal::Bool(b) => method(
                    word("serializer"),
                    "serialize_bool",
                    vec![word(b.to_string())],
                ),
                Literal::Number(n) => number_serialization(&n.0),
                Literal::Json(j) => method(
                    call("json_literal", vec![word(quote(j))]),
                    "serialize",
                    vec![word("serializer")],
                ),
            };
            (Pat::Word(format!("Self::{variant_ident}")), body)
        })
        .collect();
    items.push(serialize_impl(
        cx,
        &name,
        vec![Stmt::Expr(Expr::Match(Box::new(word("self")), arms))],
    ));
    let mut body = vec![read_value()];
    for (variant_ident, value) in idents.iter().zip(values) {
        // Numbers compare by value: `10` and `10.0` are one enum value.
        let test = match value {
            Literal::String(s) => (
                method(word("value"), "as_str", vec![]),
                call("Some", vec![word(quote(s))]),
            ),
            Literal::Bool(b) => (
                method(word("value"), "as_bool", vec![]),
                call("Some", vec![word(b.to_string())]),
            ),
            Literal::Number(n) => (
                method(word("value"), "as_f64", vec![]),
                call(
                    "Some",
                    vec![word(format!("{:?}", n.0.parse::<f64>().unwrap_or(0.0)))],
                ),
            ),
            Literal::Json(j) => (word("value"), call("json_literal", vec![word(quote(j))])),
        };
        body.push(Stmt::Semi(Expr::If(
            Box::new(Expr::Binary(Box::new(test.0), "==", Box::new(test.1))),
            vec![Stmt::Semi(ret(call(
                "Ok",
                vec![word(format!("Self::{variant_ident}"))],
            )))],
        )));
    }
    let expected = values
        .iter()
        .map(|v| v.to_json().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    body.push(Stmt::Expr(custom_error(call(
        "unknown_value",
        vec![reference(word("value")), word(quote(&expected))],
    ))));
    items.push(deserialize_impl(cx, &name, body));
    items
}

/// The serializer call of a number: an integer as an integer, anything else as a float.
fn number_serialization(text: &str) -> Expr {
    let (method_name, value) = if let Ok(i) = text.parse::<i64>() {
        ("serialize_i64", i.to_string())
    } else if let Ok(u) = text.parse::<u64>() {
        ("serialize_u64", u.to_string())
    } else {
        (
            "serialize_f64",
            format!("{:?}", text.parse::<f64>().unwrap_or(0.0)),
        )
    };
    method(word("serializer"), method_name, vec![word(value)])
}

fn union_items(
    cx: &Context<'_, '_>,
    idents: &[String],
    name: String,
    mut attrs: Vec<Attr>,
    body: &UnionBody<'_>,
) -> Vec<Item> {
    let members: Vec<(String, Type, Option<&str>)> = idents
        .iter()
        .zip(&body.members)
        .map(|(variant_ident, m)| (variant_ident.clone(), rust_type(cx.names, &m.ty), m.tag))
        .collect();
    let discriminated = body.discriminator.is_some();
    let mut traits = vec!["Debug", "Clone", "PartialEq", "serde::Serialize"];
    if !discriminated {
        traits.push("serde::Deserialize");
    }
    attrs.push(derive(&traits));
    attrs.push(list_attr("serde", vec!["untagged".into()], 0));
    let variants = members
        .iter()
        .map(|(variant_ident, ty, tag)| {
            let tag = tag.map(|t| format!(" (`{t}`)")).unwrap_or_default();
            Variant {
                attrs: vec![Attr::Doc(format!(
                    "/// A value of the `{}` alternative{tag}.",
                    type_text(ty)
                ))],
                ident: variant_ident.clone(),
                fields: Fields::Unnamed(vec![Field {
                    attrs: vec![],
                    public: false,
                    ident: None,
                    ty: ty.clone(),
                }]),
            }
        })
        .collect();
    let mut items = vec![Item::Enum(Enum {
        attrs,
        ident: name.clone(),
        variants,
    })];
    if let Some(discriminator) = body.discriminator {
        let tags: Vec<String> = members
            .iter()
            .filter_map(|(_, _, tag)| tag.map(|t| format!("{t:?}")))
            .collect();
        let mut arms: Vec<(Pat, Expr)> = members
            .iter()
            .filter_map(|(variant_ident, _, tag)| {
                let tag = (*tag)?;
                let decode = method(
                    method(
                        call("serde_json::from_value", vec![word("value")]),
                        "map",
                        vec![word(format!("Self::{variant_ident}"))],
                    ),
                    "map_err",
                    vec![word("serde::de::Error::custom")],
                );
                Some((
                    Pat::TupleStruct("Some".into(), vec![Pat::Word(quote(tag))]),
                    decode,
                ))
            })
            .collect();
        arms.push((
            Pat::Word("_".into()),
            custom_error(call(
                "unknown_tag",
                vec![
                    word(quote(discriminator)),
                    reference(word("tag")),
                    word(quote(&tags.join(", "))),
                ],
            )),
        ));
        let body = vec![
            read_value(),
            Stmt::Let {
                pat: ident("tag"),
                init: method(
                    method(
                        method(word("value"), "get", vec![word(quote(discriminator))]),
                        "cloned",
                        vec![],
                    ),
                    "unwrap_or",
                    vec![word("serde_json::Value::Null")],
                ),
                diverge: None,
            },
            Stmt::Expr(Expr::Match(
                Box::new(method(word("tag"), "as_str", vec![])),
                arms,
            )),
        ];
        items.push(deserialize_impl(cx, &name, body));
    }
    let mut seen = BTreeSet::new();
    for (variant_ident, ty, _) in &members {
        let text = type_text(ty);
        if seen.insert(text.clone()) {
            items.push(from_impl(
                cx,
                &name,
                ty.clone(),
                variant_ident,
                word("value"),
            ));
        }
        if text == "String" && seen.insert("&str".into()) {
            let str_ref = Type::Ref {
                lifetime: None,
                mutable: false,
                inner: Box::new(path_ty("str", vec![])),
            };
            items.push(from_impl(
                cx,
                &name,
                str_ref,
                variant_ident,
                method(word("value"), "to_owned", vec![]),
            ));
        }
    }
    items
}

/// `impl From<Type> for Name`, holding `value` as the variant.
fn from_impl(cx: &Context<'_, '_>, name: &str, ty: Type, variant: &str, value: Expr) -> Item {
    Item::Impl(Impl {
        attrs: allow(cx),
        generics: vec![],
        trait_: Some(path_of("From", vec![ty.clone()])),
        self_ty: path_ty(name, vec![]),
        items: vec![ImplItem::Fn(Function {
            attrs: vec![],
            public: false,
            ident: "from".into(),
            generics: vec![],
            args: vec![typed("value", ty)],
            ret: Some(path_ty("Self", vec![])),
            body: vec![Stmt::Expr(call(format!("Self::{variant}"), vec![value]))],
        })],
    })
}

/// A type as written, for documentation and de-duplication.
pub fn type_text(ty: &Type) -> String {
    let mut text = String::new();
    flat_ty(ty, &mut text);
    text
}

fn tuple_items(
    cx: &Context<'_, '_>,
    name: String,
    mut attrs: Vec<Attr>,
    body: &TupleBody,
) -> Vec<Item> {
    let optional_items = body.required < body.items.len();
    attrs.push(Attr::Doc("///".into()));
    attrs.push(Attr::Doc(format!(
        "/// A list whose items each have a type of their own{}.",
        if optional_items {
            "; an optional item is sent only when every item before it is"
        } else {
            ""
        }
    )));
    let mut types: Vec<Type> = body
        .items
        .iter()
        .enumerate()
        .map(|(i, ty)| {
            let inner = rust_type(cx.names, ty);
            if i < body.required {
                inner
            } else {
                option(inner)
            }
        })
        .collect();
    let rest = body.rest.as_ref().map(|r| {
        types.push(path_ty("Vec", vec![rust_type(cx.names, r)]));
        types.len() - 1
    });
    // The derive comes after the doc attributes of the template it replaces.
    let (docs_part, others): (Vec<Attr>, Vec<Attr>) =
        attrs.into_iter().partition(|a| matches!(a, Attr::Doc(_)));
    let mut attrs = docs_part;
    attrs.extend(others);
    attrs.push(derive(&["Debug", "Clone", "PartialEq"]));
    let tuple = Item::Struct(StructItem {
        attrs,
        public: true,
        ident: name.clone(),
        fields: Fields::Unnamed(
            types
                .iter()
                .map(|ty| Field {
                    attrs: vec![],
                    public: true,
                    ident: None,
                    ty: ty.clone(),
                })
                .collect(),
        ),
    });

    let element =
        |value: Expr| Stmt::Semi(try_(method(word("seq"), "serialize_element", vec![value])));
    let mut ser = vec![
        Stmt::Item(Box::new(Item::Use("serde::ser::SerializeSeq"))),
        Stmt::Let {
            pat: Pat::Ident {
                mutable: true,
                ident: "seq".into(),
            },
            init: try_(method(
                word("serializer"),
                "serialize_seq",
                vec![word("None")],
            )),
            diverge: None,
        },
    ];
    for i in 0..body.required {
        ser.push(element(reference(field(word("self"), i.to_string()))));
    }
    for i in body.required..body.items.len() {
        ser.push(Stmt::Let {
            pat: Pat::TupleStruct("Some".into(), vec![ident("item")]),
            init: reference(field(word("self"), i.to_string())),
            diverge: Some(vec![Stmt::Semi(ret(method(word("seq"), "end", vec![])))]),
        });
        ser.push(element(word("item")));
    }
    if let Some(r) = rest {
        ser.push(Stmt::Semi(Expr::For(
            ident("item"),
            Box::new(reference(field(word("self"), r.to_string()))),
            vec![element(word("item"))],
        )));
    }
    ser.push(Stmt::Expr(method(word("seq"), "end", vec![])));

    let expecting = format!(
        "a list of {}{} items",
        if optional_items || rest.is_some() {
            "at least "
        } else {
            ""
        },
        body.required
    );
    let mut visit = Vec::new();
    for i in 0..body.required {
        visit.push(Stmt::Let {
            pat: ident(format!("item{i}")),
            init: try_(method(
                try_(method(word("seq"), "next_element", vec![])),
                "ok_or_else",
                vec![Expr::Closure(
                    vec![],
                    Box::new(call(
                        "serde::de::Error::invalid_length",
                        vec![word(i.to_string()), reference(word("self"))],
                    )),
                )],
            )),
            diverge: None,
        });
    }
    for i in body.required..body.items.len() {
        visit.push(Stmt::Let {
            pat: ident(format!("item{i}")),
            init: try_(method(word("seq"), "next_element", vec![])),
            diverge: None,
        });
    }
    match rest {
        Some(r) => {
            visit.push(Stmt::Let {
                pat: Pat::Ident {
                    mutable: true,
                    ident: format!("item{r}"),
                },
                init: call("Vec::new", vec![]),
                diverge: None,
            });
            visit.push(Stmt::Semi(Expr::While(
                Box::new(Expr::Let(
                    Pat::TupleStruct("Some".into(), vec![ident("item")]),
                    Box::new(try_(method(word("seq"), "next_element", vec![]))),
                )),
                vec![Stmt::Semi(method(
                    word(format!("item{r}")),
                    "push",
                    vec![word("item")],
                ))],
            )));
        }
        None => visit.push(Stmt::Semi(Expr::If(
            Box::new(method(
                try_(Expr::MethodCall {
                    receiver: Box::new(word("seq")),
                    method: "next_element",
                    turbofish: Some(path_ty("serde::de::IgnoredAny", vec![])),
                    args: vec![],
                }),
                "is_some",
                vec![],
            )),
            vec![Stmt::Semi(ret(custom_error(word("\"too many items\""))))],
        ))),
    }
    visit.push(Stmt::Expr(call(
        "Ok",
        vec![call(
            name.clone(),
            (0..types.len()).map(|i| word(format!("item{i}"))).collect(),
        )],
    )));
    let seq_access = Path {
        segments: vec![
            Segment {
                ident: "serde".into(),
                args: vec![],
            },
            Segment {
                ident: "de".into(),
                args: vec![],
            },
            Segment {
                ident: "SeqAccess".into(),
                args: vec![GenericArg::Lifetime("'de")],
            },
        ],
    };
    let visitor = Item::Impl(Impl {
        attrs: vec![],
        generics: vec![Param::Lifetime("'de")],
        trait_: Some(lifetime_path("serde::de::Visitor")),
        self_ty: path_ty("Items", vec![]),
        items: vec![
            ImplItem::Type(TypeItem {
                attrs: vec![],
                public: false,
                ident: "Value".into(),
                ty: path_ty(&name, vec![]),
            }),
            ImplItem::Fn(Function {
                attrs: vec![],
                public: false,
                ident: "expecting".into(),
                generics: vec![],
                args: vec![
                    Arg::Receiver("&self"),
                    typed(
                        "f",
                        Type::Ref {
                            lifetime: None,
                            mutable: true,
                            inner: Box::new(Type::Path(Path {
                                segments: vec![
                                    Segment {
                                        ident: "std".into(),
                                        args: vec![],
                                    },
                                    Segment {
                                        ident: "fmt".into(),
                                        args: vec![],
                                    },
                                    Segment {
                                        ident: "Formatter".into(),
                                        args: vec![GenericArg::Lifetime("'_")],
                                    },
                                ],
                            })),
                        },
                    ),
                ],
                ret: Some(path_ty("std::fmt::Result", vec![])),
                body: vec![Stmt::Expr(method(
                    word("f"),
                    "write_str",
                    vec![word(quote(&expecting))],
                ))],
            }),
            ImplItem::Fn(Function {
                attrs: vec![],
                public: false,
                ident: "visit_seq".into(),
                generics: vec![Param::Type("A", vec![seq_access])],
                args: vec![
                    Arg::Receiver("self"),
                    Arg::Typed {
                        mutable: true,
                        ident: "seq".into(),
                        ty: path_ty("A", vec![]),
                    },
                ],
                ret: Some(path_ty(
                    "Result",
                    vec![path_ty("Self::Value", vec![]), path_ty("A::Error", vec![])],
                )),
                body: visit,
            }),
        ],
    });
    let de = vec![
        Stmt::Item(Box::new(Item::Struct(StructItem {
            attrs: vec![],
            public: false,
            ident: "Items".into(),
            fields: Fields::Unit,
        }))),
        Stmt::Item(Box::new(visitor)),
        Stmt::Expr(method(
            word("deserializer"),
            "deserialize_seq",
            vec![word("Items")],
        )),
    ];
    vec![
        tuple,
        serialize_impl(cx, &name, ser),
        deserialize_impl(cx, &name, de),
    ]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::syntax::{
        Attr, Enum, Field, Fields, FnLines, Impl, ImplItem, Item, Struct, Variant, print,
    };
    use super::{
        FIELD_INDENT, Type, flat_field_ty, list_attr, path_of, path_ty, setter_fn, setter_lines,
    };

    /// Types of every shape a setter takes, some long enough to push its line past the margin.
    fn ty() -> impl Strategy<Value = Type> {
        let leaf = "[A-Za-z][A-Za-z0-9_]{0,30}".prop_map(|name| path_ty(&name, vec![]));
        leaf.prop_recursive(3, 12, 3, |inner| {
            prop_oneof![
                ("[A-Za-z]{1,12}", prop::collection::vec(inner.clone(), 1..3))
                    .prop_map(|(name, args)| path_ty(&format!("std::{name}"), args)),
                inner.prop_map(|t| Type::Impl(path_of("Into", vec![t]))),
            ]
        })
    }

    fn in_impl(item: ImplItem) -> String {
        print(&Item::Impl(Impl {
            attrs: vec![],
            generics: vec![],
            trait_: None,
            self_ty: path_ty("Event", vec![]),
            items: vec![item],
        }))
    }

    proptest! {
        /// Where a setter is written as its lines, they are what the printer makes of its
        /// syntax, byte for byte; where a line would pass the margin, it is not.
        #[test]
        fn a_setter_written_as_lines_prints_as_its_syntax(
            ident in "[a-z_][a-z0-9_]{0,50}",
            arg_ty in ty(),
            into in any::<bool>(),
        ) {
            let attrs = vec![Attr::Doc("/// Sets it.".into()), Attr::Path("must_use")];
            let tokens = in_impl(ImplItem::Fn(setter_fn(attrs.clone(), &ident, arg_ty.clone(), into)));
            match setter_lines(&ident, &arg_ty, into) {
                Some([head, assign, value]) => {
                    let lines = in_impl(ImplItem::Lines(FnLines { attrs, head, broken_args: vec![], body: vec![assign, value] }));
                    prop_assert_eq!(lines, tokens);
                }
                None => prop_assert!(tokens.lines().any(|l| l.len() > 89 - 2) || tokens.lines().count() > 8),
            }
        }

        /// A field's type and a field's or variant's attribute, written on one line where
        /// they fit, print as their tokens do.
        #[test]
        fn fields_and_attributes_written_as_lines_print_as_their_syntax(
            ident in "[a-z_][a-z0-9_]{0,40}",
            ty in ty(),
            // Often three arguments whose line ends near the margin, where a box breaks.
            args in prop_oneof![
                prop::collection::vec("[a-z_ =\"]{1,30}", 1..4),
                prop::collection::vec("[a-z_ =\"]{20,26}", 3..4),
            ],
        ) {
            let structure = |attr: Attr, ty: Type| print(&Item::Struct(Struct {
                attrs: vec![],
                public: true,
                ident: "Event".into(),
                fields: Fields::Named(vec![Field {
                    attrs: vec![attr],
                    public: true,
                    ident: Some(ident.clone()),
                    ty,
                }]),
            }));
            prop_assert_eq!(
                structure(list_attr("serde", args.clone(), FIELD_INDENT), flat_field_ty(&ident, ty.clone())),
                structure(Attr::List("serde", args.clone()), ty)
            );
            let enumeration = |attr: Attr| print(&Item::Enum(Enum {
                attrs: vec![],
                ident: "Tier".into(),
                variants: vec![Variant { attrs: vec![attr], ident: "Free".into(), fields: Fields::Unit }],
            }));
            prop_assert_eq!(
                enumeration(list_attr("serde", args.clone(), FIELD_INDENT)),
                enumeration(Attr::List("serde", args))
            );
        }
    }
}
