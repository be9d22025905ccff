//! TypeScript's naming component: type names (UpperCamelCase) and tracker methods
//! (lowerCamelCase), kept clear of the names the generated module and the language use.

use std::collections::HashMap;

use crate::layout::{DeclId, Layout, Origin};
use crate::naming::{Case, Namespace, cased, nested_type_name};

/// Names the generated module declares itself.
pub const MODULE_NAMES: [&str; 13] = [
    "EventName",
    "TrackEventName",
    "EventProperties",
    "TrackOptions",
    "AnalyticsClient",
    "TrackerOptions",
    "Tracker",
    "Identity",
    "TrackParams",
    "Message",
    "OptionalMessage",
    "TRACKTYPE_CONTEXT",
    "createTracker",
];

/// Global types of TypeScript's standard library that an UpperCamelCase name could shadow.
pub const GLOBAL_TYPES: [&str; 44] = [
    "Array",
    "ArrayLike",
    "Awaited",
    "BigInt",
    "Boolean",
    "Capitalize",
    "ConstructorParameters",
    "Date",
    "Error",
    "Exclude",
    "Extract",
    "Function",
    "InstanceType",
    "Intl",
    "Iterable",
    "Iterator",
    "JSON",
    "Lowercase",
    "Map",
    "Math",
    "NaN",
    "NonNullable",
    "Number",
    "Object",
    "Omit",
    "Parameters",
    "Partial",
    "Pick",
    "Promise",
    "PromiseLike",
    "PropertyKey",
    "Proxy",
    "Readonly",
    "ReadonlyArray",
    "Record",
    "Reflect",
    "RegExp",
    "Required",
    "ReturnType",
    "Set",
    "String",
    "Symbol",
    "ThisType",
    "Uppercase",
];

/// Methods a tracker must not define: its own `track`, `identify` and `group`, `new` (which in an interface declares
/// a construct signature, not a method), and `Object.prototype`'s members.
pub const RESERVED_METHODS: [&str; 11] = [
    "track",
    "identify",
    "group",
    "new",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// The identifiers of one generated module.
pub struct Names {
    types: HashMap<DeclId, String>,
    /// Tracker methods, one per event, in event order.
    pub methods: Vec<String>,
}

impl Names {
    pub fn new(layout: &Layout<'_>) -> Self {
        let mut space = Namespace::with_reserved(MODULE_NAMES.into_iter().chain(GLOBAL_TYPES));
        let mut types: HashMap<DeclId, String> = HashMap::with_capacity(layout.decls.len());
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
            // Nested enums, unions and tuples are written in place; only declared types claim
            // a name.
            let name = if super::is_declared(decl) {
                space.claim(&candidate, Case::UpperCamel)
            } else {
                candidate
            };
            types.insert(id, name);
        }
        let mut method_space = Namespace::with_reserved(RESERVED_METHODS);
        let methods = layout
            .events
            .iter()
            .map(|e| {
                method_space.claim(
                    &cased(&e.event.name, Case::LowerCamel, "event"),
                    Case::LowerCamel,
                )
            })
            .collect();
        Names { types, methods }
    }

    pub fn ty(&self, id: DeclId) -> &str {
        &self.types[&id]
    }
}
