//! The published JSON Schema of the catalog format agrees with the loader: every catalog file
//! validates, and each kind of entry allows exactly the keys the loader accepts.

use super::embedded;
use super::raw::key_sets;

fn schema() -> serde_json::Value {
    serde_json::from_str(embedded::SCHEMA).expect("catalog.schema.json is JSON")
}

#[test]
fn every_embedded_catalog_file_validates_against_the_schema() {
    let validator = jsonschema::draft7::new(&schema()).expect("the schema compiles");
    for (path, text) in embedded::FILES {
        let doc: serde_json::Value = serde_saphyr::from_str(text).expect("catalog files are YAML");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "{path} does not match catalog.schema.json:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn the_schema_rejects_a_typo_the_loader_rejects() {
    let validator = jsonschema::draft7::new(&schema()).unwrap();
    let doc: serde_json::Value =
        serde_saphyr::from_str("events:\n  - name: A\n    properties:\n      - name: x\n        type: string\n        requried: true\n").unwrap();
    assert!(!validator.is_valid(&doc));
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
