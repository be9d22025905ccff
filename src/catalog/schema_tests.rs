//! The published JSON Schema of the catalog format agrees with the loader: each kind of entry
//! allows exactly the keys the loader accepts. (That every embedded file validates, as Ajv reads
//! the schema, is checked by the suite's `catalog_schema`.)

use super::embedded;
use super::raw::key_sets;

fn schema() -> serde_json::Value {
    serde_json::from_str(embedded::SCHEMA).expect("catalog.schema.json is JSON")
}

#[test]
fn the_schema_allows_exactly_the_keys_the_loader_accepts() {
    let schema = schema();
    let keys_of = |pointer: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(pointer)
            .and_then(|p| p.as_object())
            .unwrap_or_else(|| panic!("{pointer} missing"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    for (kind, loader_keys) in key_sets() {
        let pointer = match kind {
            "document" => "/properties".to_owned(),
            "node" => "/definitions/type_keys/properties".to_owned(),
            other => format!("/definitions/{other}/properties"),
        };
        let schema_keys = keys_of(&pointer);
        assert_eq!(schema_keys, loader_keys, "keys of {kind}");
    }
}
