//! JSON in one canonical form, so that a pulled plan is the same bytes whatever order the API
//! returns keys and rules in, and comparisons see meaning, not layout.

use serde_json::{Map, Value};

/// `value` with the keys of every object sorted (arrays keep their order: it can mean
/// something, as in an `enum`).
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let sorted: Map<String, Value> = keys
                .into_iter()
                .filter_map(|k| map.get(k).map(|v| (k.clone(), sorted(v))))
                .collect();
            Value::Object(sorted)
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Sorted keys, two-space indentation, and a final newline.
pub fn text(value: &Value) -> String {
    let mut out = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    out.push('\n');
    out
}

/// Whether two JSON values mean the same: objects regardless of key order, numbers by value
/// (`1` and `1.0` are the same minimum).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        (Value::Number(x), Value::Number(y)) => {
            x == y || matches!((x.as_f64(), y.as_f64()), (Some(p), Some(q)) if p == q)
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_is_the_same_whatever_the_key_order() {
        let a: Value = serde_json::from_str(r#"{"b": 1, "a": {"y": [3, 1], "x": null}}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a": {"x": null, "y": [3, 1]}, "b": 1}"#).unwrap();
        assert_eq!(text(&a), text(&b));
        assert_eq!(
            text(&a),
            "{\n  \"a\": {\n    \"x\": null,\n    \"y\": [\n      3,\n      1\n    ]\n  },\n  \"b\": 1\n}\n"
        );
    }

    #[test]
    fn sameness_is_semantic() {
        assert!(same(
            &json!({"a": 1, "b": [1, 2]}),
            &json!({"b": [1, 2], "a": 1.0})
        ));
        assert!(!same(&json!({"b": [1, 2]}), &json!({"b": [2, 1]})));
        assert!(!same(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(!same(&json!("1"), &json!(1)));
    }
}
