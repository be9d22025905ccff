//! The catalog file format as written: every field optional where an override may leave it
//! out, every value located. `catalog/catalog.schema.json` describes the same format for
//! editors; a test keeps the two in step.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::yaml::Sp;

/// One catalog file.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<Sp<Vec<RawGoal>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cases: Option<Sp<Vec<RawUseCase>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Boxed: a plan's events move from this list into a layer's map, and each is large
    /// (moved unboxed, a 10,000-event plan held both the list and the map's copies at once).
    #[allow(clippy::vec_box)]
    pub events: Option<Sp<Vec<Box<RawEvent>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<Sp<Vec<RawNode>>>,
    /// The traits of `identify` calls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identify: Option<Sp<RawTraits>>,
    /// The traits of `group` calls.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Sp<RawTraits>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    pub name: Sp<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cases: Option<Sp<Vec<RawPair>>>,
}

/// A use case under a goal, with the recommendations for that pair.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub use_case: Sp<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Sp<Vec<Sp<String>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destinations: Option<Sp<Vec<Sp<String>>>>,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawUseCase {
    pub name: Sp<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Sp<Vec<Sp<String>>>>,
}

/// The keys of an object schema other than its properties, as events, trait sets and types
/// write them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectKeys<'a> {
    pub additional_properties: Option<&'a Sp<Additional>>,
    pub pattern_properties: Option<&'a Sp<BTreeMap<String, RawNode>>>,
    pub min_properties: Option<&'a Sp<u64>>,
    pub max_properties: Option<&'a Sp<u64>>,
    pub dependent_required: Option<&'a Sp<BTreeMap<String, Vec<String>>>>,
}

#[derive(Debug, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub name: Sp<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<Sp<String>>,
    /// `track` (the default), `page` or `screen`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<Sp<String>>,
    /// Page and screen events: the property whose value is the call's `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_name: Option<Sp<String>>,
    /// Page and screen events: the property whose value is the call's `category`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_category: Option<Sp<String>>,
    /// Replace the embedded catalog's event of the same name instead of extending it. What
    /// `tracktype import` writes: a plan's events are whole definitions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Sp<bool>>,
    /// A tracking plan's labels, kept for documentation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<Sp<BTreeMap<String, String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Sp<Vec<RawNode>>>,
    #[serde(
        alias = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<Sp<Additional>>,
    #[serde(alias = "patternProperties", skip_serializing_if = "Option::is_none")]
    pub pattern_properties: Option<Sp<BTreeMap<String, RawNode>>>,
    #[serde(alias = "minProperties", skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<Sp<u64>>,
    #[serde(alias = "maxProperties", skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<Sp<u64>>,
    #[serde(alias = "dependentRequired", skip_serializing_if = "Option::is_none")]
    pub dependent_required: Option<Sp<BTreeMap<String, Vec<String>>>>,
}

/// The `identify` or `group` section: the traits those calls carry.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTraits {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    /// Replace the embedded catalog's traits instead of extending them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traits: Option<Sp<Vec<RawNode>>>,
    #[serde(
        alias = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Option<Sp<Additional>>,
    #[serde(alias = "patternProperties", skip_serializing_if = "Option::is_none")]
    pub pattern_properties: Option<Sp<BTreeMap<String, RawNode>>>,
    #[serde(alias = "minProperties", skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<Sp<u64>>,
    #[serde(alias = "maxProperties", skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<Sp<u64>>,
    #[serde(alias = "dependentRequired", skip_serializing_if = "Option::is_none")]
    pub dependent_required: Option<Sp<BTreeMap<String, Vec<String>>>>,
}

/// A key most nodes do not have, kept out of line: a plan of 100,000 events holds millions
/// of nodes, and each present key costs only where it is present.
pub type Rare<T> = Option<Box<Sp<T>>>;

/// A key of a definition, held inline or out of line ([`Rare`]).
pub trait Slot<T> {
    fn sp(&self) -> Option<&Sp<T>>;
    fn into_sp(self) -> Option<Sp<T>>;
    fn put(&mut self, value: Sp<T>);
    /// The value held, after putting in `f()`'s where there was none.
    fn get_or_put_with(&mut self, f: impl FnOnce() -> Sp<T>) -> &mut Sp<T>;
}

impl<T> Slot<T> for Option<Sp<T>> {
    fn sp(&self) -> Option<&Sp<T>> {
        self.as_ref()
    }
    fn into_sp(self) -> Option<Sp<T>> {
        self
    }
    fn put(&mut self, value: Sp<T>) {
        *self = Some(value);
    }
    fn get_or_put_with(&mut self, f: impl FnOnce() -> Sp<T>) -> &mut Sp<T> {
        self.get_or_insert_with(f)
    }
}

impl<T> Slot<T> for Rare<T> {
    fn sp(&self) -> Option<&Sp<T>> {
        self.as_deref()
    }
    fn into_sp(self) -> Option<Sp<T>> {
        self.map(|b| *b)
    }
    fn put(&mut self, value: Sp<T>) {
        *self = Some(Box::new(value));
    }
    fn get_or_put_with(&mut self, f: impl FnOnce() -> Sp<T>) -> &mut Sp<T> {
        self.get_or_insert_with(|| Box::new(f()))
    }
}

/// A property, an array's items, a union's alternative, or a named type: a type with,
/// depending on where it stands, a name and property-only keys (`required`,
/// `required_reason`, `origin`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Rare<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Sp<TypeSpec>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Rare<Items>,
    #[serde(alias = "additionalItems", skip_serializing_if = "Option::is_none")]
    pub additional_items: Rare<Additional>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Rare<Vec<RawNode>>,
    #[serde(
        alias = "additionalProperties",
        skip_serializing_if = "Option::is_none"
    )]
    pub additional_properties: Rare<Additional>,
    #[serde(alias = "patternProperties", skip_serializing_if = "Option::is_none")]
    pub pattern_properties: Rare<BTreeMap<String, RawNode>>,
    /// Alternatives of which exactly one must match.
    #[serde(alias = "oneOf", skip_serializing_if = "Option::is_none")]
    pub one_of: Rare<Vec<RawNode>>,
    /// Alternatives of which at least one must match.
    #[serde(alias = "anyOf", skip_serializing_if = "Option::is_none")]
    pub any_of: Rare<Vec<RawNode>>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Rare<Vec<Sp<serde_json::Value>>>,
    /// The one value allowed: `enum` with one value, of any JSON type.
    #[serde(rename = "const", skip_serializing_if = "Option::is_none")]
    pub const_value: Rare<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Rare<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Rare<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_reason: Rare<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Rare<String>,
    /// Named types only: replace the embedded catalog's type of the same name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Rare<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Rare<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Rare<Vec<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Rare<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Rare<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Rare<String>,
    #[serde(alias = "minLength", skip_serializing_if = "Option::is_none")]
    pub min_length: Rare<u64>,
    #[serde(alias = "maxLength", skip_serializing_if = "Option::is_none")]
    pub max_length: Rare<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Rare<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Rare<serde_json::Value>,
    #[serde(alias = "exclusiveMinimum", skip_serializing_if = "Option::is_none")]
    pub exclusive_minimum: Rare<serde_json::Value>,
    #[serde(alias = "exclusiveMaximum", skip_serializing_if = "Option::is_none")]
    pub exclusive_maximum: Rare<serde_json::Value>,
    #[serde(alias = "multipleOf", skip_serializing_if = "Option::is_none")]
    pub multiple_of: Rare<serde_json::Value>,
    #[serde(alias = "minItems", skip_serializing_if = "Option::is_none")]
    pub min_items: Rare<u64>,
    #[serde(alias = "maxItems", skip_serializing_if = "Option::is_none")]
    pub max_items: Rare<u64>,
    #[serde(alias = "uniqueItems", skip_serializing_if = "Option::is_none")]
    pub unique_items: Rare<bool>,
    #[serde(alias = "minProperties", skip_serializing_if = "Option::is_none")]
    pub min_properties: Rare<u64>,
    #[serde(alias = "maxProperties", skip_serializing_if = "Option::is_none")]
    pub max_properties: Rare<u64>,
    #[serde(alias = "dependentRequired", skip_serializing_if = "Option::is_none")]
    pub dependent_required: Rare<BTreeMap<String, Vec<String>>>,
}

/// The object keys of the entries that have them, read the same way for each.
macro_rules! object_keys {
    ($($raw:ty),*) => {$(
        impl $raw {
            pub fn object_keys(&self) -> ObjectKeys<'_> {
                ObjectKeys {
                    additional_properties: self.additional_properties.sp(),
                    pattern_properties: self.pattern_properties.sp(),
                    min_properties: self.min_properties.sp(),
                    max_properties: self.max_properties.sp(),
                    dependent_required: self.dependent_required.sp(),
                }
            }
        }
    )*};
}

object_keys!(RawEvent, RawTraits, RawNode);

/// `additionalProperties` / `additionalItems`: `true`, `false`, a type name, or a type.
#[derive(Clone, Debug, PartialEq)]
pub enum Additional {
    Allowed(bool),
    Name(String),
    Node(Box<RawNode>),
}

impl<'de> Deserialize<'de> for Additional {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AdditionalVisitor;
        impl<'de> Visitor<'de> for AdditionalVisitor {
            type Value = Additional;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, a type name, or a mapping describing the values")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Additional, E> {
                Ok(Additional::Allowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Additional, E> {
                Ok(Additional::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Additional, A::Error> {
                RawNode::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|node| Additional::Node(Box::new(node)))
            }
        }
        deserializer.deserialize_any(AdditionalVisitor)
    }
}

impl Serialize for Additional {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Additional::Allowed(b) => serializer.serialize_bool(*b),
            Additional::Name(name) => serializer.serialize_str(name),
            Additional::Node(node) => node.serialize(serializer),
        }
    }
}

/// `type: string`, or a list such as `type: [string, "null"]` (YAML's bare `null` works too).
#[derive(Clone, Debug, PartialEq)]
pub enum TypeSpec {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for TypeSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TypeVisitor;
        impl<'de> Visitor<'de> for TypeVisitor {
            type Value = TypeSpec;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a type name or a list of type names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TypeSpec, E> {
                Ok(TypeSpec::One(v.to_owned()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<TypeSpec, E> {
                Ok(TypeSpec::One("null".to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TypeSpec, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Option<String>>()? {
                    names.push(name.unwrap_or_else(|| "null".to_owned()));
                }
                Ok(TypeSpec::Many(names))
            }
        }
        deserializer.deserialize_any(TypeVisitor)
    }
}

impl Serialize for TypeSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            TypeSpec::One(name) => serializer.serialize_str(name),
            TypeSpec::Many(names) => names.serialize(serializer),
        }
    }
}

impl Serialize for Items {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Items::Name(name) => serializer.serialize_str(name),
            Items::Node(node) => node.serialize(serializer),
            Items::Tuple(items) => items.serialize(serializer),
        }
    }
}

/// `items: Product` (a type name), a full type, or a list of either: a tuple, whose items
/// each have a type of their own.
#[derive(Clone, Debug, PartialEq)]
pub enum Items {
    Name(String),
    Node(Box<RawNode>),
    Tuple(Vec<Sp<Items>>),
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemsVisitor;
        impl<'de> Visitor<'de> for ItemsVisitor {
            type Value = Items;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a type name, a mapping describing the items, or a list of them (a tuple)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Items, E> {
                Ok(Items::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Items, A::Error> {
                RawNode::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|node| Items::Node(Box::new(node)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Sp<Items>>()? {
                    items.push(item);
                }
                Ok(Items::Tuple(items))
            }
        }
        deserializer.deserialize_any(ItemsVisitor)
    }
}

/// The keys each kind of entry accepts, for the consistency test against the JSON Schema.
#[cfg(test)]
pub(crate) fn key_sets() -> Vec<(&'static str, Vec<String>)> {
    use crate::diagnostic::SourceFile;
    fn keys<T: serde::de::DeserializeOwned + std::fmt::Debug>(
        name: &'static str,
    ) -> (&'static str, Vec<String>) {
        let file = SourceFile::new("probe.yaml", "__not_a_key__: 1\n");
        let hint = crate::yaml::from_yaml::<T>(&file)
            .expect_err("unknown key must be rejected")
            .hint
            .unwrap_or_default();
        let list = hint.trim_start_matches("allowed keys here: ");
        let mut keys: Vec<String> = list.split(", ").map(str::to_owned).collect();
        keys.sort();
        (name, keys)
    }
    vec![
        keys::<RawDocument>("document"),
        keys::<RawGoal>("goal"),
        keys::<RawPair>("pair"),
        keys::<RawUseCase>("use_case"),
        keys::<RawEvent>("event"),
        keys::<RawTraits>("traits"),
        keys::<RawNode>("node"),
    ]
}
