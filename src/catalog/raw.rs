//! The catalog file format as written: every field optional where an override may leave it
//! out, every value located. `catalog/catalog.schema.json` describes the same format for
//! editors; a test keeps the two in step.

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
    pub events: Option<Sp<Vec<RawEvent>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub types: Option<Sp<Vec<RawNode>>>,
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

#[derive(Debug, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub name: Sp<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<Sp<String>>,
    /// Replace the embedded catalog's event of the same name instead of extending it. What
    /// `tracktype import` writes: a plan's events are whole definitions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Sp<Vec<RawNode>>>,
}

/// A property, an array's items, or a named type: a type with, depending on where it stands,
/// a name and property-only keys (`required`, `required_reason`, `origin`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Sp<String>>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ty: Option<Sp<TypeSpec>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Sp<Items>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Sp<Vec<RawNode>>>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Sp<Vec<Sp<serde_json::Value>>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_reason: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<Sp<String>>,
    /// Named types only: replace the embedded catalog's type of the same name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replace: Option<Sp<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Sp<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Sp<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Sp<serde_json::Value>>,
    #[serde(alias = "minLength", skip_serializing_if = "Option::is_none")]
    pub min_length: Option<Sp<u64>>,
    #[serde(alias = "maxLength", skip_serializing_if = "Option::is_none")]
    pub max_length: Option<Sp<u64>>,
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
        }
    }
}

/// `items: Product` (a type name) or a full type.
#[derive(Clone, Debug, PartialEq)]
pub enum Items {
    Name(String),
    Node(Box<RawNode>),
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemsVisitor;
        impl<'de> Visitor<'de> for ItemsVisitor {
            type Value = Items;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a type name or a mapping describing the items")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Items, E> {
                Ok(Items::Name(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Items, A::Error> {
                RawNode::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|node| Items::Node(Box::new(node)))
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
        keys::<RawNode>("node"),
    ]
}
