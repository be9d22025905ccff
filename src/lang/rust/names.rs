//! Rust's naming component: types and enum variants in UpperCamelCase, fields and methods in
//! snake_case, keywords of every edition escaped, collisions resolved deterministically.

use crate::layout::{Body, DeclId, Layout, Origin};
use crate::naming::{Case, CasedOnce, Namespace, cased, literal_words, nested_type_name};

/// Keywords of every edition, strict and reserved; `gen` is reserved since 2024.
pub const KEYWORDS: [&str; 52] = [
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers (`r#self` is not allowed): they get a `_` suffix.
const NOT_RAW: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Names the generated module declares itself, and the prelude's, which a type must not shadow.
pub const TYPE_NAMES: [&str; 41] = [
    "Event",
    "EventCall",
    "Call",
    "Identity",
    "Message",
    "Sink",
    "Tracker",
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "Into",
    "Iterator",
    "IntoIterator",
    "ToString",
    "ToOwned",
    "AsRef",
    "AsMut",
];

/// Methods of the tracker that events must not take: its own, and the prelude's by-value
/// trait methods, which method resolution would pick before a `&self` method of that name.
pub const TRACKER_METHODS: [&str; 8] = [
    "new",
    "with_context",
    "track",
    "identify",
    "group",
    "send",
    "into",
    "try_into",
];

/// Claims a snake_case identifier in `space`: keywords that cannot be raw get a `_` before the
/// claim (so a property named `self_` still gets a name of its own), the others become raw
/// identifiers (`r#type`) after it.
fn claim_ident(space: &mut Namespace, candidate: &str) -> String {
    let base = if NOT_RAW.contains(&candidate) {
        format!("{candidate}_")
    } else {
        candidate.to_owned()
    };
    let claimed = space.claim(&base, Case::Snake);
    if KEYWORDS.contains(&claimed.as_str()) {
        format!("r#{claimed}")
    } else {
        claimed
    }
}

/// The identifiers the generated module's scope decides: its types and the tracker's methods.
/// A declaration's members have a scope of their own ([`members`]).
pub struct Names {
    /// Per declaration, in declaration order.
    types: Vec<String>,
    /// Tracker methods, one per event, in event order.
    pub methods: Vec<String>,
}

impl Names {
    pub fn new(layout: &Layout<'_>) -> Self {
        let mut types_space = Namespace::with_reserved(TYPE_NAMES);
        let mut types: Vec<String> = Vec::with_capacity(layout.decls.len());
        for decl in &layout.decls {
            let candidate = match &decl.origin {
                Origin::Event(name) => cased(name, Case::UpperCamel, "Event"),
                Origin::Traits(call) => cased(
                    &format!("{} traits", call.as_str()),
                    Case::UpperCamel,
                    "Traits",
                ),
                Origin::Named(name) => cased(name, Case::UpperCamel, "Type"),
                // A nested type comes after its parent.
                Origin::Nested { parent, words } => nested_type_name(&types[parent.0], words),
            };
            types.push(types_space.claim(&candidate, Case::UpperCamel));
        }
        let mut method_space = Namespace::with_reserved(TRACKER_METHODS);
        let methods = layout
            .events
            .iter()
            .map(|e| {
                claim_ident(
                    &mut method_space,
                    &cased(&e.event.name, Case::Snake, "event"),
                )
            })
            .collect();
        Names { types, methods }
    }

    pub fn ty(&self, id: DeclId) -> &str {
        &self.types[id.0]
    }
}

/// The identifiers of a declaration's members, in a scope of their own: a struct's fields in
/// property order, then the field of other keys; an enum's or a union's variants in order.
/// Nothing outside the declaration decides them, so each is named on the thread that prints
/// it; `once` remembers that thread's casings.
pub fn members(body: &Body<'_>, once: &mut CasedOnce) -> Vec<String> {
    match body {
        Body::Struct(body) => {
            let mut space = Namespace::default();
            let mut idents: Vec<String> = body
                .fields
                .iter()
                .map(|f| {
                    claim_ident(
                        &mut space,
                        &once.cased(&f.property.name, Case::Snake, "property"),
                    )
                })
                .collect();
            if body.extra.is_some() {
                idents.push(claim_ident(&mut space, "additional_properties"));
            }
            idents
        }
        Body::Enum(values) => variants(
            values
                .iter()
                .map(|v| once.cased(&literal_words(v), Case::UpperCamel, "Value")),
        ),
        Body::Union(u) => variants(
            u.members
                .iter()
                .map(|m| once.cased(&m.words, Case::UpperCamel, "Value")),
        ),
        Body::Tuple(_) | Body::Alias(_) => Vec::new(),
    }
}

/// Variants claimed in order, in a scope where `Self` is taken.
fn variants(candidates: impl Iterator<Item = String>) -> Vec<String> {
    let mut space = Namespace::with_reserved(["Self"]);
    candidates
        .map(|c| space.claim(&c, Case::UpperCamel))
        .collect()
}
