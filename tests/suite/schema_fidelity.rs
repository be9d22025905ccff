//! Real tracking plans in, nothing lost: every JSON Schema construct production plans use is
//! kept, and what cannot be kept is a located warning (`tests/data/plans/fidelity-*.json`,
//! `tests/data/plans/unsupported.json`). The fixture plans' generated code is compiled and
//! driven with a sample for every union alternative in the random catalogs' batches.

use serde_json::Value;

use crate::support::{dir_with, path_of, root, tracktype, tracktype_in};

fn plan(name: &str) -> String {
    path_of(&root().join("tests/data/plans").join(name))
}

fn catalog_of(plan: &str) -> Value {
    let run = tracktype(&["--plan", plan, "--no-default-catalog", "catalog"]).success();
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn both_formats_of_the_fidelity_fixture_give_the_same_catalog() {
    let public = catalog_of(&plan("fidelity-public-api.json"));
    let config = catalog_of(&plan("fidelity-config-api.json"));
    assert_eq!(public, config);
    assert_eq!(public["events"].as_array().unwrap().len(), 12);
}

/// Every keyword the issue lists, as export writes it.
const KEPT: [&str; 22] = [
    "\"oneOf\"",
    "\"anyOf\"",
    "\"additionalProperties\": {",
    "\"additionalProperties\": false",
    "\"patternProperties\"",
    "\"additionalItems\"",
    "\"items\": [",
    "\"multipleOf\"",
    "\"minItems\"",
    "\"maxItems\"",
    "\"uniqueItems\"",
    "\"minProperties\"",
    "\"maxProperties\"",
    "\"exclusiveMinimum\"",
    "\"exclusiveMaximum\"",
    "\"dependencies\"",
    "\"title\"",
    "\"examples\"",
    "\"default\"",
    "\"deprecated\"",
    "\"enum\": [\n",
    "\"$ref\": \"#/definitions/Address\"",
];

#[test]
fn import_then_export_keeps_every_keyword() {
    for fixture in ["fidelity-public-api.json", "fidelity-config-api.json"] {
        let dir = dir_with(&[]);
        let catalog = dir.path().join("catalog.yaml");
        tracktype(&["import", &plan(fixture), "-o", &path_of(&catalog)]).success();
        let from_plan = tracktype(&[
            "--plan",
            &plan(fixture),
            "--no-default-catalog",
            "export",
            "--all",
        ])
        .success()
        .stdout;
        let from_import = tracktype(&[
            "--catalog",
            &path_of(&catalog),
            "--no-default-catalog",
            "export",
            "--all",
        ])
        .success()
        .stdout;
        assert_eq!(
            from_plan, from_import,
            "{fixture}: export after import differs"
        );
        for keyword in KEPT {
            assert!(
                from_plan.contains(keyword),
                "{fixture}: export lost {keyword}:\n{from_plan}"
            );
        }
        // And the exported plan reads back into the same catalog.
        let exported = dir.path().join("exported.json");
        std::fs::write(&exported, &from_plan).unwrap();
        let again = catalog_of(&path_of(&exported));
        let original = catalog_of(&plan(fixture));
        assert_eq!(
            again["events"].as_array().unwrap().len(),
            original["events"].as_array().unwrap().len()
        );
        for (a, b) in again["events"]
            .as_array()
            .unwrap()
            .iter()
            .zip(original["events"].as_array().unwrap())
        {
            assert_eq!(a["properties"], b["properties"], "{}", a["name"]);
            assert_eq!(a["rules"], b["rules"], "{}", a["name"]);
        }
    }
}

/// The warnings `unsupported.json` must produce: place, and words of the message.
const EXPECTED_WARNINGS: [(&str, &str); 16] = [
    ("12:47", "`not` is not supported"),
    ("15:17", "`if` is not supported"),
    ("16:17", "`then` is not supported"),
    ("18:46", "`contains` is not supported"),
    ("19:44", "`propertyNames` is not supported"),
    ("20:43", "unknown keyword `maxLenght` is ignored"),
    (
        "21:66",
        "`properties` applies to object values, but the schema's type is string",
    ),
    ("22:26", "the schema `false` allows no value at all"),
    ("23:63", "enum value 1 is not of the schema's type string"),
    (
        "24:99",
        "`additionalItems` without a list of `items` has no effect",
    ),
    (
        "25:39",
        "`minLength` without `type` constrains only string values",
    ),
    (
        "29:41",
        "TypeScript cannot type the other keys of an object",
    ),
    (
        "31:37",
        "a value that is an array or an object has no literal type",
    ),
    (
        "35:17",
        "`dependencies` with schemas (dependent schemas) is not supported",
    ),
    (
        "49:22",
        "the alternatives of event `Either Or` are read as one set of properties",
    ),
    ("62:11", "a common rule's `context` is not kept"),
];

#[test]
fn each_unsupported_construct_is_a_located_warning_naming_its_json_pointer() {
    let dir = dir_with(&[]);
    let run = tracktype(&[
        "--plan",
        &plan("unsupported.json"),
        "--no-default-catalog",
        "gen",
        "--lang",
        "ts",
        "--out",
        &path_of(&dir.path().join("out")),
    ])
    .success();
    for (place, words) in EXPECTED_WARNINGS {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(&format!("unsupported.json:{place}: warning: ")))
            .unwrap_or_else(|| panic!("no warning at {place}:\n{}", run.stderr));
        assert!(line.contains(words), "{line}");
        assert!(
            line.contains("(at /rules/"),
            "the JSON pointer is named: {line}"
        );
    }
    assert!(run.stderr.contains("16 warnings"), "{}", run.stderr);
    assert!(dir.path().join("out/index.ts").exists());

    // A warning about TypeScript alone does not concern the Rust output.
    let rust = tracktype(&[
        "--plan",
        &plan("unsupported.json"),
        "--no-default-catalog",
        "gen",
        "--lang",
        "rust",
        "--out",
        &path_of(&dir.path().join("rust")),
    ])
    .success();
    assert!(
        !rust.stderr.contains("TypeScript cannot type"),
        "{}",
        rust.stderr
    );
    assert!(rust.stderr.contains("15 warnings"), "{}", rust.stderr);
}

#[test]
fn deny_warnings_makes_them_errors_and_writes_nothing() {
    let dir = dir_with(&[]);
    let out = dir.path().join("out");
    let run = tracktype(&[
        "--plan",
        &plan("unsupported.json"),
        "--no-default-catalog",
        "gen",
        "--lang",
        "swift",
        "--deny-warnings",
        "--out",
        &path_of(&out),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("unsupported.json:12:47: error: `not` is not supported")
    );
    assert!(run.stderr.contains("warnings are errors here"));
    assert!(!out.exists(), "nothing is written");

    // The same through the project file.
    let project = dir_with(&[(
        "tracktype.yaml",
        &format!(
            "deny_warnings: true\nplans: [{}]\ndefault_catalog: false\ntargets:\n  - name: web\n    lang: ts\n    out: web\n",
            plan("unsupported.json")
        ),
    )]);
    let run = tracktype_in(Some(project.path()), &["gen"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!project.path().join("web").exists(), "nothing is written");
    // Without it, the warnings are printed and the files written.
    let run = tracktype_in(
        Some(project.path()),
        &["--config", "tracktype.yaml", "gen", "--target", "web"],
    );
    assert_eq!(run.code, 2);
    std::fs::write(
        project.path().join("tracktype.yaml"),
        format!(
            "plans: [{}]\ndefault_catalog: false\ntargets:\n  - name: web\n    lang: ts\n    out: web\n",
            plan("unsupported.json")
        ),
    )
    .unwrap();
    let run = tracktype_in(Some(project.path()), &["gen"]).success();
    assert!(run.stderr.contains("16 warnings"), "{}", run.stderr);
    assert!(project.path().join("web/index.ts").exists());
}

#[test]
fn typewriters_e2e_plan_has_nothing_to_warn_about() {
    let Some(plans) = crate::support::typewriter_plans() else {
        return;
    };
    for (name, path) in plans {
        let run =
            tracktype(&["--plan", &path_of(&path), "--no-default-catalog", "catalog"]).success();
        assert!(!run.stderr.contains("warning"), "{name}: {}", run.stderr);
    }
}
