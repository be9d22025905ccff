//! A type as a JSON Schema (draft-07) fragment, with every constraint and annotation the
//! catalog keeps: for `tracktype catalog`, and for exporting tracking plans to Segment
//! Protocols.

use serde_json::{Map, Value, json};

use crate::model::{
    ArrayRules, Extra, Kind, Literal, Meta, NumberRules, ObjectRules, Property, Schema, StringRules,
};

/// The fragment for a schema; named types are `$ref`s to `#/definitions/<name>`.
pub fn fragment(schema: &Schema) -> Value {
    let mut out = Map::new();
    let nullable = schema.nullable;
    match &schema.kind {
        Kind::Any => {}
        Kind::String(rules) => {
            out.insert("type".into(), type_word("string", nullable));
            string_rules(&mut out, rules);
        }
        Kind::Number(rules) | Kind::Integer(rules) => {
            let word = if matches!(schema.kind, Kind::Integer(_)) {
                "integer"
            } else {
                "number"
            };
            out.insert("type".into(), type_word(word, nullable));
            number_rules(&mut out, rules);
        }
        Kind::Boolean => {
            out.insert("type".into(), type_word("boolean", nullable));
        }
        Kind::Enum(values) => {
            if let Some(word) = common_type(values) {
                out.insert("type".into(), type_word(word, nullable));
            }
            let mut list: Vec<Value> = values.iter().map(Literal::to_json).collect();
            if nullable {
                list.push(Value::Null);
            }
            out.insert("enum".into(), Value::Array(list));
        }
        Kind::Array(items, rules) => {
            out.insert("type".into(), type_word("array", nullable));
            let plain_any = matches!(items.kind, Kind::Any) && is_plain(items);
            if !plain_any {
                out.insert("items".into(), fragment(items));
            }
            array_rules(&mut out, rules);
        }
        Kind::Tuple(tuple) => {
            out.insert("type".into(), type_word("array", nullable));
            out.insert(
                "items".into(),
                Value::Array(tuple.items.iter().map(fragment).collect()),
            );
            insert_extra(&mut out, "additionalItems", &tuple.rest);
            array_rules(&mut out, &tuple.rules);
        }
        Kind::Object(object) => {
            out.insert("type".into(), type_word("object", nullable));
            if !object.properties.is_empty() {
                object_body(&mut out, &object.properties);
            }
            object_rules(&mut out, &object.rules);
        }
        Kind::Ref(name) => {
            let reference = json!({ "$ref": definition_ref(name) });
            if nullable {
                out.insert("anyOf".into(), json!([reference, { "type": "null" }]));
            } else {
                out.insert("$ref".into(), Value::String(definition_ref(name)));
            }
        }
        Kind::Union(union) => {
            if !union.exclusive && union.members.iter().all(is_bare) {
                let mut words: Vec<Value> = union
                    .members
                    .iter()
                    .map(|m| Value::String(bare_word(m).into()))
                    .collect();
                if nullable {
                    words.push(Value::String("null".into()));
                }
                out.insert("type".into(), Value::Array(words));
            } else {
                let mut list: Vec<Value> = union.members.iter().map(fragment).collect();
                if nullable {
                    list.push(json!({ "type": "null" }));
                }
                let key = if union.exclusive { "oneOf" } else { "anyOf" };
                out.insert(key.into(), Value::Array(list));
            }
        }
    }
    annotate(&mut out, &schema.description, schema.meta());
    Value::Object(out)
}

/// `description`, `title`, `examples`, `default` and `deprecated`.
pub fn annotate(out: &mut Map<String, Value>, description: &str, meta: Option<&Meta>) {
    if !description.is_empty() {
        out.insert("description".into(), Value::String(description.to_owned()));
    }
    let Some(meta) = meta else { return };
    insert_opt(out, "title", meta.title.clone().map(Value::String));
    if !meta.examples.is_empty() {
        out.insert("examples".into(), Value::Array(meta.examples.clone()));
    }
    insert_opt(out, "default", meta.default.clone());
    if meta.deprecated {
        out.insert("deprecated".into(), Value::Bool(true));
    }
}

/// A plan's labels as a JSON object.
pub fn labels(labels: &[(String, String)]) -> Value {
    Value::Object(
        labels
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
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

/// `additionalProperties`, `patternProperties`, `minProperties`, `maxProperties`, and
/// dependent required properties as draft-07 (the draft Protocols reads) writes them: the
/// array form of `dependencies`.
pub fn object_rules(out: &mut Map<String, Value>, rules: &ObjectRules) {
    insert_extra(out, "additionalProperties", &rules.extra);
    if !rules.patterns.is_empty() {
        let patterns: Map<String, Value> = rules
            .patterns
            .iter()
            .map(|p| (p.pattern.clone(), fragment(&p.schema)))
            .collect();
        out.insert("patternProperties".into(), Value::Object(patterns));
    }
    insert_opt(out, "minProperties", rules.min_properties.map(Value::from));
    insert_opt(out, "maxProperties", rules.max_properties.map(Value::from));
    if !rules.dependent_required.is_empty() {
        let map: Map<String, Value> = rules
            .dependent_required
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        out.insert("dependencies".into(), Value::Object(map));
    }
}

fn insert_extra(out: &mut Map<String, Value>, key: &str, extra: &Extra) {
    match extra {
        Extra::Unspecified => {}
        Extra::Any => {
            out.insert(key.into(), Value::Bool(true));
        }
        Extra::Forbidden => {
            out.insert(key.into(), Value::Bool(false));
        }
        Extra::Typed(schema) => {
            out.insert(key.into(), fragment(schema));
        }
    }
}

fn string_rules(out: &mut Map<String, Value>, rules: &StringRules) {
    insert_opt(out, "format", rules.format.clone().map(Value::String));
    insert_opt(out, "pattern", rules.pattern.clone().map(Value::String));
    insert_opt(out, "minLength", rules.min_length.map(Value::from));
    insert_opt(out, "maxLength", rules.max_length.map(Value::from));
}

fn number_rules(out: &mut Map<String, Value>, rules: &NumberRules) {
    for (key, value) in [
        ("minimum", &rules.minimum),
        ("maximum", &rules.maximum),
        ("exclusiveMinimum", &rules.exclusive_minimum),
        ("exclusiveMaximum", &rules.exclusive_maximum),
        ("multipleOf", &rules.multiple_of),
    ] {
        insert_opt(out, key, value.clone().map(Value::Number));
    }
}

fn array_rules(out: &mut Map<String, Value>, rules: &ArrayRules) {
    insert_opt(out, "minItems", rules.min_items.map(Value::from));
    insert_opt(out, "maxItems", rules.max_items.map(Value::from));
    if rules.unique_items {
        out.insert("uniqueItems".into(), Value::Bool(true));
    }
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
        Literal::Json(t) if t.starts_with('[') => "array",
        Literal::Json(_) => "object",
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

/// A schema without description or annotations.
fn is_plain(s: &Schema) -> bool {
    s.description.is_empty() && s.meta.is_none()
}

/// A union member with nothing but its type word.
fn is_bare(s: &Schema) -> bool {
    is_plain(s)
        && match &s.kind {
            Kind::String(r) => *r == StringRules::default(),
            Kind::Number(r) | Kind::Integer(r) => *r == NumberRules::default(),
            Kind::Boolean => true,
            Kind::Object(o) => o.properties.is_empty() && o.rules.is_empty(),
            Kind::Array(items, rules) => {
                matches!(items.kind, Kind::Any)
                    && is_plain(items)
                    && *rules == ArrayRules::default()
            }
            Kind::Any | Kind::Enum(_) | Kind::Tuple(_) | Kind::Ref(_) | Kind::Union(_) => false,
        }
}

fn bare_word(s: &Schema) -> &'static str {
    match &s.kind {
        Kind::String(_) => "string",
        Kind::Number(_) => "number",
        Kind::Integer(_) => "integer",
        Kind::Boolean => "boolean",
        Kind::Array(..) => "array",
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
