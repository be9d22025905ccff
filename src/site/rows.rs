//! A property table's rows: each property with its type in words, its constraints as
//! sentences, and the properties of objects written in place (`address.city`,
//! `items[].sku`), so that a reader sees every key that can be sent.

use std::collections::BTreeMap;

use crate::lang::docs;
use crate::model::{Kind, Literal, Property, Schema};

/// One row of a property table.
pub struct PropertyRow<'c> {
    /// The key's path: the wire name, after its parents' for a nested property.
    pub path: String,
    pub property: &'c Property,
    pub ty: TypeText,
    /// The constraints and annotations the type does not say, as sentences.
    pub constraints: String,
}

/// A type in words, with the named types it mentions kept apart so they can be links.
pub type TypeText = Vec<TypePart>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypePart {
    Text(String),
    /// A literal value, as JSON.
    Value(String),
    /// A named type, and the index of its page when it has one.
    Named(String, Option<usize>),
}

/// The rows of these properties and of the objects written in place in them.
pub fn rows_of<'c>(
    properties: &'c [Property],
    types: &BTreeMap<&str, usize>,
) -> Vec<PropertyRow<'c>> {
    let mut rows = Vec::new();
    push_rows(&mut rows, properties, "", types);
    rows
}

fn push_rows<'c>(
    rows: &mut Vec<PropertyRow<'c>>,
    properties: &'c [Property],
    prefix: &str,
    types: &BTreeMap<&str, usize>,
) {
    for p in properties {
        let path = format!("{prefix}{}", p.name);
        rows.push(PropertyRow {
            path: path.clone(),
            property: p,
            ty: type_text(&p.schema, types),
            constraints: docs::schema_facts(&p.schema),
        });
        if let Some((nested, suffix)) = inline_properties(&p.schema) {
            push_rows(rows, nested, &format!("{path}{suffix}."), types);
        }
    }
}

/// The properties of an object written in place (not a named type), directly or as the
/// items of an array, with the path suffix that leads to them.
fn inline_properties(schema: &Schema) -> Option<(&[Property], &'static str)> {
    match &schema.kind {
        Kind::Object(o) if !o.properties.is_empty() => Some((&o.properties, "")),
        Kind::Array(items, _) => match &items.kind {
            Kind::Object(o) if !o.properties.is_empty() => Some((&o.properties, "[]")),
            _ => None,
        },
        _ => None,
    }
}

/// A schema's type in words: `string`, `array of Product`, `one of "a", "b"`, `string or
/// null`.
pub fn type_text(schema: &Schema, types: &BTreeMap<&str, usize>) -> TypeText {
    let mut parts = Vec::new();
    push_type(&mut parts, schema, types);
    if schema.nullable {
        parts.push(TypePart::Text(" or null".into()));
    }
    merge_text(parts)
}

fn push_type(parts: &mut Vec<TypePart>, schema: &Schema, types: &BTreeMap<&str, usize>) {
    let text = |parts: &mut Vec<TypePart>, s: &str| parts.push(TypePart::Text(s.to_owned()));
    match &schema.kind {
        Kind::Any => text(parts, "any"),
        Kind::String(_) => text(parts, "string"),
        Kind::Number(_) => text(parts, "number"),
        Kind::Integer(_) => text(parts, "integer"),
        Kind::Boolean => text(parts, "boolean"),
        Kind::Enum(values) => {
            text(parts, "one of ");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    text(parts, ", ");
                }
                parts.push(TypePart::Value(literal_json(v)));
            }
        }
        Kind::Array(items, _) => {
            text(parts, "array of ");
            push_member(parts, items, types);
        }
        Kind::Tuple(t) => {
            text(parts, "list of ");
            for (i, item) in t.items.iter().enumerate() {
                if i > 0 {
                    text(parts, ", ");
                }
                push_member(parts, item, types);
            }
            if let Some(rest) = t.rest.schema() {
                text(parts, ", then ");
                push_member(parts, rest, types);
            }
        }
        Kind::Object(o) if o.is_map() => match o.rules.extra.schema() {
            Some(values) => {
                text(parts, "map of ");
                push_member(parts, values, types);
            }
            None => text(parts, "object"),
        },
        Kind::Object(_) => text(parts, "object"),
        Kind::Ref(name) => parts.push(TypePart::Named(
            name.clone(),
            types.get(name.as_str()).copied(),
        )),
        Kind::Union(u) => {
            for (i, member) in u.members.iter().enumerate() {
                if i > 0 {
                    text(parts, " or ");
                }
                push_member(parts, member, types);
            }
        }
    }
}

/// A type inside another, in parentheses when it is itself a list of alternatives.
fn push_member(parts: &mut Vec<TypePart>, schema: &Schema, types: &BTreeMap<&str, usize>) {
    let compound = schema.nullable || matches!(schema.kind, Kind::Union(_) | Kind::Enum(_));
    if compound {
        parts.push(TypePart::Text("(".into()));
    }
    push_type(parts, schema, types);
    if schema.nullable {
        parts.push(TypePart::Text(" or null".into()));
    }
    if compound {
        parts.push(TypePart::Text(")".into()));
    }
}

fn literal_json(v: &Literal) -> String {
    match v {
        Literal::Json(text) => text.clone(),
        other => other.to_json().to_string(),
    }
}

/// Joins neighbouring text parts, so renderers see `array of ` once, not in pieces.
fn merge_text(parts: Vec<TypePart>) -> TypeText {
    let mut out: Vec<TypePart> = Vec::with_capacity(parts.len());
    for part in parts {
        match (out.last_mut(), part) {
            (Some(TypePart::Text(prev)), TypePart::Text(next)) => prev.push_str(&next),
            (_, part) => out.push(part),
        }
    }
    out
}

/// The type in plain words, named types by name: for search and for tests.
pub fn plain(ty: &TypeText) -> String {
    ty.iter()
        .map(|p| match p {
            TypePart::Text(s) | TypePart::Value(s) | TypePart::Named(s, _) => s.as_str(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArrayRules, Object, StringRules, Union};

    fn string() -> Schema {
        Schema::new(Kind::String(StringRules::default()))
    }

    #[test]
    fn types_read_as_words() {
        let types = BTreeMap::from([("Product", 0)]);
        let products = Schema::new(Kind::Array(
            Box::new(Schema::new(Kind::Ref("Product".into()))),
            ArrayRules::default(),
        ));
        assert_eq!(
            type_text(&products, &types),
            [
                TypePart::Text("array of ".into()),
                TypePart::Named("Product".into(), Some(0))
            ]
        );
        let mut nullable = Schema::new(Kind::Union(Box::new(Union {
            members: vec![string(), Schema::new(Kind::Integer(Default::default()))],
            exclusive: false,
        })));
        nullable.nullable = true;
        assert_eq!(
            plain(&type_text(&nullable, &types)),
            "string or integer or null"
        );
        let tiers = Schema::new(Kind::Enum(vec![
            Literal::String("gold".into()),
            Literal::Bool(true),
        ]));
        assert_eq!(plain(&type_text(&tiers, &types)), "one of \"gold\", true");
    }

    #[test]
    fn objects_written_in_place_get_rows_of_their_own() {
        let city = Property {
            name: "city".into(),
            required: true,
            required_reason: None,
            origin: None,
            schema: string(),
        };
        let address = Property {
            name: "address".into(),
            required: false,
            required_reason: None,
            origin: None,
            schema: Schema::new(Kind::Array(
                Box::new(Schema::new(Kind::Object(Box::new(Object {
                    properties: vec![city],
                    rules: Default::default(),
                })))),
                ArrayRules::default(),
            )),
        };
        let props = [address];
        let rows = rows_of(&props, &BTreeMap::new());
        let paths: Vec<&str> = rows.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["address", "address[].city"]);
    }
}
