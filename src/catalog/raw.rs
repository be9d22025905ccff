//! The catalog file format as written: every field optional where an override may leave it
//! out, every value located. `catalog/catalog.schema.json` describes the same format for
//! editors; a test keeps the two in step.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::yaml::Sp;

/// One catalog file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub goals: Option<Sp<Vec<RawGoal>>>,
    pub use_cases: Option<Sp<Vec<RawUseCase>>>,
    pub events: Option<Sp<Vec<RawEvent>>>,
    pub types: Option<Sp<Vec<RawNode>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    pub name: Sp<String>,
    pub summary: Option<Sp<String>>,
    pub use_cases: Option<Sp<Vec<RawPair>>>,
}

/// A use case under a goal, with the recommendations for that pair.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub use_case: Sp<String>,
    pub sources: Option<Sp<Vec<Sp<String>>>>,
    pub destinations: Option<Sp<Vec<Sp<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUseCase {
    pub name: Sp<String>,
    pub summary: Option<Sp<String>>,
    pub events: Option<Sp<Vec<Sp<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub name: Sp<String>,
    pub description: Option<Sp<String>>,
    pub spec: Option<Sp<String>>,
    pub properties: Option<Sp<Vec<RawNode>>>,
}

/// A property, an array's items, or a named type: a type with, depending on where it stands,
/// a name and property-only keys (`required`, `required_reason`, `origin`).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    #[serde(rename = "type")]
    pub ty: Option<Sp<TypeSpec>>,
    pub items: Option<Sp<Items>>,
    pub properties: Option<Sp<Vec<RawNode>>>,
    #[serde(rename = "enum")]
    pub enum_values: Option<Sp<Vec<Sp<serde_json::Value>>>>,
    pub nullable: Option<Sp<bool>>,
    pub required: Option<Sp<bool>>,
    pub required_reason: Option<Sp<String>>,
    pub origin: Option<Sp<String>>,
    pub format: Option<Sp<String>>,
    pub pattern: Option<Sp<String>>,
    pub minimum: Option<Sp<serde_json::Value>>,
    pub maximum: Option<Sp<serde_json::Value>>,
    #[serde(alias = "minLength")]
    pub min_length: Option<Sp<u64>>,
    #[serde(alias = "maxLength")]
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
