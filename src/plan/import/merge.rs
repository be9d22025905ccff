//! `allOf`: every subschema must hold, so they merge into one schema. Properties and
//! `required` are united, types intersected, bounds made the stricter; keywords that cannot be
//! combined (two different patterns or formats, types with nothing in common) are located
//! errors.

use crate::diagnostic::{Diagnostic, Loc};
use crate::plan::json::{Json, Key, Value};

/// Keywords whose merged value is the largest of the values given.
const LOWER_BOUNDS: [&str; 5] = [
    "minimum",
    "exclusiveMinimum",
    "minLength",
    "minItems",
    "minProperties",
];

/// Keywords whose merged value is the smallest of the values given.
const UPPER_BOUNDS: [&str; 5] = [
    "maximum",
    "exclusiveMaximum",
    "maxLength",
    "maxItems",
    "maxProperties",
];

/// Annotations: the first one given wins.
const ANNOTATIONS: [&str; 6] = [
    "description",
    "title",
    "examples",
    "default",
    "$comment",
    "id",
];

/// Merges the schemas of `members` (the keywords beside `allOf` first, then each subschema,
/// references already resolved) into one schema at `loc`.
pub fn merge(members: Vec<Json>, loc: &Loc) -> Result<Json, Diagnostic> {
    let mut out: Vec<(Key, Json)> = Vec::new();
    for member in members {
        let Some(entries) = member.members() else {
            match member.value {
                // `true` adds nothing; `false` makes every value invalid, which no type says.
                Value::Bool(true) => continue,
                _ => {
                    return Err(Diagnostic::at(
                        &member.loc,
                        format!(
                            "an `allOf` subschema must be a schema (an object), not {}",
                            member.kind()
                        ),
                    ));
                }
            }
        };
        for (key, value) in entries {
            merge_key(&mut out, key, value)?;
        }
    }
    Ok(Json {
        value: Value::Object(out),
        loc: loc.clone(),
    })
}

fn merge_key(out: &mut Vec<(Key, Json)>, key: &Key, value: &Json) -> Result<(), Diagnostic> {
    let Some(index) = out.iter().position(|(k, _)| k.name == key.name) else {
        out.push((key.clone(), value.clone()));
        return Ok(());
    };
    let existing = &out[index].1;
    let name = key.name.as_str();
    let merged = match name {
        "type" => intersect_types(existing, value)?,
        "required" => union_strings(existing, value),
        "properties" | "patternProperties" => union_schemas(existing, value)?,
        "dependencies" | "dependentRequired" => union_dependencies(existing, value),
        "enum" => intersect_enums(existing, value)?,
        "uniqueItems" | "deprecated" => Json {
            value: Value::Bool(truthy(existing) || truthy(value)),
            loc: existing.loc.clone(),
        },
        "items" | "additionalItems" if existing.is_object() && value.is_object() => {
            all_of_two(existing, value)
        }
        "additionalProperties" => match (&existing.value, &value.value) {
            // Closed wins: the merged object allows the united properties and nothing else.
            (Value::Bool(false), _) => existing.clone(),
            (_, Value::Bool(false)) => value.clone(),
            (Value::Bool(true), _) => value.clone(),
            (_, Value::Bool(true)) => existing.clone(),
            _ => all_of_two(existing, value),
        },
        "multipleOf" => multiple_of(existing, value)?,
        _ if LOWER_BOUNDS.contains(&name) => bound(existing, value, |a, b| a >= b)?,
        _ if UPPER_BOUNDS.contains(&name) => bound(existing, value, |a, b| a <= b)?,
        _ if ANNOTATIONS.contains(&name) => existing.clone(),
        _ if same(existing, value) => existing.clone(),
        "oneOf" | "anyOf" => {
            return Err(Diagnostic::at(
                &key.loc,
                format!("two `{name}` lists under one `allOf` cannot be combined"),
            )
            .with_note(&existing.loc, "the other list")
            .with_hint("write the combinations out as one `oneOf`"));
        }
        _ => {
            return Err(Diagnostic::at(
                &key.loc,
                format!(
                    "`allOf` gives `{name}` two different values, which one schema cannot hold"
                ),
            )
            .with_note(&existing.loc, "the other value")
            .with_hint("make the subschemas agree, or keep the keyword in one of them"));
        }
    };
    out[index].1 = merged;
    Ok(())
}

/// `{"allOf": [a, b]}`, merged when the schema holding it is read.
fn all_of_two(a: &Json, b: &Json) -> Json {
    Json {
        value: Value::Object(vec![(
            Key {
                name: "allOf".into(),
                loc: a.loc.clone(),
            },
            Json {
                value: Value::Array(vec![a.clone(), b.clone()]),
                loc: a.loc.clone(),
            },
        )]),
        loc: a.loc.clone(),
    }
}

fn truthy(v: &Json) -> bool {
    matches!(v.value, Value::Bool(true))
}

fn same(a: &Json, b: &Json) -> bool {
    a.to_plain() == b.to_plain()
}

fn type_words(v: &Json) -> Vec<String> {
    match &v.value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn intersect_types(a: &Json, b: &Json) -> Result<Json, Diagnostic> {
    let (left, right) = (type_words(a), type_words(b));
    let admits = |words: &[String], w: &str| {
        words
            .iter()
            .any(|x| x == w || x == "any" || (w == "integer" && x == "number"))
    };
    let mut both: Vec<String> = Vec::new();
    for w in left.iter().chain(&right) {
        let word = if w == "any" {
            continue;
        } else {
            w.as_str()
        };
        if admits(&left, word) && admits(&right, word) && !both.iter().any(|x| x == word) {
            both.push(word.to_owned());
        }
    }
    if both.iter().any(|w| w == "integer") {
        both.retain(|w| w != "number");
    }
    if left.iter().all(|w| w == "any") {
        return Ok(b.clone());
    }
    if right.iter().all(|w| w == "any") {
        return Ok(a.clone());
    }
    if both.is_empty() {
        return Err(Diagnostic::at(
            &b.loc,
            format!(
                "`allOf` asks for type {} and type {}, which no value is",
                left.join(" or "),
                right.join(" or ")
            ),
        )
        .with_note(&a.loc, "the other type"));
    }
    Ok(Json {
        value: if both.len() == 1 {
            Value::String(both.remove(0))
        } else {
            Value::Array(
                both.into_iter()
                    .map(|w| Json {
                        value: Value::String(w),
                        loc: a.loc.clone(),
                    })
                    .collect(),
            )
        },
        loc: a.loc.clone(),
    })
}

fn union_strings(a: &Json, b: &Json) -> Json {
    let mut items: Vec<Json> = a.as_array().unwrap_or_default().to_vec();
    for item in b.as_array().unwrap_or_default() {
        if !items.iter().any(|i| same(i, item)) {
            items.push(item.clone());
        }
    }
    Json {
        value: Value::Array(items),
        loc: a.loc.clone(),
    }
}

/// `properties` or `patternProperties` of both: a key in both must meet both schemas.
fn union_schemas(a: &Json, b: &Json) -> Result<Json, Diagnostic> {
    let mut members: Vec<(Key, Json)> = a.members().unwrap_or_default().to_vec();
    for (key, schema) in b.members().unwrap_or_default() {
        match members.iter_mut().find(|(k, _)| k.name == key.name) {
            Some((_, existing)) => *existing = all_of_two(existing, schema),
            None => members.push((key.clone(), schema.clone())),
        }
    }
    Ok(Json {
        value: Value::Object(members),
        loc: a.loc.clone(),
    })
}

fn union_dependencies(a: &Json, b: &Json) -> Json {
    let mut members: Vec<(Key, Json)> = a.members().unwrap_or_default().to_vec();
    for (key, needed) in b.members().unwrap_or_default() {
        match members.iter_mut().find(|(k, _)| k.name == key.name) {
            Some((_, existing)) => *existing = union_strings(existing, needed),
            None => members.push((key.clone(), needed.clone())),
        }
    }
    Json {
        value: Value::Object(members),
        loc: a.loc.clone(),
    }
}

fn intersect_enums(a: &Json, b: &Json) -> Result<Json, Diagnostic> {
    let right = b.as_array().unwrap_or_default();
    let kept: Vec<Json> = a
        .as_array()
        .unwrap_or_default()
        .iter()
        .filter(|v| right.iter().any(|r| same(r, v)))
        .cloned()
        .collect();
    if kept.is_empty() {
        return Err(Diagnostic::at(
            &b.loc,
            "`allOf` gives two `enum` lists with no value in common",
        )
        .with_note(&a.loc, "the other list"));
    }
    Ok(Json {
        value: Value::Array(kept),
        loc: a.loc.clone(),
    })
}

fn number(v: &Json) -> Option<f64> {
    match &v.value {
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// The bound that `keep(a, b)` prefers, both being numbers.
fn bound(a: &Json, b: &Json, keep: fn(f64, f64) -> bool) -> Result<Json, Diagnostic> {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => Ok(if keep(x, y) { a.clone() } else { b.clone() }),
        // Draft-04's boolean exclusive bounds: exclusive if either says so.
        _ if matches!(a.value, Value::Bool(_)) && matches!(b.value, Value::Bool(_)) => Ok(Json {
            value: Value::Bool(truthy(a) || truthy(b)),
            loc: a.loc.clone(),
        }),
        _ => Err(Diagnostic::at(
            &b.loc,
            "`allOf` gives a bound in two forms that cannot be combined",
        )
        .with_note(&a.loc, "the other bound")),
    }
}

fn multiple_of(a: &Json, b: &Json) -> Result<Json, Diagnostic> {
    let (Some(x), Some(y)) = (number(a), number(b)) else {
        return Err(Diagnostic::at(&b.loc, "`multipleOf` must be a number"));
    };
    let divides = |big: f64, small: f64| small > 0.0 && (big / small).fract() == 0.0;
    if divides(x, y) {
        Ok(a.clone())
    } else if divides(y, x) {
        Ok(b.clone())
    } else {
        Err(Diagnostic::at(
            &b.loc,
            format!("`allOf` asks for multiples of both {x} and {y}, which tracktype cannot write as one `multipleOf`"),
        )
        .with_note(&a.loc, "the other `multipleOf`")
        .with_hint("use their least common multiple"))
    }
}
