//! A property's type as a JSON Schema (draft-07) fragment: for `tracktype catalog`, and for
//! exporting tracking plans to Segment Protocols.

use serde_json::{Map, Value, json};

use crate::model::{Kind, Literal, Property, Schema};

/// The fragment for a schema; named types are `$ref`s to `#/definitions/<name>`.
pub fn fragment(schema: &Schema) -> Value {
    let mut out = Map::new();
    match &schema.kind {
        Kind::Any => {}
        Kind::String(rules) => {
            out.insert("type".into(), type_word("string", schema.nullable));
            insert_opt(&mut out, "format", rules.format.clone().map(Value::String));
            insert_opt(
                &mut out,
                "pattern",
                rules.pattern.clone().map(Value::String),
            );
            insert_opt(&mut out, "minLength", rules.min_length.map(Value::from));
            insert_opt(&mut out, "maxLength", rules.max_length.map(Value::from));
        }
        Kind::Number(rules) | Kind::Integer(rules) => {
            let word = if matches!(schema.kind, Kind::Integer(_)) {
                "integer"
            } else {
                "number"
            };
            out.insert("type".into(), type_word(word, schema.nullable));
            insert_opt(
                &mut out,
                "minimum",
                rules.minimum.clone().map(Value::Number),
            );
            insert_opt(
                &mut out,
                "maximum",
                rules.maximum.clone().map(Value::Number),
            );
        }
        Kind::Boolean => {
            out.insert("type".into(), type_word("boolean", schema.nullable));
        }
        Kind::Enum(values) => {
            if let Some(word) = common_type(values) {
                out.insert("type".into(), type_word(word, schema.nullable));
            }
            let mut list: Vec<Value> = values.iter().map(Literal::to_json).collect();
            if schema.nullable {
                list.push(Value::Null);
            }
            out.insert("enum".into(), Value::Array(list));
        }
        Kind::Array(items) => {
            out.insert("type".into(), type_word("array", schema.nullable));
            let plain_any = matches!(items.kind, Kind::Any) && items.description.is_empty();
            if !plain_any {
                out.insert("items".into(), fragment(items));
            }
        }
        Kind::Object(props) => {
            out.insert("type".into(), type_word("object", schema.nullable));
            object_body(&mut out, props);
        }
        Kind::Map => {
            out.insert("type".into(), type_word("object", schema.nullable));
        }
        Kind::Ref(name) => {
            let reference = json!({ "$ref": definition_ref(name) });
            if schema.nullable {
                out.insert("anyOf".into(), json!([reference, { "type": "null" }]));
            } else {
                out.insert("$ref".into(), Value::String(definition_ref(name)));
            }
        }
        Kind::Union(members) => {
            if members.iter().all(is_bare) {
                let mut words: Vec<Value> = members
                    .iter()
                    .map(|m| Value::String(bare_word(m).into()))
                    .collect();
                if schema.nullable {
                    words.push(Value::String("null".into()));
                }
                out.insert("type".into(), Value::Array(words));
            } else {
                let mut list: Vec<Value> = members.iter().map(fragment).collect();
                if schema.nullable {
                    list.push(json!({ "type": "null" }));
                }
                out.insert("anyOf".into(), Value::Array(list));
            }
        }
    }
    if !schema.description.is_empty() {
        out.insert(
            "description".into(),
            Value::String(schema.description.clone()),
        );
    }
    Value::Object(out)
}

/// `properties` and `required` of an object schema.
pub fn object_body(out: &mut Map<String, Value>, props: &[Property]) {
    let properties: Map<String, Value> = props
        .iter()
        .map(|p| (p.name.clone(), fragment(&p.schema)))
        .collect();
    out.insert("properties".into(), Value::Object(properties));
    let required: Vec<Value> = props
        .iter()
        .filter(|p| p.required)
        .map(|p| Value::String(p.name.clone()))
        .collect();
    out.insert("required".into(), Value::Array(required));
}

/// The `$ref` for a named type: a JSON pointer, escaped, in a URI fragment.
pub fn definition_ref(name: &str) -> String {
    let pointer = name.replace('~', "~0").replace('/', "~1");
    let mut out = String::from("#/definitions/");
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn type_word(word: &str, nullable: bool) -> Value {
    if nullable {
        json!([word, "null"])
    } else {
        json!(word)
    }
}

fn insert_opt(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(v) = value {
        out.insert(key.into(), v);
    }
}

/// The JSON type shared by all enum values, if they share one.
fn common_type(values: &[Literal]) -> Option<&'static str> {
    let word = |l: &Literal| match l {
        Literal::String(_) => "string",
        Literal::Bool(_) => "boolean",
        Literal::Number(n) if n.is_integer() => "integer",
        Literal::Number(_) => "number",
    };
    let first = word(values.first()?);
    if values.iter().all(|v| word(v) == first) {
        return Some(first);
    }
    if values.iter().all(|v| matches!(v, Literal::Number(_))) {
        return Some("number");
    }
    None
}

/// A union member with nothing but its type word.
fn is_bare(s: &Schema) -> bool {
    s.description.is_empty()
        && match &s.kind {
            Kind::String(r) => *r == Default::default(),
            Kind::Number(r) | Kind::Integer(r) => *r == Default::default(),
            Kind::Boolean | Kind::Map => true,
            Kind::Array(items) => matches!(items.kind, Kind::Any) && items.description.is_empty(),
            Kind::Any | Kind::Enum(_) | Kind::Object(_) | Kind::Ref(_) | Kind::Union(_) => false,
        }
}

fn bare_word(s: &Schema) -> &'static str {
    match &s.kind {
        Kind::String(_) => "string",
        Kind::Number(_) => "number",
        Kind::Integer(_) => "integer",
        Kind::Boolean => "boolean",
        Kind::Array(_) => "array",
        _ => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_escaped_pointers() {
        assert_eq!(definition_ref("Product"), "#/definitions/Product");
        assert_eq!(definition_ref("a/b c~"), "#/definitions/a~1b%20c~0");
    }
}
