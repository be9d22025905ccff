//! The published JSON Schema of the catalog format (`catalog/catalog.schema.json`, what editors
//! read through a catalog's `$schema` line) accepts the embedded catalog and rejects what the
//! loader rejects, as Ajv reads it: the validator most editors and CI tools use. (That the schema
//! allows exactly the keys the loader accepts is a unit test of the library.)

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{root, run_ok};
use crate::typescript::{node_with_packages, project};

const PURPOSE: &str = "the catalog schema's check";

/// Each YAML document as JSON in `dir`, and what Ajv says of each: its errors.
fn ajv_errors(documents: &[(String, String)], dir: &Path) -> Option<Vec<(String, Vec<String>)>> {
    let node = node_with_packages(PURPOSE)?;
    let mut paths = Vec::new();
    for (i, (name, yaml)) in documents.iter().enumerate() {
        let json: Value =
            serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{name} is not YAML: {e}"));
        let path = dir.join(format!("{i}.json"));
        std::fs::write(&path, json.to_string()).unwrap();
        paths.push(path);
    }
    let report: Value = serde_json::from_str(&run_ok(
        Command::new(node)
            .arg(project().join("check-schema.mjs"))
            .arg(root().join("catalog/catalog.schema.json"))
            .args(&paths),
        "node check-schema.mjs",
    ))
    .expect("check-schema.mjs prints JSON");
    Some(
        documents
            .iter()
            .zip(&paths)
            .map(|((name, _), path)| {
                let errors = report[path.to_str().unwrap()]
                    .as_array()
                    .expect("a report per document")
                    .iter()
                    .map(|e| e.as_str().unwrap().to_owned())
                    .collect();
                (name.clone(), errors)
            })
            .collect(),
    )
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn every_embedded_catalog_file_validates_against_the_schema() {
    let mut files = Vec::new();
    yaml_files(&root().join("catalog"), &mut files);
    files.sort();
    assert!(files.len() >= 5, "the embedded catalog's files: {files:?}");
    let documents: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read_to_string(f).unwrap()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let Some(report) = ajv_errors(&documents, dir.path()) else {
        return;
    };
    for (name, errors) in report {
        assert!(
            errors.is_empty(),
            "{name} does not match catalog.schema.json:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn the_schema_rejects_a_typo_the_loader_rejects() {
    let typo = "events:\n  - name: A\n    properties:\n      - name: x\n        type: string\n        requried: true\n";
    let dir = tempfile::tempdir().unwrap();
    let Some(report) = ajv_errors(&[("typo.yaml".into(), typo.into())], dir.path()) else {
        return;
    };
    let errors = &report[0].1;
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/events/0/properties/0: must NOT have additional properties")),
        "{errors:?}"
    );
}
