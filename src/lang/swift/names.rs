//! Swift's naming component: types in UpperCamelCase kept clear of Swift's and Foundation's
//! names, members and cases in lowerCamelCase with keywords in backticks.

use std::collections::HashMap;

use crate::layout::{Body, DeclId, Layout, Origin};
use crate::naming::{Case, CasedOnce, Namespace, cased, literal_words, nested_type_name};

/// Keywords, escaped with backticks where they name a member or case.
pub const KEYWORDS: [&str; 57] = [
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "precedencegroup",
    "protocol",
    "public",
    "rethrows",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "catch",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "throw",
    "switch",
    "where",
    "while",
    "as",
    "false",
    "is",
    "nil",
    "super",
    "throws",
    "true",
    "try",
    "any",
    "await",
    "consume",
    "copy",
    "discard",
    "each",
];

/// Members that backticks do not make usable: they get a numeric suffix instead. `encode`
/// would clash with `encode(to:)`, `send` and `eventName` with an event's `TrackingEvent`
/// conformance.
const MEMBER_RESERVED: [&str; 12] = [
    "send",
    "eventName",
    "self",
    "Self",
    "init",
    "deinit",
    "subscript",
    "super",
    "Type",
    "Protocol",
    "encode",
    "_",
];

/// Cases that would clash with what enums get from their conformances.
const CASE_RESERVED: [&str; 8] = [
    "self",
    "Self",
    "init",
    "Type",
    "Protocol",
    "rawValue",
    "allCases",
    "hashValue",
];

/// Type names of Swift, its standard library and Foundation, and the module's own, which a
/// generated type must not take: a clash would break the module or its users' code.
pub const TYPE_NAMES: [&str; 61] = [
    "Self",
    "Type",
    "Protocol",
    "Any",
    "AnyObject",
    "String",
    "Int",
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "UInt",
    "Double",
    "Float",
    "Bool",
    "Character",
    "Array",
    "Dictionary",
    "Set",
    "Optional",
    "Result",
    "Error",
    "Never",
    "Void",
    "Codable",
    "Encodable",
    "Decodable",
    "Encoder",
    "Decoder",
    "CodingKey",
    "CodingKeys",
    "Equatable",
    "Hashable",
    "Sendable",
    "Identifiable",
    "Comparable",
    "CaseIterable",
    "Data",
    "Date",
    "URL",
    "UUID",
    "Locale",
    "Decimal",
    "TimeZone",
    "Calendar",
    "JSONEncoder",
    "JSONDecoder",
    "DecodingError",
    "EncodingError",
    "NSObject",
    "Notification",
    "Measurement",
    "TrackingClient",
    "JSONValue",
    "JSONKey",
    "TrackingEvent",
    "Tracktype",
    "Tracker",
    // analytics-swift's module, which qualifies its names (`--sdk analytics-swift`).
    "Segment",
    "Nullable",
    "Substring",
];

/// Methods a tracking client must not get: its own calls, and those making a `Tracker`.
pub const CLIENT_METHODS: [&str; 6] = [
    "track",
    "screen",
    "identify",
    "group",
    "withContext",
    "onViolation",
];

/// The identifiers of one generated module.
pub struct Names {
    types: HashMap<DeclId, String>,
    /// Per struct: member identifiers (escaped) and their bare names (for CodingKeys cases).
    members: HashMap<DeclId, Vec<String>>,
    /// Per enum or union: case identifiers (escaped), in value order.
    cases: HashMap<DeclId, Vec<String>>,
    /// Client methods, one per event, in event order (escaped).
    pub methods: Vec<String>,
}

/// Claims a lowerCamelCase identifier: names backticks cannot save take a suffix before the
/// claim; keywords get backticks after it.
fn claim_member(space: &mut Namespace, candidate: &str) -> String {
    let claimed = space.claim(candidate, Case::LowerCamel);
    if KEYWORDS.contains(&claimed.as_str()) {
        format!("`{claimed}`")
    } else {
        claimed
    }
}

impl Names {
    pub fn new(layout: &Layout<'_>) -> Self {
        let mut type_space = Namespace::with_reserved(TYPE_NAMES);
        let mut once = CasedOnce::default();
        let mut types: HashMap<DeclId, String> = HashMap::with_capacity(layout.decls.len());
        let mut members = HashMap::new();
        let mut cases = HashMap::new();
        for (i, decl) in layout.decls.iter().enumerate() {
            let id = DeclId(i);
            let candidate = match &decl.origin {
                Origin::Event(name) => cased(name, Case::UpperCamel, "Event"),
                Origin::Traits(call) => cased(
                    &format!("{} traits", call.as_str()),
                    Case::UpperCamel,
                    "Traits",
                ),
                Origin::Named(name) => cased(name, Case::UpperCamel, "Type"),
                Origin::Nested { parent, words } => nested_type_name(types[parent].as_str(), words),
            };
            types.insert(id, type_space.claim(&candidate, Case::UpperCamel));
        }
        // Members and cases are claimed after every type is named, around the type names: in
        // Swift a member named like a type (`_0` for "0" in both casings) would shadow it. The
        // type names are consulted, not copied, so this stays linear.
        let type_names = type_space.names();
        for (i, decl) in layout.decls.iter().enumerate() {
            let id = DeclId(i);
            match &decl.body {
                Body::Struct(body) => {
                    let mut space = Namespace::within(type_names, &MEMBER_RESERVED);
                    let mut idents: Vec<String> = body
                        .fields
                        .iter()
                        .map(|f| {
                            claim_member(
                                &mut space,
                                &once.cased(&f.property.name, Case::LowerCamel, "property"),
                            )
                        })
                        .collect();
                    if body.extra.is_some() {
                        idents.push(claim_member(&mut space, "additionalProperties"));
                    }
                    members.insert(id, idents);
                }
                Body::Tuple(tuple) => {
                    let mut space = Namespace::within(type_names, &MEMBER_RESERVED);
                    let mut idents: Vec<String> = (0..tuple.items.len())
                        .map(|i| claim_member(&mut space, &format!("item{i}")))
                        .collect();
                    if tuple.rest.is_some() {
                        idents.push(claim_member(&mut space, "rest"));
                    }
                    members.insert(id, idents);
                }
                Body::Enum(values) => {
                    let mut space = Namespace::within(type_names, &CASE_RESERVED);
                    let idents = values
                        .iter()
                        .map(|v| {
                            let words = literal_words(v);
                            claim_member(&mut space, &once.cased(&words, Case::LowerCamel, "value"))
                        })
                        .collect();
                    cases.insert(id, idents);
                }
                Body::Union(u) => {
                    let mut space = Namespace::within(type_names, &CASE_RESERVED);
                    let idents = u
                        .members
                        .iter()
                        .map(|m| {
                            claim_member(
                                &mut space,
                                &once.cased(&m.words, Case::LowerCamel, "value"),
                            )
                        })
                        .collect();
                    cases.insert(id, idents);
                }
                Body::Alias(_) => {}
            }
        }
        // Type names too: a method named like a type (`_2` for an event "2" in both casings)
        // would shadow it in the method's own body, which calls the type's initializer.
        let mut method_space = Namespace::within(type_names, &MEMBER_RESERVED);
        method_space.reserve(CLIENT_METHODS);
        let methods = layout
            .events
            .iter()
            .map(|e| {
                claim_member(
                    &mut method_space,
                    &cased(&e.event.name, Case::LowerCamel, "event"),
                )
            })
            .collect();
        Names {
            types,
            members,
            cases,
            methods,
        }
    }

    pub fn ty(&self, id: DeclId) -> &str {
        &self.types[&id]
    }

    pub fn members(&self, id: DeclId) -> &[String] {
        self.members.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn cases(&self, id: DeclId) -> &[String] {
        self.cases.get(&id).map_or(&[], Vec::as_slice)
    }
}

/// A member's name without backticks, as it is written after a dot (`.default`).
pub fn bare(ident: &str) -> &str {
    ident.trim_matches('`')
}
