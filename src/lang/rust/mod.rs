//! Rust: one module, `tracking.rs`, that needs only `serde` (with derive) and `serde_json` in
//! the host crate; usable as `mod tracking;` or through `include!`. The module's fixed parts
//! are a template; each declaration's items are a small syntax tree ([`syntax`]) printed
//! exactly as prettyplease prints it ([`pp`]), so generating needs no parser and each item
//! prints on its own, in parallel.

mod items;
pub(crate) mod names;
mod pp;
mod syntax;

use std::path::PathBuf;

use serde::Serialize;

use crate::error::Result;
use crate::layout::{Body, DeclId, Layout, Ty};
use crate::model::{Literal, TraitsCall};
use crate::naming::CasedOnce;
use crate::render::{SPLICE, Shell, render_shell};

use super::validation::{self, pattern::Dialect};
use super::{Contents, GeneratedFile, docs};
use items::{Context, json_map};
use names::Names;
use syntax::{
    Arg, Attr, Expr, FnLines, Function, Impl, ImplItem, Item, Param, Stmt, Ty as Type, call,
    method, path_of, path_ty, reference, typed, word,
};

pub use names::{KEYWORDS, TRACKER_METHODS, TYPE_NAMES};

#[derive(Serialize)]
struct ModuleView {
    header: String,
    /// The module is a file of its own (`mod tracking;`): it carries the guard that keeps
    /// `cargo fmt` from reformatting it (rustfmt is not prettyplease, and formats files marked
    /// `@generated` too), so that `tracktype gen --check` still passes after `cargo fmt`.
    rustfmt_guard: bool,
    version: &'static str,
    /// Some optional property is nullable: the module needs its reader.
    absent_or_null: bool,
    /// Some optional property is of any type: the module needs its reader.
    present: bool,
    /// Some enum has values other than strings: the module needs their error.
    unknown_value: bool,
    /// Some union is told apart by a tag: the module needs its error.
    unknown_tag: bool,
    /// Some enum value is a JSON array or object.
    json_literal: bool,
    /// Where the declarations go: [`render::SPLICE`].
    decls: &'static str,
    /// `Message::identify` and `Message::group`, printed inside `impl Message`.
    message_traits: String,
    /// The tracker's identify, group and event methods, printed inside its impl.
    tracker_methods: String,
    validate: bool,
    /// The validation rules, as the body of a raw string literal.
    rules: String,
    /// The raw string's hashes: one more than the longest run in the rules after a quote.
    hashes: String,
    /// Whether any rule is a pattern, which needs the `regex` crate.
    patterns: bool,
}

/// Each selected event's type and tracker method identifiers, in event order.
#[cfg(all(feature = "typescript", feature = "swift"))]
pub(crate) fn identifiers(layout: &Layout<'_>) -> super::Identifiers {
    let names = Names::new(layout);
    super::Identifiers::of(layout, |id| names.ty(id), &names.methods)
}

pub fn generate(
    layout: &Layout<'_>,
    file_name: &str,
    validate: bool,
    rustfmt_guard: bool,
    header: &str,
) -> Result<Vec<GeneratedFile>> {
    // The rules need no names: they are made while the names are decided.
    let (rules, (names, deprecation)) = crate::parallel::join(
        || validate.then(|| validation::rules(layout, Dialect::Rust)),
        || (Names::new(layout), Deprecation::of(layout)),
    );
    let cx = Context {
        layout,
        names: &names,
        deprecation: &deprecation,
    };
    // The module around the declarations is made beside them: done first, it would leave a
    // core idle.
    let (shell, decls) = crate::parallel::join(
        || {
            module_shell(
                layout,
                &names,
                &deprecation,
                rules,
                validate,
                rustfmt_guard,
                header,
            )
        },
        || declarations(&cx),
    );
    Ok(vec![GeneratedFile {
        path: PathBuf::from(file_name),
        contents: shell?.fill(decls),
    }])
}

/// The module, with [`SPLICE`] where the declarations go.
fn module_shell(
    layout: &Layout<'_>,
    names: &Names,
    deprecation: &Deprecation,
    rules: Option<validation::Rules>,
    validate: bool,
    rustfmt_guard: bool,
    header: &str,
) -> Result<Shell> {
    let any_field = |f: &dyn Fn(&Ty) -> bool| {
        layout.decls.iter().any(|decl| match &decl.body {
            Body::Struct(s) => s.fields.iter().any(|fl| !fl.property.required && f(&fl.ty)),
            _ => false,
        })
    };
    let any_value = |f: &dyn Fn(&[Literal]) -> bool| {
        layout
            .decls
            .iter()
            .any(|decl| matches!(&decl.body, Body::Enum(values) if f(values)))
    };
    let traits = |call: TraitsCall| {
        layout
            .traits_decl(call)
            .map_or_else(json_map, |id| path_ty(names.ty(id), vec![]))
    };
    let (identify, group) = (traits(TraitsCall::Identify), traits(TraitsCall::Group));
    let view = ModuleView {
        validate,
        hashes: "#".repeat(rules.as_ref().map_or(1, |r| raw_string_hashes(&r.json))),
        patterns: rules.as_ref().is_some_and(|r| r.has_patterns),
        rules: rules.map(|r| r.json).unwrap_or_default(),
        header: header.to_owned(),
        rustfmt_guard,
        version: env!("CARGO_PKG_VERSION"),
        absent_or_null: any_field(&|ty| ty.split_nullable().1),
        present: any_field(&|ty| *ty == Ty::Any),
        unknown_value: any_value(&|values| !values.iter().all(|v| matches!(v, Literal::String(_)))),
        unknown_tag: layout
            .decls
            .iter()
            .any(|d| matches!(&d.body, Body::Union(u) if u.discriminator.is_some())),
        json_literal: any_value(&|values| values.iter().any(|v| matches!(v, Literal::Json(_)))),
        decls: SPLICE,
        message_traits: impl_items(
            path_ty("Message", vec![]),
            vec![],
            message_traits(identify.clone(), group.clone()),
        ),
        tracker_methods: impl_items(
            path_ty("Tracker", vec![path_ty("S", vec![])]),
            vec![Param::Type("S", vec![path_of("Sink", vec![])])],
            tracker_methods(layout, names, deprecation, identify, group),
        ),
    };
    render_shell("rust/module.rs", &view)
}

/// Each declaration's items after a blank line, one line apart; made to their exact size on
/// the thread that printed them, before the next are.
fn declarations(cx: &Context<'_, '_>) -> Vec<Contents> {
    let layout = cx.layout;
    let ids: Vec<usize> = (0..layout.decls.len()).collect();
    crate::parallel::map_with(&ids, CasedOnce::default, |once, &i| {
        let mut decl = Contents::new();
        for item in items::decl_items(cx, DeclId(i), &layout.decls[i], once) {
            decl.push("\n");
            decl.push(syntax::print(&item));
        }
        decl
    })
}

/// How many `#` a raw string needs around `text`: more than any run of them after a `"`.
fn raw_string_hashes(text: &str) -> usize {
    let longest = text
        .split('"')
        .skip(1)
        .map(|after| after.len() - after.trim_start_matches('#').len())
        .max()
        .unwrap_or(0);
    longest + 1
}

/// Items of an impl block, printed as prettyplease prints them inside it: the block printed
/// whole, without its first and last lines.
fn impl_items(self_ty: Type, generics: Vec<Param>, items: Vec<ImplItem>) -> String {
    let block = syntax::print(&Item::Impl(Impl {
        attrs: vec![],
        generics,
        trait_: None,
        self_ty,
        items,
    }));
    let lines: Vec<&str> = block.lines().collect();
    match lines.as_slice() {
        [_, inner @ .., _] if !inner.is_empty() => inner.join("\n") + "\n",
        _ => String::new(),
    }
}

/// `impl Into<T>`.
fn into(ty: &str) -> Type {
    Type::Impl(path_of("Into", vec![path_ty(ty, vec![])]))
}

fn by_ref(ty: Type) -> Type {
    Type::Ref {
        lifetime: None,
        mutable: false,
        inner: Box::new(ty),
    }
}

fn doc(text: &str) -> Vec<Attr> {
    vec![Attr::Doc(format!("/// {text}"))]
}

/// `Message::identify` and `Message::group`, typed by the catalog's traits.
fn message_traits(identify: Type, group: Type) -> Vec<ImplItem> {
    let of = |call_expr: Expr| {
        call(
            "Self::of",
            vec![
                call_expr,
                method(word("identity"), "into", vec![]),
                call("to_json", vec![word("traits")]),
            ],
        )
    };
    vec![
        ImplItem::Fn(Function {
            attrs: doc("An identify call: who the user is, and their traits."),
            public: true,
            ident: "identify".into(),
            generics: vec![],
            args: vec![
                typed("identity", into("Identity")),
                typed("traits", by_ref(identify)),
            ],
            ret: Some(path_ty("Self", vec![])),
            body: vec![Stmt::Expr(of(word("Call::Identify")))],
        }),
        ImplItem::Fn(Function {
            attrs: doc(
                "A group call: the user joins the group `group_id`, which has these traits.",
            ),
            public: true,
            ident: "group".into(),
            generics: vec![],
            args: vec![
                typed("identity", into("Identity")),
                typed("group_id", into("String")),
                typed("traits", by_ref(group)),
            ],
            ret: Some(path_ty("Self", vec![])),
            body: vec![
                Stmt::Let {
                    pat: syntax::ident("call"),
                    init: Expr::Struct(
                        "Call::Group".into(),
                        vec![(
                            "group_id".into(),
                            Some(method(word("group_id"), "into", vec![])),
                        )],
                    ),
                    diverge: None,
                },
                Stmt::Expr(of(word("call"))),
            ],
        }),
    ]
}

/// The tracker's identify and group methods, and one method per event.
fn tracker_methods(
    layout: &Layout<'_>,
    names: &Names,
    deprecation: &Deprecation,
    identify: Type,
    group: Type,
) -> Vec<ImplItem> {
    let output = || Some(path_ty("S::Output", vec![]));
    let send = |message: Expr| Stmt::Expr(method(word("self"), "send", vec![message]));
    let mut out = vec![
        ImplItem::Fn(Function {
            attrs: doc("Sends an identify call: who the user is, and what is known about them."),
            public: true,
            ident: "identify".into(),
            generics: vec![],
            args: vec![
                Arg::Receiver("&self"),
                typed("identity", into("Identity")),
                typed("traits", identify),
            ],
            ret: output(),
            body: vec![send(call(
                "Message::identify",
                vec![word("identity"), reference(word("traits"))],
            ))],
        }),
        ImplItem::Fn(Function {
            attrs: doc(
                "Sends a group call: the user belongs to the group `group_id`, which has these traits.",
            ),
            public: true,
            ident: "group".into(),
            generics: vec![],
            args: vec![
                Arg::Receiver("&self"),
                typed("identity", into("Identity")),
                typed("group_id", into("String")),
                typed("traits", group),
            ],
            ret: output(),
            body: vec![send(call(
                "Message::group",
                vec![
                    word("identity"),
                    word("group_id"),
                    reference(word("traits")),
                ],
            ))],
        }),
    ];
    for (e, ident) in layout.events.iter().zip(&names.methods) {
        let mut lines = vec![format!("Sends {}.", quote(&e.event.name))];
        lines.push(String::new());
        lines.extend(docs::event(e));
        let mut attrs = doc_attrs(&lines);
        attrs.extend(deprecation.attributes(e.event.deprecated()));
        out.push(track_method(attrs, ident, names.ty(e.decl)));
    }
    out
}

/// The tracker's method for an event whose type is `ty`: as its lines, where its signature
/// is either well within the margin or well past it (then each argument is on its line); as
/// syntax for the printer near the margin. One of these for each event of a plan.
fn track_method(attrs: Vec<Attr>, ident: &str, ty: &str) -> ImplItem {
    const ARGS: [&str; 2] = ["&self", "identity: impl Into<Identity>"];
    const CLOSE: &str = ") -> S::Output {";
    let properties = cat!("properties: ", ty);
    let head = cat!("pub fn ", ident, "(");
    // One indentation in, in the impl block: `pub fn name(&self, identity: …, properties: Type)`.
    let indent = pp::INDENT as usize;
    let flat = indent
        + head.len()
        + ARGS.iter().map(|a| a.len() + 2).sum::<usize>()
        + properties.len()
        + CLOSE.len();
    let body = vec!["self.track(identity, properties)".to_owned()];
    let margin = pp::MARGIN as usize;
    if flat + 2 < margin {
        let head = cat!(head, ARGS[0], ", ", ARGS[1], ", ", properties, CLOSE);
        return ImplItem::Lines(FnLines {
            attrs,
            head,
            broken_args: vec![],
            body,
        });
    }
    // Each argument one indentation further, with its comma.
    if flat > margin + 2 && 2 * indent + properties.len() < margin {
        let mut broken_args: Vec<String> = ARGS.iter().map(|a| cat!(a, ",")).collect();
        broken_args.extend([cat!(properties, ","), CLOSE.to_owned()]);
        return ImplItem::Lines(FnLines {
            attrs,
            head,
            broken_args,
            body,
        });
    }
    ImplItem::Fn(track_fn(attrs, ident, ty))
}

/// [`track_method`] as syntax.
fn track_fn(attrs: Vec<Attr>, ident: &str, ty: &str) -> Function {
    Function {
        attrs,
        public: true,
        ident: ident.to_owned(),
        generics: vec![],
        args: vec![
            Arg::Receiver("&self"),
            typed("identity", into("Identity")),
            typed("properties", path_ty(ty, vec![])),
        ],
        ret: Some(path_ty("S::Output", vec![])),
        body: vec![Stmt::Expr(method(
            word("self"),
            "track",
            vec![word("identity"), word("properties")],
        ))],
    }
}

/// Documentation lines as doc attributes (each its whole `///` line), read by rustdoc as plain
/// text: no accidental links, HTML tags, code blocks or bare URLs, each of which `cargo doc`
/// would warn about. Trailing blank lines are dropped.
fn doc_attrs(lines: &[String]) -> Vec<Attr> {
    let mut attrs: Vec<Attr> = lines
        .iter()
        .map(|line| {
            let mut text = String::with_capacity(line.len() + 4);
            text.push_str("/// ");
            rustdoc_text(line, &mut text);
            if text.len() == 4 {
                text.truncate(3);
            }
            Attr::Doc(text)
        })
        .collect();
    while matches!(attrs.last(), Some(Attr::Doc(text)) if text == "///") {
        attrs.pop();
    }
    attrs
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

    /// The attributes of an item: `#[deprecated]` when it is, `#[allow(deprecated)]` where
    /// the module needs it.
    fn attributes(&self, deprecated: bool) -> Vec<Attr> {
        let mut out = Vec::new();
        if deprecated {
            out.push(Attr::Path("deprecated"));
        }
        out.extend(self.allow());
        out
    }

    /// `#[allow(deprecated)]` where the module has deprecated items, for its own items that
    /// use them.
    fn allow(&self) -> Vec<Attr> {
        if self.any {
            vec![Attr::List("allow", vec!["deprecated".into()])]
        } else {
            Vec::new()
        }
    }
}

/// A Rust string literal.
fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// Appends `line` to `out` as rustdoc plain text, trimmed: control characters become spaces,
/// balanced single backticks stay code spans, and elsewhere URLs are wrapped in `<>` and
/// Markdown's `\\ [ ] < >` are escaped. One pass, as every doc line of a module goes through it.
fn rustdoc_text(line: &str, out: &mut String) {
    // Most lines are plain words, which rustdoc reads as they are.
    if docs::plain(line) && !line.contains(['`', '\\', '[', ']', '<', '>']) && !line.contains("://")
    {
        out.push_str(line.trim_matches(' '));
        return;
    }
    rustdoc_words(line, out);
}

/// [`rustdoc_text`], span by span and word by word.
fn rustdoc_words(line: &str, out: &mut String) {
    let start = out.len();
    let spans_ok = line
        .bytes()
        .filter(|&b| b == b'`')
        .count()
        .is_multiple_of(2)
        && !line.contains("``");
    for (i, part) in line.split('`').enumerate() {
        if i > 0 {
            out.push_str(if spans_ok { "`" } else { "\\`" });
        }
        if spans_ok && i % 2 == 1 {
            out.extend(part.chars().map(|c| if c.is_control() { ' ' } else { c }));
        } else {
            plain_text(part, out);
        }
    }
    let end = out.trim_end().len();
    out.truncate(end.max(start));
    let leading = out[start..].len() - out[start..].trim_start().len();
    out.drain(start..start + leading);
}

fn plain_text(text: &str, out: &mut String) {
    for (i, word) in text.split(|c: char| c == ' ' || c.is_control()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if (word.starts_with("http://") || word.starts_with("https://"))
            && !word.contains(['<', '>'])
        {
            out.push('<');
            out.push_str(word);
            out.push('>');
            continue;
        }
        for c in word.chars() {
            if matches!(c, '\\' | '[' | ']' | '<' | '>') {
                out.push('\\');
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rustdoc(line: &str) -> String {
        let mut out = String::new();
        rustdoc_text(line, &mut out);
        out
    }

    proptest::proptest! {
        /// A tracker method written as its lines, its signature on one line or broken, is what
        /// the printer makes of its syntax.
        #[test]
        fn a_track_method_written_as_lines_prints_as_its_syntax(
            // Lengths around where the signature meets the margin, and past it.
            ident in "[a-z_][a-z0-9_]{0,60}",
            ty in "[A-Z][A-Za-z0-9]{0,90}",
        ) {
            let attrs = vec![Attr::Doc("/// Sends it.".into())];
            let print = |item| impl_items(path_ty("Tracker", vec![]), vec![], vec![item]);
            let lines = print(track_method(attrs.clone(), &ident, &ty));
            let tokens = print(ImplItem::Fn(track_fn(attrs, &ident, &ty)));
            proptest::prop_assert_eq!(lines, tokens);
        }

        /// The shortcut for plain lines writes what the span-by-span path writes.
        #[test]
        fn plain_doc_lines_are_written_as_span_by_span(
            line in "[a-z ]{0,10}(https?://[a-z./]{0,12})?[a-z ]{0,10}|[ -~]{0,40}|[a-zé`<>\\[\\] \t]{0,30}",
        ) {
            let (mut fast, mut slow) = (String::from("/// "), String::from("/// "));
            rustdoc_text(&line, &mut fast);
            rustdoc_words(&line, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn doc_text_is_inert_for_rustdoc() {
        assert_eq!(
            rustdoc("See [the spec] <b> at https://segment.com/docs"),
            "See \\[the spec\\] \\<b\\> at <https://segment.com/docs>"
        );
        assert_eq!(rustdoc("```rust"), "\\`\\`\\`rust");
        assert_eq!(rustdoc("Pattern: `^[A-Z]{3}$`."), "Pattern: `^[A-Z]{3}$`.");
        assert_eq!(rustdoc("odd ` [x]"), "odd \\` \\[x\\]");
        assert_eq!(rustdoc(" \tpadded\u{2003} "), "padded");
        let doc = |attrs: Vec<Attr>| -> Vec<String> {
            attrs
                .into_iter()
                .map(|a| match a {
                    Attr::Doc(text) => text,
                    _ => unreachable!("doc_attrs makes doc attributes"),
                })
                .collect()
        };
        assert_eq!(
            doc(doc_attrs(&[
                "a".into(),
                String::new(),
                "b".into(),
                String::new()
            ])),
            ["/// a", "///", "/// b"]
        );
    }
}
